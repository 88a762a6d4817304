import Foundation
import Testing
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct ReporterJSONTests {
    static func decode(_ report: LintReport, _ options: ReportOptions = ReportOptions()) throws -> JSONReporter.Document {
        try JSONDecoder().decode(JSONReporter.Document.self, from: Data(JSONReporter.render(report, options: options)))
    }

    @Test func documentShape() throws {
        let doc = try Self.decode(ReporterFixtures.busy)
        #expect(doc.version == 1)
        #expect(doc.findings.count == 6)
        #expect(doc.summary.counts.findings == 6)
        #expect(doc.summary.counts.suppressed == 1)
        #expect(doc.summary.counts.bySeverity == .init(critical: 1, high: 2, medium: 1, low: 1, info: 1))
        #expect(doc.summary.expiredExemptions == 1 && doc.summary.staleExemptions == 1)
        #expect(doc.accounts[0].skippedRules == [.init(ruleId: "CL501", ruleName: "password-policy-weak",
                                                        reason: "needs password_policy (GetAccountPasswordPolicy), not given")])
        #expect(doc.accounts[0].asOfSource == "--as-of")
        #expect(doc.accounts[0].reportGeneratedTime == "2025-12-31T23:00:00Z")
        #expect(doc.exemptions.stale.first?.slot == "access_key_1")
        let first = doc.findings[0]
        #expect(first.fingerprint == Fingerprint.of(ruleID: "CL101", accountID: "123456789012",
                                                    principal: "arn:aws:iam::123456789012:root", slot: "access_key_1"))
        #expect(first.location == .init(path: ReporterFixtures.busyCSV, line: 2, column: 1))
        #expect(first.suppression == nil && first.baselineState == nil)
    }

    @Test func suppressionAndBaselineStateWhenShown() throws {
        let report = Baseline(findings: []).apply(to: ReporterFixtures.busy)
        let doc = try Self.decode(report, ReportOptions(includeSuppressed: true))
        let s = try #require(doc.findings.first { $0.suppression != nil })
        #expect(s.suppression == .init(reason: "Quarterly batch job; key rotates with the job.", expires: "2026-06-30T00:00:00Z",
                                       source: .init(path: ".credlint.yml", line: 14, column: 5)))
        #expect(doc.findings.allSatisfy { $0.baselineState == "new" })
        #expect(doc.baseline == .init(path: "", entries: 0, absent: 0))
        #expect(doc.filters.includeSuppressed)
    }

    @Test func jsonIsNotCapped() throws {
        let doc = try Self.decode(ReporterFixtures.many(5_100))
        #expect(doc.findings.count == 5_100)
    }

    @Test func optionalKeysAreAbsentNotNull() {
        let text = String(decoding: JSONReporter.render(ReporterFixtures.multi), as: UTF8.self)
        #expect(!text.contains("null"))
        #expect(!text.contains("\"suppression\""))
        #expect(!text.contains("\"minSeverity\""))
    }
}
