/// Identities that would count as usable admins if they were admins, but whose admin
/// status the input cannot tell (`AdminStatus.unknownReasons`). CL301 must not count
/// them as "not admin": it fires only when even counting every one of them the account
/// stays short (`account.unknown_admins`), and says why they could not be judged.
struct UnknownAdmins: Sendable {
    private(set) var count = 0
    /// How many identities each reason applies to (one identity may have several).
    private(set) var reasons: [String: Int] = [:]

    mutating func add(_ status: AdminStatus) {
        count += 1
        for r in status.unknownReasons { reasons[r, default: 0] += 1 }
    }

    /// Adds what another piece of the same report found.
    mutating func merge(_ other: UnknownAdmins) {
        count += other.count
        reasons.merge(other.reasons, uniquingKeysWith: +)
    }

    /// `account.unknown_admin_reasons`: `reason (N)`, sorted, so messages are deterministic.
    var summary: [String] { reasons.keys.sorted().map { "\($0) (\(reasons[$0]!))" } }
}
