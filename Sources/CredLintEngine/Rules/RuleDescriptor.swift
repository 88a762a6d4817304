/// A rule's metadata and documentation, as loaded from `rules/<id>-<name>.yml`.
/// Reporters (SARIF `tool.driver.rules`, `credlint rules`, `explain`) read only this.
public struct RuleDescriptor: Sendable, Equatable {
    public enum Scope: String, Sendable, CaseIterable { case user, accessKey = "access_key", credential, role, identity, policy, account }
    /// Inputs a rule may need; a rule whose needs are not met is skipped with a reason.
    package enum Input: String, Sendable, CaseIterable, Comparable {
        case credentialReport = "credential_report"
        case authorizationDetails = "authorization_details"
        /// The users of GetAccountAuthorizationDetails (its `UserDetailList`), which an
        /// export with `--filter Role` leaves out.
        case userDetails = "user_details"
        case mfaDevices = "mfa_devices"
        case accountSummary = "account_summary"
        case passwordPolicy = "password_policy"
        package static func < (a: Input, b: Input) -> Bool { a.rawValue < b.rawValue }
    }
    package struct Param: Sendable, Equatable {
        package var name: String
        package var defaultValue: String   // as written in YAML, e.g. "45", "7"
        package var description: String
        /// `follows: CL205.days`: unless the configuration sets this param, it takes that rule's
        /// param, and is unbounded while that rule is disabled (`RuleCatalog.load`).
        package var follows: String?
        package init(name: String, defaultValue: String, description: String, follows: String? = nil) {
            self.name = name; self.defaultValue = defaultValue; self.description = description; self.follows = follows
        }
    }

    package var id: String                 // CL203
    package var name: String               // access-key-unused
    package var title: String              // one line, sentence case, no final period
    package var severity: Severity         // default severity
    public var scope: Scope
    package var needs: [Input]             // all required
    /// Optional inputs that sharpen the rule when present (e.g. account summary for CL102).
    package var uses: [Input]
    package var params: [Param]
    package var tags: [String]
    package var whatItDoes: String         // Markdown
    package var whyItMatters: String       // Markdown
    package var remediation: String        // Markdown with AWS CLI commands
    /// e.g. ["CIS AWS Foundations v1.5: 1.12", "Security Hub: IAM.22", "Prowler: iam_user_accesskey_unused"]
    package var references: [String]
    package var helpURI: String
    /// Path of the rule file, for diagnostics.
    package var file: String

    package init(id: String, name: String, title: String, severity: Severity, scope: Scope, needs: [Input] = [],
                uses: [Input] = [], params: [Param] = [], tags: [String] = [], whatItDoes: String = "",
                whyItMatters: String = "", remediation: String = "", references: [String] = [],
                helpURI: String = "", file: String = "") {
        self.id = id; self.name = name; self.title = title; self.severity = severity; self.scope = scope
        self.needs = needs; self.uses = uses; self.params = params; self.tags = tags
        self.whatItDoes = whatItDoes; self.whyItMatters = whyItMatters; self.remediation = remediation
        self.references = references; self.helpURI = helpURI; self.file = file
    }
}
