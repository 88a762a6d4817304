import Testing
@testable import CredLintModel
@testable import CredLintEngine

@Suite struct AdminAnalyzerTests {
    static let account = "123456789012"
    let adminAccess = AttachedPolicy(name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess")
    let iamFullAccess = AttachedPolicy(name: "IAMFullAccess", arn: "arn:aws:iam::aws:policy/IAMFullAccess")

    func doc(_ json: String) throws -> PolicyDocument {
        try PolicyDocumentDecoder.decode(text: json, location: SourceLocation(path: "test"))
    }

    func inline(_ name: String, _ json: String) throws -> InlinePolicy {
        InlinePolicy(name: name, document: try doc(json))
    }

    func user(_ name: String, groups: [String] = [], attached: [AttachedPolicy] = [], inline: [InlinePolicy] = [],
              boundary: String? = nil, account: String = AdminAnalyzerTests.account) -> IAMUser {
        IAMUser(name: name, arn: "arn:aws:iam::\(account):user/\(name)", groups: groups, attachedPolicies: attached,
                inlinePolicies: inline, permissionsBoundaryARN: boundary)
    }

    func group(_ name: String, attached: [AttachedPolicy] = [], inline: [InlinePolicy] = [],
               account: String = AdminAnalyzerTests.account) -> IAMGroup {
        IAMGroup(name: name, arn: "arn:aws:iam::\(account):group/\(name)", attachedPolicies: attached,
                 inlinePolicies: inline)
    }

    func customer(_ name: String, _ json: String) throws -> (AttachedPolicy, ManagedPolicy) {
        let arn = "arn:aws:iam::\(Self.account):policy/\(name)"
        return (AttachedPolicy(name: name, arn: arn),
                ManagedPolicy(name: name, arn: arn, defaultVersionID: "v1", defaultDocument: try doc(json)))
    }

    /// Status of a single user analysed on its own (plus the given groups and policies).
    func status(_ u: IAMUser, groups: [IAMGroup] = [], policies: [ManagedPolicy] = [],
                extra: Set<String> = []) -> AdminStatus? {
        AdminAnalyzer(users: [u], groups: groups, roles: [], policies: policies, extraAdminPolicyARNs: extra)
            .status(ofUserARN: u.arn)
    }

    static let allowAll = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#

    // MARK: - The paths

    @Test func directAWSManaged() {
        let s = status(user("alice", attached: [adminAccess]))
        #expect(s == AdminStatus(isFullAdmin: true, isIAMAdmin: true, paths: ["direct: AdministratorAccess"]))
        #expect(s?.isAdmin == true)
        // Recognised by ARN in any partition, without its document.
        let gov = AttachedPolicy(name: "AdministratorAccess", arn: "arn:aws-us-gov:iam::aws:policy/AdministratorAccess")
        #expect(status(user("g", attached: [gov]))?.isFullAdmin == true)
        // A customer policy that happens to have the same name is not AWS's.
        let fake = AttachedPolicy(name: "AdministratorAccess", arn: "arn:aws:iam::123456789012:policy/AdministratorAccess")
        // Its document is not in the input, so the user cannot be judged (unknown is not no).
        #expect(status(user("f", attached: [fake])) == .unknown(["managed policy \(fake.arn) is not in the authorization details"]))
    }

    @Test func directInline() throws {
        let s = status(user("carol", inline: [try inline("AllowEverything", Self.allowAll)]))
        #expect(s == AdminStatus(isFullAdmin: true, isIAMAdmin: true, paths: ["direct: inline policy AllowEverything"]))
    }

    @Test func groupManagedAndGroupInline() throws {
        let admins = group("Admins", attached: [adminAccess])
        let ops = group("Ops", inline: [try inline("AllowAll", Self.allowAll)])
        #expect(status(user("bob", groups: ["Admins"]), groups: [admins, ops])?.paths == ["group Admins: AdministratorAccess"])
        #expect(status(user("olga", groups: ["Ops"]), groups: [admins, ops])?.paths == ["group Ops: inline policy AllowAll"])
        // Every path is listed, sorted.
        let both = status(user("zed", groups: ["Ops", "Admins"], attached: [adminAccess]), groups: [admins, ops])
        #expect(both?.paths == ["direct: AdministratorAccess", "group Admins: AdministratorAccess",
                                "group Ops: inline policy AllowAll"])
        // A group missing from the input could grant anything: unknown; a same-named group of
        // another account does not stand in for it.
        let missing = AdminStatus.unknown(["group Admins is not in the authorization details"])
        #expect(status(user("x", groups: ["Admins"]), groups: [ops]) == missing)
        let foreign = group("Admins", attached: [adminAccess], account: "999999999999")
        #expect(status(user("y", groups: ["Admins"]), groups: [foreign]) == missing)
    }

    @Test(arguments: [
        #"{"Statement": [{"Effect": "Allow", "Action": "*:*", "Resource": "*"}]}"#,
        #"{"Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": ["arn:aws:s3:::x", "*"]}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {}}}"#,
    ])
    func customManagedFullAdmin(json: String) throws {
        let (attached, policy) = try customer("custom-admin", json)
        #expect(status(user("u", attached: [attached]), policies: [policy])
                == AdminStatus(isFullAdmin: true, isIAMAdmin: true, paths: ["direct: custom-admin (customer managed)"]))
        #expect(AdminAnalyzer.allowsFullAdmin(try doc(json)))
    }

    @Test(arguments: [
        // Conditional Allow on a key whose value is certainly wrong for the caller (an MFA-gated
        // Allow is covered in AdminSemanticsTests: it depends on the user's MFA).
        #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Null": {"aws:MultiFactorAuthAge": "false"}, "Bool": {"aws:MultiFactorAuthPresent": "false"}}}}"#,
        // Everything but IAM: not full admin, not IAM admin.
        #"{"Statement": {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}}"#,
        #"{"Statement": {"Effect": "Allow", "NotAction": "IAM:Create*", "Resource": "*"}}"#,
        // Not every resource.
        #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*"}}"#,
        // Service wildcards that are not all of IAM.
        #"{"Statement": {"Effect": "Allow", "Action": ["s3:*", "ec2:*", "iam:Get*", "iam:*Policy"], "Resource": "*"}}"#,
        #"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}"#,
    ])
    func notAdmin(json: String) throws {
        #expect(status(user("u", inline: [try inline("p", json)]))?.isAdmin == false)
        #expect(status(user("u", inline: [try inline("p", json)]))?.isKnown == true)
        #expect(AdminAnalyzer.allowsFullAdmin(try doc(json)) == false)
    }

    @Test func notActionExcludingNothingOfIAMIsIAMAdmin() throws {
        let json = #"{"Statement": {"Effect": "Allow", "NotAction": ["s3:DeleteBucket", "ec2:*"], "Resource": "*"}}"#
        #expect(status(user("u", inline: [try inline("AllButS3Delete", json)]))
                == AdminStatus(isFullAdmin: false, isIAMAdmin: true, paths: ["direct: inline policy AllButS3Delete (IAM admin only)"]))
        #expect(AdminAnalyzer.allowsIAMAdmin(try doc(json)))
        #expect(AdminAnalyzer.allowsFullAdmin(try doc(json)) == false)
    }

    @Test func iamFullAccessIsIAMAdminOnly() throws {
        #expect(status(user("i", attached: [iamFullAccess]))
                == AdminStatus(isFullAdmin: false, isIAMAdmin: true, paths: ["direct: IAMFullAccess (IAM admin only)"]))
        // Service prefixes are case-insensitive.
        let s = status(user("j", inline: [try inline("iam", #"{"Statement": {"Effect": "Allow", "Action": "IAM:*", "Resource": "*"}}"#)]))
        #expect(s?.isIAMAdmin == true)
        #expect(s?.isFullAdmin == false)
        // A full admin is an IAM admin too, and IAM-only paths are marked as such.
        let both = status(user("k", attached: [iamFullAccess, adminAccess]))
        #expect(both == AdminStatus(isFullAdmin: true, isIAMAdmin: true,
                                    paths: ["direct: AdministratorAccess", "direct: IAMFullAccess (IAM admin only)"]))
    }

    @Test func explicitDenyTakesAdminAway() throws {
        let denyAll = try inline("DenyAll", #"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}"#)
        let denyIAM = try inline("deny-iam", #"{"Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}"#)
        // The verdict names the statement that takes admin away.
        func denied(_ by: String) -> AdminStatus { AdminStatus(isFullAdmin: false, isIAMAdmin: false, paths: [], deniedBy: [by]) }
        #expect(status(user("a", attached: [adminAccess], inline: [denyAll])) == denied("direct: inline policy DenyAll, statement 1"))
        #expect(status(user("b", attached: [adminAccess], inline: [denyIAM])) == denied("direct: inline policy deny-iam, statement 1"))
        // A Deny through a group counts too.
        let dev = group("Developers", inline: [denyIAM])
        #expect(status(user("c", groups: ["Developers"], attached: [adminAccess]), groups: [dev])
                == denied("group Developers: inline policy deny-iam, statement 1"))
        // A Deny inside a customer managed policy counts.
        let (attached, policy) = try customer("guardrail", #"{"Statement": {"Effect": "Deny", "Action": "*:*", "Resource": "*"}}"#)
        #expect(status(user("d", attached: [adminAccess, attached]), policies: [policy]) == denied("direct: guardrail, statement 1"))
        // A Deny that does not apply to an MFA session, and a narrow Deny, leave admin in place for a user with MFA.
        let conditional = try inline("mfa", #"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}}"#)
        let narrow = try inline("narrow", #"{"Statement": {"Effect": "Deny", "Action": "iam:DeleteUser", "Resource": "*"}}"#)
        let e = user("e", attached: [adminAccess], inline: [conditional, narrow])
        let analyzer = AdminAnalyzer(users: [e], groups: [], roles: [], policies: [], userMFA: [e.arn: true])
        #expect(analyzer.status(ofUserARN: e.arn) == AdminStatus(isFullAdmin: true, isIAMAdmin: true, paths: ["direct: AdministratorAccess"]))
    }

    @Test func permissionsBoundaries() throws {
        let admin = AdminStatus(isFullAdmin: true, isIAMAdmin: true, paths: ["direct: AdministratorAccess"])
        #expect(status(user("a", attached: [adminAccess], boundary: adminAccess.arn)) == admin)

        let (_, s3Only) = try customer("s3-only", #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#)
        #expect(status(user("b", attached: [adminAccess], boundary: s3Only.arn), policies: [s3Only])
                == AdminStatus(isFullAdmin: false, isIAMAdmin: false, paths: [], deniedBy: ["permissions boundary s3-only"]))

        let (_, wide) = try customer("wide", Self.allowAll)
        #expect(status(user("c", attached: [adminAccess], boundary: wide.arn), policies: [wide]) == admin)

        // A boundary whose own Deny removes IAM does not allow admin.
        let (_, denying) = try customer("denying", #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}"#)
        #expect(status(user("d", attached: [adminAccess], boundary: denying.arn), policies: [denying])
                == AdminStatus(isFullAdmin: false, isIAMAdmin: false, paths: [], deniedBy: ["permissions boundary denying, statement 2"]))

        // Boundary not in the input: it may take the admin rights away, so the admin is unknown;
        // a boundary cannot grant, so a non-admin stays a non-admin.
        let unknownBoundary = "arn:aws:iam::123456789012:policy/unknown"
        #expect(status(user("e", attached: [adminAccess], boundary: unknownBoundary))
                == .unknown(["permissions boundary \(unknownBoundary) is not in the authorization details"]))
        #expect(status(user("e2", boundary: unknownBoundary)) == .notAdmin)

        // IAMFullAccess as the boundary: what is left is IAM admin.
        #expect(status(user("f", attached: [adminAccess], boundary: iamFullAccess.arn))
                == AdminStatus(isFullAdmin: false, isIAMAdmin: true,
                               paths: ["direct: AdministratorAccess (limited to IAM by permissions boundary)"],
                               deniedBy: ["permissions boundary IAMFullAccess"]))
    }

    @Test func configuredAdminPolicies() {
        let arn = "arn:aws:iam::123456789012:policy/break-glass-admin"
        let u = user("bg", attached: [AttachedPolicy(name: "break-glass-admin", arn: arn)])
        // Document not in the input, not configured: unknown.
        #expect(status(u) == .unknown(["managed policy \(arn) is not in the authorization details"]))
        #expect(status(u, extra: [arn]) == AdminStatus(
            isFullAdmin: true, isIAMAdmin: true, paths: ["direct: break-glass-admin (customer managed, configured admin policy)"]))
        // An AWS managed policy can be configured as admin too.
        let power = AttachedPolicy(name: "PowerUserAccess", arn: "arn:aws:iam::aws:policy/PowerUserAccess")
        #expect(status(user("p", attached: [power]), extra: [power.arn])?.paths == ["direct: PowerUserAccess (configured admin policy)"])
    }

    // MARK: - Roles

    func role(_ name: String, path: String = "/", trust: String?, attached: [AttachedPolicy] = []) throws -> IAMRole {
        IAMRole(name: name, arn: "arn:aws:iam::\(Self.account):role\(path)\(name)", path: path,
                trustPolicy: try trust.map(doc), attachedPolicies: attached)
    }

    @Test func humanAssumableRoles() throws {
        let sso = try role("AWSReservedSSO_AdministratorAccess_0123456789abcdef",
                           path: "/aws-reserved/sso.amazonaws.com/eu-west-1/", trust: """
            {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/AWSSSO_0123_DO_NOT_DELETE"},
              "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"]}]}
            """, attached: [adminAccess])
        let saml = try role("okta-admin", trust: """
            {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/Okta"},
              "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}
            """)
        let oidc = try role("github-deploy", trust: """
            {"Statement": {"Effect": "Allow", "Principal": {"Federated": ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]},
              "Action": "sts:AssumeRoleWithWebIdentity"}}
            """)
        let service = try role("ci-deploy", path: "/service/", trust: """
            {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            """, attached: [adminAccess])
        let crossAccount = try role("audit", trust: """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "sts:AssumeRole"}]}
            """)
        let deniedFederation = try role("deny", trust: """
            {"Statement": [{"Effect": "Deny", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "*"}]}
            """)
        let analyzer = AdminAnalyzer(users: [], groups: [], roles: [sso, saml, oidc, service, crossAccount, deniedFederation],
                                     policies: [])
        #expect(analyzer.isHumanAssumable(sso))
        #expect(analyzer.isHumanAssumable(saml))
        #expect(!analyzer.isHumanAssumable(oidc))  // workload identity (RoleTrustTests has the full table)
        #expect(!analyzer.isHumanAssumable(service))
        #expect(!analyzer.isHumanAssumable(crossAccount))
        #expect(!analyzer.isHumanAssumable(deniedFederation))
        // The SSO path alone is not enough: without the trust policy nobody is known to sign in through it.
        #expect(!AdminAnalyzer.isHumanAssumable(try role("x", path: "/aws-reserved/sso.amazonaws.com/", trust: nil)))

        #expect(analyzer.status(ofRoleARN: sso.arn)?.paths == ["direct: AdministratorAccess"])
        #expect(analyzer.status(ofRoleARN: service.arn)?.isFullAdmin == true)
        #expect(analyzer.status(ofRoleARN: saml.arn) == .notAdmin)
        #expect(analyzer.status(ofRoleARN: "arn:aws:iam::123456789012:role/nope") == nil)
        #expect(analyzer.adminRoleARNs == [service.arn, sso.arn].sorted())
    }

    @Test func roleBoundary() throws {
        var r = try role("bounded", trust: nil, attached: [adminAccess])
        r.permissionsBoundaryARN = iamFullAccess.arn
        let status = AdminAnalyzer(users: [], groups: [], roles: [r], policies: []).status(ofRoleARN: r.arn)
        #expect(status?.isFullAdmin == false)
        #expect(status?.isIAMAdmin == true)
    }

    // MARK: - Samples

    @Test(.enabled(if: JSONSamples.available))
    func motoAccount() throws {
        let path = "get-account-authorization-details__filtered.json"
        guard case .authorizationDetails(let page) = try IAMJSONReader.read(
            bytes: try JSONSamples.bytes("moto/awscli/" + path), path: path) else { Issue.record("not GAAD"); return }
        let analyzer = AdminAnalyzer(details: page)
        func s(_ name: String) -> AdminStatus? {
            page.users.first(where: { $0.name == name }).flatMap { analyzer.status(ofUserARN: $0.arn) }
        }
        #expect(s("alice.admin")?.paths == ["direct: AdministratorAccess"])
        #expect(s("bob.groupadmin")?.paths == ["group Admins: AdministratorAccess"])
        #expect(s("carol.inline")?.paths == ["direct: inline policy AllowEverything"])
        #expect(s("breakglass")?.paths == ["direct: AdministratorAccess"])
        for name in ["alice.admin", "bob.groupadmin", "carol.inline", "breakglass"] {
            #expect(s(name)?.isFullAdmin == true, "\(name)")
        }
        for name in ["dave.console", "erin.mfa", "frank.twokeys"] {
            #expect(s(name) == .notAdmin, "\(name)")
        }
        #expect(analyzer.adminUserARNs == [
            "arn:aws:iam::123456789012:user/alice.admin", "arn:aws:iam::123456789012:user/bob.groupadmin",
            "arn:aws:iam::123456789012:user/carol.inline", "arn:aws:iam::123456789012:user/emergency/breakglass",
        ])
        let role = try #require(page.roles.first)
        #expect(analyzer.status(ofRoleARN: role.arn) == .notAdmin)  // cloudformation:* and iam:PassRole only
        #expect(!analyzer.isHumanAssumable(role))
        #expect(page.policies.allSatisfy { !AdminAnalyzer.allowsFullAdmin($0.defaultDocument!) })
    }

    @Test(.enabled(if: JSONSamples.available))
    func awsDocsAccount() throws {
        guard case .authorizationDetails(let page) = try IAMJSONReader.read(
            bytes: try JSONSamples.rstOutput("get-account-authorization-details"), path: "gaad.json") else {
            Issue.record("not GAAD"); return
        }
        let analyzer = AdminAnalyzer(details: page)
        // Alice is admin through group Admins; Bob is in Admins too but denies himself iam:*;
        // Charlie's PowerUserAccess document is not in the output, so he cannot be judged.
        #expect(analyzer.status(ofUserARN: "arn:aws:iam::123456789012:user/Alice")?.paths == ["group Admins: AdministratorAccess"])
        #expect(analyzer.status(ofUserARN: "arn:aws:iam::123456789012:user/Bob")
                == AdminStatus(isFullAdmin: false, isIAMAdmin: false, paths: [], deniedBy: ["direct: inline policy DenyBillingAndIAMPolicy, statement 1"]))
        #expect(analyzer.status(ofUserARN: "arn:aws:iam::123456789012:user/Charlie")
                == .unknown(["managed policy arn:aws:iam::aws:policy/PowerUserAccess is not in the authorization details"]))
        #expect(analyzer.status(ofUserARN: "arn:aws:iam::123456789012:user/Nobody") == nil)
    }

    // MARK: - Pattern helpers

    @Test func patterns() {
        func action(_ p: String, _ a: String) -> Bool { Wildcard.matches(Wildcard.lowercased(p), Wildcard.lowercased(a)) }
        #expect(action("*", "iam:CreateUser"))
        #expect(action("*:*", "iam:CreateUser"))
        #expect(action("Iam:*", "iam:CreateUser"))
        #expect(action("i*:*", "iam:CreateUser"))
        #expect(action("i?m:Create*", "iam:CreateUser"))
        #expect(!action("iam:Get*", "iam:CreateUser"))
        #expect(!action("iamx:*", "iam:CreateUser"))
        #expect(!action("*:Get*", "iam:CreateUser"))
        func resource(_ p: String, _ r: String) -> Bool { ResourcePattern(p).matches(ProbeARN(r)) }
        #expect(resource("arn:*", "arn:aws:s3:::bucket/key"))
        #expect(resource("arn:aws-cn:*:*:*:*", "arn:aws-cn:s3:::bucket/key"))
        #expect(!resource("arn:aws:s3:::*", "arn:aws:iam::123456789012:user/a"))
        #expect(resource("arn:aws:iam::*:*", "arn:aws:iam::123456789012:user/path/a"))
        #expect(!resource("arn:aws:iam::*:*", "arn:aws:s3:::bucket"))
        // A wildcard stays inside its field: `*` in the region field does not swallow the account.
        #expect(!resource("arn:aws:iam:*:user/a", "arn:aws:iam::123456789012:user/a"))
        // The resource field is matched whole, colons and slashes included.
        #expect(resource("arn:aws:lambda:*:*:function:*", "arn:aws:lambda:us-east-1:123456789012:function:f"))
        #expect(resource("arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:user/p/a"))
        // Policy variables name the caller's own resources only.
        #expect(!resource("arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::123456789012:user/a"))
        #expect(!resource("arn:aws:iam::123456789012:user/b*", "arn:aws:iam::123456789012:user/a"))
        #expect(AdminAnalyzer.isAdministratorAccess(arn: "arn:aws-cn:iam::aws:policy/AdministratorAccess"))
        #expect(!AdminAnalyzer.isAdministratorAccess(arn: "arn:aws:iam::aws:policy/job-function/AdministratorAccess"))
        #expect(!AdminAnalyzer.isAdministratorAccess(arn: "arn::iam::aws:policy/AdministratorAccess"))
        #expect(AdminAnalyzer.isIAMFullAccess(arn: "arn:aws:iam::aws:policy/IAMFullAccess"))
    }
}
