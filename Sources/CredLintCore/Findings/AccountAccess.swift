/// Who can administer an account and whether it could be recovered if SSO broke
/// ("lock-out readiness"), as the linter worked it out for the account rules
/// (CL301, CL302, CL40x). Kept on `AccountResult` so reporters show the same
/// admins and paths the rules judged, without running the admin analysis again.
/// Not part of the JSON output (`credlint inspect` prints the same facts).
public struct AccountAccess: Sendable, Equatable {
    public struct Admin: Sendable, Equatable {
        /// `user` or `role`.
        public var kind: String
        public var name: String
        public var arn: String
        /// How it is admin (`account.admins[].paths`), plus "via account X" for roles.
        public var paths: [String]
        /// Counts towards CL301 (`account.usable_admins`).
        public var usable: Bool
        public var isBreakGlass: Bool
        /// A break-glass admin not counted only because it was never tested.
        public var untested: Bool
        /// The report's `mfa_active`; nil for roles and when unknown.
        public var mfaActive: Bool?
        /// MFA devices listed for the user; nil for roles and when no device list covers the user.
        public var mfaDevices: Int?
    }

    public struct BreakGlassUser: Sendable, Equatable {
        public var name: String
        public var arn: String
        /// Admin by a known path (CL402 fires otherwise); nil when its admin status is unknown.
        public var isAdmin: Bool?
        /// An enabled console password or active access key.
        public var hasEnabledCredential: Bool
        /// The last use of an enabled credential: its last test (CL403, CL405); nil when never used.
        public var lastUsed: Timestamp?
    }

    /// False when the inputs cannot tell who is admin (no authorization details with users):
    /// `admins` is then empty for want of data, not because there are none.
    public var adminsKnown: Bool
    /// Sorted by kind, then name.
    public var admins: [Admin]
    /// Designated break-glass users, sorted by name.
    public var breakGlass: [BreakGlassUser]
    /// Identities that would be usable admins if they were admins, but whose status is unknown.
    public var unknownAdmins: Int
    /// Why (`account.unknown_admin_reasons`).
    public var unknownAdminReasons: [String]
    /// Declared drill dates (`break_glass.drill_dates`), sorted.
    public var drillDates: [Timestamp]

    public var usableAdmins: Int { admins.reduce(0) { $0 + ($1.usable ? 1 : 0) } }
}
