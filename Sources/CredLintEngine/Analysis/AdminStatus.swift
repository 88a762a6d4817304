/// Whether a user or role is an administrator, and through which policies.
///
/// Three states, because *unknown is not no*: known admin, known not admin, and
/// unknown (`unknownReasons` not empty: the principal, a group, a managed policy or a
/// permissions boundary it depends on is not in the input). Rules read the admin
/// fields of an unknown principal as null; they never count it as "not admin".
package struct AdminStatus: Sendable, Hashable {
    /// An unconditional Allow of `*` on `*` reaches the principal, and no
    /// unconditional Deny or permissions boundary takes it away.
    package var isFullAdmin: Bool
    /// The principal can run every IAM action on every resource (`iam:*` or
    /// `*`), which is enough to reset anyone's MFA or create new admins.
    /// True for every full admin too.
    package var isIAMAdmin: Bool
    /// How the admin rights arrive, sorted, e.g. `direct: AdministratorAccess`,
    /// `group Admins: inline policy AllowAll`, `direct: custom-admin (customer managed)`.
    /// Empty when the principal is not an admin.
    package var paths: [String]
    /// Why the input cannot tell whether the principal is an admin, sorted, e.g.
    /// `not in the authorization details`, `group Ops is not in the authorization details`.
    /// Empty when the verdict is known.
    package var unknownReasons: [String]
    /// The statements (or permissions boundary) that take admin rights away that
    /// an Allow would otherwise grant, sorted, e.g. `direct: inline policy guard, statement DenyIAM`,
    /// `permissions boundary s3-only`. Empty when nothing is taken away.
    package var deniedBy: [String]
    /// What the admin rights depend on when every path is conditional, sorted, e.g.
    /// `with MFA`, `if aws:SourceIp 203.0.113.0/24`, `unless direct: guard, statement X (…) denies`.
    /// Empty when at least one path grants admin unconditionally (and for non-admins).
    package var conditions: [String]

    package init(isFullAdmin: Bool, isIAMAdmin: Bool, paths: [String], unknownReasons: [String] = [],
                deniedBy: [String] = [], conditions: [String] = []) {
        self.isFullAdmin = isFullAdmin; self.isIAMAdmin = isIAMAdmin; self.paths = paths
        self.unknownReasons = unknownReasons; self.deniedBy = deniedBy; self.conditions = conditions
    }

    package var isAdmin: Bool { isFullAdmin || isIAMAdmin }

    /// Whether the input is enough to judge the principal.
    package var isKnown: Bool { unknownReasons.isEmpty }

    package static let notAdmin = AdminStatus(isFullAdmin: false, isIAMAdmin: false, paths: [])

    /// A principal the input cannot judge.
    package static func unknown(_ reasons: [String]) -> AdminStatus {
        AdminStatus(isFullAdmin: false, isIAMAdmin: false, paths: [], unknownReasons: reasons.sorted())
    }
}
