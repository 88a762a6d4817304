/// Everything given for one account, merged across files.
public struct AccountInputs: Sendable {
    public var accountID: String
    public var report: CredentialReportInput?
    /// Where findings about report rows point (the CSV when a decoded copy sits beside its envelope).
    public var reportLocationPath: String?
    public var users: [IAMUser] = []
    public var groups: [IAMGroup] = []
    public var roles: [IAMRole] = []
    public var policies: [ManagedPolicy] = []
    public var hasAuthorizationDetails = false
    /// The authorization details list the account's users (a `UserDetailList`). False for
    /// an export made with `--filter Role`: every user's admin status is then unknown.
    public var hasUserDetails = true
    public var authorizationDetailsLocation: SourceLocation?
    /// ListVirtualMFADevices devices (assigned and unassigned).
    public var virtualMFADevices: [MFADevice] = []
    public var hasVirtualMFAList = false
    /// ListMFADevices devices, with the users whose lists were given.
    public var mfaDevices: [MFADevice] = []
    public var mfaListedUsers: Set<String> = []
    public var mfaLocation: SourceLocation?
    var virtualListSeen = false
    public var summary: AccountSummary?
    public var passwordPolicy: PasswordPolicy?
    /// GetAccountPasswordPolicy answered NoSuchEntity.
    public var noPasswordPolicy: SourceLocation?
    public var files: [String] = []
    public var notes: [Note] = []
    /// The management account of the Organization whose `organization.json` lists this account;
    /// nil outside an Organization folder. The account is a member unless it is that account
    /// (CL301 counts an admin role the management account can assume as a member's recovery path).
    public var managementAccountID: String?

    public init(accountID: String) { self.accountID = accountID }

    /// Which inputs were given (rules needing others are skipped).
    public var present: Set<RuleDescriptor.Input> {
        var s = Set<RuleDescriptor.Input>()
        if report != nil { s.insert(.credentialReport) }
        if hasAuthorizationDetails { s.insert(.authorizationDetails) }
        if hasAuthorizationDetails && hasUserDetails { s.insert(.userDetails) }
        if hasVirtualMFAList || !mfaListedUsers.isEmpty { s.insert(.mfaDevices) }
        if summary != nil { s.insert(.accountSummary) }
        if passwordPolicy != nil || noPasswordPolicy != nil { s.insert(.passwordPolicy) }
        return s
    }
}
