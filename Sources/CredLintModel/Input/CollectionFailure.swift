/// Inputs that prove the collection step failed: an IAM `ErrorResponse`, the AWS CLI's error
/// text, GenerateCredentialReport's `State`, an empty file, a credential report with no rows,
/// or an account with no credential report at all. Each is an input error (exit 2) wherever it
/// sits, so a pipeline whose collection broke cannot pass its gate on "0 rows read".
///
/// Every message is one line, says what was found, and names the commands that make a report.
public enum CollectionFailure {
    /// The commands that produce a credential report, as the messages name them.
    package static let reportCommands = "aws iam generate-credential-report until its State is COMPLETE, "
        + "then aws iam get-credential-report"

    /// The error for a document that is proof of a failed collection, or nil for real data
    /// (including `NoSuchEntity` for the password policy, which means "no policy").
    static func error(for document: IAMDocument) -> CredLintError? {
        switch document {
        case .iamError(let e):
            return CredLintError(iamError(e), at: e.location)
        case .awsCLIError(let line, let location):
            return CredLintError("found the AWS CLI's error output '\(shown(line))', not IAM data: the command that saved "
                                 + "this file failed; expected its output (fix the cause and collect again; a credential "
                                 + "report comes from \(reportCommands))", at: location)
        case .credentialReportState(let state, let description, let location):
            let said = [state.map { "State \($0)" }, description.map { shown($0) }].compactMap { $0 }.joined(separator: ": ")
            return CredLintError("found the answer of aws iam generate-credential-report\(said.isEmpty ? "" : " (\(said))"), "
                                 + "not a credential report; expected the report itself: \(reportCommands)", at: location)
        default:
            return nil
        }
    }

    /// Why IAM answers these codes about the report (GetCredentialReport's documented errors).
    private static let reportCodes = [
        "ReportNotPresent": "no report had been generated",
        "ReportExpired": "the report had expired",
        "ReportInProgress": "the report was still being generated",
    ]
    private static let reportOperations: Set = ["GetCredentialReport", "GenerateCredentialReport"]

    private static func iamError(_ e: IAMErrorResponse) -> String {
        let source = e.operation == nil ? "an IAM ErrorResponse" : "the AWS CLI's error"
        let detail = [e.operation.map { "from \($0)" }, e.message.map { "'\(shown($0))'" }].compactMap { $0 }.joined(separator: ": ")
        let found = "found \(source) \(e.code)\(detail.isEmpty ? "" : " (\(detail))")"
        if let why = reportCodes[e.code] {
            return "\(found), not a credential report: \(why); expected the report: \(reportCommands)"
        }
        if let op = e.operation, reportOperations.contains(op) {
            return "\(found), not a credential report: the call failed; expected the report: \(reportCommands)"
        }
        return "\(found), not IAM data: the call that saved this file failed; expected its response (fix the cause and "
            + "collect again; a credential report comes from \(reportCommands))"
    }

    /// An empty file, or one of only whitespace.
    static func empty(path: String, blank: Bool) -> CredLintError {
        CredLintError("found \(blank ? "a blank file (only whitespace)" : "an empty file (0 bytes)"), not a credential report "
                      + "or IAM response: the command that wrote it failed or was never run; expected a credential report "
                      + "(\(reportCommands)) or an IAM API response", path: path)
    }

    /// A credential report with a header and no rows: AWS always writes the `<root_account>` row.
    static func headerOnly(at location: SourceLocation) -> CredLintError {
        CredLintError("found a credential report with a header and no rows, not even the <root_account> row AWS always "
                      + "writes; expected a complete report: \(reportCommands)", at: location)
    }

    /// An account (or the whole run) with no credential report among its inputs.
    package static func missingReport(accountID: String, files: [String]) -> CredLintError {
        let dirs = Array(Set(files.map(FileIO.parent))).sorted()
        let whose = accountID == InputLoader.unknownAccount ? "" : " for account \(accountID)"
        let count = files.count == 1 ? "its 1 file holds" : "its \(files.count) files hold"
        let names = accountID != InputLoader.unknownAccount ? "" : files.count == 1 ? " and names no account" : " and name no account"
        return CredLintError("found no credential report\(whose) in \(dirs.joined(separator: ", ")) (\(count) other IAM data\(names)); "
                             + "expected one: \(reportCommands) (or lint without it: --allow-missing credential_report)",
                             path: dirs.first ?? ".")
    }

    /// A value as shown in a message: one line (control characters escaped), at most 160 characters.
    package static func shown(_ s: String) -> String { CredentialReportParser.shown(s, limit: 160) }
}
