import Testing
@testable import CredLintModel
@testable import CredLintEngine

/// CL307's edges, one case per path to admin and the boundaries that close it.
@Suite struct EscalationTests {
    static let account = "123456789012"
    static func arn(_ kind: String, _ name: String) -> String { "arn:aws:iam::\(account):\(kind)/\(name)" }
    static func allow(_ actions: String, _ resource: String = "*") -> String {
        #"{"Statement": {"Effect": "Allow", "Action": "# + actions + #", "Resource": ""# + resource + #""}}"#
    }
    static let admin = AttachedPolicy(name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess")
    static func trust(_ principal: String) -> String {
        #"{"Statement": {"Effect": "Allow", "Principal": "# + principal + #", "Action": "sts:AssumeRole"}}"#
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The subject `dev` (a user) or `bot` (a role with a service trust), by inline policy.
        var policy: String
        var subjectIsRole = false
        var expect: String?
        var reason: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "AttachUserPolicy on itself", policy: allow(#""iam:AttachUserPolicy""#, arn("user", "dev")),
             expect: "iam:AttachUserPolicy on itself", reason: "attach AdministratorAccess to itself"),
        Case(name: "PutUserPolicy through a wildcard", policy: allow(#""iam:Put*""#),
             expect: "iam:PutUserPolicy on itself", reason: "write an inline *:* policy"),
        Case(name: "PutRolePolicy on itself (role)", policy: allow(#""iam:PutRolePolicy""#, arn("role", "bot")), subjectIsRole: true,
             expect: "iam:PutRolePolicy on itself", reason: "a role can change its own policies"),
        Case(name: "Policy on its group", policy: allow(#""iam:AttachGroupPolicy""#, arn("group", "Devs")),
             expect: "iam:AttachGroupPolicy on its group Devs", reason: "a group policy applies to its members"),
        Case(name: "AddUserToGroup into the admin group", policy: allow(#""iam:AddUserToGroup""#, arn("group", "Admins")),
             expect: "iam:AddUserToGroup into admin group Admins", reason: "membership brings the group's admin policies"),
        Case(name: "CreatePolicyVersion on its policy", policy: allow(#""iam:CreatePolicyVersion""#, arn("policy", "dev-policy")),
             expect: "iam:CreatePolicyVersion on its policy dev-policy", reason: "a new default version can say *:*"),
        Case(name: "CreateAccessKey on an admin user", policy: allow(#""iam:CreateAccessKey""#, arn("user", "*")),
             expect: "iam:CreateAccessKey on admin user alice", reason: "a key of an admin is admin"),
        Case(name: "UpdateLoginProfile on an admin user", policy: allow(#""iam:UpdateLoginProfile""#, arn("user", "alice")),
             expect: "iam:UpdateLoginProfile on admin user alice", reason: "reset the admin's password and sign in (if no MFA)"),
        Case(name: "UpdateAssumeRolePolicy on an admin role", policy: allow(#""iam:UpdateAssumeRolePolicy""#, arn("role", "OrgAdmin")),
             expect: "iam:UpdateAssumeRolePolicy on admin role OrgAdmin", reason: "trust itself, then assume the role"),
        Case(name: "AssumeRole of an admin role trusting the account", policy: allow(#""sts:AssumeRole""#),
             expect: "sts:AssumeRole into admin role OrgAdmin", reason: "trust of the account root delegates to identity policies"),
        Case(name: "PassRole to Lambda", policy: allow(#"["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]"#),
             expect: "iam:PassRole of admin role lambda-admin to lambda:CreateFunction + lambda:InvokeFunction",
             reason: "the function runs with the admin role"),
        Case(name: "NotAction reaching IAM on one admin user",
             policy: #"{"Statement": {"Effect": "Allow", "NotAction": "s3:*", "Resource": ""# + arn("user", "alice") + #""}}"#,
             expect: "iam:CreateAccessKey on admin user alice", reason: "NotAction allows every action but S3's, so the quick action test must not rule IAM out"),
        Case(name: "PassRole to EC2", policy: allow(#"["iam:PassRole", "ec2:RunInstances"]"#),
             expect: "iam:PassRole of admin role ec2-admin to ec2:RunInstances", reason: "the instance gets the admin role's credentials"),
        // Boundaries of the edges
        Case(name: "PassRole without a way to run code", policy: allow(#"["iam:PassRole", "lambda:CreateFunction"]"#), expect: nil,
             reason: "the function cannot be invoked"),
        Case(name: "AttachUserPolicy on others only", policy: allow(#""iam:AttachUserPolicy""#, arn("user", "interns/*")), expect: nil,
             reason: "the resource does not cover itself"),
        Case(name: "CreateAccessKey on itself only", policy: allow(#""iam:CreateAccessKey""#, arn("user", "${aws:username}")), expect: nil,
             reason: "its own key is no more than it has"),
        Case(name: "Read-only IAM", policy: allow(#"["iam:Get*", "iam:List*"]"#), expect: nil, reason: "no write"),
        Case(name: "Denied by its own policy", policy: #"{"Statement": [{"Effect": "Allow", "Action": "iam:*Policy", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}"#,
             expect: nil, reason: "an explicit Deny closes every IAM path"),
    ]

    func paths(_ c: Case) throws -> [String]? {
        let at = SourceLocation(path: "case")
        func doc(_ t: String) throws -> PolicyDocument { try PolicyDocumentDecoder.decode(text: t, location: at) }
        let mine = [InlinePolicy(name: "p", document: try doc(c.policy))]
        let devPolicy = AttachedPolicy(name: "dev-policy", arn: Self.arn("policy", "dev-policy"))
        let users = [
            IAMUser(name: "dev", arn: Self.arn("user", "dev"), groups: ["Devs"], attachedPolicies: [devPolicy],
                    inlinePolicies: c.subjectIsRole ? [] : mine),
            IAMUser(name: "alice", arn: Self.arn("user", "alice"), groups: ["Admins"]),
        ]
        let groups = [IAMGroup(name: "Admins", arn: Self.arn("group", "Admins"), attachedPolicies: [Self.admin]),
                      IAMGroup(name: "Devs", arn: Self.arn("group", "Devs"))]
        let roles = [
            IAMRole(name: "bot", arn: Self.arn("role", "bot"), trustPolicy: try doc(Self.trust(#"{"Service": "codebuild.amazonaws.com"}"#)),
                    inlinePolicies: c.subjectIsRole ? mine : []),
            IAMRole(name: "OrgAdmin", arn: Self.arn("role", "OrgAdmin"), trustPolicy: try doc(Self.trust(#"{"AWS": "arn:aws:iam::123456789012:root"}"#)),
                    attachedPolicies: [Self.admin]),
            IAMRole(name: "lambda-admin", arn: Self.arn("role", "lambda-admin"), trustPolicy: try doc(Self.trust(#"{"Service": "lambda.amazonaws.com"}"#)),
                    attachedPolicies: [Self.admin]),
            IAMRole(name: "ec2-admin", arn: Self.arn("role", "ec2-admin"), trustPolicy: try doc(Self.trust(#"{"Service": "ec2.amazonaws.com"}"#)),
                    attachedPolicies: [Self.admin]),
        ]
        let policies = [ManagedPolicy(name: "dev-policy", arn: devPolicy.arn, defaultDocument: try doc(Self.allow(#""s3:GetObject""#)))]
        let analyzer = AdminAnalyzer(users: users, groups: groups, roles: roles, policies: policies)
        return analyzer.escalation(ofARN: c.subjectIsRole ? Self.arn("role", "bot") : Self.arn("user", "dev"))
    }

    @Test(arguments: cases)
    func edge(_ c: Case) throws {
        let p = try #require(try paths(c))
        if let e = c.expect {
            #expect(p.contains(e), "\(c.reason) — got \(p)")
        } else {
            #expect(p.isEmpty, "\(c.reason) — got \(p)")
        }
    }

    /// `mayAllow` is only a shortcut: when it says no, no resource is allowed either.
    @Test func mayAllowNeverHidesAGrant() throws {
        let statements = [
            #"{"Effect": "Allow", "Action": "iam:Create*", "Resource": "*"}"#,
            #"{"Effect": "Allow", "NotAction": ["s3:*", "iam:Get*"], "Resource": "arn:aws:iam::123456789012:user/*"}"#,
            #"{"Effect": "Allow", "Action": "sts:AssumeRole", "NotResource": "arn:aws:iam::123456789012:role/OrgAdmin"}"#,
            #"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}"#,
            #"{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}"#,
            #"{"Effect": "Allow", "Action": "iam:*AccessKey", "Resource": "*"}"#,
        ]
        let actions = ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:GetUser", "sts:AssumeRole", "iam:PassRole",
                       "s3:GetObject", "lambda:CreateFunction", "iam:UpdateAssumeRolePolicy"]
        let resources = [Self.arn("user", "alice"), Self.arn("role", "OrgAdmin"), Self.arn("role", "bot"), "*",
                         "arn:aws:lambda:us-east-1:123456789012:function:credlint-probe"]
        var allowedSomewhere = 0
        // Every subset of the statements, so Deny and NotAction meet each other.
        for mask in 0..<(1 << statements.count) {
            let chosen = statements.indices.filter { mask & (1 << $0) != 0 }.map { statements[$0] }
            let doc = try PolicyDocumentDecoder.decode(text: #"{"Statement": ["# + chosen.joined(separator: ", ") + "]}",
                                                       location: SourceLocation(path: "t"))
            let evaluator = PolicyEvaluator(sources: [.init(label: "p", qualifiers: [], policy: CompiledPolicy(doc))],
                                            boundary: nil, world: RequestWorld(mfa: false))
            for a in actions {
                let may = evaluator.mayAllow(actionLower: Wildcard.lowercased(a))
                for r in resources where evaluator.evaluate(AdminProbes.Probe(a, r)).allowed {
                    allowedSomewhere += 1
                    #expect(may, "mayAllow said no to \(a) on \(r) with \(chosen)")
                }
            }
        }
        #expect(allowedSomewhere > 100)
    }

    @Test func adminsAndUnknownsHaveNoPaths() throws {
        let u = IAMUser(name: "a", arn: Self.arn("user", "a"), attachedPolicies: [Self.admin],
                        inlinePolicies: [InlinePolicy(name: "p", document: try PolicyDocumentDecoder.decode(text: Self.allow(#""iam:*""#), location: SourceLocation(path: "t")))])
        let missing = IAMUser(name: "m", arn: Self.arn("user", "m"), groups: ["Gone"])
        let analyzer = AdminAnalyzer(users: [u, missing], groups: [], roles: [], policies: [])
        #expect(analyzer.escalation(ofARN: u.arn) == [])
        #expect(analyzer.escalation(ofARN: missing.arn) == nil)
        #expect(analyzer.escalation(ofARN: Self.arn("user", "nobody")) == nil)
    }
}
