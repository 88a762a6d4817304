import Foundation
import Testing

/// `.credlint.yml` exemptions and baselines, end to end.
@Suite struct CLIExemptionBaselineTests {
    static let etl = "arn:aws:iam::222222222222:user/svc/etl-runner"
    static let cl205 = "high CL205 access-key-very-old: Access key 1 of 'etl-runner'"

    static func config(_ dir: Scratch, _ exemptions: [String]) throws -> String {
        try dir.write("credlint.yml", "exemptions:\n" + exemptions.joined())
    }

    static func exemption(rule: String = "CL205", principal: String = etl, slot: String? = "access_key_1", expires: String = "2027-01-31") -> String {
        "  - rule: \(rule)\n    principal: \(principal)\n" + (slot.map { "    slot: \($0)\n" } ?? "")
            + "    reason: ETL moves to a role in January (TICKET-123)\n    expires: \(expires)\n"
    }

    static func sarifResults(_ bytes: [UInt8]) throws -> [[String: Any]] {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        return try #require(runs.first?["results"] as? [[String: Any]])
    }

    @Test func exemptionSuppressesAFinding() throws {
        let dir = try Scratch()
        let config = try Self.config(dir, [Self.exemption()])
        let plain = try CLI.lint(["samples/risky"])
        #expect(plain.out.contains(Self.cl205))
        #expect(plain.out.contains("0 suppressed"))

        let r = try CLI.lint(["samples/risky"], ["--config", config])
        #expect(r.status == 1)
        #expect(!r.out.contains(Self.cl205))
        #expect(r.out.contains("1 suppressed"))
        #expect(!r.out.contains("matched no finding"))

        let sarif = try CLI.lint(["samples/risky"], ["--config", config, "--format", "sarif", "--include-suppressed"])
        let results = try Self.sarifResults(sarif.stdout)
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        let s = try #require(suppressed.first)
        #expect(s["ruleId"] as? String == "CL205")
        let entry = try #require((s["suppressions"] as? [[String: Any]])?.first)
        #expect(entry["kind"] as? String == "external")
        #expect(entry["justification"] as? String == "ETL moves to a role in January (TICKET-123)")
        // Without --include-suppressed the result is left out.
        let hidden = try Self.sarifResults(try CLI.lint(["samples/risky"], ["--config", config, "--format", "sarif"]).stdout)
        #expect(hidden.count == results.count - 1)
        #expect(hidden.allSatisfy { $0["suppressions"] == nil })
    }

    @Test func expiredExemptionReopensItsFinding() throws {
        let dir = try Scratch()
        let config = try Self.config(dir, [Self.exemption(expires: "2026-10-01")])
        let r = try CLI.lint(["samples/risky"], ["--config", config])
        #expect(r.status == 1)
        #expect(r.out.contains(Self.cl205))
        #expect(r.out.contains("0 suppressed"))
        #expect(r.out.contains("\(config):2:5: warning: exemption CL205 '\(Self.etl)' [access_key_1] expired on 2026-10-01"))
        #expect(r.out.contains("1 exemption expired"))
    }

    @Test func exemptionMatchingNothingIsStale() throws {
        let dir = try Scratch()
        let config = try Self.config(dir, [Self.exemption(), Self.exemption(rule: "CL203", principal: "arn:aws:iam::222222222222:user/nobody", slot: nil)])
        let r = try CLI.lint(["samples/risky"], ["--config", config])
        #expect(r.status == 1)
        #expect(r.out.contains("\(config):7:5: note: exemption CL203 'arn:aws:iam::222222222222:user/nobody' matched no finding"))
        #expect(!r.out.contains("CL205' matched no finding"))
    }

    @Test func exemptionNamingAnUnknownRuleIsAnError() throws {
        let dir = try Scratch()
        let config = try Self.config(dir, [Self.exemption(rule: "CL2O5")])
        let r = try CLI.lint(["samples/risky"], ["--config", config, "--output", "sarif=\(dir.path)/out.sarif"])
        #expect(r.status == 2)
        #expect(r.errLines == ["\(config):2:5: error: exemption names unknown rule 'CL2O5' (did you mean 'CL205'?)"])
        #expect(r.stdout.count == 0, "stdout: \(r.out.prefix(200))")
        #expect(!dir.exists("out.sarif"))
    }

    @Test func baselineOfUnchangedInputHidesEverything() throws {
        let dir = try Scratch()
        let baseline = "\(dir.path)/b.json"
        let write = try CLI.lint(["samples/risky"], ["--write-baseline", baseline])
        #expect(write.status == 1)
        #expect(dir.exists("b.json"))
        let text = try String(contentsOfFile: baseline, encoding: .utf8)
        #expect(!text.contains("/tmp/") && text.contains("\"ruleId\": \"CL101\""))

        let r = try CLI.lint(["samples/risky"], ["--baseline", baseline])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("no findings"))
        #expect(r.out.contains("33 unchanged from baseline"))  // 30 + CL307/CL209 on etl-runner, CL308 on partner-audit, CL302 on breakglass, - CL204 on etl-runner (CL205 alone)
        let sarif = try CLI.lint(["samples/risky"], ["--baseline", baseline, "--format", "sarif"])
        #expect(sarif.status == 0)
        #expect(try Self.sarifResults(sarif.stdout).isEmpty)
    }

    @Test func sarifResultsCarryBaselineState() throws {
        let dir = try Scratch()
        let baseline = "\(dir.path)/b.json"
        _ = try CLI.lint(["samples/risky"], ["--write-baseline", baseline])
        // Four months later more keys and passwords have aged past their limits.
        let later = try CLI.run(["lint", "samples/risky", "--as-of", "2027-03-28T12:00:00Z", "--baseline", baseline, "--format", "sarif"])
        let results = try Self.sarifResults(later.stdout)
        #expect(!results.isEmpty)
        #expect(results.allSatisfy { $0["baselineState"] as? String == "new" }, "\(results.map { $0["baselineState"] ?? "nil" })")
        #expect(later.status == 0, "the new findings are medium and low: \(later.err)")
        // Without a baseline there is no baselineState at all.
        let plain = try Self.sarifResults(try CLI.lint(["samples/risky"], ["--format", "sarif"]).stdout)
        #expect(plain.allSatisfy { $0["baselineState"] == nil })
    }
}
