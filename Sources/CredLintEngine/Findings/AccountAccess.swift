import CredLintModel

/// Who can administer an account and whether it could be recovered if SSO broke
/// ("lock-out readiness"), as the linter worked it out for the account rules
/// (CL301, CL302, CL40x). Kept on `AccountResult` so reporters show the same
/// admins and paths the rules judged, without running the admin analysis again.
/// Not part of the JSON output (`credlint inspect` prints the same facts).
package struct AccountAccess: Sendable, Equatable {
    package struct Admin: Sendable, Equatable {
        /// `user` or `role`.
        package var kind: String
        package var name: String
        package var arn: String
        /// How it is admin (`account.admins[].paths`), plus "via account X" for roles.
        package var paths: [String]
        /// Counts towards CL301 (`account.usable_admins`).
        package var usable: Bool
        package var isBreakGlass: Bool
        /// A break-glass admin not counted only because it was never tested.
        package var untested: Bool
        /// The report's `mfa_active`; nil for roles and when unknown.
        package var mfaActive: Bool?
        /// MFA devices listed for the user; nil for roles and when no device list covers the user.
        package var mfaDevices: Int?
    }

    package struct BreakGlassUser: Sendable, Equatable {
        package var name: String
        package var arn: String
        /// Admin by a known path (CL402 fires otherwise); nil when its admin status is unknown.
        package var isAdmin: Bool?
        /// An enabled console password or active access key.
        package var hasEnabledCredential: Bool
        /// The last use of an enabled credential: its last test (CL403, CL405); nil when never used.
        package var lastUsed: Timestamp?
    }

    /// False when the inputs cannot tell who is admin (no authorization details with users):
    /// `admins` is then empty for want of data, not because there are none.
    package var adminsKnown: Bool
    /// Sorted by kind, then name.
    package var admins: [Admin]
    /// Designated break-glass users, sorted by name.
    package var breakGlass: [BreakGlassUser]
    /// Identities that would be usable admins if they were admins, but whose status is unknown.
    package var unknownAdmins: Int
    /// Why (`account.unknown_admin_reasons`).
    package var unknownAdminReasons: [String]
    /// Declared drill dates (`break_glass.drill_dates`), sorted.
    package var drillDates: [Timestamp]

    package var usableAdmins: Int { admins.reduce(0) { $0 + ($1.usable ? 1 : 0) } }
}
