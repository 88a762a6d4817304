import CredLintModel
import CredLintExpr

/// One rule violation about one principal (and, for per-credential rules, one
/// credential slot) in one account, as a compact record: the rule it came from, where and
/// whom it is about, and the values its message placeholders and properties had when the
/// rule fired. Its message, properties and fingerprint are rendered only when something
/// reads them, which reporters do only for the findings they write.
package struct Finding: Sendable, Equatable {
    /// The rule's id, name, message text and property names.
    let rule: FindingRule
    package var severity: Severity      // effective (after config overrides)
    package var accountID: String
    /// ARN of the user/role/root the finding is about; for account-scope rules
    /// `arn:PARTITION:iam::ACCOUNT:root`-style account ARN is not used; instead
    /// the account id, e.g. "account:123456789012".
    package var principal: String
    /// Friendly principal name for text output ("alice", "<root_account>", "account").
    package var principalName: String
    /// "password", "access_key_1", "access_key_2", "certificate_1", ... or "" for whole-principal
    /// findings (at most 15 bytes, so Swift keeps it inline: nothing to allocate or retain).
    package var slot: String
    package var location: SourceLocation
    /// The message's placeholder values, then the properties' values (`FindingRule`).
    let values: [Value]
    /// Set by `ExemptionMatcher` when an unexpired exemption covers this finding.
    package var suppression: Suppression? = nil
    /// Set by `Baseline.apply` when a baseline is in use; nil otherwise.
    package var baselineState: BaselineState? = nil

    /// A finding whose message and properties are given already rendered (tests, input errors).
    package init(ruleID: String, ruleName: String, severity: Severity, message: String, accountID: String,
                principal: String, principalName: String, slot: String = "", location: SourceLocation,
                properties: [String: String] = [:]) {
        let names = properties.keys.sorted()
        self.init(rule: .literal(id: ruleID, name: ruleName, propertyNames: names), severity: severity,
                  accountID: accountID, principal: principal, principalName: principalName, slot: slot, location: location,
                  values: [.string(message)] + names.map { .string(properties[$0]!) })
    }

    /// A finding as a rule fires it: `values` as `rule` lays them out.
    init(rule: FindingRule, severity: Severity, accountID: String, principal: String, principalName: String, slot: String,
         location: SourceLocation, values: [Value]) {
        self.rule = rule; self.severity = severity; self.accountID = accountID; self.principal = principal
        self.principalName = principalName; self.slot = slot; self.location = location; self.values = values
    }

    package var ruleID: String { rule.id }         // "CL203"
    package var ruleName: String { rule.name }     // "access-key-unused"
    /// The full sentence, rendered now.
    package var message: String { rule.message(values) }
    /// Measured facts for machine consumers (ages in days, dates), rendered now; sorted by key on output.
    package var properties: [String: String] { Dictionary(uniqueKeysWithValues: propertyPairs) }
    /// The same, as pairs in the rule's order (no dictionary: reporters sort them as they write).
    package var propertyPairs: [(key: String, value: String)] { rule.properties(values) }

    /// Stable identity (`Fingerprint.of`), independent of line numbers and dates.
    package var fingerprint: String {
        Fingerprint.of(ruleID: ruleID, accountID: accountID, principal: principal, slot: slot)
    }

    /// True when the finding counts towards the gate: not exempted, and not
    /// already recorded in the baseline.
    package var isOpen: Bool { suppression == nil && baselineState != .unchanged }

    /// Equal as rendered: two findings say the same thing whichever rule object made them.
    package static func == (a: Finding, b: Finding) -> Bool {
        a.ruleID == b.ruleID && a.ruleName == b.ruleName && a.severity == b.severity && a.accountID == b.accountID
            && a.principal == b.principal && a.principalName == b.principalName && a.slot == b.slot
            && a.location == b.location && a.suppression == b.suppression && a.baselineState == b.baselineState
            && a.message == b.message && a.properties == b.properties
    }

    /// `outputOrder` as -1, 0 or 1, on findings read in place.
    static func compareOutputOrder(_ a: UnsafePointer<Finding>, _ b: UnsafePointer<Finding>) -> Int {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        var c = cmp(a.pointee.accountID, b.pointee.accountID)
        if c != 0 { return c }
        c = cmp(b.pointee.severity, a.pointee.severity)
        if c != 0 { return c }
        if a.pointee.rule !== b.pointee.rule {
            c = cmp(a.pointee.rule.id, b.pointee.rule.id)
            if c != 0 { return c }
        }
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

    /// Empty strings and no values: nothing to allocate, retain or free (a slot to move a
    /// finding out of an array through).
    static let placeholder = Finding(rule: FindingRule(id: "", name: "", parts: [], propertyNames: []), severity: .info,
                                     accountID: "", principal: "", principalName: "", slot: "",
                                     location: SourceLocation(path: ""), values: [])
}
