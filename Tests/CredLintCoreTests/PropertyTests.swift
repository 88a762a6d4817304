import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine
@testable import CredLintReport

// Property tests with a seeded generator (no dependencies): random valid
// credential reports parse back field for field, `lint` evaluates every row,
// and SARIF for random findings is structurally valid. A failure prints the
// seed; rerun one case with `PropertyRNG(seed:)`.

/// SplitMix64: small, fast, and the same sequence on every platform. The one seeded
/// generator of the test suite.
struct PropertyRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
    /// 0..<n (0 when n is not positive).
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
}

/// One generated report: its text, the fields of every record, and the rows the parser must return.
struct GeneratedReport {
    var text: String
    var records: [[String]]
    var rows: [CredentialReportRow]
    var accountID: String

    static let header = ["user", "arn", "user_creation_time", "password_enabled", "password_last_used",
                         "password_last_changed", "password_next_rotation", "mfa_active", "access_key_1_active",
                         "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_1_last_used_region",
                         "access_key_1_last_used_service", "access_key_2_active", "access_key_2_last_rotated",
                         "access_key_2_last_used_date", "access_key_2_last_used_region",
                         "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated", "cert_2_active",
                         "cert_2_last_rotated"]

    /// Random quoting, `""` escapes, commas, line breaks and non-ASCII in user
    /// names, LF / CRLF / mixed line ends, an optional BOM and final newline.
    static func make(_ rng: inout PropertyRNG, maxUsers: Int = 12) -> GeneratedReport {
        let account = String((0..<12).map { _ in Character(String(rng.int(0...9))) })
        let eol = rng.pick(["\n", "\r\n", "mixed"])
        var text = rng.chance(30) ? "\u{FEFF}" : ""
        var records: [[String]] = [header]
        var rows: [CredentialReportRow] = []
        var line = 1

        func encode(_ fields: [String]) -> String {
            fields.map { f in
                let mustQuote = f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                    || f.isEmpty
                return mustQuote || rng.chance(15) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
            }.joined(separator: ",")
        }
        func lineBreaks(_ s: String) -> Int {
            // LF, CRLF and a lone CR each end a line (CRLF is one Character in Swift).
            s.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" || $1 == "\r" ? 1 : 0) }
        }
        func terminator() -> String { eol == "mixed" ? rng.pick(["\n", "\r\n"]) : eol }

        text += encode(header)
        let users = rng.int(0...maxUsers)
        let hasRoot = rng.chance(70)
        for i in 0..<(users + (hasRoot ? 1 : 0)) {
            text += terminator()
            line += 1
            let isRoot = hasRoot && i == 0
            let r = RowValues(rng: &rng, isRoot: isRoot, account: account, index: i)
            let fields = r.fields
            records.append(fields)
            rows.append(r.row(line: line))
            text += encode(fields)
            line += fields.reduce(0) { $0 + lineBreaks($1) }
        }
        if rng.chance(60) { text += terminator() }
        return GeneratedReport(text: text, records: records, rows: rows, accountID: account)
    }
}

/// The values of one row, as text for the file and as the model the parser must produce.
struct RowValues {
    var user: String, arn: String, isRoot: Bool
    var cells: [(text: String, kind: Kind)] = []
    enum Kind { case date(Cell<Timestamp>), bool(Cell<Bool>), text(Cell<String>) }

    init(rng: inout PropertyRNG, isRoot: Bool, account: String, index: Int) {
        self.isRoot = isRoot
        if isRoot {
            user = "<root_account>"
            arn = "arn:aws:iam::\(account):root"
        } else {
            let pieces = ["alice", "bob", "o'brien", "a,b", "x\"y", "line\nbreak", "crlf\r\nname", "é", "名前", " space ",
                          "+=,.@_-", "\(index)"]
            user = (0..<rng.int(1...3)).map { _ in rng.pick(pieces) }.joined() + "\(index)"
            arn = "arn:aws:iam::\(account):user/" + (rng.chance(30) ? "path/" : "") + user
        }
        for column in GeneratedReport.header.dropFirst(2) {
            switch column {
            case "password_enabled", "mfa_active", "access_key_1_active", "access_key_2_active", "cert_1_active", "cert_2_active":
                switch rng.int(0...9) {
                case 0: cells.append(("not_supported", .bool(.unknown)))
                case 1: cells.append(("N/A", .bool(.notApplicable)))
                case 2...5: cells.append((rng.pick(["true", "TRUE", "True"]), .bool(.value(true))))
                default: cells.append((rng.pick(["false", "FALSE"]), .bool(.value(false))))
                }
            case "access_key_1_last_used_region", "access_key_2_last_used_region", "access_key_1_last_used_service",
                 "access_key_2_last_used_service":
                switch rng.int(0...3) {
                case 0: cells.append(("N/A", .text(.notApplicable)))
                default:
                    let v = rng.pick(["us-east-1", "eu-west-3", "iam", "s3", "sts"])
                    cells.append((v, .text(.value(v))))
                }
            default:
                switch rng.int(0...9) {
                case 0: cells.append(("N/A", .date(.notApplicable)))
                case 1: cells.append(("no_information", .date(.noInformation)))
                case 2: cells.append(("not_supported", .date(.unknown)))
                default:
                    let seconds = Int64(rng.int(0...2_000_000_000))
                    cells.append((RowValues.format(seconds), .date(.value(Timestamp(seconds: seconds)))))
                }
            }
        }
    }

    var fields: [String] { [user, arn] + cells.map(\.text) }

    func row(line: Int) -> CredentialReportRow {
        func d(_ i: Int) -> Cell<Timestamp> { if case .date(let c) = cells[i - 2].kind { return c }; fatalError("column \(i)") }
        func b(_ i: Int) -> Cell<Bool> { if case .bool(let c) = cells[i - 2].kind { return c }; fatalError("column \(i)") }
        func t(_ i: Int) -> Cell<String> { if case .text(let c) = cells[i - 2].kind { return c }; fatalError("column \(i)") }
        return CredentialReportRow(
            line: line, user: user, arn: arn, isRoot: isRoot, userCreationTime: d(2), passwordEnabled: b(3),
            passwordLastUsed: d(4), passwordLastChanged: d(5), passwordNextRotation: d(6), mfaActive: b(7),
            accessKey1: AccessKeySlot(slot: 1, active: b(8), lastRotated: d(9), lastUsedDate: d(10),
                                      lastUsedRegion: t(11), lastUsedService: t(12)),
            accessKey2: AccessKeySlot(slot: 2, active: b(13), lastRotated: d(14), lastUsedDate: d(15),
                                      lastUsedRegion: t(16), lastUsedService: t(17)),
            cert1: CertificateSlot(slot: 1, active: b(18), lastRotated: d(19)),
            cert2: CertificateSlot(slot: 2, active: b(20), lastRotated: d(21)))
    }

    /// `YYYY-MM-DDTHH:MM:SS+00:00` for seconds since 1970, via Howard Hinnant's civil_from_days
    /// (written here independently of the parser's days_from_civil).
    static func format(_ seconds: Int64) -> String {
        let days = seconds / 86_400, rest = seconds % 86_400
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))+00:00"
    }
}

@Suite("Properties")
struct PropertyTests {
    @Test func timestampFormatterAgreesWithKnownDates() {
        #expect(RowValues.format(0) == "1970-01-01T00:00:00+00:00")
        #expect(RowValues.format(951_782_400) == "2000-02-29T00:00:00+00:00")
        #expect(RowValues.format(1_764_331_200) == "2025-11-28T12:00:00+00:00")
    }

    @Test(arguments: 0..<8)
    func randomReportsRoundTripThroughTheReaderAndParser(_ batch: Int) throws {
        for k in 0..<40 {
            let seed = UInt64(batch * 1_000 + k)
            var rng = PropertyRNG(seed: seed)
            let report = GeneratedReport.make(&rng)
            let bytes = Array(report.text.utf8)

            // The CSV layer: every field of every record, whatever the chunk size.
            for chunk in [CSVReader.defaultChunkSize, rng.int(1...64)] {
                var records: [[String]] = []
                try CSVReader(bytes: bytes, path: "p.csv", chunkSize: chunk).forEachRecord { records.append($0.fields) }
                #expect(records == report.records, "seed \(seed), chunk \(chunk)")
            }

            // The report layer: every typed row, with its line.
            var rows: [CredentialReportRow] = []
            var notes: [Note] = []
            let stats = try CredentialReportParser.parse(.bytes(bytes), path: "p.csv", notes: &notes) { rows.append($0) }
            #expect(stats.rowsRead == report.rows.count, "seed \(seed)")
            #expect(rows.count == report.rows.count, "seed \(seed)")
            for (got, want) in zip(rows, report.rows) where got != want {
                Issue.record("seed \(seed): row at line \(want.line) parsed as \(got), expected \(want)")
                break
            }
            #expect(notes.isEmpty, "seed \(seed): \(notes)")
            #expect(stats.firstAccountID == (report.rows.isEmpty ? nil : report.accountID), "seed \(seed)")
        }
    }

    static let catalog = Result { try RuleCatalog.standard(configuration: Configuration()) }

    @Test(arguments: 0..<4)
    func lintEvaluatesEveryRow(_ batch: Int) throws {
        let catalog = try Self.catalog.get()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-prop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for k in 0..<6 {
            let seed = UInt64(50_000 + batch * 100 + k)
            var rng = PropertyRNG(seed: seed)
            var report = GeneratedReport.make(&rng, maxUsers: 40)
            while report.rows.isEmpty { report = GeneratedReport.make(&rng, maxUsers: 40) }
            let file = dir.appendingPathComponent("report-\(seed).csv")
            try Data(report.text.utf8).write(to: file)
            let result = try LintRunner(catalog: catalog, configuration: Configuration(), asOf: Timestamp(seconds: 1_764_331_200),
                                        jobs: 1).run(paths: [file.path])
            #expect(result.accounts.count == 1, "seed \(seed)")
            #expect(result.accounts.first?.accountID == report.accountID, "seed \(seed)")
            #expect(result.accounts.first?.rowsRead == report.rows.count, "seed \(seed)")
            #expect(result.inputErrors.isEmpty)
        }
    }
}

@Suite("SARIF for random findings")
struct SARIFPropertyTests {
    static let checker = HardeningPaths.root.deletingLastPathComponent().appendingPathComponent("shared/tools/sarif_check.py").path

    /// A random report: rules from the catalogue, findings with awkward text and paths.
    /// Exempts about `percent` % of `findings` (expiring after every test clock).
    static func exemptSome(_ findings: inout [Finding], _ rng: inout PropertyRNG, percent: Int,
                           reason: String = "accepted") {
        for i in findings.indices where rng.chance(percent) {
            findings[i].suppression = Suppression(
                reason: reason, expires: Timestamp(seconds: 1_800_000_000 + Int64(i)),
                source: SourceLocation(path: ".credlint.yml", line: i + 1, column: 5))
        }
    }

    static func randomReport(_ rng: inout PropertyRNG) throws -> LintReport {
        let rules = try PropertyTests.catalog.get().enabled.map(\.descriptor)
        let texts = ["plain", "quote \" and backslash \\", "newline\nin message", "tab\tand ünïcödé 名", "<xml & \"json\">",
                     "trailing dot.", "", "{curly} [square]", "emoji 🙂", "control \u{01}"]
        let paths = ["samples/risky/GetCredentialReport.xml", "dir with space/report.csv", "ünï/名.xml", "stdin",
                     "a/../b/c.csv", "%41.csv", "report#1.csv", "/abs/outside/repo.csv"]
        var accounts: [AccountResult] = []
        for a in 0..<rng.int(1...3) {
            let account = "\(100_000_000_000 + a * 11_111)"
            var findings: [Finding] = []
            for _ in 0..<rng.int(0...25) {
                let rule = rng.pick(rules)
                let severity = rng.pick(Severity.allCases)
                let principal = rng.chance(20) ? "account:\(account)" : "arn:aws:iam::\(account):user/\(rng.pick(texts))"
                findings.append(Finding(
                    ruleID: rule.id, ruleName: rule.name, severity: severity, message: rng.pick(texts) + " " + rng.pick(texts),
                    accountID: account, principal: principal, principalName: rng.pick(texts),
                    slot: rng.pick(["", "password", "access_key_1", "access_key_2", "certificate_1"]),
                    location: SourceLocation(path: rng.pick(paths), line: rng.int(0...100_000), column: rng.int(0...300)),
                    properties: rng.chance(50) ? ["age_days": "\(rng.int(0...5000))", "note": rng.pick(texts)] : [:]))
            }
            findings.sort(by: Finding.outputOrder)
            accounts.append(AccountResult(accountID: account, asOf: Timestamp(seconds: 1_764_331_200), asOfSource: .flag,
                                          inputs: [rng.pick(paths)], rowsRead: rng.int(0...50), findings: findings,
                                          notes: rng.chance(30) ? [Note(rng.pick(texts), at: SourceLocation(path: rng.pick(paths)))] : []))
        }
        return LintReport(toolVersion: CredLintVersion.current, rules: rules, accounts: accounts)
    }

    @Test func randomFindingsGiveStructurallyValidSARIF() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var written: [String] = []
        for seed in UInt64(0)..<40 {
            var rng = PropertyRNG(seed: 90_000 + seed)
            let report = try Self.randomReport(&rng)
            let maxResults = rng.chance(20) ? rng.int(1...10) : 5_000
            let bytes = SARIFReporter.render(report, options: ReportOptions(maxResults: maxResults))
            try Self.checkStructure(bytes, report: report, maxResults: maxResults, seed: seed)
            let url = dir.appendingPathComponent("random-\(seed).sarif")
            try Data(bytes).write(to: url)
            written.append(url.path)
        }
        if FileManager.default.fileExists(atPath: Self.checker) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", Self.checker] + written
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = pipe
            try p.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(output)")
            #expect(output.contains("\(written.count) SARIF file(s) ok"), "\(output)")
        }
    }

    static func checkStructure(_ bytes: [UInt8], report: LintReport, maxResults: Int, seed: UInt64) throws {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], "seed \(seed)")
        #expect(root["version"] as? String == "2.1.0", "seed \(seed)")
        #expect((root["$schema"] as? String)?.contains("sarif") == true, "seed \(seed)")
        let runs = try #require(root["runs"] as? [[String: Any]], "seed \(seed)")
        #expect(runs.count == 1, "seed \(seed)")
        let run = try #require(runs.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any], "seed \(seed)")
        let rules = try #require(driver["rules"] as? [[String: Any]], "seed \(seed)")
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids.count == rules.count && Set(ids).count == ids.count, "seed \(seed): rule ids must be unique")
        for r in rules {
            let short = (r["shortDescription"] as? [String: Any])?["text"] as? String ?? ""
            #expect(!short.isEmpty, "seed \(seed)")
            #expect((r["helpUri"] as? String)?.hasPrefix("https://") == true, "seed \(seed)")
        }
        let results = try #require(run["results"] as? [[String: Any]], "seed \(seed)")
        let total = report.allFindings.count
        #expect(results.count == min(total, maxResults), "seed \(seed)")
        for res in results {
            let ruleID = try #require(res["ruleId"] as? String, "seed \(seed)")
            let index = try #require(res["ruleIndex"] as? Int, "seed \(seed)")
            #expect(index >= 0 && index < ids.count && ids[index] == ruleID, "seed \(seed): ruleIndex \(index) for \(ruleID)")
            #expect(["error", "warning", "note", "none"].contains(res["level"] as? String ?? ""), "seed \(seed)")
            let text = ((res["message"] as? [String: Any])?["text"] as? String) ?? ""
            #expect(!text.isEmpty, "seed \(seed): empty message")
            let fingerprints = res["partialFingerprints"] as? [String: String] ?? [:]
            #expect(fingerprints["credlint/v1"]?.isEmpty == false, "seed \(seed)")
            let location = try #require((res["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = ((location["artifactLocation"] as? [String: Any])?["uri"] as? String) ?? ""
            #expect(!uri.isEmpty && !uri.hasPrefix("/") && !uri.contains(" ") && !uri.contains("\\"), "seed \(seed): uri \(uri)")
            let region = location["region"] as? [String: Any] ?? [:]
            #expect((region["startLine"] as? Int ?? 0) >= 1 && (region["startColumn"] as? Int ?? 0) >= 1, "seed \(seed)")
        }
    }
}

/// Repository paths for tests in this target (this file is `Tests/CredLintCoreTests/PropertyTests.swift`).
enum HardeningPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
