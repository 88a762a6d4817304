import CredLintModel
import CredLintExpr

/// `role` in role rules, and the items of `account.roles`.
final class RoleView: Sendable {
    let role: IAMRole
    let admin: AdminStatus
    let trust: RoleTrust
    /// Those of `trust.assumableFrom` that are the Organization's recovery accounts (`AccountContext`).
    let organizationRouteAccounts: [String]
    init(role: IAMRole, admin: AdminStatus, trust: RoleTrust, organizationRouteAccounts: [String] = []) {
        self.role = role; self.admin = admin; self.trust = trust; self.organizationRouteAccounts = organizationRouteAccounts
    }

    static let type = ObjectTypeDefinition(name: "Role", doc: "A role from GetAccountAuthorizationDetails.", fields: [
        .init("name", .string, doc: "role name", of: RoleView.self) { .string($0.role.name) },
        .init("arn", .string, doc: "ARN", of: RoleView.self) { .string($0.role.arn) },
        .init("path", .string, doc: "IAM path", of: RoleView.self) { .string($0.role.path) },
        .init("is_admin", .bool, doc: "full admin or IAM admin; null when the input cannot tell (`admin_unknown_reasons`)", of: RoleView.self) { Optional($0.admin).exprValue(\.isAdmin) },
        .init("is_full_admin", .bool, doc: "Allow `*` on `*`; null like `is_admin`", of: RoleView.self) { Optional($0.admin).exprValue(\.isFullAdmin) },
        .init("is_iam_admin", .bool, doc: "`iam:*` on `*`; null like `is_admin`", of: RoleView.self) { Optional($0.admin).exprValue(\.isIAMAdmin) },
        .init("admin_paths", .list(.string), doc: "how the role is admin; null like `is_admin`", of: RoleView.self) { Optional($0.admin).pathsValue },
        .init("admin_unknown_reasons", .list(.string), doc: "why the admin status cannot be told; empty when it can", of: RoleView.self) { $0.admin.unknownReasons.exprValue },
        .init("human_assumable", .bool, doc: "people sign in through it: a SAML provider (IAM Identity Center included) or an OIDC provider in `human_oidc_providers`; null when the trust policy is not in the input", of: RoleView.self) { $0.trust.humanAssumable.map(Value.bool) ?? .null },
        .init("assumable_from", .list(.string), doc: "other accounts whose principals the trust policy allows (account ids, sorted)", of: RoleView.self) { $0.trust.assumableFrom.exprValue },
        .init("admin_route_accounts", .list(.string), doc: "those of `assumable_from` that make it usable \"via account X\" (all of them, or those in `trusted_admin_accounts`; not third parties gated on `sts:ExternalId`)", of: RoleView.self) { $0.trust.adminAccounts.exprValue },
        .init("organization_route_accounts", .list(.string), doc: "those of `assumable_from` that are the Organization's recovery accounts: the management account `organization.json` names, and the accounts in `trusted_admin_accounts`; empty outside an Organization folder", of: RoleView.self) { $0.organizationRouteAccounts.exprValue },
        .init("trust_allows_anyone", .bool, doc: "the trust policy allows `\"*\"` or `{\"AWS\": \"*\"}` with no condition that restricts the caller; null when the trust policy is not in the input", of: RoleView.self) { $0.trust.allowsAnyone.map(Value.bool) ?? .null },
        .init("trust_reasons", .list(.string), doc: "what each principal of the trust policy means, e.g. `SAML provider Okta: human`", of: RoleView.self) { $0.trust.reasons.exprValue },
        .init("attached_policies", .list(.string), doc: "names of attached managed policies", of: RoleView.self) { $0.role.attachedPolicies.map(\.name).exprValue },
        .init("attached_policy_arns", .list(.string), doc: "their ARNs", of: RoleView.self) { $0.role.attachedPolicies.map(\.arn).exprValue },
        .init("inline_policies", .list(.string), doc: "names of inline policies", of: RoleView.self) { $0.role.inlinePolicies.map(\.name).exprValue },
        .init("last_used", .timestamp, doc: "`RoleLastUsed/LastUsedDate`", of: RoleView.self) { $0.role.lastUsed.exprValue },
    ])
}
