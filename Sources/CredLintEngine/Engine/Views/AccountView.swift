import CredLintExpr

/// `account`. Rules over users, keys and credentials see the facts known
/// before the report is streamed (type `AccountContext`); account rules see the
/// whole account (type `Account`), including what depends on every report row.
/// That split is what keeps memory flat however large the report is.
final class AccountView: Sendable {
    let ctx: AccountContext
    let root: UserView?
    let admins: [AdminView]
    let breakGlass: [UserView]
    let rowsRead: Int
    let userCount: Int
    let unknownAdmins: UnknownAdmins

    init(ctx: AccountContext, root: UserView? = nil, admins: [AdminView] = [], breakGlass: [UserView] = [], rowsRead: Int = 0, userCount: Int = 0,
         unknownAdmins: UnknownAdmins = UnknownAdmins()) {
        self.ctx = ctx; self.root = root; self.admins = admins; self.breakGlass = breakGlass
        self.rowsRead = rowsRead; self.userCount = userCount; self.unknownAdmins = unknownAdmins
    }

    var report: ReportFactsView? {
        guard let r = ctx.inputs.report else { return nil }
        return ReportFactsView(generated: r.generatedTime, rows: rowsRead, path: ctx.inputs.reportLocationPath ?? r.path)
    }

    private static let common: [FieldDefinition] = [
        .init("id", .string, doc: "12-digit account id", of: AccountView.self) { .string($0.ctx.accountID) },
        .init("partition", .string, doc: "`aws`, `aws-us-gov`, `aws-cn`", of: AccountView.self) { .string($0.ctx.partition) },
        .init("roles", .list(.object("Role")), doc: "roles", of: AccountView.self) { .list($0.ctx.roles.map { .object(ObjectRef($0)) }) },
        .init("mfa_devices", .list(.object("MFADevice")), doc: "every device from ListMFADevices and ListVirtualMFADevices, one per serial", of: AccountView.self) {
            .list($0.ctx.allDevices.map { .object(ObjectRef(MFADeviceView($0))) })
        },
        .init("password_policy", .object("PasswordPolicy"), doc: "null when the account has none (NoSuchEntity) or it was not given", of: AccountView.self) {
            $0.ctx.passwordPolicy.map { .object(ObjectRef($0)) } ?? .null
        },
        .init("summary", .object("Summary"), doc: "null when GetAccountSummary was not given", of: AccountView.self) {
            $0.ctx.summary.map { .object(ObjectRef($0)) } ?? .null
        },
        .init("report", .object("Report"), doc: "the credential report; null when none was given", of: AccountView.self) {
            $0.report.map { .object(ObjectRef($0)) } ?? .null
        },
        .init("is_member", .bool, doc: "a member account of an AWS Organization: `organization.json` lists it and it is not the management account; null when no `organization.json` names the account", of: AccountView.self) {
            $0.ctx.isMember.map(Value.bool) ?? .null
        },
        .init("management_account", .string, doc: "the Organization's management account id, from `organization.json`; null when none names the account", of: AccountView.self) {
            $0.ctx.inputs.managementAccountID.map(Value.string) ?? .null
        },
        .init("organization_admin_paths", .list(.string), doc: "a member account's recovery paths through the Organization: each admin role the management account (or an account in `trusted_admin_accounts`) can assume, as `OrganizationAccountAccessRole from 111111111111`; empty for the management account and outside an Organization folder", of: AccountView.self) {
            $0.ctx.organizationAdminPaths.exprValue
        },
        .init("drill_dates", .list(.timestamp), doc: "declared break-glass drill dates (config `break_glass.drill_dates`)", of: AccountView.self) {
            .list($0.ctx.breakGlass.drillDates.map { .timestamp($0) })
        },
    ]

    static let contextType = ObjectTypeDefinition(
        name: "AccountContext", doc: "The account as rules over users, keys and credentials see it.", fields: common)

    static let type = ObjectTypeDefinition(name: "Account", doc: "The whole account, for account rules.", fields: common + [
        .init("root", .object("User"), doc: "the root row; null when the report has none", of: AccountView.self) {
            $0.root.map { .object(ObjectRef($0)) } ?? .null
        },
        .init("admins", .list(.object("Admin")), doc: "every admin user and role", of: AccountView.self) { .list($0.admins.map { .object(ObjectRef($0)) }) },
        .init("usable_admins", .list(.object("Admin")), doc: "non-root admin users with an enabled credential, and admin roles a human can assume", of: AccountView.self) {
            .list($0.admins.filter(\.usable).map { .object(ObjectRef($0)) })
        },
        .init("unknown_admins", .int, doc: "identities that would be usable admins if they were admins, but whose admin status the input cannot tell (users with an enabled credential, roles a human can assume): each may be an admin", of: AccountView.self) {
            .int(Int64($0.unknownAdmins.count))
        },
        .init("unknown_admin_reasons", .list(.string), doc: "why those identities could not be judged, with how many each reason applies to, e.g. `not in the authorization details (2)`", of: AccountView.self) {
            $0.unknownAdmins.summary.exprValue
        },
        .init("break_glass", .list(.object("User")), doc: "designated break-glass users", of: AccountView.self) { .list($0.breakGlass.map { .object(ObjectRef($0)) }) },
        .init("user_count", .int, doc: "users in the report (root excluded), or in authorization details without a report", of: AccountView.self) {
            .int(Int64($0.userCount))
        },
    ])
}
