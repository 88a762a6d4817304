import CredLintModel

/// One entry of `exemptions:` in `.credlint.yml`: accept a rule's findings about
/// matching principals until a date, for a stated reason.
package struct Exemption: Sendable, Equatable {
    /// The rules as written, for notes and JSON: `CL203`, `CL204, CL205` or `*`.
    package var rule: String
    /// Rule ids (`CL203`) or names (`access-key-unused`); `*` is every rule.
    package var rules: [String]
    /// Principal ARN, or a glob over it (`*`, `?`; whole-string). Account-scope
    /// findings have the principal `account:<id>`.
    package var principal: Glob
    /// Credential slot (`access_key_1`, `password`, ...); nil matches every slot.
    package var slot: String?
    package var reason: String
    /// The exemption applies while the run's as-of time is before this instant.
    package var expires: Timestamp
    /// Where the entry is written, for notes about expired or stale exemptions.
    package var location: SourceLocation

    package init(rule: String, principal: String, slot: String? = nil, reason: String, expires: Timestamp,
                location: SourceLocation) {
        self.init(rules: [rule], principal: principal, slot: slot, reason: reason, expires: expires, location: location)
    }

    /// One exemption for several rules (or `["*"]`, every rule): one reason, one expiry.
    package init(rules: [String], principal: String, slot: String? = nil, reason: String, expires: Timestamp,
                location: SourceLocation) {
        self.rules = rules; self.rule = rules.joined(separator: ", ")
        self.principal = Glob(principal); self.slot = slot
        self.reason = reason; self.expires = expires; self.location = location
    }

    /// Throws at the entry's location when a required field is blank: an
    /// exemption without a reason must never be accepted. (`Configuration`
    /// already rejects a blank reason; this guards other callers.)
    package func validate() throws {
        func blank(_ s: String) -> Bool { s.allSatisfy(\.isWhitespace) }
        if rules.isEmpty || rules.contains(where: blank) {
            throw CredLintError("exemption has an empty 'rule', expected a rule id or name", at: location)
        }
        if blank(principal.pattern) {
            throw CredLintError("exemption has an empty 'principal', expected an ARN or a glob", at: location)
        }
        if blank(reason) {
            throw CredLintError("exemption for \(rule) has an empty 'reason', expected why it is accepted", at: location)
        }
        if let slot, blank(slot) {
            throw CredLintError("exemption for \(rule) has an empty 'slot', expected e.g. access_key_1 or no slot", at: location)
        }
    }

    package func matches(_ finding: Finding) -> Bool {
        rules.contains { $0 == "*" || $0 == finding.ruleID || $0 == finding.ruleName }
            && (slot == nil || slot == finding.slot)
            && principal.matches(finding.principal)
    }

    /// Expired once the as-of time reaches `expires` (an exemption "expiring
    /// 2026-07-01" covers runs as of 2026-06-30T23:59:59Z, not 2026-07-01T00:00:00Z).
    package func isExpired(asOf: Timestamp) -> Bool { asOf >= expires }

    /// One-line description for notes: `CL203 'arn:...:user/ci-*' [access_key_1]`.
    package var summary: String {
        "\(rule) '\(principal.pattern)'" + (slot.map { " [\($0)]" } ?? "")
    }

    package static func byLocation(_ a: Exemption, _ b: Exemption) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.principal.pattern < b.principal.pattern
    }
}
