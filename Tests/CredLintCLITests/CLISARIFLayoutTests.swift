import Foundation
import Testing

/// `--output sarif=DIR/`: SARIF for any number of accounts within GitHub's limits
/// (docs/organizations.md#sarif-layout-and-githubs-limits).
@Suite struct CLISARIFLayoutTests {
    /// `n` accounts, each with the same credential report (root, a console user without MFA,
    /// an old two-key user, an idle user): 10 findings each, 2 critical, 4 high, 3 medium, 1 low.
    static func accounts(_ n: Int, in dir: Scratch, under folder: String = "org") throws -> [String] {
        var ids: [String] = []
        for i in 0..<n {
            let a = String(100_000_000_000 + i * 7_919)
            ids.append(a)
            let rows = [
                "<root_account>,arn:aws:iam::\(a):root,2020-01-01T00:00:00+00:00,not_supported,2025-06-01T00:00:00+00:00,not_supported,"
                    + "not_supported,false,true,2020-01-01T00:00:00+00:00,2026-11-01T00:00:00+00:00,us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
                "nomfa,arn:aws:iam::\(a):user/nomfa,2024-01-01T00:00:00+00:00,true,2026-11-20T00:00:00+00:00,2024-01-01T00:00:00+00:00,"
                    + "N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
                "oldkey,arn:aws:iam::\(a):user/oldkey,2023-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2023-01-01T00:00:00+00:00,"
                    + "2026-11-25T00:00:00+00:00,us-east-1,s3,true,2025-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A",
                "idle,arn:aws:iam::\(a):user/idle,2023-01-01T00:00:00+00:00,true,2025-01-01T00:00:00+00:00,2023-01-01T00:00:00+00:00,"
                    + "N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
            ]
            try dir.write("\(folder)/\(a)/credential-report.csv", ([Inputs.header] + rows).joined(separator: "\n") + "\n")
        }
        return ids
    }

    /// The runs of every layout file in `dir`, by file name.
    static func runs(_ dir: String) throws -> [String: [[String: Any]]] {
        var out: [String: [[String: Any]]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".sarif") {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(name))
            let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            out[name] = try #require(log["runs"] as? [[String: Any]])
        }
        return out
    }

    static func category(_ run: [String: Any]) -> String? {
        (run["automationDetails"] as? [String: Any])?["id"] as? String
    }

    static func results(_ run: [String: Any]) -> [[String: Any]] { run["results"] as? [[String: Any]] ?? [] }

    static func severity(_ result: [String: Any]) -> String { (result["properties"] as? [String: String])?["severity"] ?? "" }

    /// At 1,000 accounts (10,000 findings), one SARIF run keeps 5,000: the highest-severity
    /// across the Organization, so 250 accounts are left with their 2 criticals only. The layout
    /// gives each account its own run, and all 10 of every account's findings reach GitHub.
    @Test func everyAccountKeepsItsFindingsAtAThousandAccounts() throws {
        let dir = try Scratch()
        let ids = try Self.accounts(1_000, in: dir)
        let out = dir.url.appendingPathComponent("sarif").path + "/"
        let single = dir.url.appendingPathComponent("single.sarif").path
        let r = try CLI.lint([dir.url.appendingPathComponent("org").path],
                             ["--output", "sarif=\(out)", "--output", "sarif=\(single)", "--format", "json", "--fail-on", "none"])
        #expect(r.status == 0, "stderr: \(r.err)")

        let files = try Self.runs(out)
        #expect(files.keys.sorted() == (1...50).map { String(format: "credlint-%03d.sarif", $0) })
        #expect(files.values.allSatisfy { $0.count == 20 }, "20 runs a file (GitHub's limit)")
        let runs = files.keys.sorted().flatMap { files[$0]! }
        #expect(runs.compactMap(Self.category) == ids.map { "credlint/\($0)/" })
        let perAccount = runs.map { Self.results($0).count }
        #expect(perAccount.allSatisfy { $0 == 10 }, "every account keeps its 10 findings: \(Set(perAccount))")
        for (run, id) in zip(runs, ids) {
            let results = Self.results(run)
            #expect(results.map(Self.severity) == ["critical", "critical", "high", "high", "high", "high", "medium", "medium", "medium", "low"])
            for result in results {
                // The account is named by the result itself, not only by the run's category.
                let props = result["properties"] as? [String: String]
                #expect(props?["accountId"] == id)
                let location = (result["locations"] as? [[String: Any]])?.first
                let logical = (location?["logicalLocations"] as? [[String: Any]])?.first?["fullyQualifiedName"] as? String
                #expect(logical?.contains(":\(id):") == true || logical == "account:\(id)", "\(logical ?? "none")")
                let uri = ((location?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
                #expect(uri?.hasSuffix("\(id)/credential-report.csv") == true, "\(uri ?? "none")")
                #expect((result["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"] != nil)
            }
        }

        // The one-run file, for comparison: 5,000 results; the last 250 accounts keep 2 of 10.
        let one = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: single))) as? [String: Any])
        let oneRuns = try #require(one["runs"] as? [[String: Any]])
        #expect(oneRuns.count == 1 && Self.category(oneRuns[0]) == "credlint/")
        var kept: [String: Int] = [:]
        for result in Self.results(oneRuns[0]) { kept[(result["properties"] as? [String: String])?["accountId"] ?? "", default: 0] += 1 }
        #expect(kept.values.reduce(0, +) == 5_000)
        #expect(ids.filter { kept[$0] == 2 }.count == 250)

        // --max-results caps each run, the most severe kept: the 2 criticals and 1 high.
        let capped = dir.url.appendingPathComponent("capped").path + "/"
        let c = try CLI.lint([dir.url.appendingPathComponent("org").path],
                             ["--output", "sarif=\(capped)", "--max-results", "3", "--format", "json", "--fail-on", "none"])
        #expect(c.status == 0, "stderr: \(c.err)")
        let cappedRuns = try Self.runs(capped).values.flatMap { $0 }
        #expect(cappedRuns.count == 1_000)
        #expect(cappedRuns.allSatisfy { Self.results($0).map(Self.severity) == ["critical", "critical", "high"] })
    }

    /// Growing from 19 to 21 accounts crosses the 20-runs-a-file limit: a second file appears,
    /// but every account keeps its category and its run, so no alert closes or duplicates.
    /// Shrinking back removes the file no longer needed, so an upload of the folder never
    /// sends a stale run.
    @Test func anAccountsCategoryIsTheSameAtNineteenAndTwentyOneAccounts() throws {
        let dir = try Scratch()
        let ids = try Self.accounts(21, in: dir, under: "spare")
        let fm = FileManager.default
        try fm.createDirectory(at: dir.url.appendingPathComponent("org"), withIntermediateDirectories: true)
        func move(_ id: String, into: String) throws {
            try fm.moveItem(at: dir.url.appendingPathComponent("\(into == "org" ? "spare" : "org")/\(id)"),
                            to: dir.url.appendingPathComponent("\(into)/\(id)"))
        }
        func lint() throws -> [String: [[String: Any]]] {
            let r = try CLI.run(["lint", "org", "--as-of", CLI.asOf, "--output", "sarif=out/", "--fail-on", "none", "--format", "json"], cwd: dir.url)
            #expect(r.status == 0, "stderr: \(r.err)")
            return try Self.runs(dir.url.appendingPathComponent("out").path)
        }
        for id in ids.prefix(19) { try move(id, into: "org") }
        try dir.write("out/notes.txt", "not credlint's\n")
        let nineteen = try lint()
        #expect(nineteen.keys.sorted() == ["credlint-001.sarif"])
        let before = try Data(contentsOf: dir.url.appendingPathComponent("out/credlint-001.sarif"))

        for id in ids.suffix(2) { try move(id, into: "org") }
        let twentyOne = try lint()
        #expect(twentyOne.keys.sorted() == ["credlint-001.sarif", "credlint-002.sarif"])
        let all = twentyOne.keys.sorted().flatMap { twentyOne[$0]! }
        #expect(all.compactMap(Self.category) == ids.map { "credlint/\($0)/" })
        for (old, id) in zip(nineteen["credlint-001.sarif"]!, ids) {
            #expect(Self.category(old) == "credlint/\(id)/")
            let new = try #require(all.first { Self.category($0) == Self.category(old) })
            #expect(NSDictionary(dictionary: new).isEqual(to: old), "account \(id): same run at 19 and 21 accounts")
        }

        for id in ids.suffix(2) { try move(id, into: "spare") }
        #expect(try lint().keys.sorted() == ["credlint-001.sarif"], "the second file is removed once not needed")
        #expect(try Data(contentsOf: dir.url.appendingPathComponent("out/credlint-001.sarif")) == before)
        #expect(dir.exists("out/notes.txt"), "files that are not the layout's are left alone")

        // One account: the same category as a one-account credlint.sarif, so moving to the
        // layout keeps its alerts.
        for id in ids.dropFirst().prefix(18) { try move(id, into: "spare") }
        let r = try CLI.run(["lint", "org", "--as-of", CLI.asOf, "--format", "sarif", "--fail-on", "none"], cwd: dir.url)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        #expect(((log["runs"] as? [[String: Any]])?.first).flatMap(Self.category) == "credlint/\(ids[0])/")
        #expect(try lint()["credlint-001.sarif"]?.compactMap(Self.category) == ["credlint/\(ids[0])/"])
    }

    @Test func anInputErrorWritesNoLayoutAndBadLayoutOutputsAreUsageErrors() throws {
        let dir = try Scratch()
        _ = try Self.accounts(2, in: dir)
        try dir.write("org/broken/account-authorization-details.json", "{\"UserDetailList\": [\n")
        let out = dir.url.appendingPathComponent("out").path + "/"
        let r = try CLI.lint([dir.url.appendingPathComponent("org").path], ["--output", "sarif=\(out)"])
        #expect(r.status == 2, "stderr: \(r.err)")
        #expect(!FileManager.default.fileExists(atPath: out), "no SARIF folder on exit 2, not even an empty one")

        let json = try CLI.lint(["samples/healthy"], ["--output", "json=\(out)"])
        #expect(json.status == 2)
        #expect(json.errLines == ["error: cannot write '\(out)': it names a directory, expected a file path"], "\(json.err)")
        let both = try CLI.lint(["samples/healthy"], ["--output", "sarif=\(out){account}/"])
        #expect(both.status == 2)
        #expect(both.errLines.count == 1 && both.err.contains("drop '{account}'"), "\(both.err)")
    }
}
