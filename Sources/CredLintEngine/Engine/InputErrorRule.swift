import CredLintModel

/// `CL000 input-error`: how `credlint lint --keep-going` reports an account
/// whose input could not be read. The account is not linted (half an account
/// would give false findings, such as a false "single admin"); instead it gets
/// one critical finding per error, so nothing is lost from any output format.
package enum InputErrorRule {
    package static let id = "CL000"
    package static let name = "input-error"

    package static let descriptor = RuleDescriptor(
        id: id, name: name, title: "An input file could not be read, so the account was not linted",
        severity: .critical, scope: .account, tags: ["security", "input"],
        whatItDoes: "Reported by `credlint lint --keep-going` when an input of an account is malformed, too large or "
            + "inconsistent. The message is the error line credlint printed; the location is where the error is.",
        whyItMatters: "None of the account's rules ran, so any of its risks may be hidden. Without `--keep-going` "
            + "the same error stops the whole run with exit code 2.",
        remediation: "Fix or re-export the input named in the message (for example `aws iam get-credential-report`), "
            + "then run credlint again.",
        references: ["credlint docs/reliability.md (--keep-going)"],
        helpURI: "\(CredLintVersion.informationURI)/blob/main/docs/reliability.md#nothing-lost---keep-going")

    /// The finding for one error. Its slot is the failing input's path, so two
    /// failing files of one account keep distinct fingerprints.
    package static func finding(_ error: CredLintError, accountID: String, files: [String]) -> Finding {
        let location = error.location ?? SourceLocation(path: files.first ?? "")
        return Finding(ruleID: id, ruleName: name, severity: .critical, message: error.description, accountID: accountID,
                       principal: "account:\(accountID)", principalName: "account \(accountID)", slot: location.path,
                       location: location)
    }

    /// The whole result of an account that failed: its errors as findings, nothing else.
    package static func result(accountID: String, errors: [CredLintError], files: [String], asOf: Timestamp,
                              asOfSource: AccountResult.AsOfSource) -> AccountResult {
        AccountResult(accountID: accountID, asOf: asOf, asOfSource: asOfSource, inputs: files.sorted(), rowsRead: 0,
                      findings: errors.map { finding($0, accountID: accountID, files: files) }.sorted(by: Finding.outputOrder))
    }
}
