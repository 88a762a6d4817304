/// `--accounts ID,…` and `--exclude-accounts ID,…`: which accounts of the inputs are linted.
/// Applied to every account the inputs hold, and to the accounts `organization.json` expects,
/// so leaving an account out never turns into "its data is missing".
public struct AccountSelection: Sendable, Equatable {
    /// nil: every account.
    public var only: Set<String>?
    public var excluded: Set<String> = []

    public init(only: Set<String>? = nil, excluded: Set<String> = []) {
        self.only = only; self.excluded = excluded
    }

    public var isEverything: Bool { only == nil && excluded.isEmpty }

    public func includes(_ accountID: String) -> Bool {
        if excluded.contains(accountID) { return false }
        return only.map { $0.contains(accountID) } ?? true
    }

    /// Parses `111111111111,222222222222` (spaces allowed around the commas); `flag` names the option in errors.
    public static func parse(_ list: String, flag: String) throws -> Set<String> {
        var ids = Set<String>()
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            let id = String(item.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            guard OrganizationManifest.isAccountID(id) else {
                throw CredLintError("\(flag) takes 12-digit account ids separated by commas; found '\(id)'")
            }
            ids.insert(id)
        }
        return ids
    }
}
