/// `role` in role rules, and the items of `account.roles`.
final class RoleView: Sendable {
    let role: IAMRole
    let admin: AdminStatus
    let humanAssumable: Bool
    init(role: IAMRole, admin: AdminStatus, humanAssumable: Bool) {
        self.role = role; self.admin = admin; self.humanAssumable = humanAssumable
    }

    static let type = ObjectTypeDefinition(name: "Role", doc: "A role from GetAccountAuthorizationDetails.", fields: [
        .init("name", .string, doc: "role name", of: RoleView.self) { .string($0.role.name) },
        .init("arn", .string, doc: "ARN", of: RoleView.self) { .string($0.role.arn) },
        .init("path", .string, doc: "IAM path", of: RoleView.self) { .string($0.role.path) },
        .init("is_admin", .bool, doc: "full admin or IAM admin", of: RoleView.self) { .bool($0.admin.isAdmin) },
        .init("is_full_admin", .bool, doc: "Allow `*` on `*`", of: RoleView.self) { .bool($0.admin.isFullAdmin) },
        .init("is_iam_admin", .bool, doc: "`iam:*` on `*`", of: RoleView.self) { .bool($0.admin.isIAMAdmin) },
        .init("admin_paths", .list(.string), doc: "how the role is admin", of: RoleView.self) { $0.admin.paths.exprValue },
        .init("human_assumable", .bool, doc: "a human can assume it: SAML/OIDC `Federated` trust, or an IAM Identity Center `AWSReservedSSO_*` role", of: RoleView.self) { .bool($0.humanAssumable) },
        .init("attached_policies", .list(.string), doc: "names of attached managed policies", of: RoleView.self) { $0.role.attachedPolicies.map(\.name).exprValue },
        .init("attached_policy_arns", .list(.string), doc: "their ARNs", of: RoleView.self) { $0.role.attachedPolicies.map(\.arn).exprValue },
        .init("inline_policies", .list(.string), doc: "names of inline policies", of: RoleView.self) { $0.role.inlinePolicies.map(\.name).exprValue },
        .init("last_used", .timestamp, doc: "`RoleLastUsed/LastUsedDate`", of: RoleView.self) { $0.role.lastUsed.exprValue },
    ])
}
