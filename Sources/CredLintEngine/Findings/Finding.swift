import CredLintModel

/// One rule violation about one principal (and, for per-credential rules, one
/// credential slot) in one account.
package struct Finding: Sendable, Equatable {
    package var ruleID: String          // "CL203"
    package var ruleName: String        // "access-key-unused"
    package var severity: Severity      // effective (after config overrides)
    package var message: String         // full sentence, ends with "."
    package var accountID: String
    /// ARN of the user/role/root the finding is about; for account-scope rules
    /// `arn:PARTITION:iam::ACCOUNT:root`-style account ARN is not used; instead
    /// the account id, e.g. "account:123456789012".
    package var principal: String
    /// Friendly principal name for text output ("alice", "<root_account>", "account").
    package var principalName: String
    /// "password", "access_key_1", "access_key_2", "certificate_1", ... or "" for whole-principal findings.
    package var slot: String
    package var location: SourceLocation
    /// Measured facts for machine consumers (ages in days, dates), sorted by key on output.
    package var properties: [String: String]
    /// Set by `ExemptionMatcher` when an unexpired exemption covers this finding.
    package var suppression: Suppression? = nil
    /// Set by `Baseline.apply` when a baseline is in use; nil otherwise.
    package var baselineState: BaselineState? = nil

    package init(ruleID: String, ruleName: String, severity: Severity, message: String, accountID: String,
                principal: String, principalName: String, slot: String = "", location: SourceLocation,
                properties: [String: String] = [:]) {
        self.ruleID = ruleID; self.ruleName = ruleName; self.severity = severity; self.message = message
        self.accountID = accountID; self.principal = principal; self.principalName = principalName
        self.slot = slot; self.location = location; self.properties = properties
    }

    /// Stable identity (`Fingerprint.of`), independent of line numbers and dates.
    package var fingerprint: String {
        Fingerprint.of(ruleID: ruleID, accountID: accountID, principal: principal, slot: slot)
    }

    /// True when the finding counts towards the gate: not exempted, and not
    /// already recorded in the baseline.
    package var isOpen: Bool { suppression == nil && baselineState != .unchanged }

    /// `outputOrder` as -1, 0 or 1, on findings read in place.
    static func compareOutputOrder(_ a: UnsafePointer<Finding>, _ b: UnsafePointer<Finding>) -> Int {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        var c = cmp(a.pointee.accountID, b.pointee.accountID)
        if c != 0 { return c }
        c = cmp(b.pointee.severity, a.pointee.severity)
        if c != 0 { return c }
        c = cmp(a.pointee.ruleID, b.pointee.ruleID)
        if c != 0 { return c }
        c = cmp(a.pointee.principal, b.pointee.principal)
        if c != 0 { return c }
        c = cmp(a.pointee.slot, b.pointee.slot)
        if c != 0 { return c }
        return cmp(a.pointee.location, b.pointee.location)
    }

    /// Deterministic output order: account, severity (highest first), rule, principal, slot.
    package static func outputOrder(_ a: Finding, _ b: Finding) -> Bool {
        withUnsafePointer(to: a) { pa in withUnsafePointer(to: b) { pb in compareOutputOrder(pa, pb) < 0 } }
    }
}
