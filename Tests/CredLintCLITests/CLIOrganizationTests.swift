import Foundation
import Testing

/// An Organization folder, as `scripts/collect.sh --org` writes it: `organization.json` names the
/// accounts, and an account it lists that has no data (or a `collection-error.json`) must fail the
/// gate, naming it, unless `--allow-missing account`.
@Suite struct CLIOrganizationTests {
    /// 111111111111 (healthy sample) and 333333333333 (risky sample) collected; 222222222222 failed
    /// (with its collection-error.json); 444444444444 listed as collected but absent; 555555555555 skipped.
    static func organization(_ dir: Scratch, sandboxName: String = "Sandbox") throws -> String {
        for f in try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("samples/healthy").path) {
            try dir.copy("samples/healthy/\(f)", to: "org/111111111111/\(f)")
        }
        for f in try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("samples/risky-json").path) {
            try dir.copy("samples/risky-json/\(f)", to: "org/333333333333/\(f)")
        }
        let name = String(decoding: try JSONSerialization.data(withJSONObject: sandboxName, options: .fragmentsAllowed), as: UTF8.self)
        try dir.write("org/organization.json", """
            {
              "credlintOrganization": 1,
              "organizationId": "o-example",
              "managementAccountId": "111111111111",
              "accounts": [
                {"id": "111111111111", "name": "Management", "email": "m@example.com", "status": "ACTIVE", "ouPath": "Root", "result": "collected"},
                {"id": "222222222222", "name": \(name), "email": "s@example.com", "status": "ACTIVE", "ouPath": "Root/Sandbox",
                 "result": "failed", "error": {"code": "AccessDenied", "message": "not authorized to perform: sts:AssumeRole"}},
                {"id": "333333333333", "name": "Payments", "email": "p@example.com", "status": "ACTIVE", "ouPath": "Root/Workloads/Prod", "result": "collected"},
                {"id": "444444444444", "name": "Data", "email": "d@example.com", "status": "ACTIVE", "ouPath": null, "result": "collected"},
                {"id": "555555555555", "name": "Closed", "email": "c@example.com", "status": "SUSPENDED", "ouPath": null, "result": "skipped", "reason": "status SUSPENDED"}
              ]
            }

            """)
        try dir.write("org/222222222222/collection-error.json", """
            {"credlintCollectionError": 1, "accountId": "222222222222", "code": "AccessDenied", "operation": "AssumeRole",
             "message": "not authorized to perform: sts:AssumeRole"}

            """)
        return dir.url.appendingPathComponent("org").path
    }

    @Test func aMissingAccountFailsTheGateNamingEachAccountOnItsOwnLine() throws {
        let dir = try Scratch()
        let org = try Self.organization(dir)
        let sarif = dir.url.appendingPathComponent("out.sarif").path
        let r = try CLI.lint([org], ["--output", "sarif=\(sarif)"])
        #expect(r.status == 2, "stderr: \(r.err)")
        #expect(r.out.isEmpty, "an input error leaves no report: \(r.out)")
        #expect(!FileManager.default.fileExists(atPath: sarif), "no partial SARIF")
        let lines = r.errLines
        #expect(lines.count == 2, "one line per missing account: \(lines)")
        #expect(lines.first == "\(org)/222222222222/collection-error.json:1:1: error: account 222222222222 Sandbox (Root/Sandbox) "
                + "was not collected (collection failed: AccessDenied: not authorized to perform: sts:AssumeRole); expected its "
                + "IAM data (collect it again, or lint without it: --allow-missing account)", "\(lines)")
        #expect(lines.last?.hasPrefix("\(org)/organization.json:10:5: error: account 444444444444 Data is listed as collected, "
                                      + "but no IAM data names it") == true, "\(lines)")
        // The skipped (suspended) account is not asked for.
        #expect(!r.err.contains("555555555555"), "\(r.err)")
    }

    @Test func allowMissingAccountLintsTheRestAndTheSummaryCountsWhatWasLeftOut() throws {
        let dir = try Scratch()
        let org = try Self.organization(dir)
        let json = dir.url.appendingPathComponent("out.json").path
        let sarif = dir.url.appendingPathComponent("out.sarif").path
        let r = try CLI.lint([org], ["--allow-missing", "account", "--output", "json=\(json)", "--output", "sarif=\(sarif)"])
        #expect(r.status == 1, "the risky account's findings still fail the gate; stderr: \(r.err)")
        #expect(r.errLines.count == 1 && r.err.hasPrefix("credlint: exit 1: "), "only the closing line; stderr: \(r.err)")
        let summary = try #require(r.out.split(separator: "\n").last)
        #expect(summary.hasPrefix("2 accounts, "), "\(summary)")
        #expect(summary.hasSuffix(" 2 accounts of the Organization not linted (allowed by --allow-missing account): "
                                  + "222222222222 Sandbox (Root/Sandbox): collection failed: AccessDenied: not authorized to perform: "
                                  + "sts:AssumeRole; 444444444444 Data: listed as collected, but no IAM data names it."), "\(summary)")
        #expect(r.out.contains("Account 111111111111 Management (Root): as of"), "\(r.out)")
        #expect(r.out.contains("Account 333333333333 Payments (Root/Workloads/Prod): as of"), "\(r.out)")

        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let accounts = try #require(doc["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["accountName"] as? String } == ["Management", "Payments"])
        #expect(accounts.map { $0["ouPath"] as? String } == ["Root", "Root/Workloads/Prod"])
        let organization = try #require(doc["organization"] as? [String: Any])
        #expect(organization["organizationId"] as? String == "o-example")
        #expect(organization["managementAccountId"] as? String == "111111111111")
        #expect(organization["missingAllowedBy"] as? String == "--allow-missing account")
        let missing = try #require(organization["missingAccounts"] as? [[String: Any]])
        #expect(missing.map { $0["accountId"] as? String } == ["222222222222", "444444444444"])
        #expect(missing.first?["label"] as? String == "Sandbox (Root/Sandbox)")

        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let p = try #require(result["properties"] as? [String: String])
            #expect(p["accountId"] == "333333333333" && p["accountName"] == "Payments" && p["ouPath"] == "Root/Workloads/Prod", "\(p)")
        }
    }

    @Test func allowMissingAccountFromTheConfigurationFile() throws {
        let dir = try Scratch()
        let org = try Self.organization(dir)
        try dir.write(".credlint.yml", "allow_missing: [account]\nfail_on: none\n")
        let r = try CLI.run(["lint", org, "--as-of", CLI.asOf], cwd: dir.url)
        #expect(r.status == 0, "stderr: \(r.err)")
        #expect(r.out.contains("2 accounts of the Organization not linted (allowed by allow_missing in .credlint.yml)"), "\(r.out)")
    }

    @Test func accountsAndExcludeAccountsChooseWhatIsLintedAndWhatIsExpected() throws {
        let dir = try Scratch()
        let org = try Self.organization(dir)
        // Only the healthy account: the missing ones are not asked for.
        let one = try CLI.lint([org], ["--accounts", "111111111111"])
        #expect(one.status == 0, "stderr: \(one.err)")
        #expect(one.out.contains("Account 111111111111 Management (Root)") && !one.out.contains("333333333333"), "\(one.out)")
        #expect(one.out.split(separator: "\n").last?.hasPrefix("1 account, ") == true, "\(one.out)")
        // Leaving the two missing accounts out: the others are linted, nothing is missing.
        let rest = try CLI.lint([org], ["--exclude-accounts", "222222222222, 444444444444", "--fail-on", "none"])
        #expect(rest.status == 0, "stderr: \(rest.err)")
        #expect(rest.out.split(separator: "\n").last?.hasPrefix("2 accounts, ") == true, "\(rest.out)")
        #expect(!rest.out.contains("not linted"), "\(rest.out)")
        // Leaving one out still fails on the other.
        let partly = try CLI.lint([org], ["--exclude-accounts", "222222222222"])
        #expect(partly.status == 2 && partly.errLines.count == 1 && partly.err.contains("account 444444444444 Data"), "\(partly.err)")
        // Selecting only a missing account is still a failure: it cannot be linted.
        let gone = try CLI.lint([org], ["--accounts", "444444444444", "--allow-missing", "account"])
        #expect(gone.status == 2 && gone.err.contains("no account selected by --accounts/--exclude-accounts has IAM data"), "\(gone.err)")
    }

    @Test func aMalformedAccountListIsAUsageError() throws {
        let r = try CLI.lint(["samples/healthy"], ["--accounts", "1111,222222222222"])
        #expect(r.status == 2, "stderr: \(r.err)")
        #expect(r.err.contains("--accounts takes 12-digit account ids separated by commas; found '1111'"), "\(r.err)")
    }

    @Test func keepGoingReportsAMissingAccountAsItsInputErrorFinding() throws {
        let dir = try Scratch()
        let org = try Self.organization(dir)
        let json = dir.url.appendingPathComponent("out.json").path
        let r = try CLI.lint([org], ["--keep-going", "--output", "json=\(json)"])
        #expect(r.status == 2, "stderr: \(r.err)")
        #expect(r.errLines.count == 2, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let inputErrors = findings.filter { $0["ruleId"] as? String == "CL000" }.compactMap { $0["accountId"] as? String }
        #expect(inputErrors.sorted() == ["222222222222", "444444444444"])
        let names = try #require(doc["accounts"] as? [[String: Any]]).compactMap { $0["accountName"] as? String }
        #expect(names == ["Management", "Sandbox", "Payments", "Data"], "every account keeps its name: \(names)")
    }

    /// Every format names an Organization's account: the ones without an account header
    /// (GitHub annotations, JUnit, GitLab) as well as text, JSON, SARIF, Markdown and HTML.
    @Test(arguments: ["github", "junit", "gitlab", "markdown", "html", "text", "json", "sarif"])
    func everyFormatNamesTheAccount(format: String) throws {
        let dir = try Scratch()
        let org = try Self.organization(dir)
        let r = try CLI.lint([org], ["--allow-missing", "account", "--accounts", "333333333333", "--format", format])
        #expect(r.status == 1, "stderr: \(r.err)")
        #expect(r.out.contains("Payments"), "\(format) output does not name the account")
        #expect(r.out.contains("Root/Workloads/Prod"), "\(format) output does not give the OU path")
        if format == "github" {
            // Every annotation carries it, not only the first.
            let annotations = r.out.split(separator: "\n").filter { $0.hasPrefix("::") }
            #expect(!annotations.isEmpty)
            #expect(annotations.allSatisfy { $0.contains("account: 333333333333 Payments (Root/Workloads/Prod)") }, "\(annotations.prefix(2))")
        }
    }

    @Test func aHostileAccountNameStaysOnOneLine() throws {
        let dir = try Scratch()
        let org = try Self.organization(dir, sandboxName: "Sand\nbox\u{1b}[31m")
        let r = try CLI.lint([org], [])
        #expect(r.status == 2)
        #expect(r.errLines.count == 2, "a name cannot add lines: \(r.errLines)")
        #expect(!r.err.contains("\u{1b}"), "\(r.err)")
    }

    @Test func aBrokenOrganizationFileIsAnInputErrorAtItsPlace() throws {
        let dir = try Scratch()
        let org = try Self.organization(dir)
        try dir.write("org/organization.json", """
            {"credlintOrganization": 1, "accounts": [
              {"id": "111111111111", "result": "collected"},
              {"id": "333333333333", "result": "maybe"}
            ]}

            """)
        let r = try CLI.lint([org], [])
        #expect(r.status == 2)
        #expect(r.err.hasPrefix("\(org)/organization.json:3:36: error: found the string \"maybe\" for \"result\", expected \"collected\", "
                                + "\"failed\" or \"skipped\""), "\(r.err)")
    }

    @Test func ousSelectAnOUAndEverythingBeneathItCaseSensitively() throws {
        let dir = try Scratch()
        let org = try Self.organization(dir)
        let prod = try CLI.lint([org], ["--ous", "Root/Workloads", "--fail-on", "none"])
        #expect(prod.status == 0, "stderr: \(prod.err)")
        #expect(prod.out.contains("Account 333333333333 Payments (Root/Workloads/Prod)") && !prod.out.contains("Account 111111111111"), "\(prod.out)")
        let rest = try CLI.lint([org], ["--exclude-ous", "Root/Workloads,Root/Sandbox", "--allow-missing", "account", "--fail-on", "none"])
        #expect(rest.status == 0 && rest.out.contains("Account 111111111111 Management (Root)") && !rest.out.contains("Account 333333333333"), "\(rest.out) \(rest.err)")
        let typo = try CLI.lint([org], ["--ous", "Root/workloads"])
        #expect(typo.status == 2 && typo.err.contains("--ous 'Root/workloads' matches no account of organization.json (did you mean 'Root/Workloads'?)"), "\(typo.err)")
        let none = try CLI.lint(["samples/healthy"], ["--ous", "Root"])
        #expect(none.status == 2 && none.err.contains("--ous needs an organization.json among the inputs"), "\(none.err)")
    }
}
