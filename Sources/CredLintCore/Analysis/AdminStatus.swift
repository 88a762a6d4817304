/// Whether a user or role is an administrator, and through which policies.
public struct AdminStatus: Sendable, Hashable {
    /// An unconditional Allow of `*` on `*` reaches the principal, and no
    /// unconditional Deny or permissions boundary takes it away.
    public var isFullAdmin: Bool
    /// The principal can run every IAM action on every resource (`iam:*` or
    /// `*`), which is enough to reset anyone's MFA or create new admins.
    /// True for every full admin too.
    public var isIAMAdmin: Bool
    /// How the admin rights arrive, sorted, e.g. `direct: AdministratorAccess`,
    /// `group Admins: inline policy AllowAll`, `direct: custom-admin (customer managed)`.
    /// Empty when the principal is not an admin.
    public var paths: [String]

    public init(isFullAdmin: Bool, isIAMAdmin: Bool, paths: [String]) {
        self.isFullAdmin = isFullAdmin; self.isIAMAdmin = isIAMAdmin; self.paths = paths
    }

    public var isAdmin: Bool { isFullAdmin || isIAMAdmin }

    public static let notAdmin = AdminStatus(isFullAdmin: false, isIAMAdmin: false, paths: [])
}
