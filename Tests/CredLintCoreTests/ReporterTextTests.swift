import Testing
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct ReporterTextTests {
    @Test func colourOnlyWhenEnabled() {
        let plain = TextReporter.string(ReporterFixtures.busy)
        let coloured = TextReporter.string(ReporterFixtures.busy, options: ReportOptions(color: true))
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[1;31mcritical\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31mhigh\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33mmedium\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33mwarning\u{1B}[0m"))
        // Stripping the escapes gives the plain output back.
        #expect(Self.stripANSI(coloured) == plain)
    }

    @Test func findingLayout() {
        let text = TextReporter.string(ReporterFixtures.busy)
        #expect(text.contains("""
            reports/prod account/credential-report.csv:3: medium CL203 access-key-unused: Access key 1 of 'alice' was last used 61 days ago.
                principal: arn:aws:iam::123456789012:user/alice [access_key_1]
            """))
        #expect(text.hasPrefix("Account 123456789012: as of 2026-01-01T00:00:00Z (--as-of), 5 rows read from "))
        // Severity groups are separated by one blank line; findings of one severity are not.
        #expect(text.contains("[password]\nreports/prod account/credential-report.csv:4: high"))
        #expect(text.contains("[password]\n\nreports/prod account/credential-report.csv:3: medium"))
    }

    @Test func summaryLineCounts() {
        let last = TextReporter.string(ReporterFixtures.busy).split(separator: "\n").last.map(String.init)
        #expect(last == "1 account, 5 rows read: 6 findings (1 critical, 2 high, 1 medium, 1 low, 1 info), "
                + "1 suppressed, 1 rule skipped, 1 exemption expired.")
    }

    @Test func minSeverityHidesAndCounts() {
        let text = TextReporter.string(ReporterFixtures.busy, options: ReportOptions(minSeverity: .medium))
        #expect(!text.contains(" low CL202"))
        #expect(!text.contains(" info CL503"))
        #expect(text.contains("4 findings (1 critical, 2 high, 1 medium), 1 suppressed, 2 below medium not shown"))
    }

    @Test func includeSuppressedShowsTheReason() {
        let text = TextReporter.string(ReporterFixtures.busy, options: ReportOptions(includeSuppressed: true))
        #expect(text.contains("    suppressed until 2026-06-30T00:00:00Z by .credlint.yml:14:5: Quarterly batch job"))
        // Still counted as suppressed, not as an open finding.
        #expect(text.contains("6 findings (1 critical, 2 high, 1 medium, 1 low, 1 info), 1 suppressed"))
    }

    @Test func baselineSummary() {
        let report = Baseline(findings: Array(ReporterFixtures.busy.allFindings.prefix(2)), path: "credlint-baseline.json")
            .apply(to: ReporterFixtures.busy)
        let text = TextReporter.string(report)
        #expect(text.contains("baseline credlint-baseline.json: 2 entries, 0 no longer found"))
        #expect(text.contains("4 findings (1 high, 1 medium, 1 low, 1 info), 1 suppressed, 2 unchanged from baseline"))
        #expect(!text.contains("root-access-key-active: The root user"))
    }

    @Test func emptyAccountSaysSo() {
        #expect(TextReporter.string(ReporterFixtures.clean).contains("\n  no findings\n"))
        #expect(TextReporter.string(ReporterFixtures.clean, options: ReportOptions(minSeverity: .high))
                .contains("no findings at or above high"))
    }

    static func stripANSI(_ s: String) -> String {
        var out = ""
        var inEscape = false
        for c in s.unicodeScalars {
            if inEscape { if c == "m" { inEscape = false }; continue }
            if c == "\u{1B}" { inEscape = true; continue }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
