/// Everything given for one account, merged across files.
package struct AccountInputs: Sendable {
    package var accountID: String
    package var report: CredentialReportInput?
    /// Where findings about report rows point (the CSV when a decoded copy sits beside its envelope).
    package var reportLocationPath: String?
    package var users: [IAMUser] = []
    package var groups: [IAMGroup] = []
    package var roles: [IAMRole] = []
    package var policies: [ManagedPolicy] = []
    package var hasAuthorizationDetails = false
    /// The authorization details list the account's users (a `UserDetailList`). False for
    /// an export made with `--filter Role`: every user's admin status is then unknown.
    package var hasUserDetails = true
    package var authorizationDetailsLocation: SourceLocation?
    /// ListVirtualMFADevices devices (assigned and unassigned).
    package var virtualMFADevices: [MFADevice] = []
    package var hasVirtualMFAList = false
    /// ListMFADevices devices, with the users whose lists were given.
    package var mfaDevices: [MFADevice] = []
    package var mfaListedUsers: Set<String> = []
    package var mfaLocation: SourceLocation?
    var virtualListSeen = false
    package var summary: AccountSummary?
    package var passwordPolicy: PasswordPolicy?
    /// GetAccountPasswordPolicy answered NoSuchEntity.
    package var noPasswordPolicy: SourceLocation?
    package var files: [String] = []
    package var notes: [Note] = []
    /// The management account of the Organization whose `organization.json` lists this account;
    /// nil outside an Organization folder. The account is a member unless it is that account
    /// (CL301 counts an admin role the management account can assume as a member's recovery path).
    package var managementAccountID: String?

    package init(accountID: String) { self.accountID = accountID }
}
