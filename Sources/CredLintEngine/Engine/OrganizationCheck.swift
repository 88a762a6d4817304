import CredLintModel

/// Which accounts an Organization folder expects but cannot lint: listed in `organization.json`
/// (and not skipped on purpose) with no IAM data, or with a `collection-error.json` (which also
/// counts without a manifest). Each is an input error, one line per account, unless
/// `--allow-missing account` says to lint the rest; the report then states and counts them.
enum OrganizationCheck {
    /// The missing accounts, sorted by id, each with the error that names it.
    static func missing(manifest: OrganizationManifest?, collectionErrors: [OrganizationManifest.CollectionError],
                        present: Set<String>, selection: AccountSelection) -> [(LintReport.MissingAccount, CredLintError)] {
        var out: [String: (LintReport.MissingAccount, CredLintError)] = [:]
        let hint = "expected its IAM data (collect it again, or lint without it: --allow-missing account)"
        for e in collectionErrors where selection.includes(e.accountID) {
            let label = manifest?.label(of: e.accountID).map(CollectionFailure.shown)
            let reason = "collection failed: \(e.code)\(e.message.isEmpty ? "" : ": \(CollectionFailure.shown(e.message))")"
            out[e.accountID] = (LintReport.MissingAccount(accountID: e.accountID, label: label, reason: reason),
                                CredLintError("account \(e.accountID)\(label.map { " \($0)" } ?? "") was not collected (\(reason)); \(hint)",
                                              at: e.location))
        }
        for a in manifest?.accounts ?? [] where out[a.id] == nil && selection.includes(a.id) {
            let label = manifest?.label(of: a.id).map(CollectionFailure.shown)
            let named = "account \(a.id)\(label.map { " \($0)" } ?? "")"
            switch a.result {
            case .skipped:
                continue
            case .failed(let code, let message):
                let reason = "collection failed: \(code)\(message.isEmpty ? "" : ": \(CollectionFailure.shown(message))")"
                out[a.id] = (LintReport.MissingAccount(accountID: a.id, label: label, reason: reason),
                             CredLintError("\(named) was not collected (\(reason)); \(hint)", at: a.location))
            case .collected where !present.contains(a.id):
                let reason = "listed as collected, but no IAM data names it"
                out[a.id] = (LintReport.MissingAccount(accountID: a.id, label: label, reason: reason),
                             CredLintError("\(named) is \(reason) among the inputs; \(hint)", at: a.location))
            case .collected:
                continue
            }
        }
        return out.keys.sorted().map { out[$0]! }
    }
}
