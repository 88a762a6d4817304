import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct ReporterGitLabTests {
    static func decode(_ report: LintReport, _ options: ReportOptions = ReportOptions()) throws -> [[String: Any]] {
        let bytes = GitLabCodeQualityReporter.render(report, options: options)
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]])
    }

    @Test(arguments: [(Severity.critical, "blocker"), (.high, "critical"), (.medium, "major"), (.low, "minor"), (.info, "info")])
    func severityPerLevel(severity: Severity, level: String) {
        #expect(GitLabCodeQualityReporter.severity(severity) == level)
    }

    /// Repeats get the next free occurrence number, whether the fingerprint is credlint's
    /// (kept as a number) or any other string.
    @Test func usedFingerprintsNumberRepeatsLikeStrings() {
        var used = GitLabCodeQualityReporter.UsedFingerprints()
        let a = "0123456789abcdef:1", b = "0123456789abcdef:2"
        #expect(used.unique(a) == a)
        #expect(used.unique(a) == b)
        #expect(used.unique(b) == "0123456789abcdef:3")
        #expect(used.unique(a) == "0123456789abcdef:4")
        #expect(used.unique("fedcba9876543210:1") == "fedcba9876543210:1")
        #expect(used.unique("not-hex:1") == "not-hex:1")
        #expect(used.unique("not-hex:1") == "not-hex:2")
        #expect(used.unique("0123456789ABCDEF:1") == "0123456789ABCDEF:1")
        #expect(used.unique("0123456789ABCDEF:1") == "0123456789ABCDEF:2")
        #expect(GitLabCodeQualityReporter.UsedFingerprints.firstOccurrence(a) == 0x0123_4567_89ab_cdef)
        for other in ["0123456789abcdef:12", "0123456789abcdef", "0123456789abcde:1", "0123456789abcdef1:1", "0123456789abcdef:2"] {
            #expect(GitLabCodeQualityReporter.UsedFingerprints.firstOccurrence(other) == nil, "\(other)")
        }
    }

    /// The numbers' flat table against `Set<UInt64>`, through growth, with 0 and colliding cells.
    @Test(arguments: [0, 3, 5_000])
    func numberSetAgreesWithSet(expected: Int) {
        var rng = PropertyRNG(seed: UInt64(900 + expected))
        var mine = GitLabCodeQualityReporter.NumberSet(expected: expected)
        var reference = Set<UInt64>()
        for _ in 0..<20_000 {
            // Few distinct values (repeats), some 0, some sharing their low bits.
            let v: UInt64 = rng.chance(5) ? 0 : UInt64(rng.below(8_000)) << (rng.chance(50) ? 44 : 0)
            #expect(mine.contains(v) == reference.contains(v))
            if rng.chance(60) { mine.insert(v); reference.insert(v) }
        }
        for v in reference { #expect(mine.contains(v)) }
    }

    @Test func cleanReportIsAnEmptyArray() {
        #expect(String(decoding: GitLabCodeQualityReporter.render(ReporterFixtures.clean), as: UTF8.self) == "[]\n")
    }

    @Test func everyIssueHasTheFieldsGitLabRequires() throws {
        let issues = try Self.decode(ReporterFixtures.busy)
        // The exempted finding is left out, as in every format.
        #expect(issues.count == ReporterFixtures.busy.allFindings.count - 1)
        let levels: Set<String> = ["info", "minor", "major", "critical", "blocker"]
        for issue in issues {
            #expect(issue["type"] as? String == "issue")
            #expect((issue["description"] as? String)?.isEmpty == false)
            #expect((issue["check_name"] as? String)?.hasPrefix("CL") == true)
            #expect(levels.contains(issue["severity"] as? String ?? ""))
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String)?.isEmpty == false)
            let lines = try #require(location["lines"] as? [String: Any])
            #expect((lines["begin"] as? Int ?? 0) >= 1)
        }
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == issues.count)
    }

    @Test func firstIssueNamesRulePrincipalAndLocation() throws {
        let first = try #require(try Self.decode(ReporterFixtures.busy).first)
        let root = ReporterFixtures.busy.allFindings.first { $0.ruleID == "CL101" }!
        #expect(first["description"] as? String
                == "CL101 root-access-key-active: The root user has active access key 1 (last rotated 2019-01-01). (arn:aws:iam::123456789012:root [access_key_1])")
        #expect(first["fingerprint"] as? String == root.fingerprint)
        #expect(first["severity"] as? String == "blocker")
        let location = try #require(first["location"] as? [String: Any])
        #expect(location["path"] as? String == "reports/prod account/credential-report.csv")
        #expect((location["lines"] as? [String: Any])?["begin"] as? Int == 2)
    }

    @Test func descriptionsStayOnOneLine() throws {
        for issue in try Self.decode(ReporterFixtures.busy) {
            let d = try #require(issue["description"] as? String)
            #expect(!d.contains("\n"))
        }
    }

    @Test func includeSuppressedShowsTheExemption() throws {
        let issues = try Self.decode(ReporterFixtures.busy, ReportOptions(includeSuppressed: true))
        let suppressed = issues.filter { ($0["description"] as? String)?.contains("Suppressed until 2026-06-30") == true }
        #expect(suppressed.count == 1)
    }

    @Test func minSeverityHidesLowerFindings() throws {
        let issues = try Self.decode(ReporterFixtures.busy, ReportOptions(minSeverity: .high))
        #expect(issues.map { $0["severity"] as? String } == ["blocker", "critical", "critical"])
    }

    @Test func repeatedFingerprintsGetTheNextOccurrence() throws {
        var report = ReporterFixtures.clean
        let f = ReporterFixtures.finding("CL201", "console-user-without-mfa", .high, "x.", account: "111122223333",
                                         user: "a", line: 2, path: "r.csv")
        var g = f
        g.location = SourceLocation(path: "other/r.csv", line: 3)
        report.accounts[0].setFindings([f, g])
        let fingerprints = try Self.decode(report).compactMap { $0["fingerprint"] as? String }
        let base = f.fingerprint.dropLast(2)
        #expect(fingerprints == ["\(base):1", "\(base):2"])
    }

    @Test(arguments: [("./reports/a.csv", "reports/a.csv"), ("C:\\exports\\a.json", "C:/exports/a.json"),
                      ("/abs/x/../y.csv", "abs/y.csv"), ("a b/c:d.csv", "a b/c:d.csv")])
    func pathsAreRepositoryRelative(raw: String, expected: String) {
        #expect(GitLabCodeQualityReporter.path(raw) == expected)
    }

    @Test func findingWithoutPathPointsAtTheAccountsReport() throws {
        var report = ReporterFixtures.clean
        report.accounts[0].setFindings([ReporterFixtures.finding("CL201", "console-user-without-mfa", .high, "x.",
                                                                   account: "111122223333", user: "a", line: 1, path: "")])
        let location = try #require(try Self.decode(report).first?["location"] as? [String: Any])
        #expect(location["path"] as? String == "credential-report/111122223333.csv")
    }
}
