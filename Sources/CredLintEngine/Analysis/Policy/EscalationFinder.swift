import CredLintModel

/// How an identity that is not an admin can make itself one through IAM or STS
/// (CL307 `shadow-admin`), judged with the same evaluator as admin status.
///
/// The edges (docs/admin-analysis.md, "Escalation"): a policy on itself
/// (`iam:PutUserPolicy`/`AttachUserPolicy`, `PutRolePolicy`/`AttachRolePolicy`);
/// a policy on a group it is in; `iam:AddUserToGroup` into an admin group;
/// `iam:CreatePolicyVersion` on a customer managed policy attached to it; a new
/// access key or login profile for an admin user; `iam:UpdateAssumeRolePolicy`
/// on an admin role; `sts:AssumeRole` of an admin role whose trust names it or its
/// account; `iam:PassRole` of an admin role to a service that runs code as that
/// role (`passRoleServices`). Each path is one sentence naming the action and target.
struct EscalationFinder {
    struct Target: Sendable { let name: String; let arn: String }

    /// Services that run caller-supplied code as a passed role, with the actions that
    /// create and start the code (all needed). The role's trust must name the service.
    struct RunsCode: Sendable {
        let service: String
        let actions: [String]
        /// The probed resource, `SERVICE-PREFIX` and `RESOURCE` of `arn:P:SERVICE-PREFIX:us-east-1:ACCOUNT:RESOURCE`.
        let prefix: String
        let resource: String
        func arn(_ partition: String, _ account: String) -> String { "arn:\(partition):\(prefix):us-east-1:\(account):\(resource)" }
    }

    static let passRoleServices: [RunsCode] = [
        RunsCode(service: "lambda.amazonaws.com", actions: ["lambda:CreateFunction", "lambda:InvokeFunction"],
                 prefix: "lambda", resource: "function:credlint-probe"),
        RunsCode(service: "ec2.amazonaws.com", actions: ["ec2:RunInstances"], prefix: "ec2", resource: "instance/*"),
        RunsCode(service: "cloudformation.amazonaws.com", actions: ["cloudformation:CreateStack"],
                 prefix: "cloudformation", resource: "stack/credlint-probe/*"),
        RunsCode(service: "glue.amazonaws.com", actions: ["glue:CreateJob", "glue:StartJobRun"], prefix: "glue", resource: "job/credlint-probe"),
        RunsCode(service: "codebuild.amazonaws.com", actions: ["codebuild:CreateProject", "codebuild:StartBuild"],
                 prefix: "codebuild", resource: "project/credlint-probe"),
        RunsCode(service: "ecs-tasks.amazonaws.com", actions: ["ecs:RegisterTaskDefinition", "ecs:RunTask"],
                 prefix: "ecs", resource: "task-definition/credlint-probe:1"),
        RunsCode(service: "sagemaker.amazonaws.com", actions: ["sagemaker:CreateNotebookInstance"],
                 prefix: "sagemaker", resource: "notebook-instance/credlint-probe"),
    ]

    let adminUsers: [Target]
    let adminRoles: [IAMRole]
    let adminGroups: [Target]
    /// The requests on each admin user (`userActions`, in order) and role, built once per
    /// account rather than once per principal that asks: each probe splits its ARN.
    private let userProbes: [[AdminProbes.Probe]]
    private let roleProbes: [(update: AdminProbes.Probe, assume: AdminProbes.Probe, pass: AdminProbes.Probe)]

    static let userActions = ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"]
    static let roleActions = ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole", "iam:PassRole"]

    /// Every action the search asks about, lower-cased once; `paths` remembers per principal,
    /// by index into this table, whether its policies can call each one.
    static let actions: [(name: String, lower: [UInt8])] = {
        let names = ["iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:PutRolePolicy", "iam:AttachRolePolicy",
                     "iam:PutGroupPolicy", "iam:AttachGroupPolicy", "iam:AddUserToGroup", "iam:CreatePolicyVersion"]
            + userActions + roleActions + passRoleServices.flatMap(\.actions)
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }.map { ($0, Wildcard.lowercased($0)) }
    }()

    /// `actions` by name: asked some 75 times per principal, a linear search of the table
    /// compared strings 375,000 times on a 5,000-user account (2 % of its instructions).
    static let actionIndex: [String: Int] = Dictionary(uniqueKeysWithValues: actions.enumerated().map { ($1.name, $0) })

    init(adminUsers: [Target], adminRoles: [IAMRole], adminGroups: [Target]) {
        self.adminUsers = adminUsers
        self.adminRoles = adminRoles
        self.adminGroups = adminGroups
        userProbes = adminUsers.map { u in Self.userActions.map { AdminProbes.Probe($0, u.arn) } }
        roleProbes = adminRoles.map { r in
            (AdminProbes.Probe("iam:UpdateAssumeRolePolicy", r.arn), AdminProbes.Probe("sts:AssumeRole", r.arn),
             AdminProbes.Probe("iam:PassRole", r.arn))
        }
    }

    /// The principal's escalation paths, sorted; empty when there are none.
    func paths(evaluator: PolicyEvaluator, principal: Target, isUser: Bool, groups: [Target],
               customerPolicies: [Target]) -> [String] {
        let partition = ARN.partition(principal.arn) ?? "aws"
        let account = ARN.accountID(principal.arn) ?? "000000000000"
        // Whether any statement allows the action at all, asked once per action: a principal
        // that cannot call it is never probed with each admin user's or role's ARN.
        var callable = [Int8](repeating: -1, count: Self.actions.count)  // -1: not asked yet
        func mayCall(_ action: String) -> Bool {
            guard let i = Self.actionIndex[action] else {
                return evaluator.mayAllow(actionLower: Wildcard.lowercased(action))
            }
            if callable[i] < 0 { callable[i] = evaluator.mayAllow(actionLower: Self.actions[i].lower) ? 1 : 0 }
            return callable[i] == 1
        }
        func allows(_ probe: AdminProbes.Probe) -> Bool {
            mayCall(probe.action) && evaluator.evaluate(probe).allowed
        }
        func allowed(_ action: String, _ resource: String) -> Bool {
            mayCall(action) && evaluator.evaluate(AdminProbes.Probe(action, resource)).allowed
        }
        func first(_ actions: [String], on resource: String) -> String? { actions.first { allowed($0, resource) } }
        var out = Set<String>()
        let own = isUser ? ["iam:PutUserPolicy", "iam:AttachUserPolicy"] : ["iam:PutRolePolicy", "iam:AttachRolePolicy"]
        if let a = first(own, on: principal.arn) { out.insert("\(a) on itself") }
        for g in groups {
            if let a = first(["iam:PutGroupPolicy", "iam:AttachGroupPolicy"], on: g.arn) { out.insert("\(a) on its group \(g.name)") }
        }
        if isUser {
            for g in adminGroups where !groups.contains(where: { $0.arn == g.arn }) && allowed("iam:AddUserToGroup", g.arn) {
                out.insert("iam:AddUserToGroup into admin group \(g.name)")
            }
        }
        for p in customerPolicies {
            if let a = first(["iam:CreatePolicyVersion"], on: p.arn) { out.insert("\(a) on its policy \(p.name)") }
        }
        // Asked once, not per admin: an account may have hundreds of admins and thousands of principals.
        if Self.userActions.contains(where: mayCall) {
            for (u, probes) in zip(adminUsers, userProbes) where u.arn != principal.arn {
                if let p = probes.first(where: allows) { out.insert("\(p.action) on admin user \(u.name)") }
            }
        }
        if Self.roleActions.contains(where: mayCall) {
            for (r, probes) in zip(adminRoles, roleProbes) where r.arn != principal.arn {
                if allows(probes.update) { out.insert("iam:UpdateAssumeRolePolicy on admin role \(r.name)") }
                if allows(probes.assume), EscalationFinder.trust(r, allows: principal.arn, account: account) {
                    out.insert("sts:AssumeRole into admin role \(r.name)")
                }
                if allows(probes.pass) {
                    for s in EscalationFinder.passRoleServices where EscalationFinder.trust(r, allowsService: s.service)
                        && s.actions.allSatisfy({ allowed($0, s.arn(partition, account)) }) {
                        out.insert("iam:PassRole of admin role \(r.name) to \(s.actions.joined(separator: " + "))")
                    }
                }
            }
        }
        return out.sorted()
    }

    static let assumeRole = Wildcard.lowercased("sts:AssumeRole")

    /// The trust policy has an Allow of `sts:AssumeRole` naming the caller, its account (root
    /// or id) or anyone, and no Deny naming them. Conditions are not judged (they may hold).
    static func trust(_ role: IAMRole, allows caller: String, account: String) -> Bool {
        guard let trust = role.trustPolicy else { return false }
        let names = Set([caller, account, "arn:\(ARN.partition(caller) ?? "aws"):iam::\(account):root", "*"])
        func matches(_ s: PolicyStatement) -> Bool {
            let principals = (s.principals["AWS"] ?? []) + (s.principals["*"] ?? [])
            let actionHit = s.actions.contains { Wildcard.matches(Wildcard.lowercased($0), assumeRole) }
            return actionHit && principals.contains { names.contains($0) }
        }
        return trust.statements.contains { $0.effect == .allow && matches($0) }
            && !trust.statements.contains { $0.effect == .deny && matches($0) }
    }

    static func trust(_ role: IAMRole, allowsService service: String) -> Bool {
        role.trustPolicy?.statements.contains { s in
            s.effect == .allow && (s.principals["Service"] ?? []).contains(service)
                && s.actions.contains { Wildcard.matches(Wildcard.lowercased($0), assumeRole) }
        } ?? false
    }
}
