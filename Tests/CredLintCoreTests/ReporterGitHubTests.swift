import Testing
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct ReporterGitHubTests {
    @Test func escaping() {
        #expect(GitHubAnnotationsReporter.escapeData("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b")
        #expect(GitHubAnnotationsReporter.escapeProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
        // `%` first, so an escape is never escaped twice.
        #expect(GitHubAnnotationsReporter.escapeProperty("%3A") == "%253A")
    }

    @Test(arguments: [(Severity.critical, "error"), (.high, "error"), (.medium, "warning"), (.low, "notice"), (.info, "notice")])
    func commandPerSeverity(severity: Severity, command: String) {
        #expect(GitHubAnnotationsReporter.command(for: severity) == command)
    }

    @Test func annotationLines() {
        let lines = String(decoding: GitHubAnnotationsReporter.render(ReporterFixtures.busy), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        #expect(lines[0] == "::error file=reports/prod account/credential-report.csv,line=2,title=CL101 root-access-key-active::"
                + "The root user has active access key 1 (last rotated 2019-01-01).%0Aprincipal: arn:aws:iam::123456789012:root [access_key_1]")
        #expect(lines.contains { $0.hasPrefix("::warning file=.credlint.yml,line=9,title=credlint exemption expired::") })
        #expect(lines.last?.hasPrefix("credlint: 1 account, 5 rows read: 6 findings") == true)
        // Every message stays on one line.
        #expect(lines.filter { $0.hasPrefix("::") }.count == 8)
    }

    @Test func highestSeverityFirstAcrossAccounts() {
        let lines = String(decoding: GitHubAnnotationsReporter.render(ReporterFixtures.multi), as: UTF8.self)
            .split(separator: "\n").filter { $0.hasPrefix("::") }
        // Account 555566667777's medium comes before account 222233334444's low.
        #expect(lines.map { $0.prefix(while: { $0 != " " }) } == ["::error", "::warning", "::notice"])
    }

    @Test func propertiesWithCommasAndColonsAreEscaped() {
        var report = ReporterFixtures.clean
        report.accounts[0].setFindings([ReporterFixtures.finding("CL201", "console-user-without-mfa", .high, "x.",
                                                                   account: "111122223333", user: "a", line: 7,
                                                                   path: "C:\\reports,old/a.csv")])
        let line = String(decoding: GitHubAnnotationsReporter.render(report), as: UTF8.self).split(separator: "\n")[0]
        #expect(line.hasPrefix("::error file=C%3A\\reports%2Cold/a.csv,line=7,title=CL201 console-user-without-mfa::x."))
    }
}
