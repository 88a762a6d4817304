import Testing
@testable import CredLintModel
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct ReporterGateTests {
    /// busy: open findings critical, high ×2, medium, low, info; one suppressed medium.
    @Test(arguments: [
        (Severity?.none, Int32(0)), (.critical, 1), (.high, 1), (.medium, 1), (.low, 1), (.info, 1),
    ])
    func thresholds(failOn: Severity?, code: Int32) {
        #expect(Gate.exitCode(report: ReporterFixtures.busy, failOn: failOn) == code)
    }

    @Test func onlyOpenFindingsAtOrAboveTheThresholdCount() {
        var report = ReporterFixtures.multi  // critical, low, medium
        report.accounts = report.accounts.map { a in
            var a = a
            a.setFindings(a.orderedFindings.filter { $0.severity != .critical })
            return a
        }
        #expect(Gate.exitCode(report: report, failOn: .high) == 0)
        #expect(Gate.exitCode(report: report, failOn: .medium) == 1)
        #expect(Gate.failing(report: report, failOn: .low).map(\.severity) == [.low, .medium])
        #expect(Gate.exitCode(report: ReporterFixtures.clean, failOn: .info) == 0)
    }

    @Test func suppressedAndBaselinedFindingsNeverFail() {
        var report = ReporterFixtures.clean
        var f = ReporterFixtures.finding("CL101", "root-access-key-active", .critical, "Root.", account: "111122223333",
                                         user: "<root_account>", slot: "access_key_1", line: 2)
        f.suppression = Suppression(reason: "r", expires: ReporterFixtures.t("2030-01-01"), source: SourceLocation(path: ".credlint.yml"))
        report.accounts[0].setFindings([f])
        #expect(Gate.exitCode(report: report, failOn: .info) == 0)

        f.suppression = nil
        report.accounts[0].setFindings([f])
        #expect(Gate.exitCode(report: report, failOn: .info) == 1)
        let baselined = Baseline(findings: [f]).apply(to: report)
        #expect(Gate.exitCode(report: baselined, failOn: .info) == 0)
        #expect(Gate.exitCode(report: Baseline(findings: []).apply(to: report), failOn: .info) == 1)
    }

    @Test func minSeverityDoesNotBlindTheGate() {
        // Reports filtered to critical still leave a high finding gating.
        let report = ReporterFixtures.busy
        #expect(report.reportedFindings(ReportOptions(minSeverity: .critical)).count == 1)
        #expect(Gate.failing(report: report, failOn: .high).count == 3)
    }

    @Test func expiredExemptionsFailOnlyWhenAsked() {
        var report = ReporterFixtures.clean
        report.expiredExemptions = ReporterFixtures.busy.expiredExemptions
        #expect(Gate.exitCode(report: report, failOn: .low) == 0)
        #expect(Gate.exitCode(report: report, failOn: .low, failOnExpiredExemptions: true) == 1)
    }
}
