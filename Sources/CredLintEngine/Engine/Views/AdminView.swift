import CredLintExpr

/// Items of `account.admins` and `account.usable_admins`.
final class AdminView: Sendable {
    let kind: String
    let name: String
    let arn: String
    let paths: [String]
    let usable: Bool
    let isBreakGlass: Bool
    let mfaActive: Value
    let untested: Bool
    init(kind: String, name: String, arn: String, paths: [String], usable: Bool, isBreakGlass: Bool, mfaActive: Value,
         untested: Bool = false) {
        self.kind = kind; self.name = name; self.arn = arn; self.paths = paths; self.usable = usable
        self.isBreakGlass = isBreakGlass; self.mfaActive = mfaActive; self.untested = untested
    }

    static let type = ObjectTypeDefinition(name: "Admin", doc: "An admin user or role.", fields: [
        .init("kind", .string, doc: "`user` or `role`", of: AdminView.self) { .string($0.kind) },
        .init("name", .string, doc: "name", of: AdminView.self) { .string($0.name) },
        .init("arn", .string, doc: "ARN", of: AdminView.self) { .string($0.arn) },
        .init("paths", .list(.string), doc: "how it is admin", of: AdminView.self) { $0.paths.exprValue },
        .init("usable", .bool, doc: "a user with an enabled credential (password or active key), or a role a human can assume (federation, or from another account: see `role.admin_route_accounts`)", of: AdminView.self) { .bool($0.usable) },
        .init("is_break_glass", .bool, doc: "designated break-glass identity", of: AdminView.self) { .bool($0.isBreakGlass) },
        .init("untested", .bool, doc: "a break-glass user with an enabled credential none of which was ever used: not usable until tested", of: AdminView.self) { .bool($0.untested) },
        .init("mfa_active", .bool, doc: "`mfa_active` (users); null for roles", of: AdminView.self) { $0.mfaActive },
    ])
}
