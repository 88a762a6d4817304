import CredLintModel
import CredLintExpr
import CredLintEngine
import CredLintReport

/// Checks on a document a reader accepted, shared by the XML and JSON targets.
public enum FuzzIAMDocument {
    /// Locations are real, and an embedded credential report goes through the CSV parser.
    public static func check(_ doc: IAMDocument, _ what: StaticString) {
        switch doc {
        case .credentialReport(let input):
            if let l = input.contentLocation { FuzzCheck.require(l.line >= 1, what, "content at line \(l.line)") }
            var notes: [Note] = []
            FuzzCheck.run("CredentialReportParser (embedded)") {
                try CredentialReportParser.parse(input.content, path: input.path, notes: &notes) { _ in }
            }
            FuzzCheck.run("peekAccountID (embedded)") {
                try CredentialReportParser.peekAccountID(input.content, path: input.path)
            }
        case .authorizationDetails(let page):
            for p in page.policies { if let d = p.defaultDocument { _ = AdminAnalyzer.allowsFullAdmin(d) } }
            for u in page.users { for p in u.inlinePolicies { _ = AdminAnalyzer.allowsFullAdmin(p.document) } }
            for r in page.roles { _ = AdminAnalyzer.isHumanAssumable(r) }
        default:
            break
        }
    }
}
