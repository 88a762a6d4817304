import Testing
@testable import CredLintCore

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
        #expect(status(user("f", attached: [fake])) == .notAdmin)
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
        // A group missing from the input grants nothing; so does a same-named group of another account.
        #expect(status(user("x", groups: ["Admins"]), groups: [ops]) == .notAdmin)
        let foreign = group("Admins", attached: [adminAccess], account: "999999999999")
        #expect(status(user("y", groups: ["Admins"]), groups: [foreign]) == .notAdmin)
    }

    @Test(arguments: [
        #"{"Statement": [{"Effect": "Allow", "Action": "*:*", "Resource": "*"}]}"#,
        #"{"Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": ["arn:aws:s3:::x", "*"]}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:*:*:*:*"}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {}}}"#,
    ])
    func customManagedFullAdmin(json: String) throws {
        let (attached, policy) = try customer("custom-admin", json)
        #expect(status(user("u", attached: [attached]), policies: [policy])
                == AdminStatus(isFullAdmin: true, isIAMAdmin: true, paths: ["direct: custom-admin (customer managed)"]))
        #expect(AdminAnalyzer.allowsFullAdmin(try doc(json)))
    }

    @Test(arguments: [
        // Conditional Allow: may not apply.
        #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}}"#,
        // Everything but IAM: not full admin, not IAM admin.
        #"{"Statement": {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}}"#,
        #"{"Statement": {"Effect": "Allow", "NotAction": "IAM:Create*", "Resource": "*"}}"#,
        // Not every resource.
        #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*"}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::secret/*"}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:iam::*:*"}}"#,
        // Service wildcards that are not all of IAM.
        #"{"Statement": {"Effect": "Allow", "Action": ["s3:*", "ec2:*", "iam:Get*", "iam:*Policy"], "Resource": "*"}}"#,
        #"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}"#,
    ])
    func notAdmin(json: String) throws {
        #expect(status(user("u", inline: [try inline("p", json)])) == .notAdmin)
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
        #expect(status(user("a", attached: [adminAccess], inline: [denyAll])) == .notAdmin)
        #expect(status(user("b", attached: [adminAccess], inline: [denyIAM])) == .notAdmin)
        // A Deny through a group counts too.
        let dev = group("Developers", inline: [denyIAM])
        #expect(status(user("c", groups: ["Developers"], attached: [adminAccess]), groups: [dev]) == .notAdmin)
        // A Deny inside a customer managed policy counts.
        let (attached, policy) = try customer("guardrail", #"{"Statement": {"Effect": "Deny", "Action": "*:*", "Resource": "*"}}"#)
        #expect(status(user("d", attached: [adminAccess, attached]), policies: [policy]) == .notAdmin)
        // Conditional or narrow Denies leave admin in place.
        let conditional = try inline("mfa", #"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}}"#)
        let narrow = try inline("narrow", #"{"Statement": {"Effect": "Deny", "Action": "iam:DeleteUser", "Resource": "*"}}"#)
        #expect(status(user("e", attached: [adminAccess], inline: [conditional, narrow]))?.isFullAdmin == true)
    }

    @Test func permissionsBoundaries() throws {
        let admin = AdminStatus(isFullAdmin: true, isIAMAdmin: true, paths: ["direct: AdministratorAccess"])
        #expect(status(user("a", attached: [adminAccess], boundary: adminAccess.arn)) == admin)

        let (_, s3Only) = try customer("s3-only", #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#)
        #expect(status(user("b", attached: [adminAccess], boundary: s3Only.arn), policies: [s3Only]) == .notAdmin)

        let (_, wide) = try customer("wide", Self.allowAll)
        #expect(status(user("c", attached: [adminAccess], boundary: wide.arn), policies: [wide]) == admin)

        // A boundary whose own Deny removes IAM does not allow admin.
        let (_, denying) = try customer("denying", #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}"#)
        #expect(status(user("d", attached: [adminAccess], boundary: denying.arn), policies: [denying]) == .notAdmin)

        // Unknown boundary: still an admin, and the paths say the boundary was not looked at.
        #expect(status(user("e", attached: [adminAccess], boundary: "arn:aws:iam::123456789012:policy/unknown"))
                == AdminStatus(isFullAdmin: true, isIAMAdmin: true,
                               paths: ["direct: AdministratorAccess (permissions boundary not inspected)"]))

        // IAMFullAccess as the boundary: what is left is IAM admin.
        #expect(status(user("f", attached: [adminAccess], boundary: iamFullAccess.arn))
                == AdminStatus(isFullAdmin: false, isIAMAdmin: true,
                               paths: ["direct: AdministratorAccess (limited to IAM by permissions boundary)"]))
    }

    @Test func configuredAdminPolicies() {
        let arn = "arn:aws:iam::123456789012:policy/break-glass-admin"
        let u = user("bg", attached: [AttachedPolicy(name: "break-glass-admin", arn: arn)])
        #expect(status(u) == .notAdmin)  // document unknown, not configured
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
        // Charlie's PowerUserAccess document is not in the output.
        #expect(analyzer.status(ofUserARN: "arn:aws:iam::123456789012:user/Alice")?.paths == ["group Admins: AdministratorAccess"])
        #expect(analyzer.status(ofUserARN: "arn:aws:iam::123456789012:user/Bob") == .notAdmin)
        #expect(analyzer.status(ofUserARN: "arn:aws:iam::123456789012:user/Charlie") == .notAdmin)
        #expect(analyzer.status(ofUserARN: "arn:aws:iam::123456789012:user/Nobody") == nil)
    }

    // MARK: - Pattern helpers

    @Test func patterns() {
        #expect(PolicyAdminSummary.coversAllActions("*"))
        #expect(PolicyAdminSummary.coversAllActions("*:*"))
        #expect(!PolicyAdminSummary.coversAllActions("iam:*"))
        #expect(!PolicyAdminSummary.coversAllActions("*:Get*"))
        #expect(PolicyAdminSummary.coversIAMActions("Iam:*"))
        #expect(PolicyAdminSummary.coversIAMActions("i*:*"))
        #expect(!PolicyAdminSummary.coversIAMActions("iam:Get*"))
        #expect(!PolicyAdminSummary.coversIAMActions("iamx:*"))
        #expect(PolicyAdminSummary.mayMatchIAMAction("iam:CreateUser"))
        #expect(PolicyAdminSummary.mayMatchIAMAction("*"))
        #expect(!PolicyAdminSummary.mayMatchIAMAction("s3:*"))
        #expect(PolicyAdminSummary.coversAllResources("arn:*"))
        #expect(PolicyAdminSummary.coversAllResources("arn:aws-cn:*:*:*:*"))
        #expect(!PolicyAdminSummary.coversAllResources("arn:aws:s3:::*"))
        #expect(!PolicyAdminSummary.coversAllResources("arn:aws:iam::*:*"))
        #expect(PolicyAdminSummary.globMatches("i?m", "iam"))
        #expect(PolicyAdminSummary.globMatches("*m", "iam"))
        #expect(!PolicyAdminSummary.globMatches("i*x", "iam"))
        #expect(AdminAnalyzer.isAdministratorAccess(arn: "arn:aws-cn:iam::aws:policy/AdministratorAccess"))
        #expect(!AdminAnalyzer.isAdministratorAccess(arn: "arn:aws:iam::aws:policy/job-function/AdministratorAccess"))
        #expect(!AdminAnalyzer.isAdministratorAccess(arn: "arn::iam::aws:policy/AdministratorAccess"))
        #expect(AdminAnalyzer.isIAMFullAccess(arn: "arn:aws:iam::aws:policy/IAMFullAccess"))
    }
}
