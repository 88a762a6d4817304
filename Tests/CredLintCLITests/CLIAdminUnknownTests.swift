import Foundation
import Testing

/// Issue 14 on the real binary: a user the authorization details cannot judge is unknown,
/// never "not admin" (CL301 counts it as a possible admin and says so; CL302, CL303 and CL402
/// stay silent); an export without users skips CL301; one snapshot of the authorization
/// details per account; break-glass users are exempt from CL202-CL208 even with a password.
@Suite struct CLIAdminUnknownTests {
    static let account = "123456789012"
    static let adminPolicy = #"[{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]"#

    static func userJSON(_ name: String, admin: Bool = true) -> String {
        #"{"UserName": "\#(name)", "Arn": "arn:aws:iam::\#(account):user/\#(name)", "Path": "/", "UserId": "AIDA\#(name.uppercased())", "#
            + #""CreateDate": "2024-01-01T00:00:00Z", "GroupList": [], "UserPolicyList": [], "#
            + #""AttachedManagedPolicies": \#(admin ? adminPolicy : "[]")}"#
    }

    static let serviceRole = #"{"RoleName": "ci-deployer", "Arn": "arn:aws:iam::123456789012:role/ci-deployer", "Path": "/", "#
        + #""AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}, "#
        + #""RolePolicyList": [], "AttachedManagedPolicies": \#(adminPolicy)}"#

    /// awscli output of get-account-authorization-details; `users: nil` leaves out the
    /// UserDetailList, as `--filter Role` does.
    static func gaad(users: [String]?, roles: [String] = []) -> String {
        var parts: [String] = []
        if let users { parts.append(#""UserDetailList": [\#(users.joined(separator: ", "))]"#) }
        parts.append(#""RoleDetailList": [\#(roles.joined(separator: ", "))]"#)
        return "{" + parts.joined(separator: ", ") + "}\n"
    }

    static func noMFA(_ row: String) -> String { row.replacingOccurrences(of: ",N/A,true,false,", with: ",N/A,false,false,") }

    static func virtualMFA(_ users: [String]) -> String {
        let devices = users.map { u in
            #"{"SerialNumber": "arn:aws:iam::\#(account):mfa/\#(u)", "User": {"UserName": "\#(u)", "Arn": "arn:aws:iam::\#(account):user/\#(u)", "#
                + #""UserId": "AIDA\#(u.uppercased())", "Path": "/", "CreateDate": "2024-01-01T00:00:00Z"}, "EnableDate": "2024-01-02T00:00:00Z"}"#
        }
        return #"{"VirtualMFADevices": [\#(devices.joined(separator: ", "))]}"# + "\n"
    }

    static func json(_ r: CLI.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
    }

    static func findings(_ r: CLI.Result) throws -> [[String: Any]] {
        try #require(try json(r)["findings"] as? [[String: Any]])
    }

    /// alice is a known admin with MFA and one device; bob (password, no MFA), carol (one MFA
    /// device) and breakglass-1 are in the report but not in the authorization details.
    static func unknownUsersAccount(_ dir: Scratch) throws -> String {
        try dir.write("acct/credential-report.csv", Inputs.report([
            Inputs.userRow("alice"), noMFA(Inputs.userRow("bob")), Inputs.userRow("carol"), Inputs.userRow("breakglass-1"),
        ]))
        try dir.write("acct/account-authorization-details.json", gaad(users: [userJSON("alice")]))
        try dir.write("acct/virtual-mfa-devices.json", virtualMFA(["alice", "carol"]))
        return dir.url.appendingPathComponent("acct").path
    }

    @Test func usersMissingFromTheAuthorizationDetailsAreNotJudged() throws {
        let dir = try Scratch()
        let acct = try Self.unknownUsersAccount(dir)
        let r = try CLI.lint([acct], ["--format", "json", "--fail-on", "none"])
        #expect(r.status == 0, "\(r.err)")
        let rules = Set(try Self.findings(r).compactMap { $0["ruleId"] as? String })
        // bob without MFA is no admin without MFA; carol's one device is no admin's one device;
        // breakglass-1 is no break-glass user without admin rights: none of them is known.
        for id in ["CL302", "CL402"] { #expect(!rules.contains(id), "\(id) fired on an unknown user: \(rules.sorted())") }
        // CL303 fires for alice (a known admin with one device), never for carol.
        let cl303 = try Self.findings(r).filter { $0["ruleId"] as? String == "CL303" }
        #expect(cl303.compactMap { $0["principalName"] as? String } == ["alice"], "\(cl303)")
        // One known usable admin plus three that may be admins: CL301 cannot say the account is short.
        #expect(!rules.contains("CL301"), "\(rules.sorted())")
    }

    @Test func singleAdminCountsUnknownUsersAndSaysWhy() throws {
        let dir = try Scratch()
        let acct = try Self.unknownUsersAccount(dir)
        let config = try dir.write("credlint.yml", "rules:\n  CL301: { params: { min_admins: 5 } }\n")
        let r = try CLI.lint([acct], ["--config", config, "--fail-on", "none"])
        #expect(r.status == 0, "\(r.err)")
        let line = try #require(r.out.split(separator: "\n").first { $0.contains("CL301") }.map(String.init), "\(r.out)")
        #expect(line.contains("1 usable admin identity (at least 5 wanted): alice"), "\(line)")
        #expect(line.contains("3 more identities could not be judged (not in the authorization details (3)), too few even if all were admins"), "\(line)")
        // With 4 wanted, the three unknown users could make up the number: no finding.
        let four = try dir.write("credlint4.yml", "rules:\n  CL301: { params: { min_admins: 4 } }\n")
        let quiet = try CLI.lint([acct], ["--config", four, "--fail-on", "none"])
        #expect(quiet.status == 0, "\(quiet.err)")
        #expect(!quiet.out.contains("CL301"), "\(quiet.out)")
    }

    @Test func singleAdminNamesAnUntestedBreakGlassAdmin() throws {
        let dir = try Scratch()
        // breakglass-1: an admin with an active key that was never used (and no password).
        let untested = "breakglass-1,arn:aws:iam::\(Self.account):user/breakglass-1,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "true,2026-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        try dir.write("acct/credential-report.csv", Inputs.report([Inputs.userRow("alice"), untested]))
        try dir.write("acct/account-authorization-details.json", Self.gaad(users: [Self.userJSON("alice"), Self.userJSON("breakglass-1")]))
        let r = try CLI.lint([dir.url.appendingPathComponent("acct").path], ["--fail-on", "none"])
        #expect(r.status == 0, "\(r.err)")
        let line = try #require(r.out.split(separator: "\n").first { $0.contains("CL301") }.map(String.init), "\(r.out)")
        #expect(line.contains("1 usable admin identity (at least 2 wanted): alice"), "\(line)")
        #expect(line.contains("not counted because never tested: break-glass breakglass-1"), "\(line)")
        let explain = try CLI.run(["explain", "CL301"])
        #expect(explain.out.contains("test it"), "the remediation says what to do")
    }

    @Test func inspectShowsUnknownVerdictsAsNull() throws {
        let dir = try Scratch()
        let acct = try Self.unknownUsersAccount(dir)
        let r = try CLI.run(["inspect", acct])
        #expect(r.status == 0, "\(r.err)")
        let accounts = try #require(try Self.json(r)["accounts"] as? [[String: Any]])
        let users = try #require(accounts.first?["users"] as? [[String: Any]])
        let bob = try #require(users.first { $0["name"] as? String == "bob" }?["admin"] as? [String: Any])
        for key in ["isAdmin", "fullAdmin", "iamAdmin"] { #expect(bob[key] is NSNull, "\(key): \(bob)") }
        #expect(bob["unknownReasons"] as? [String] == ["not in the authorization details"])
        #expect(bob["paths"] as? [String] == [])
        let alice = try #require(users.first { $0["name"] as? String == "alice" }?["admin"] as? [String: Any])
        #expect(alice["isAdmin"] as? Bool == true)
        #expect(alice["fullAdmin"] as? Bool == true)
        #expect(alice["unknownReasons"] as? [String] == [])
        let root = try #require(users.first { $0["isRoot"] as? Bool == true })
        #expect(root["admin"] is NSNull, "root is never judged by policies")
    }

    @Test func exportWithoutUsersSkipsSingleAdmin() throws {
        let dir = try Scratch()
        try dir.write("acct/credential-report.csv", Inputs.report([Inputs.userRow("alice"), Self.noMFA(Inputs.userRow("bob"))]))
        try dir.write("acct/account-authorization-details.json", Self.gaad(users: nil, roles: [Self.serviceRole]))
        let acct = dir.url.appendingPathComponent("acct").path
        let r = try CLI.lint([acct], ["--fail-on", "none"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("skipped: CL301 single-admin: needs user_details (the users of GetAccountAuthorizationDetails: the export has no UserDetailList, as with --filter Role"), "\(r.out)")
        // bob has no MFA: CL201 still fires (it needs no admin verdict); CL302 cannot judge him.
        #expect(r.out.contains("CL201"))
        #expect(!r.out.contains("CL302"))
        let inspect = try CLI.run(["inspect", acct])
        let accounts = try #require(try Self.json(inspect)["accounts"] as? [[String: Any]])
        let users = try #require(accounts.first?["users"] as? [[String: Any]])
        let bob = try #require(users.first { $0["name"] as? String == "bob" }?["admin"] as? [String: Any])
        #expect(bob["isAdmin"] is NSNull)
        #expect(bob["unknownReasons"] as? [String] == ["the authorization details were exported without users (no UserDetailList)"])
        let present = try #require((accounts.first?["inputs"] as? [String: Any])?["present"] as? [String])
        #expect(present.contains("authorization_details") && !present.contains("user_details"), "\(present)")
        // The same export with an (empty) user list is a full export: user_details is given.
        try dir.write("acct/account-authorization-details.json", Self.gaad(users: [], roles: [Self.serviceRole]))
        let full = try CLI.lint([acct], ["--fail-on", "none"])
        #expect(!full.out.contains("needs user_details"), "\(full.out)")
    }

    @Test func twoCompleteSnapshotsOfOneAccount() throws {
        let dir = try Scratch()
        try dir.write("acct/credential-report.csv", Inputs.report([Inputs.userRow("alice")]))
        let a = try dir.write("acct/a-authorization-details.json", Self.gaad(users: [Self.userJSON("alice")]))
        let b = try dir.write("acct/b-authorization-details.json", Self.gaad(users: [Self.userJSON("alice", admin: false)]))
        try CLIBadInputTests.expectInputError([dir.url.appendingPathComponent("acct").path], at: "\(b):1:",
                                              mentions: ["two complete GetAccountAuthorizationDetails listings for account 123456789012", a, b,
                                                         "one snapshot per account"])
    }

    @Test func pagesOfOneListingMergeAndASecondSnapshotIsRefused() throws {
        let dir = try Scratch()
        try dir.copy("samples/risky/GetCredentialReport.xml", to: "acct/GetCredentialReport.xml")
        let page1 = try dir.copy("samples/risky/GetAccountAuthorizationDetails-page1.xml", to: "acct/GetAccountAuthorizationDetails-page1.xml")
        let page2 = try dir.copy("samples/risky/GetAccountAuthorizationDetails-page2.xml", to: "acct/GetAccountAuthorizationDetails-page2.xml")
        let acct = dir.url.appendingPathComponent("acct").path
        // Two pages, one listing: everything on either page is there.
        let r = try CLI.run(["inspect", acct])
        #expect(r.status == 0, "\(r.err)")
        let accounts = try #require(try Self.json(r)["accounts"] as? [[String: Any]])
        let files = try #require((accounts.first?["inputs"] as? [String: Any])?["files"] as? [String])
        #expect(files.contains(page1) && files.contains(page2))
        let users = try #require(accounts.first?["users"] as? [[String: Any]])
        let unknown = users.filter { (($0["admin"] as? [String: Any])?["unknownReasons"] as? [String])?.isEmpty == false }
        #expect(unknown.isEmpty, "every report user is on one of the two pages: \(unknown.map { $0["name"] ?? "" })")
        let page1Text = try String(contentsOfFile: page1, encoding: .utf8)
        let page2Text = try String(contentsOfFile: page2, encoding: .utf8)
        #expect(page1Text.contains("<IsTruncated>true</IsTruncated>") && !page2Text.contains("<IsTruncated>true</IsTruncated>"))
        // A second page that ends a listing (the last page again, under another name) is a second snapshot.
        let again = try dir.write("acct/GetAccountAuthorizationDetails-page3.xml", page2Text)
        try CLIBadInputTests.expectInputError([acct], at: "\(again):1:", mentions: ["two complete GetAccountAuthorizationDetails listings", page2, again])
        // A truncated page repeating an entry of the listing cannot belong to it either.
        try FileManager.default.removeItem(atPath: again)
        let repeated = try dir.write("acct/GetAccountAuthorizationDetails-other-page1.xml", page1Text)
        try CLIBadInputTests.expectInputError([acct], at: "\(page1):1:", mentions: ["on two GetAccountAuthorizationDetails pages", page1, repeated, "two snapshots"])
    }

    /// A break-glass user with a console password whose row would draw every one of CL202-CL208
    /// draws none of them; the same row under another name draws all seven.
    @Test func breakGlassWithPasswordIsExemptFromCL202ToCL208() throws {
        let dir = try Scratch()
        func row(_ name: String) -> String {
            // Password unused since January, MFA on; key 1 active, two years old, unused for
            // months; key 2 active, never used.
            "\(name),arn:aws:iam::\(Self.account):user/\(name),2024-01-01T00:00:00+00:00,true,2026-01-10T00:00:00+00:00,"
                + "2024-01-01T00:00:00+00:00,N/A,true,true,2024-06-01T00:00:00+00:00,2026-03-01T00:00:00+00:00,us-east-1,iam,"
                + "true,2026-11-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A"
        }
        try dir.write("acct/credential-report.csv", Inputs.report([row("ops-vault"), row("alice")]))
        let config = try dir.write("credlint.yml", "break_glass:\n  users: [ops-vault]\n")
        let r = try CLI.lint([dir.url.appendingPathComponent("acct").path],
                             ["--config", config, "--format", "json", "--fail-on", "none"])
        #expect(r.status == 0, "\(r.err)")
        let found = try Self.findings(r)
        func rules(of user: String) -> Set<String> {
            Set(found.filter { ($0["principal"] as? String)?.hasSuffix(":user/\(user)") == true }.compactMap { $0["ruleId"] as? String })
        }
        let generic: Set<String> = ["CL202", "CL203", "CL204", "CL205", "CL206", "CL207", "CL208"]
        // Key 1 is past CL205's limit, so it is CL205's alone (CL204 stops where CL205 starts).
        #expect(rules(of: "alice").isSuperset(of: generic.subtracting(["CL204"])), "the row draws every generic rule: \(rules(of: "alice").sorted())")
        #expect(rules(of: "ops-vault").isDisjoint(with: generic), "\(rules(of: "ops-vault").sorted())")
        // Its own rules still watch it: key 2 was never used, so it was never tested.
        #expect(rules(of: "ops-vault").contains("CL403"), "\(rules(of: "ops-vault").sorted())")
    }
}
