import Foundation
import Testing

/// SARIF from the real binary: GitHub's checker (when `../shared` is beside the
/// repository) and the invariants code scanning relies on, checked here in Swift.
@Suite struct CLISARIFTests {
    static let inputs = ["samples/", "samples/healthy", "samples/risky", "samples/risky-json"]
    static let checker = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/tools/sarif_check.py")
    static var hasChecker: Bool { FileManager.default.fileExists(atPath: checker.path) }

    static func sarif(_ input: String) throws -> [UInt8] {
        let r = try CLI.lint([input], ["--format", "sarif", "--fail-on", "none"])
        #expect(r.status == 0, "\(r.err)")
        return r.stdout
    }

    @Test(.enabled(if: hasChecker, "../shared/tools/sarif_check.py not found"), arguments: inputs)
    func passesSarifCheck(input: String) throws {
        let dir = try Scratch()
        let file = try dir.write("credlint.sarif", try Self.sarif(input))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Self.checker.path, file]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "sarif_check.py: \(text)")
    }

    @Test(arguments: inputs)
    func resultsAreWellFormed(input: String) throws {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(try Self.sarif(input))) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.map { $0["id"] as? String ?? "" }
        #expect(Set(ruleIDs).count == ruleIDs.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(input == "samples/healthy" ? results.isEmpty : !results.isEmpty)
        for r in results {
            let id = try #require(r["ruleId"] as? String)
            let index = try #require(r["ruleIndex"] as? Int)
            #expect(index >= 0 && index < ruleIDs.count && ruleIDs[index] == id, "\(id) at ruleIndex \(index)")
            let hash = (r["partialFingerprints"] as? [String: Any])?["primaryLocationLineHash"] as? String
            #expect(hash?.isEmpty == false, "\(id) has no primaryLocationLineHash")
            let locations = try #require(r["locations"] as? [[String: Any]])
            #expect(locations.count == 1)
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            #expect(!uri.hasPrefix("/") && !uri.contains("://") && !uri.contains("arn:"), "\(uri)")
            #expect(uri.hasPrefix("samples/"), "\(uri)")
            let region = try #require(physical["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1)
        }
        let category = (run["automationDetails"] as? [String: Any])?["id"] as? String
        let accounts = Set(results.compactMap { r in
            ((r["properties"] as? [String: Any])?["accountId"] as? String)
        })
        switch input {
        case "samples/healthy": #expect(category == "credlint/111111111111/")
        case "samples/risky": #expect(category == "credlint/222222222222/"); #expect(accounts == ["222222222222"])
        case "samples/risky-json": #expect(category == "credlint/333333333333/"); #expect(accounts == ["333333333333"])
        default: #expect(category?.hasPrefix("credlint/") == true); #expect(accounts.count == 2)
        }
    }
}
