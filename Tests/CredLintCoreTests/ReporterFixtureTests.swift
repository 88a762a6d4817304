import Testing
@testable import CredLintModel
@testable import CredLintEngine

extension Finding {
    /// The same finding with another message and/or properties (a finding's own are rendered
    /// from its rule and captured values, so they are not settable).
    func with(message: String? = nil, properties: [String: String]? = nil) -> Finding {
        var f = Finding(ruleID: ruleID, ruleName: ruleName, severity: severity, message: message ?? self.message,
                        accountID: accountID, principal: principal, principalName: principalName, slot: slot,
                        location: location, properties: properties ?? self.properties)
        f.suppression = suppression
        f.baselineState = baselineState
        return f
    }
}

/// Hand-built reports shared by the reporter, exemption and baseline tests.
enum ReporterFixtures {
    static func t(_ s: String) -> Timestamp { ISO8601.parseDateOrTimestamp(s)! }

    static let rules: [RuleDescriptor] = [
        RuleDescriptor(
            id: "CL101", name: "root-access-key-active", title: "Root user has an active access key",
            severity: .critical, scope: .credential, needs: [.credentialReport], tags: ["iam", "root", "cis"],
            whatItDoes: "Reports an **active** access key on the account root user (`<root_account>` row).",
            whyItMatters: "Root keys cannot be limited by IAM policies or permission boundaries.",
            remediation: "Delete the key:\n\n```sh\naws iam delete-access-key --access-key-id AKIA...\n```",
            references: ["CIS AWS Foundations v1.5: 1.4", "Security Hub: IAM.4"],
            helpURI: "https://github.com/credlint/credlint/blob/main/docs/rules/CL101.md"),
        RuleDescriptor(
            id: "CL201", name: "console-user-without-mfa", title: "Console user has no MFA device",
            severity: .high, scope: .user, needs: [.credentialReport], tags: ["iam", "mfa"],
            whatItDoes: "Reports users with a console password and no MFA device. See [MFA](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html).",
            whyItMatters: "A phished password is enough to sign in.",
            remediation: "Enable a virtual or hardware MFA device for the user.",
            references: ["CIS AWS Foundations v1.5: 1.10"]),
        RuleDescriptor(
            id: "CL203", name: "access-key-unused", title: "Active access key unused for more than 45 days",
            severity: .medium, scope: .accessKey, needs: [.credentialReport], tags: ["iam", "credentials"],
            whatItDoes: "Reports active access keys not used for more than `days` days.",
            whyItMatters: "Unused keys are forgotten keys.", remediation: "Deactivate, then delete the key.",
            references: ["CIS AWS Foundations v1.5: 1.12"]),
        RuleDescriptor(
            id: "CL202", name: "password-unused", title: "Console password unused for more than 90 days",
            severity: .low, scope: .credential, needs: [.credentialReport], tags: ["iam"],
            whatItDoes: "Reports enabled console passwords that were never used or not used recently."),
        RuleDescriptor(
            id: "CL503", name: "credential-report-stale", title: "Credential report is older than the as-of time",
            severity: .info, scope: .account, needs: [.credentialReport], tags: ["iam", "account"]),
        RuleDescriptor(
            id: "CL501", name: "password-policy-weak", title: "Account password policy is weak",
            severity: .medium, scope: .account, needs: [.passwordPolicy], tags: ["iam", "password"],
            whatItDoes: "Checks the password policy against CIS minimums."),
    ]

    static let busyCSV = "reports/prod account/credential-report.csv"

    static func finding(_ rule: String, _ name: String, _ sev: Severity, _ msg: String, account: String = "123456789012",
                        user: String, slot: String = "", line: Int, path: String = busyCSV,
                        props: [String: String] = [:]) -> Finding {
        let principal: String
        let principalName: String
        switch user {
        case "<root_account>": principal = "arn:aws:iam::\(account):root"; principalName = user
        case "account": principal = "account:\(account)"; principalName = "account"
        default: principal = "arn:aws:iam::\(account):user/\(user)"; principalName = user
        }
        return Finding(ruleID: rule, ruleName: name, severity: sev, message: msg, accountID: account,
                       principal: principal, principalName: principalName, slot: slot,
                       location: SourceLocation(path: path, line: line), properties: props)
    }

    /// One account, nothing found.
    static var clean: LintReport {
        LintReport(toolVersion: "0.1.0", rules: rules, accounts: [
            AccountResult(accountID: "111122223333", asOf: t("2026-01-01T00:00:00Z"), asOfSource: .report,
                          inputs: ["reports/111122223333/credential-report.csv"], rowsRead: 3,
                          reportGeneratedTime: t("2026-01-01T00:00:00Z"), findings: []),
        ])
    }

    /// Findings of every severity and scope (incl. account scope), a suppressed
    /// one, skipped rules, notes, expired and stale exemptions.
    static var busy: LintReport {
        var suppressed = finding("CL203", "access-key-unused", .medium,
                                 "Access key 2 of 'deploy-bot' was last used 120 days ago.", user: "deploy-bot",
                                 slot: "access_key_2", line: 6, props: ["days_unused": "120"])
        suppressed.suppression = Suppression(reason: "Quarterly batch job; key rotates with the job.",
                                             expires: t("2026-06-30"), source: SourceLocation(path: ".credlint.yml", line: 14, column: 5))
        let findings = [
            finding("CL101", "root-access-key-active", .critical,
                    "The root user has active access key 1 (last rotated 2019-01-01).", user: "<root_account>",
                    slot: "access_key_1", line: 2, props: ["last_rotated": "2019-01-01T00:00:00Z"]),
            finding("CL201", "console-user-without-mfa", .high,
                    "User 'alice' signs in with a password and has no MFA device.", user: "alice", slot: "password", line: 3),
            finding("CL201", "console-user-without-mfa", .high,
                    "User 'bob|ops' signs in with a password, 100% without MFA: <none> & \"no\" device.",
                    user: "bob|ops", slot: "password", line: 4),
            finding("CL203", "access-key-unused", .medium, "Access key 1 of 'alice' was last used 61 days ago.",
                    user: "alice", slot: "access_key_1", line: 3, props: ["days_unused": "61"]),
            suppressed,
            finding("CL202", "password-unused", .low, "The password of 'carol' was never used",
                    user: "carol", slot: "password", line: 5, props: ["days_unused": "400"]),
            finding("CL503", "credential-report-stale", .info,
                    "The credential report was generated 25 hours before the as-of time,\nso recent activity may be missing.",
                    user: "account", line: 1, path: "reports/prod account/account-summary.json"),
        ]
        var report = LintReport(toolVersion: "0.1.0", rules: rules, accounts: [
            AccountResult(accountID: "123456789012", asOf: t("2026-01-01T00:00:00Z"), asOfSource: .flag,
                          inputs: [busyCSV, "reports/prod account/account-summary.json"], rowsRead: 5,
                          reportGeneratedTime: t("2025-12-31T23:00:00Z"), findings: findings.sorted(by: Finding.outputOrder),
                          skippedRules: [SkippedRule(ruleID: "CL501", reason: "needs password_policy (GetAccountPasswordPolicy), not given")],
                          notes: [Note("unknown extra column 'tags' ignored", at: SourceLocation(path: busyCSV, line: 1, column: 23))]),
        ], notes: [Note("skipped 'reports/README.md': not an IAM input")])
        report.expiredExemptions = [Exemption(rule: "CL201", principal: "arn:aws:iam::123456789012:user/alice",
                                                   reason: "Onboarding", expires: t("2025-12-01"),
                                                   location: SourceLocation(path: ".credlint.yml", line: 9, column: 5))]
        report.staleExemptions = [Exemption(rule: "access-key-unused", principal: "arn:aws:iam::*:user/ci-*",
                                                 slot: "access_key_1", reason: "CI keys", expires: t("2027-01-01"),
                                                 location: SourceLocation(path: ".credlint.yml", line: 20, column: 5))]
        return report
    }

    /// Two accounts with different as-of sources.
    static var multi: LintReport {
        let a = "222233334444", b = "555566667777"
        let pathA = "reports/\(a)/credential-report.csv", pathB = "reports/\(b)/credential-report.csv"
        return LintReport(toolVersion: "0.1.0", rules: rules, accounts: [
            AccountResult(accountID: b, asOf: t("2026-02-01T12:00:00Z"), asOfSource: .clock, inputs: [pathB], rowsRead: 2,
                          findings: [
                            finding("CL203", "access-key-unused", .medium, "Access key 1 of 'dave' was last used 50 days ago.",
                                    account: b, user: "dave", slot: "access_key_1", line: 2, path: pathB,
                                    props: ["days_unused": "50"]),
                          ]),
            AccountResult(accountID: a, asOf: t("2026-01-15T00:00:00Z"), asOfSource: .report, inputs: [pathA], rowsRead: 4,
                          reportGeneratedTime: t("2026-01-15T00:00:00Z"),
                          findings: [
                            finding("CL101", "root-access-key-active", .critical, "The root user has active access key 2.",
                                    account: a, user: "<root_account>", slot: "access_key_2", line: 2, path: pathA),
                            finding("CL202", "password-unused", .low, "The password of 'erin' was last used 200 days ago.",
                                    account: a, user: "erin", slot: "password", line: 4, path: pathA),
                          ],
                          skippedRules: [SkippedRule(ruleID: "CL501", reason: "needs password_policy (GetAccountPasswordPolicy), not given")]),
        ])
    }

    static let all: [(String, LintReport)] = [("clean", clean), ("busy", busy), ("multi", multi)]

    /// `n` findings spread over severities, for caps and truncation.
    static func many(_ n: Int, account: String = "123456789012") -> LintReport {
        let sevs: [(String, String, Severity)] = [("CL101", "root-access-key-active", .critical),
                                                  ("CL201", "console-user-without-mfa", .high),
                                                  ("CL203", "access-key-unused", .medium),
                                                  ("CL202", "password-unused", .low),
                                                  ("CL503", "credential-report-stale", .info)]
        let findings = (0..<n).map { i -> Finding in
            let (id, name, sev) = sevs[i % sevs.count]
            return finding(id, name, sev, "Finding number \(i) about 'user-\(i)'.", account: account, user: "user-\(i)",
                           slot: "access_key_1", line: i + 2, path: "reports/big.csv")
        }
        return LintReport(toolVersion: "0.1.0", rules: rules, accounts: [
            AccountResult(accountID: account, asOf: t("2026-01-01T00:00:00Z"), asOfSource: .flag, inputs: ["reports/big.csv"],
                          rowsRead: n, findings: findings.sorted(by: Finding.outputOrder)),
        ])
    }
}

@Suite struct ReporterFixtureTests {
    @Test func fixturesAreSortedAndHaveDistinctFingerprints() {
        for (name, report) in ReporterFixtures.all {
            for a in report.accounts {
                #expect(Array(a.orderedFindings) == a.orderedFindings.sorted(by: Finding.outputOrder), "\(name)")
            }
            let prints = report.allFindings.map(\.fingerprint)
            #expect(Set(prints).count == prints.count, "\(name)")
        }
    }

    @Test func busyCoversEverySeverityAndAccountScope() {
        let f = ReporterFixtures.busy.allFindings
        #expect(Set(f.map(\.severity)) == Set(Severity.allCases))
        #expect(f.contains { $0.principal == "account:123456789012" })
        #expect(f.contains { $0.suppression != nil })
    }
}
