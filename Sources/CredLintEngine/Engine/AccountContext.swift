import CredLintModel

/// What is known about an account before its credential report is streamed:
/// everything from GetAccountAuthorizationDetails, the MFA lists, the summary
/// and the password policy, plus the admin analysis and break-glass designation.
/// Immutable, so rules may read it from any thread.
final class AccountContext: Sendable {
    let inputs: AccountInputs
    let present: Set<RuleDescriptor.Input>
    let partition: String
    let breakGlass: BreakGlassPolicy
    let analyzer: AdminAnalyzer?
    /// Index into `inputs.users` (an `IAMUser` is a dozen references: copying one per row adds up).
    let usersByARN: [String: Int]
    let devicesByUser: [String: [MFADevice]]
    let allDevices: [MFADevice]
    let roles: [RoleView]
    let summary: SummaryView?
    let passwordPolicy: PasswordPolicyView?

    init(inputs: AccountInputs, configuration: Configuration) {
        self.inputs = inputs
        present = inputs.present
        breakGlass = configuration.breakGlass
        let anyARN = inputs.users.first?.arn ?? inputs.roles.first?.arn
        partition = anyARN.flatMap(ARN.partition) ?? "aws"
        if inputs.hasAuthorizationDetails {
            analyzer = AdminAnalyzer(users: inputs.users, groups: inputs.groups, roles: inputs.roles,
                                     policies: inputs.policies, extraAdminPolicyARNs: Set(configuration.adminPolicyARNs))
        } else {
            analyzer = nil
        }
        var byARN: [String: Int] = [:], byName: [String: Int] = [:]
        byARN.reserveCapacity(inputs.users.count); byName.reserveCapacity(inputs.users.count)
        for (i, u) in inputs.users.enumerated() { byARN[u.arn] = i; byName[u.name] = i }
        usersByARN = byARN

        // One device per serial; ListMFADevices and the virtual list often name the same one.
        var bySerial: [String: MFADevice] = [:]
        for d in inputs.virtualMFADevices + inputs.mfaDevices {
            if var existing = bySerial[d.serialNumber] {
                existing.userName = existing.userName ?? d.userName
                existing.userARN = existing.userARN ?? d.userARN
                existing.enableDate = existing.enableDate ?? d.enableDate
                existing.secretPresent = existing.secretPresent || d.secretPresent
                bySerial[d.serialNumber] = existing
            } else {
                bySerial[d.serialNumber] = d
            }
        }
        allDevices = bySerial.values.sorted { $0.serialNumber < $1.serialNumber }
        var perUser: [String: [MFADevice]] = [:]
        for d in allDevices {
            if let arn = d.userARN { perUser[arn, default: []].append(d) }
            else if let name = d.userName, let u = byName[name] { perUser[inputs.users[u].arn, default: []].append(d) }
            else if let name = d.userName { perUser["name:" + name, default: []].append(d) }
        }
        devicesByUser = perUser
        let analyzer = self.analyzer
        let trustSettings = configuration.roleTrust
        // The Organization's recovery accounts: its management account and those the
        // configuration trusts. Known only in an Organization folder (organization.json).
        let recovery = inputs.managementAccountID.map { Set([$0] + (configuration.trustedAdminAccounts ?? [])) } ?? []
        roles = inputs.roles.sorted { $0.arn < $1.arn }.map { r in
            let trust = RoleTrust(role: r, settings: trustSettings)
            return RoleView(role: r, admin: analyzer?.status(ofRoleARN: r.arn) ?? .notAdmin, trust: trust,
                            organizationRouteAccounts: trust.assumableFrom.filter(recovery.contains))
        }
        summary = inputs.summary.map(SummaryView.init)
        passwordPolicy = inputs.passwordPolicy.map(PasswordPolicyView.init)
    }

    var accountID: String { inputs.accountID }

    /// A member of an Organization (organization.json lists it, and it is not the management
    /// account); nil when no organization.json names it.
    var isMember: Bool? { inputs.managementAccountID.map { $0 != inputs.accountID } }

    /// A member account's recovery paths through the Organization: each admin role that the
    /// management account (or an account in `trusted_admin_accounts`) can assume, as
    /// `OrganizationAccountAccessRole from 111111111111`. Empty for the management account and
    /// outside an Organization folder.
    var organizationAdminPaths: [String] {
        guard isMember == true else { return [] }
        return roles.filter { $0.admin.isKnown && $0.admin.isAdmin && !$0.organizationRouteAccounts.isEmpty }
            .map { "\($0.role.name) from \($0.organizationRouteAccounts.joined(separator: ", "))" }
    }

    func devices(forARN arn: String, name: String) -> [MFADevice] {
        if devicesByUser.isEmpty { return [] }
        return (devicesByUser[arn] ?? []) + (devicesByUser["name:" + name] ?? [])
    }

    func devicesKnown(name: String) -> Bool {
        inputs.hasVirtualMFAList || inputs.mfaListedUsers.contains(name)
    }

    /// The joined view of one user (from a report row, authorization details, or both).
    func userView(row: CredentialReportRow?, iam: IAMUser?) -> UserView {
        let f = facts(row: row, iam: iam)
        return UserView(row: row, iam: f.iam, admin: f.admin, isBreakGlass: f.isBreakGlass, context: self)
    }

    /// What the other inputs say about a user: their authorization-details entry,
    /// admin status (nil without authorization details, and for root; unknown for a user
    /// the authorization details do not list) and break-glass designation.
    func facts(row: CredentialReportRow?, iam: IAMUser?) -> (iam: IAMUser?, admin: AdminStatus?, isBreakGlass: Bool) {
        let name = row?.user ?? iam?.name ?? ""
        let arn = row?.arn ?? iam?.arn ?? ""
        let isRoot = row?.isRoot ?? false
        let iam = iam ?? (isRoot || usersByARN.isEmpty ? nil : usersByARN[arn].map { inputs.users[$0] })
        let bg = !isRoot && breakGlass.isBreakGlass(name: name, tags: iam?.tags ?? [:])
        let admin: AdminStatus? = (analyzer == nil || isRoot) ? nil : (analyzer!.status(ofUserARN: arn, hasMFA: hasMFA(row: row, arn: arn, name: name)) ?? missingUser)
        return (iam, admin, bg)
    }

    /// Whether the user has an MFA device, for MFA-gated admin policies: the report's
    /// `mfa_active` or a device in the MFA lists says yes; `mfa_active` false, or the
    /// lists covering the user without a device, say no; nil when neither input tells.
    func hasMFA(row: CredentialReportRow?, arn: String, name: String) -> Bool? {
        if row?.mfaActive.value == true || !devices(forARN: arn, name: name).isEmpty { return true }
        if row?.mfaActive.value == false || devicesKnown(name: name) { return false }
        return nil
    }

    /// The admin status of a user the authorization details do not list: unknown, never
    /// "not admin" (a page not exported, a filtered export, a user created between the two
    /// exports could all be admins).
    var missingUser: AdminStatus {
        inputs.hasUserDetails ? Self.notInDetails : Self.noUserList
    }
    static let notInDetails = AdminStatus.unknown(["not in the authorization details"])
    static let noUserList = AdminStatus.unknown(["the authorization details were exported without users (no UserDetailList)"])
}
