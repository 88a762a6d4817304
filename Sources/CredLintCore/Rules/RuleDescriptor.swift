/// A rule's metadata and documentation, as loaded from `rules/<id>-<name>.yml`.
/// Reporters (SARIF `tool.driver.rules`, `credlint rules`, `explain`) read only this.
public struct RuleDescriptor: Sendable, Equatable {
    public enum Scope: String, Sendable, CaseIterable { case user, accessKey = "access_key", credential, role, identity, policy, account }
    /// Inputs a rule may need; a rule whose needs are not met is skipped with a reason.
    public enum Input: String, Sendable, CaseIterable, Comparable {
        case credentialReport = "credential_report"
        case authorizationDetails = "authorization_details"
        /// The users of GetAccountAuthorizationDetails (its `UserDetailList`), which an
        /// export with `--filter Role` leaves out.
        case userDetails = "user_details"
        case mfaDevices = "mfa_devices"
        case accountSummary = "account_summary"
        case passwordPolicy = "password_policy"
        public static func < (a: Input, b: Input) -> Bool { a.rawValue < b.rawValue }
    }
    public struct Param: Sendable, Equatable {
        public var name: String
        public var defaultValue: String   // as written in YAML, e.g. "45", "7"
        public var description: String
        /// `follows: CL205.days`: unless the configuration sets this param, it takes that rule's
        /// param, and is unbounded while that rule is disabled (`RuleCatalog.load`).
        public var follows: String?
        public init(name: String, defaultValue: String, description: String, follows: String? = nil) {
            self.name = name; self.defaultValue = defaultValue; self.description = description; self.follows = follows
        }
    }

    public var id: String                 // CL203
    public var name: String               // access-key-unused
    public var title: String              // one line, sentence case, no final period
    public var severity: Severity         // default severity
    public var scope: Scope
    public var needs: [Input]             // all required
    /// Optional inputs that sharpen the rule when present (e.g. account summary for CL102).
    public var uses: [Input]
    public var params: [Param]
    public var tags: [String]
    public var whatItDoes: String         // Markdown
    public var whyItMatters: String       // Markdown
    public var remediation: String        // Markdown with AWS CLI commands
    /// e.g. ["CIS AWS Foundations v1.5: 1.12", "Security Hub: IAM.22", "Prowler: iam_user_accesskey_unused"]
    public var references: [String]
    public var helpURI: String
    /// Path of the rule file, for diagnostics.
    public var file: String

    public init(id: String, name: String, title: String, severity: Severity, scope: Scope, needs: [Input] = [],
                uses: [Input] = [], params: [Param] = [], tags: [String] = [], whatItDoes: String = "",
                whyItMatters: String = "", remediation: String = "", references: [String] = [],
                helpURI: String = "", file: String = "") {
        self.id = id; self.name = name; self.title = title; self.severity = severity; self.scope = scope
        self.needs = needs; self.uses = uses; self.params = params; self.tags = tags
        self.whatItDoes = whatItDoes; self.whyItMatters = whyItMatters; self.remediation = remediation
        self.references = references; self.helpURI = helpURI; self.file = file
    }
}
