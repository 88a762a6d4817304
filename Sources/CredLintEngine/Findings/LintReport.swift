import CredLintModel

/// Everything a reporter needs from one `credlint lint` run.
public struct LintReport: Sendable {
    package var toolVersion: String
    /// Enabled rules, sorted by id (SARIF `tool.driver.rules` order).
    package var rules: [RuleDescriptor]
    /// Sorted by account id.
    public var accounts: [AccountResult]
    /// Run-level notes (skipped non-IAM files, ...).
    package var notes: [Note]
    /// Exemptions that matched findings but had expired at the account's as-of time;
    /// those findings stay open. Set by `ExemptionMatcher.apply(to:exemptions:)`.
    package var expiredExemptions: [Exemption] = []
    /// Exemptions that matched no finding at all (safe to delete). Set by `ExemptionMatcher`.
    package var staleExemptions: [Exemption] = []
    /// Set by `Baseline.apply(to:)`: a baseline is in use, and how it compared.
    package var baseline: BaselineSummary? = nil
    /// With `--keep-going`: the input errors that stopped accounts from being linted
    /// (each is also a `CL000` finding of its account). Empty otherwise.
    package var inputErrors: [CredLintError] = []
    /// Accounts linted without a credential report because an opt-out allowed it.
    package struct MissingReport: Sendable, Equatable {
        /// Sorted.
        package var accounts: [String]
        /// What allowed it, e.g. `--allow-missing credential_report`.
        package var allowedBy: String
    }
    /// Set when accounts were linted without a credential report (`--allow-missing credential_report`).
    package var missingReport: MissingReport? = nil
    /// The Organization the inputs came from (`organization.json`), if any.
    package var organization: OrganizationManifest? = nil
    /// An account an Organization folder expects but that could not be linted (`OrganizationCheck`).
    package struct MissingAccount: Sendable, Equatable {
        package var accountID: String
        /// Name and OU path from `organization.json`, when it names the account.
        package var label: String?
        /// Why: "collection failed: AccessDenied: …", or "listed as collected, but no IAM data names it".
        package var reason: String
    }
    /// Accounts left out because `--allow-missing account` (or `allow_missing: [account]`) allowed it.
    package struct MissingAccounts: Sendable, Equatable {
        /// Sorted by account id.
        package var accounts: [MissingAccount]
        package var allowedBy: String
    }
    package var missingAccounts: MissingAccounts? = nil
    package init(toolVersion: String, rules: [RuleDescriptor], accounts: [AccountResult], notes: [Note] = []) {
        self.toolVersion = toolVersion; self.rules = rules; self.accounts = accounts; self.notes = notes
    }
}

extension LintReport {
    /// Every finding of every account, in `Finding.outputOrder`, in one array (for library
    /// users and tests; reporters read `AccountResult.orderedFindings` an account at a time).
    package var allFindings: [Finding] {
        accountsInOrder.flatMap { Array($0.orderedFindings) }
    }

    /// The accounts by id: what `Finding.outputOrder` compares first, so their findings one
    /// account after another are in output order.
    var accountsInOrder: [AccountResult] { accounts.sorted { $0.accountID < $1.accountID } }
}

public struct SkippedRule: Sendable, Equatable, Comparable {
    public var ruleID: String
    package var reason: String   // "needs authorization_details (GetAccountAuthorizationDetails), not given"
    package init(ruleID: String, reason: String) { self.ruleID = ruleID; self.reason = reason }
    public static func < (a: SkippedRule, b: SkippedRule) -> Bool { a.ruleID < b.ruleID }
}
