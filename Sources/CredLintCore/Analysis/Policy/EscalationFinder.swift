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

    /// The principal's escalation paths, sorted; empty when there are none.
    func paths(evaluator: PolicyEvaluator, principal: Target, isUser: Bool, groups: [Target],
               customerPolicies: [Target]) -> [String] {
        let partition = ARN.partition(principal.arn) ?? "aws"
        let account = ARN.accountID(principal.arn) ?? "000000000000"
        // Whether any statement allows the action at all, asked once per action: a principal
        // that cannot call it is never probed with each admin user's or role's ARN.
        var callable: [String: Bool] = [:]
        func mayCall(_ action: String) -> Bool {
            if let known = callable[action] { return known }
            let may = evaluator.mayAllow(actionLower: Wildcard.lowercased(action))
            callable[action] = may
            return may
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
        let userActions = ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"]
        for u in adminUsers where u.arn != principal.arn && userActions.contains(where: mayCall) {
            if let a = first(userActions, on: u.arn) {
                out.insert("\(a) on admin user \(u.name)")
            }
        }
        let roleActions = ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole", "iam:PassRole"]
        for r in adminRoles where r.arn != principal.arn && roleActions.contains(where: mayCall) {
            if allowed("iam:UpdateAssumeRolePolicy", r.arn) { out.insert("iam:UpdateAssumeRolePolicy on admin role \(r.name)") }
            if allowed("sts:AssumeRole", r.arn), EscalationFinder.trust(r, allows: principal.arn, account: account) {
                out.insert("sts:AssumeRole into admin role \(r.name)")
            }
            if allowed("iam:PassRole", r.arn) {
                for s in EscalationFinder.passRoleServices where EscalationFinder.trust(r, allowsService: s.service)
                    && s.actions.allSatisfy({ allowed($0, s.arn(partition, account)) }) {
                    out.insert("iam:PassRole of admin role \(r.name) to \(s.actions.joined(separator: " + "))")
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
