import Testing
@testable import CredLintModel
@testable import CredLintEngine

/// The semantics table of issue 14: one user per case, the verdict AWS's
/// identity-policy evaluation gives, and the reason in one line.
/// Role trust cases live in their own file; docs/admin-analysis.md explains the rules.
@Suite struct AdminSemanticsTests {
    enum Verdict: String, Sendable { case full, iam, none, unknown }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Inline policy documents of the user, as text (raw JSON or URL-encoded).
        var inline: [String] = []
        /// ARNs of managed policies attached to the user.
        var attached: [String] = []
        /// Customer managed policies in the export: name → default version's document.
        var managed: [String: String] = [:]
        /// Groups in the export, by name: their inline documents and attached ARNs.
        var groups: [String: (inline: [String], attached: [String])] = [:]
        var memberOf: [String] = []
        var boundary: String? = nil
        /// Whether the user has an MFA device (nil: the input does not say).
        var mfa: Bool? = false
        var expect: Verdict
        /// Text one of the verdict's paths, deniedBy entries or unknown reasons must contain.
        var mentions: String? = nil
        var reason: String
        var testDescription: String { name }
    }

    static let account = "123456789012"
    static let admin = "arn:aws:iam::aws:policy/AdministratorAccess"
    static func doc(_ statements: String) -> String { #"{"Version": "2012-10-17", "Statement": ["# + statements + "]}" }
    static func allow(_ action: String, _ resource: String = #""*""#, condition: String? = nil, not: Bool = false,
                      notResource: Bool = false) -> String {
        #"{"Effect": "Allow", ""# + (not ? "NotAction" : "Action") + #"": "# + action + #", ""#
            + (notResource ? "NotResource" : "Resource") + #"": "# + resource
            + (condition.map { #", "Condition": "# + $0 } ?? "") + "}"
    }
    static func deny(_ action: String, _ resource: String = #""*""#, condition: String? = nil, notAction: Bool = false,
                     notResource: Bool = false, sid: String? = nil) -> String {
        "{" + (sid.map { #""Sid": ""# + $0 + #"", "# } ?? "") + #""Effect": "Deny", ""# + (notAction ? "NotAction" : "Action")
            + #"": "# + action + #", ""# + (notResource ? "NotResource" : "Resource") + #"": "# + resource
            + (condition.map { #", "Condition": "# + $0 } ?? "") + "}"
    }
    static func policyARN(_ name: String) -> String { "arn:aws:iam::\(account):policy/\(name)" }
    static let allowAll = doc(allow(#""*""#))
    static let mfaTrue = #"{"Bool": {"aws:MultiFactorAuthPresent": "true"}}"#
    static let sourceIp = #"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#
    /// The least a policy must allow to be IAM admin, spelled out.
    static let recoverSet = #"["iam:*MFADevice", "iam:*LoginProfile", "iam:CreateAccessKey", "iam:AttachUserPolicy", "iam:PutUserPolicy"]"#

    static let cases: [Case] = [
        // Action
        Case(name: "Action * as a string", inline: [allowAll], expect: .full, mentions: "direct: inline policy p0",
             reason: "* matches every action of every service, Resource * every resource"),
        Case(name: "Action as a list containing *", inline: [doc(allow(#"["s3:GetObject", "*"]"#, #"["arn:aws:s3:::x", "*"]"#))],
             expect: .full, reason: "a list matches when any element matches"),
        Case(name: "Action *:*", inline: [doc(allow(#""*:*""#))], expect: .full, reason: "*:* is every service, every action"),
        Case(name: "Upper-case service IAM:*", inline: [doc(allow(#""IAM:*""#))], expect: .iam, mentions: "IAM admin only",
             reason: "service prefixes and action names are case-insensitive; IAM alone is not full admin"),
        Case(name: "Wildcard in the service i*:*", inline: [doc(allow(#""i*:*""#))], expect: .iam,
             reason: "* inside the service prefix matches iam (and identitystore…)"),
        Case(name: "? in the service ?am:*", inline: [doc(allow(#""?am:*""#))], expect: .iam, reason: "? matches exactly one character"),
        Case(name: "iam:* on *", inline: [doc(allow(#""iam:*""#))], expect: .iam, reason: "every IAM action on every resource"),
        Case(name: "Exactly the recovery actions", inline: [doc(allow(recoverSet))], expect: .iam,
             reason: "MFA, login profile, access key and user policy actions on any user are what IAM admin means"),
        Case(name: "Read-only IAM", inline: [doc(allow(#"["iam:Get*", "iam:List*"]"#))], expect: .none,
             reason: "no write action of IAM is allowed"),
        Case(name: "Policy actions only", inline: [doc(allow(#""iam:*Policy*""#))], expect: .none,
             reason: "cannot touch MFA devices, login profiles or keys (escalation is CL307's question)"),
        Case(name: "Other services only", inline: [doc(allow(#"["s3:*", "ec2:*"]"#))], expect: .none,
             reason: "nothing of IAM is allowed"),
        // NotAction
        Case(name: "NotAction iam:*", inline: [doc(allow(#""iam:*""#, not: true))], expect: .none,
             reason: "NotAction allows everything except IAM, so no IAM probe"),
        Case(name: "NotAction IAM:Create* (case-insensitive)", inline: [doc(allow(#""IAM:Create*""#, not: true))], expect: .none,
             reason: "the exclusion matches iam:CreateAccessKey and iam:CreateLoginProfile whatever the case"),
        Case(name: "NotAction ec2:*", inline: [doc(allow(#""ec2:*""#, not: true))], expect: .iam, mentions: "IAM admin only",
             reason: "everything but EC2 includes all of IAM, not every service"),
        Case(name: "NotAction of one data action", inline: [doc(allow(#""s3:DeleteBucket""#, not: true))], expect: .full,
             reason: "excludes no probed action, allows newservice:NewAction; with IAM the rest is one policy away"),
        Case(name: "NotAction organizations:*", inline: [doc(allow(#""organizations:*""#, not: true))], expect: .iam,
             reason: "organizations:* is a full-admin probe"),
        // Resource
        Case(name: "Action * on arn:aws:iam::*:*", inline: [doc(allow(#""*""#, #""arn:aws:iam::*:*""#))], expect: .iam,
             reason: "a wildcard stays inside its ARN field: IAM resources of any account, nothing else"),
        Case(name: "iam:* on the own account", inline: [doc(allow(#""iam:*""#, #""arn:aws:iam::123456789012:*""#))], expect: .iam,
             reason: "every IAM resource of the account"),
        Case(name: "iam:* on another account", inline: [doc(allow(#""iam:*""#, #""arn:aws:iam::999999999999:*""#))], expect: .none,
             reason: "identity policies cannot reach into another account's users"),
        Case(name: "Action * on other services only", inline: [doc(allow(#""*""#, #"["arn:aws:s3:::*", "arn:aws:ec2:*:*:*"]"#))],
             expect: .none, reason: "no IAM resource matches"),
        Case(name: "Action * on arn:aws:*:*:*:*", inline: [doc(allow(#""*""#, #""arn:aws:*:*:*:*""#))], expect: .iam,
             reason: "actions without resource types (organizations, newservice) are only granted on Resource *"),
        Case(name: "Users and MFA devices of any account", inline: [doc(allow(#""iam:*""#, #"["arn:aws:iam::*:user/*", "arn:aws:iam::*:mfa/*"]"#))],
             expect: .iam, reason: "user/* covers users on any path; mfa/* every virtual device"),
        Case(name: "Self-service IAM", inline: [doc(allow(#""iam:*""#, #"["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:mfa/${aws:username}"]"#))],
             expect: .none, reason: "policy variables name the caller's own user, not any user of the account"),
        // NotResource
        Case(name: "Allow * NotResource one bucket", inline: [doc(allow(#""*""#, #""arn:aws:s3:::secret/*""#, notResource: true))],
             expect: .full, reason: "everything but one bucket: every probe is allowed"),
        Case(name: "Allow * NotResource IAM", inline: [doc(allow(#""*""#, #""arn:aws:iam::*:*""#, notResource: true))],
             expect: .none, reason: "IAM resources are excluded"),
        // Conditions
        Case(name: "MFA-gated admin, user with MFA", inline: [doc(allow(#""*""#, condition: mfaTrue))], mfa: true, expect: .full,
             mentions: "with MFA", reason: "aws:MultiFactorAuthPresent is true when the user signs in with the device"),
        Case(name: "MFA-gated admin, user without MFA", inline: [doc(allow(#""*""#, condition: mfaTrue))], mfa: false, expect: .none,
             reason: "without a device the key is false or absent: Bool true does not match"),
        Case(name: "MFA-gated admin, MFA unknown", inline: [doc(allow(#""*""#, condition: mfaTrue))], mfa: nil, expect: .unknown,
             mentions: "admin only when signed in with MFA", reason: "the verdict turns on a fact the input does not give"),
        Case(name: "MFA age limit, user with MFA", inline: [doc(allow(#""*""#, condition: #"{"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}"#))],
             mfa: true, expect: .full, mentions: "with MFA", reason: "a fresh MFA session satisfies an age limit"),
        Case(name: "MFA age limit, user without MFA", inline: [doc(allow(#""*""#, condition: #"{"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}"#))],
             mfa: false, expect: .none, reason: "the age key is absent without MFA, and a missing key matches nothing"),
        Case(name: "Other condition key", inline: [doc(allow(#""*""#, condition: sourceIp))], expect: .full,
             mentions: "if aws:SourceIp 203.0.113.0/24", reason: "usable from that network: conditional admin, condition in the path"),
        Case(name: "MFA and another key", inline: [doc(allow(#""*""#, condition: #"{"Bool": {"aws:MultiFactorAuthPresent": true}, "StringEquals": {"aws:RequestedRegion": "eu-west-1"}}"#))],
             mfa: true, expect: .full, mentions: "with MFA, if aws:RequestedRegion eu-west-1", reason: "conditions AND: MFA holds, the region is up to the request"),
        Case(name: "Empty Condition block", inline: [doc(allow(#""*""#, condition: "{}"))], expect: .full, mentions: "direct: inline policy p0",
             reason: "an empty Condition constrains nothing"),
        // Deny
        Case(name: "Deny * on *", inline: [allowAll, doc(deny(#""*""#))], expect: .none, mentions: "direct: inline policy p1, statement 1",
             reason: "an explicit Deny beats any Allow"),
        Case(name: "Deny iam:*", inline: [allowAll, doc(deny(#""iam:*""#))], expect: .none, reason: "without IAM neither kind of admin"),
        Case(name: "Deny with a Sid", inline: [allowAll, doc(deny(#""iam:*""#, sid: "NoIAM"))], expect: .none,
             mentions: "statement NoIAM", reason: "the verdict names the statement that takes admin away"),
        Case(name: "Deny IAM on user ARNs", inline: [allowAll, doc(deny(#""iam:*""#, #""arn:aws:iam::*:user/*""#))], expect: .none,
             reason: "the user-scoped IAM probes are denied"),
        Case(name: "Deny NotAction s3:* (guardrail to S3)", inline: [allowAll, doc(deny(#""s3:*""#, notAction: true))], expect: .none,
             reason: "denies every action but S3's"),
        Case(name: "Deny * NotResource one bucket", inline: [allowAll, doc(deny(#""*""#, #""arn:aws:s3:::data/*""#, notResource: true))],
             expect: .none, reason: "denies everything outside the bucket"),
        Case(name: "Deny s3:* only", inline: [allowAll, doc(deny(#""s3:*""#))], expect: .iam, mentions: "limited to IAM by a Deny",
             reason: "IAM survives, full admin does not"),
        Case(name: "Deny one recovery action", inline: [allowAll, doc(deny(#""iam:CreateAccessKey""#))], expect: .none,
             reason: "every IAM probe must be allowed; deleting the Deny first is escalation (CL307)"),
        Case(name: "Deny under another condition", inline: [allowAll, doc(deny(#""*""#, condition: #"{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#))],
             expect: .full, mentions: "unless direct: inline policy p1, statement 1 (if aws:SourceIp not 10.0.0.0/8) denies",
             reason: "a Deny that may apply is named, not applied"),
        Case(name: "Deny BoolIfExists MFA false, user without MFA", inline: [allowAll, doc(deny(#""*""#, condition: #"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}"#))],
             mfa: false, expect: .none, reason: "false or absent: IfExists makes the absent key match, so the Deny certainly applies"),
        Case(name: "Deny BoolIfExists MFA false, user with MFA", inline: [allowAll, doc(deny(#""*""#, condition: #"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}"#))],
             mfa: true, expect: .full, mentions: "direct: inline policy p0", reason: "signed in with MFA the key is true: the Deny does not apply"),
        Case(name: "Deny Bool MFA false (no IfExists), user without MFA", inline: [allowAll, doc(deny(#""*""#, condition: #"{"Bool": {"aws:MultiFactorAuthPresent": "false"}}"#))],
             mfa: false, expect: .full, mentions: "unless", reason: "access-key requests carry no MFA key and Bool without IfExists then does not match"),
        // Permissions boundaries
        Case(name: "Restrictive boundary", attached: [admin], managed: ["s3-only": doc(allow(#""s3:*""#))], boundary: policyARN("s3-only"),
             expect: .none, mentions: "permissions boundary s3-only", reason: "the boundary must allow the request too"),
        Case(name: "Admin boundary", attached: [admin], boundary: admin, expect: .full, reason: "an allow-all boundary restricts nothing"),
        Case(name: "IAM-only boundary", attached: [admin], boundary: "arn:aws:iam::aws:policy/IAMFullAccess", expect: .iam,
             mentions: "limited to IAM by permissions boundary", reason: "the intersection is IAM"),
        Case(name: "NotAction boundary excluding IAM", attached: [admin], managed: ["no-iam": doc(allow(#""iam:*""#, not: true))],
             boundary: policyARN("no-iam"), expect: .none, reason: "the boundary allows everything but IAM"),
        Case(name: "MFA-conditional boundary, user with MFA", attached: [admin], managed: ["mfa-b": doc(allow(#""*""#, condition: mfaTrue))],
             boundary: policyARN("mfa-b"), mfa: true, expect: .full, mentions: "with MFA", reason: "the boundary's condition holds with MFA"),
        Case(name: "MFA-conditional boundary, user without MFA", attached: [admin], managed: ["mfa-b": doc(allow(#""*""#, condition: mfaTrue))],
             boundary: policyARN("mfa-b"), mfa: false, expect: .none, reason: "the boundary allows nothing without MFA"),
        Case(name: "Boundary with another condition", attached: [admin], managed: ["ip-b": doc(allow(#""*""#, condition: sourceIp))],
             boundary: policyARN("ip-b"), expect: .full, mentions: "permissions boundary if aws:SourceIp", reason: "conditional through the boundary"),
        Case(name: "Boundary missing from the export", attached: [admin], boundary: policyARN("gone"), expect: .unknown,
             mentions: "permissions boundary", reason: "an unseen boundary may take everything away"),
        Case(name: "Missing boundary on a non-admin", inline: [doc(allow(#""s3:*""#))], boundary: policyARN("gone"), expect: .none,
             reason: "a boundary only removes rights, so a non-admin stays one"),
        // Groups
        Case(name: "Admin through a group", groups: ["Admins": ([allowAll], [])], memberOf: ["Admins"], expect: .full,
             mentions: "group Admins: inline policy p0", reason: "a group's policies apply to its members"),
        Case(name: "Group with AdministratorAccess", groups: ["Admins": ([], [admin])], memberOf: ["Admins"], expect: .full,
             mentions: "group Admins: AdministratorAccess", reason: "managed policies attached to a group apply to members"),
        Case(name: "Deny-all group", attached: [admin], groups: ["Quarantine": ([doc(deny(#""*""#))], [])], memberOf: ["Quarantine"],
             expect: .none, mentions: "group Quarantine", reason: "a group's Deny applies to its members"),
        Case(name: "Group missing from the export", memberOf: ["Ops"], expect: .unknown, mentions: "group Ops",
             reason: "an unseen group may grant admin"),
        Case(name: "Admin with a missing group", attached: [admin], memberOf: ["Ops"], expect: .unknown, mentions: "group Ops",
             reason: "an unseen group may hold a Deny"),
        Case(name: "Admin only by two policies together", inline: [doc(allow(#""iam:*""#)), doc(allow(#""iam:*""#, not: true))],
             expect: .full, mentions: "combined: direct: inline policy p0 + direct: inline policy p1",
             reason: "Allows add up across policies"),
        Case(name: "IAM admin only by two policies together", inline: [doc(allow(#"["iam:*MFADevice", "iam:*LoginProfile"]"#)),
                                                                       doc(allow(#"["iam:CreateAccessKey", "iam:*UserPolicy"]"#))],
             expect: .iam, mentions: "combined: direct: inline policy p0 + direct: inline policy p1 (IAM admin only)",
             reason: "the recovery actions may come from several policies"),
        // Managed policies
        Case(name: "Customer managed admin", attached: [policyARN("custom")], managed: ["custom": allowAll], expect: .full,
             mentions: "customer managed", reason: "the default version's document is evaluated"),
        Case(name: "Customer managed missing from the export", attached: [policyARN("custom")], expect: .unknown,
             mentions: "custom", reason: "its document could grant anything"),
        Case(name: "AWS managed missing, admin otherwise", attached: [admin, "arn:aws:iam::aws:policy/PowerUserAccess"], expect: .full,
             reason: "AWS managed policies do not Deny, so an unseen one cannot take admin away"),
        Case(name: "AWS managed missing, not admin otherwise", attached: ["arn:aws:iam::aws:policy/PowerUserAccess"], expect: .unknown,
             reason: "an unseen policy may grant"),
        Case(name: "IAMFullAccess", attached: ["arn:aws:iam::aws:policy/IAMFullAccess"], expect: .iam, reason: "recognised by ARN: iam:*"),
        // Document forms
        Case(name: "Statement as an object", inline: [#"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#],
             expect: .full, reason: "a single statement need not be in a list"),
        Case(name: "URL-encoded document", inline: ["%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"],
             expect: .full, reason: "IAM Query API XML hands documents out URL-encoded"),
        Case(name: "Raw document with padding", inline: ["\n  " + allowAll + "\n"], expect: .full, reason: "moto and AWS docs hand out raw JSON"),
        Case(name: "Statement without Resource", inline: [#"{"Statement": {"Effect": "Allow", "Action": "*"}}"#], expect: .none,
             reason: "an identity-policy statement without Resource or NotResource is invalid and grants nothing"),
    ]

    func run(_ c: Case) throws -> AdminStatus? {
        let at = SourceLocation(path: "case")
        func inline(_ docs: [String]) throws -> [InlinePolicy] {
            try docs.enumerated().map { InlinePolicy(name: "p\($0.offset)", document: try PolicyDocumentDecoder.decode(text: $0.element, location: at)) }
        }
        func attached(_ arns: [String]) -> [AttachedPolicy] {
            arns.map { AttachedPolicy(name: String($0.split(separator: "/").last!), arn: $0) }
        }
        let policies = try c.managed.map { name, text in
            ManagedPolicy(name: name, arn: Self.policyARN(name), defaultVersionID: "v1",
                          defaultDocument: try PolicyDocumentDecoder.decode(text: text, location: at))
        }
        let groups = try c.groups.map { name, g in
            IAMGroup(name: name, arn: "arn:aws:iam::\(Self.account):group/\(name)", attachedPolicies: attached(g.attached),
                     inlinePolicies: try inline(g.inline))
        }
        let u = IAMUser(name: "u", arn: "arn:aws:iam::\(Self.account):user/u", groups: c.memberOf,
                        attachedPolicies: attached(c.attached), inlinePolicies: try inline(c.inline),
                        permissionsBoundaryARN: c.boundary)
        return AdminAnalyzer(users: [u], groups: groups, roles: [], policies: policies).status(ofUserARN: u.arn, hasMFA: c.mfa)
    }

    @Test(arguments: cases)
    func semantics(_ c: Case) throws {
        let s = try #require(try run(c))
        let verdict: Verdict = !s.isKnown ? .unknown : s.isFullAdmin ? .full : s.isIAMAdmin ? .iam : .none
        #expect(verdict == c.expect, "\(c.reason) — got \(s)")
        #expect(s.isFullAdmin ? s.isIAMAdmin : true, "a full admin is an IAM admin")
        #expect(s.isAdmin == !s.paths.isEmpty, "paths exactly when admin")
        if let text = c.mentions {
            let said = s.paths + s.deniedBy + s.unknownReasons
            #expect(said.contains { $0.contains(text) }, "expected \(text) in \(said)")
        }
    }

    @Test func tableSize() { #expect(Self.cases.count >= 45) }

    /// The default version counts, not the newest nor any other (read through the JSON reader).
    @Test(arguments: [(true, Verdict.full), (false, Verdict.none)])
    func managedPolicyVersions(adminIsDefault: Bool, expect: Verdict) throws {
        let adminDoc = #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#
        let readOnly = #"{"Statement": [{"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}]}"#
        let json = """
            {"UserDetailList": [{"UserName": "u", "UserId": "AIDA", "Arn": "arn:aws:iam::123456789012:user/u", "Path": "/",
               "AttachedManagedPolicies": [{"PolicyName": "versioned", "PolicyArn": "arn:aws:iam::123456789012:policy/versioned"}]}],
             "GroupDetailList": [], "RoleDetailList": [],
             "Policies": [{"PolicyName": "versioned", "Arn": "arn:aws:iam::123456789012:policy/versioned", "Path": "/",
               "DefaultVersionId": "\(adminIsDefault ? "v1" : "v2")", "PolicyVersionList": [
                 {"VersionId": "v1", "IsDefaultVersion": \(adminIsDefault), "Document": \(adminDoc)},
                 {"VersionId": "v2", "IsDefaultVersion": \(!adminIsDefault), "Document": \(readOnly)}]}]}
            """
        guard case .authorizationDetails(let page) = try IAMJSONReader.read(bytes: Array(json.utf8), path: "gaad.json") else {
            Issue.record("not authorization details"); return
        }
        let s = try #require(AdminAnalyzer(details: page).status(ofUserARN: "arn:aws:iam::123456789012:user/u"))
        #expect(s.isKnown)
        #expect((s.isFullAdmin ? Verdict.full : .none) == expect)
    }
}
