import Testing
@testable import CredLintModel
@testable import CredLintEngine

/// Who can assume a role: each case is a trust policy, the answer, and why (AWS's rules
/// for role trust, docs/admin-analysis.md "Who can assume a role"). The role lives in
/// account 123456789012.
@Suite struct RoleTrustTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var path = "/"
        var roleName = "r"
        /// The `Statement` list (JSON); nil: the trust policy is not in the input.
        var statements: String?
        var settings = RoleTrust.Settings()
        var human: Bool?
        var from: [String] = []
        var via: [String] = []
        var anyone: Bool? = false
        /// A reason line must contain this.
        var reason: String
        /// Why this is the right answer.
        var why: String
        var testDescription: String { name }
    }

    static let own = "123456789012"
    static let other = "111122223333"
    static func allow(_ principal: String, _ action: String, condition: String? = nil) -> String {
        #"{"Effect":"Allow","Principal":\#(principal),"Action":\#(action)\#(condition.map { #","Condition":\#($0)"# } ?? "")}"#
    }
    static let saml = #"{"Federated":"arn:aws:iam::123456789012:saml-provider/Okta"}"#
    static let ssoSAML = #"{"Federated":"arn:aws:iam::123456789012:saml-provider/AWSSSO_5f2a9c0e1b7d3a46_DO_NOT_DELETE"}"#
    static let github = #"{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}"#
    static let otherRoot = #"{"AWS":"arn:aws:iam::111122223333:root"}"#
    static let orgOnly = #"{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}"#

    static let cases: [Case] = [
        Case(name: "SAML provider", statements: allow(saml, #""sts:AssumeRoleWithSAML""#), human: true,
             reason: "SAML provider Okta: human", why: "SAML federation is people signing in at their identity provider"),
        Case(name: "real Identity Center role", path: "/aws-reserved/sso.amazonaws.com/eu-west-1/",
             roleName: "AWSReservedSSO_AdministratorAccess_0123456789abcdef",
             statements: allow(ssoSAML, #"["sts:AssumeRoleWithSAML","sts:TagSession"]"#), human: true,
             reason: "IAM Identity Center (SAML provider AWSSSO_5f2a9c0e1b7d3a46_DO_NOT_DELETE): human",
             why: "Identity Center permission sets are roles on the reserved path trusting the AWSSSO_ SAML provider"),
        Case(name: "fake-named Identity Center role", roleName: "AWSReservedSSO_AdministratorAccess_fake",
             statements: allow(#"{"Service":"lambda.amazonaws.com"}"#, #""sts:AssumeRole""#), human: false,
             reason: "service lambda.amazonaws.com: not a human", why: "anyone can name a role AWSReservedSSO_: only the trust counts"),
        Case(name: "Identity Center path without a trust policy", path: "/aws-reserved/sso.amazonaws.com/",
             statements: nil, human: nil, anyone: nil, reason: "the trust policy is not in the input",
             why: "unknown is not no: the path alone does not say who signs in"),
        Case(name: "GitHub Actions OIDC", statements: allow(github, #""sts:AssumeRoleWithWebIdentity""#), human: false,
             reason: "OIDC provider token.actions.githubusercontent.com: workload identity",
             why: "GitHub issues tokens to workflow runs, not to people"),
        Case(name: "Cognito identity pool", statements: allow(#"{"Federated":"cognito-identity.amazonaws.com"}"#,
                                                               #""sts:AssumeRoleWithWebIdentity""#), human: false,
             reason: "OIDC provider cognito-identity.amazonaws.com: workload identity",
             why: "a Cognito pool role is assumed by app users' devices, never an administrator's recovery route"),
        Case(name: "EKS service account OIDC", statements: allow(
                #"{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"}"#,
                #""sts:AssumeRoleWithWebIdentity""#), human: false,
             reason: "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE: workload identity",
             why: "IRSA tokens belong to pods"),
        Case(name: "OIDC provider listed in human_oidc_providers",
             statements: allow(#"{"Federated":"arn:aws:iam::123456789012:oidc-provider/example.okta.com"}"#,
                               #""sts:AssumeRoleWithWebIdentity""#),
             settings: RoleTrust.Settings(humanOIDCProviders: ["*.OKTA.com"]), human: true,
             reason: "listed in human_oidc_providers", why: "the configuration says people sign in with it (wildcards, any case)"),
        Case(name: "unlisted, unknown OIDC provider", statements: allow(
                #"{"Federated":"arn:aws:iam::123456789012:oidc-provider/example.okta.com"}"#, #""sts:AssumeRoleWithWebIdentity""#),
             human: false, reason: "not in human_oidc_providers", why: "OIDC is human only when listed"),
        Case(name: "workload provider listed anyway", statements: allow(github, #""sts:AssumeRoleWithWebIdentity""#),
             settings: RoleTrust.Settings(humanOIDCProviders: ["token.actions.githubusercontent.com"]), human: true,
             reason: "listed in human_oidc_providers", why: "workload providers are never human unless listed"),
        Case(name: "SAML principal with only sts:AssumeRole", statements: allow(saml, #""sts:AssumeRole""#), human: false,
             reason: "does not allow sts:AssumeRoleWithSAML", why: "SAML sign-in calls AssumeRoleWithSAML, which the statement does not allow"),
        Case(name: "SAML with NotAction excluding only TagSession", statements: #"{"Effect":"Allow","Principal":\#(saml),"NotAction":"sts:TagSession"}"#,
             human: true, reason: "SAML provider Okta: human", why: "NotAction allows every action it does not list"),
        Case(name: "another account's root", statements: allow(otherRoot, #""sts:AssumeRole""#), human: false,
             from: [other], via: [other], reason: "account 111122223333: another account",
             why: "OrganizationAccountAccessRole: admins of the trusted account can assume it, a recovery route"),
        Case(name: "another account as a bare id", statements: allow(#"{"AWS":"111122223333"}"#, #""sts:*""#), human: false,
             from: [other], via: [other], reason: "account 111122223333", why: "IAM stores a bare account id as the account's root"),
        Case(name: "a role of another account", statements: allow(#"{"AWS":"arn:aws:iam::111122223333:role/Admin"}"#, #""sts:AssumeRole""#),
             human: false, from: [other], via: [other], reason: "arn:aws:iam::111122223333:role/Admin of account 111122223333",
             why: "that role's users reach this one from their account"),
        Case(name: "another account excluded by trusted_admin_accounts", statements: allow(otherRoot, #""sts:AssumeRole""#),
             settings: RoleTrust.Settings(trustedAdminAccounts: ["444455556666"]), human: false, from: [other], via: [],
             reason: "not in trusted_admin_accounts", why: "the configuration names the accounts whose trust counts"),
        Case(name: "another account listed in trusted_admin_accounts", statements: allow(otherRoot, #""sts:AssumeRole""#,
                                                                                       condition: #"{"StringEquals":{"sts:ExternalId":"x"}}"#),
             settings: RoleTrust.Settings(trustedAdminAccounts: [other]), human: false, from: [other], via: [other],
             reason: "in trusted_admin_accounts", why: "a listed account counts even with an external id"),
        Case(name: "third party with sts:ExternalId", statements: allow(otherRoot, #""sts:AssumeRole""#,
                                                                      condition: #"{"StringEquals":{"sts:ExternalId":"f00d"}}"#),
             human: false, from: [other], via: [], reason: "a third party (sts:ExternalId)",
             why: "an external id is how vendors are let in: not the organisation's admins"),
        Case(name: "own account root", statements: allow(#"{"AWS":"arn:aws:iam::123456789012:root"}"#, #""sts:AssumeRole""#),
             human: false, reason: "the role's own account, no new human",
             why: "whoever can assume it from the account is an identity of the account, counted on its own"),
        Case(name: "a deleted principal's unique id", statements: allow(#"{"AWS":"AROAEXAMPLEID1234567"}"#, #""sts:AssumeRole""#),
             human: false, reason: "a deleted principal's unique id", why: "IAM rewrites a deleted principal's ARN to its id, which matches nobody"),
        Case(name: "Principal \"*\"", statements: allow(#""*""#, #""sts:AssumeRole""#), human: false, anyone: true,
             reason: "any AWS principal of any account", why: "* is every principal of every account"),
        Case(name: "{\"AWS\": \"*\"}", statements: allow(#"{"AWS":"*"}"#, #""sts:AssumeRole""#), human: false, anyone: true,
             reason: "no condition restricts the caller", why: "AWS * is every IAM principal of every account"),
        Case(name: "{\"AWS\": \"*\"} with aws:PrincipalOrgID", statements: allow(#"{"AWS":"*"}"#, #""sts:AssumeRole""#, condition: orgOnly),
             human: false, anyone: false, reason: "restricted by aws:PrincipalOrgID",
             why: "only principals of the organisation match the condition"),
        Case(name: "{\"AWS\": \"*\"} with StringNotEquals aws:PrincipalOrgID",
             statements: allow(#"{"AWS":"*"}"#, #""sts:AssumeRole""#, condition: #"{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}"#),
             human: false, anyone: true, reason: "no condition restricts the caller",
             why: "a negated Allow condition lets in everyone outside the organisation"),
        Case(name: "{\"AWS\": \"*\"} with StringEqualsIfExists aws:PrincipalOrgID",
             statements: allow(#"{"AWS":"*"}"#, #""sts:AssumeRole""#, condition: #"{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}"#),
             human: false, anyone: true, reason: "no condition restricts the caller",
             why: "a caller in no organisation has no PrincipalOrgID, and IfExists then holds"),
        Case(name: "{\"AWS\": \"*\"} with aws:SourceIp", statements: allow(#"{"AWS":"*"}"#, #""sts:AssumeRole""#,
                                                                        condition: #"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#),
             human: false, anyone: true, reason: "no condition restricts the caller", why: "a network condition says nothing about who calls"),
        Case(name: "{\"AWS\": \"*\"} guarded by a Deny outside the organisation",
             statements: allow(#"{"AWS":"*"}"#, #""sts:AssumeRole""#) + #",{"Sid":"OrgOnly","Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}"#,
             human: false, anyone: false, reason: "restricted by statement OrgOnly",
             why: "the Deny applies to every caller outside the organisation, so only its members remain"),
        Case(name: "service role", statements: allow(#"{"Service":["ec2.amazonaws.com","lambda.amazonaws.com"]}"#, #""sts:AssumeRole""#),
             human: false, reason: "service ec2.amazonaws.com: not a human", why: "services assume the role, not people"),
        Case(name: "Deny of the SAML provider", statements: allow(saml, #""sts:AssumeRoleWithSAML""#)
                + #",{"Sid":"NoOkta","Effect":"Deny","Principal":\#(saml),"Action":"sts:*"}"#,
             human: false, reason: "denied by statement NoOkta", why: "an explicit Deny beats the Allow"),
        Case(name: "conditional Deny of the SAML provider", statements: allow(saml, #""sts:AssumeRoleWithSAML""#)
                + #",{"Effect":"Deny","Principal":\#(saml),"Action":"sts:*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}"#,
             human: true, reason: "SAML provider Okta: human", why: "the Deny applies only to some requests; the rest still get in"),
        Case(name: "Deny of the whole other account removes its role", statements:
                allow(#"{"AWS":"arn:aws:iam::111122223333:role/Admin"}"#, #""sts:AssumeRole""#)
                + #",{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"*"}"#,
             human: false, from: [], via: [], reason: "denied by statement without Sid",
             why: "an account in a Deny's Principal stands for every principal of it"),
        Case(name: "Deny of every AWS principal takes back \"*\"", statements: allow(#"{"AWS":"*"}"#, #""sts:AssumeRole""#)
                + #",{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}"#,
             human: false, anyone: false, reason: "denied by statement", why: "the unconditional Deny covers the same callers"),
    ]

    @Test(arguments: cases)
    func trust(_ c: Case) throws {
        let doc = try c.statements.map {
            try PolicyDocumentDecoder.decode(text: #"{"Version":"2012-10-17","Statement":[\#($0)]}"#, location: SourceLocation(path: "t"))
        }
        let role = IAMRole(name: c.roleName, arn: "arn:aws:iam::\(Self.own):role\(c.path)\(c.roleName)", path: c.path, trustPolicy: doc)
        let t = RoleTrust(role: role, settings: c.settings)
        #expect(t.humanAssumable == c.human, "\(c.why)")
        #expect(t.assumableFrom == c.from, "\(c.why)")
        #expect(t.adminAccounts == c.via, "\(c.why)")
        #expect(t.allowsAnyone == c.anyone, "\(c.why)")
        #expect(t.isUsableByHuman == (c.human == true || !c.via.isEmpty))
        #expect(t.reasons.contains { $0.contains(c.reason) }, "reasons: \(t.reasons)")
        // The analyzer's answer is RoleTrust's, with default settings.
        if c.settings == RoleTrust.Settings() {
            #expect(AdminAnalyzer.isHumanAssumable(role) == (c.human == true))
        }
    }

    @Test func tableIsLargeEnough() { #expect(Self.cases.count >= 15) }

    @Test func configuration() throws {
        let c = try Configuration.parse("human_oidc_providers: [example.okta.com]\ntrusted_admin_accounts: ['111122223333']\n",
                                        path: ".credlint.yml")
        #expect(c.roleTrust == RoleTrust.Settings(humanOIDCProviders: ["example.okta.com"], trustedAdminAccounts: ["111122223333"]))
        #expect(try Configuration.parse("rules: {}\n", path: ".credlint.yml").roleTrust.trustedAdminAccounts == nil)
        #expect(throws: CredLintError.self) {
            try Configuration.parse("trusted_admin_accounts: ['12345']\n", path: ".credlint.yml")
        }
        do {
            _ = try Configuration.parse("trusted_admin_accounts:\n  - '111122223333'\n  - mgmt\n", path: ".credlint.yml")
            Issue.record("a non-account id was accepted")
        } catch let e as CredLintError {
            #expect(e.description == ".credlint.yml:3:5: error: trusted_admin_accounts entry 'mgmt' is not an account id; expected 12 digits")
        }
    }
}
