/// `organization.json`, written by `scripts/collect.sh --org`: the accounts of an AWS
/// Organization and what became of collecting each. It lets the linter tell an account that
/// was never collected (or whose collection failed) from one that does not exist, so a
/// member account whose role could not be assumed cannot pass the gate by being absent.
///
/// Recognised by content: a JSON object whose member `"credlintOrganization"` is 1 (the
/// collector writes it first, so the first 4 KiB of the file show it). The same goes for
/// the `collection-error.json` a failed account leaves in its folder
/// (`"credlintCollectionError": 1`). See docs/organizations.md.
package struct OrganizationManifest: Sendable, Equatable {
    package enum Result: Sendable, Equatable {
        case collected
        /// The AWS error code and message the collector saw (assuming the role, or a call in the account).
        case failed(code: String, message: String)
        /// Not collected on purpose (not ACTIVE, or left out with --accounts/--exclude-accounts).
        case skipped(reason: String)
    }

    package struct Account: Sendable, Equatable {
        package var id: String
        package var name: String?
        package var email: String?
        package var status: String?
        /// `Root/Workloads/Prod`; nil when the collector could not read it.
        package var ouPath: String?
        package var result: Result
        /// Where the account's entry sits in the manifest (errors about it point there).
        package var location: SourceLocation
    }

    package var organizationID: String?
    package var managementAccountID: String?
    /// In file order.
    package var accounts: [Account]
    package var path: String

    /// The marker keys, as they must appear in a file's first 4 KiB.
    static let marker = Array(#""credlintOrganization""#.utf8)
    static let errorMarker = Array(#""credlintCollectionError""#.utf8)

    /// Which of the collector's own files `head` (a file's first bytes) may be; the whole file decides.
    enum Candidate { case manifest, collectionError }
    static func candidate<C: Collection>(_ head: C) -> Candidate? where C.Element == UInt8 {
        let bytes = Array(head)
        guard bytes.first(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }) == UInt8(ascii: "{") else { return nil }
        if contains(bytes, marker) { return .manifest }
        if contains(bytes, errorMarker) { return .collectionError }
        return nil
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { i in bytes[i..<(i + needle.count)].elementsEqual(needle) }
    }

    /// The manifest in `json`, or nil when `json` is not one (the marker sat inside some other value).
    static func read(json: JSONValue, path: String) throws -> OrganizationManifest? {
        guard json.members != nil, let version = json["credlintOrganization"] else { return nil }
        let root = try JSONObjectReader(json, path: path, what: "organization.json")
        guard version.int == 1 else {
            throw root.mismatch("credlintOrganization", version, expected: "1 (the only version of organization.json)")
        }
        var accounts: [Account] = []
        var seen = Set<String>()
        for a in try root.objects("accounts", what: "account") {
            let id = try a.requiredString("id")
            guard isAccountID(id) else { throw a.mismatch("id", a["id"]!, expected: "a 12-digit account id") }
            guard seen.insert(id).inserted else {
                throw CredLintError("account \(id) is listed twice; expected each account once", at: a.location)
            }
            let result: Result
            switch try a.requiredString("result") {
            case "collected": result = .collected
            case "failed":
                let e = try a.object("error", what: "error")
                result = .failed(code: try e?.string("code") ?? "unknown", message: try e?.string("message") ?? "")
            case "skipped": result = .skipped(reason: try a.string("reason") ?? "not collected")
            default:
                throw a.mismatch("result", a["result"]!, expected: "\"collected\", \"failed\" or \"skipped\"")
            }
            accounts.append(Account(id: id, name: try a.string("name"), email: try a.string("email"),
                                    status: try a.string("status"), ouPath: try a.string("ouPath"),
                                    result: result, location: a.location))
        }
        return OrganizationManifest(organizationID: try root.string("organizationId"),
                                    managementAccountID: try root.string("managementAccountId"),
                                    accounts: accounts, path: path)
    }

    /// `collection-error.json`: an account the collector could not collect.
    package struct CollectionError: Sendable, Equatable {
        package var accountID: String
        package var code: String
        package var message: String
        package var location: SourceLocation
    }

    static func readCollectionError(json: JSONValue, path: String) throws -> CollectionError? {
        guard json.members != nil, let version = json["credlintCollectionError"] else { return nil }
        let root = try JSONObjectReader(json, path: path, what: "collection-error.json")
        guard version.int == 1 else {
            throw root.mismatch("credlintCollectionError", version, expected: "1 (the only version of collection-error.json)")
        }
        let id = try root.requiredString("accountId")
        guard isAccountID(id) else { throw root.mismatch("accountId", root["accountId"]!, expected: "a 12-digit account id") }
        return CollectionError(accountID: id, code: try root.string("code") ?? "unknown",
                               message: try root.string("message") ?? "", location: root.location)
    }

    package static func isAccountID(_ s: String) -> Bool { s.utf8.count == 12 && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }

    /// The management account, for an account the manifest lists (nil for one it does not, or when it
    /// names no management account): what tells a member account from the management account.
    package func managementAccount(of accountID: String) -> String? {
        guard let m = managementAccountID, accounts.contains(where: { $0.id == accountID }) else { return nil }
        return m
    }

    /// `Sandbox (Root/Workloads)`, or nil for an account the manifest does not name.
    package func label(of accountID: String) -> String? {
        guard let a = accounts.first(where: { $0.id == accountID }) else { return nil }
        return Self.label(name: a.name, ouPath: a.ouPath)
    }

    /// `Sandbox (Root/Workloads)`, `Sandbox`, `(Root/Workloads)`, or nil when neither is known.
    package static func label(name: String?, ouPath: String?) -> String? {
        let parts = [name, ouPath.map { "(\($0))" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
