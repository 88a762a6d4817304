/// Everything a reporter needs from one `credlint lint` run.
public struct LintReport: Sendable {
    public var toolVersion: String
    /// Enabled rules, sorted by id (SARIF `tool.driver.rules` order).
    public var rules: [RuleDescriptor]
    /// Sorted by account id.
    public var accounts: [AccountResult]
    /// Run-level notes (skipped non-IAM files, ...).
    public var notes: [Note]
    /// Exemptions that matched findings but had expired at the account's as-of time;
    /// those findings stay open. Set by `ExemptionMatcher.apply(to:exemptions:)`.
    public var expiredExemptions: [Exemption] = []
    /// Exemptions that matched no finding at all (safe to delete). Set by `ExemptionMatcher`.
    public var staleExemptions: [Exemption] = []
    /// Set by `Baseline.apply(to:)`: a baseline is in use, and how it compared.
    public var baseline: BaselineSummary? = nil
    /// With `--keep-going`: the input errors that stopped accounts from being linted
    /// (each is also a `CL000` finding of its account). Empty otherwise.
    public var inputErrors: [CredLintError] = []
    /// Accounts linted without a credential report because an opt-out allowed it.
    public struct MissingReport: Sendable, Equatable {
        /// Sorted.
        public var accounts: [String]
        /// What allowed it, e.g. `--allow-missing credential_report`.
        public var allowedBy: String
    }
    /// Set when accounts were linted without a credential report (`--allow-missing credential_report`).
    public var missingReport: MissingReport? = nil
    /// The Organization the inputs came from (`organization.json`), if any.
    public var organization: OrganizationManifest? = nil
    /// An account an Organization folder expects but that could not be linted (`OrganizationCheck`).
    public struct MissingAccount: Sendable, Equatable {
        public var accountID: String
        /// Name and OU path from `organization.json`, when it names the account.
        public var label: String?
        /// Why: "collection failed: AccessDenied: …", or "listed as collected, but no IAM data names it".
        public var reason: String
    }
    /// Accounts left out because `--allow-missing account` (or `allow_missing: [account]`) allowed it.
    public struct MissingAccounts: Sendable, Equatable {
        /// Sorted by account id.
        public var accounts: [MissingAccount]
        public var allowedBy: String
    }
    public var missingAccounts: MissingAccounts? = nil
    public init(toolVersion: String, rules: [RuleDescriptor], accounts: [AccountResult], notes: [Note] = []) {
        self.toolVersion = toolVersion; self.rules = rules; self.accounts = accounts; self.notes = notes
    }
}

extension LintReport {
    /// Every finding of every account, in `Finding.outputOrder`, in one array (for library
    /// users and tests; reporters read `AccountResult.orderedFindings` an account at a time).
    public var allFindings: [Finding] {
        accountsInOrder.flatMap { Array($0.orderedFindings) }
    }

    /// The accounts by id: what `Finding.outputOrder` compares first, so their findings one
    /// account after another are in output order.
    var accountsInOrder: [AccountResult] { accounts.sorted { $0.accountID < $1.accountID } }
}

public struct SkippedRule: Sendable, Equatable, Comparable {
    public var ruleID: String
    public var reason: String   // "needs authorization_details (GetAccountAuthorizationDetails), not given"
    public init(ruleID: String, reason: String) { self.ruleID = ruleID; self.reason = reason }
    public static func < (a: SkippedRule, b: SkippedRule) -> Bool { a.ruleID < b.ruleID }
}
