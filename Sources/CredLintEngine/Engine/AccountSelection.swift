import CredLintModel

/// `--accounts ID,…` and `--exclude-accounts ID,…`, `--ous PATH,…` and `--exclude-ous PATH,…`:
/// which accounts of the inputs are linted. Applied to every account the inputs hold, and to the
/// accounts `organization.json` expects, so leaving an account out never turns into "its data is
/// missing".
///
/// An OU path selects the accounts directly in that OU and in every OU beneath it
/// (`Root/Workloads` selects `Root/Workloads/Prod`), compared case-sensitively, as
/// `organization.json` spells them (AWS keeps the case of OU names). OU filters need an
/// `organization.json`: they are turned into account ids with it (`resolvingOUs`) before
/// anything is linted.
package struct AccountSelection: Sendable, Equatable {
    /// nil: every account.
    package var only: Set<String>?
    package var excluded: Set<String> = []
    /// `--ous`: nil, every OU.
    package var onlyOUs: [String]?
    /// `--exclude-ous`.
    package var excludedOUs: [String] = []

    package init(only: Set<String>? = nil, excluded: Set<String> = [], onlyOUs: [String]? = nil, excludedOUs: [String] = []) {
        self.only = only; self.excluded = excluded; self.onlyOUs = onlyOUs; self.excludedOUs = excludedOUs
    }

    package var isEverything: Bool { only == nil && excluded.isEmpty && onlyOUs == nil && excludedOUs.isEmpty }

    /// The options that can narrow the selection, for messages.
    package var flags: String {
        onlyOUs == nil && excludedOUs.isEmpty ? "--accounts/--exclude-accounts" : "--accounts/--exclude-accounts/--ous/--exclude-ous"
    }

    /// By account id; OU filters must have been resolved first (`resolvingOUs`).
    package func includes(_ accountID: String) -> Bool {
        if excluded.contains(accountID) { return false }
        return only.map { $0.contains(accountID) } ?? true
    }

    /// `path` is `ou` or lies beneath it (`Root/Workloads/Prod` under `Root/Workloads`; not `Root/WorkloadsOld`).
    package static func ouPath(_ path: String, isUnder ou: String) -> Bool {
        path == ou || (path.hasPrefix(ou) && path.utf8.dropFirst(ou.utf8.count).first == UInt8(ascii: "/"))
    }

    /// The same selection with the OU filters turned into account ids, using the OU paths of
    /// `manifest`. An account without a known OU path (`ouPath: null`, or not in the manifest)
    /// is in no OU: `--ous` leaves it out, `--exclude-ous` keeps it. Throws (exit 2) when there
    /// is an OU filter but no manifest, or an OU path matches no account of the manifest.
    package func resolvingOUs(_ manifest: OrganizationManifest?) throws -> AccountSelection {
        guard onlyOUs != nil || !excludedOUs.isEmpty else { return self }
        let flag = onlyOUs != nil ? "--ous" : "--exclude-ous"
        guard let manifest else {
            throw CredLintError("\(flag) needs an organization.json among the inputs (the OU paths come from it; "
                                + "scripts/collect.sh --org writes it); found none")
        }
        let placed = manifest.accounts.compactMap { a in a.ouPath.map { (id: a.id, ou: $0) } }
        func matching(_ ous: [String], _ flag: String) throws -> Set<String> {
            var ids = Set<String>()
            for ou in ous {
                let found = placed.filter { Self.ouPath($0.ou, isUnder: ou) }.map(\.id)
                guard !found.isEmpty else {
                    // Every OU the manifest knows, ancestors included, for a "did you mean".
                    var known = Set<String>()
                    for p in placed {
                        var parts: [Substring] = []
                        for part in p.ou.split(separator: "/", omittingEmptySubsequences: false) {
                            parts.append(part); known.insert(parts.joined(separator: "/"))
                        }
                    }
                    let hint = Suggest.closest(to: ou, among: Array(known)).map { " (did you mean '\($0)'?)" } ?? ""
                    throw CredLintError("\(flag) '\(ou)' matches no account of organization.json\(hint); expected an OU path "
                                        + "as organization.json writes it, such as '\(known.sorted().first ?? "Root")'",
                                        path: manifest.path)
                }
                ids.formUnion(found)
            }
            return ids
        }
        var out = AccountSelection(only: only, excluded: excluded)
        if let ous = onlyOUs {
            let ids = try matching(ous, "--ous")
            out.only = only.map { $0.intersection(ids) } ?? ids
        }
        out.excluded.formUnion(try matching(excludedOUs, "--exclude-ous"))
        return out
    }

    /// Parses `111111111111,222222222222` (spaces allowed around the commas); `flag` names the option in errors.
    package static func parse(_ list: String, flag: String) throws -> Set<String> {
        var ids = Set<String>()
        for id in items(list) {
            guard OrganizationManifest.isAccountID(id) else {
                throw CredLintError("\(flag) takes 12-digit account ids separated by commas; found '\(id)'")
            }
            ids.insert(id)
        }
        return ids
    }

    /// Parses `Root/Workloads,Root/Sandbox` (spaces allowed around the commas, a trailing `/` ignored).
    package static func parseOUs(_ list: String, flag: String) throws -> [String] {
        try items(list).map { item in
            var ou = Substring(item)
            while ou.count > 1 && ou.hasSuffix("/") { ou = ou.dropLast() }
            guard !ou.isEmpty, !ou.hasPrefix("/"), !ou.contains("//") else {
                throw CredLintError("\(flag) takes OU paths such as Root/Workloads separated by commas; found '\(item)'")
            }
            return String(ou)
        }
    }

    private static func items(_ list: String) -> [String] {
        list.split(separator: ",", omittingEmptySubsequences: false).map { item in
            String(item.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        }
    }
}
