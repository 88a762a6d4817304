import CredLintModel

/// `credlint lint --explain-exemptions`: for each exemption in the configuration, the
/// findings it suppressed (or that it expired, or matched nothing), so an exemption for
/// `*` or a wide glob can be checked for hiding more than its author meant.
package enum ExemptionExplanation {
    package static func text(_ report: LintReport, exemptions: [Exemption]) -> String {
        var suppressed: [SourceLocation: [Finding]] = [:]
        // Only the exempted findings are kept, read an account at a time.
        for a in report.accountsInOrder {
            for f in a.orderedFindings { if let s = f.suppression { suppressed[s.source, default: []].append(f) } }
        }
        let expired = Set(report.expiredExemptions.map(\.location))
        let stale = Set(report.staleExemptions.map(\.location))
        var out = ""
        for e in exemptions.sorted(by: Exemption.byLocation) {
            let found = suppressed[e.location] ?? []
            var state: String
            if stale.contains(e.location) {
                state = "matched no finding"
            } else {
                state = "suppressed \(plural(found.count, "finding"))"
                if expired.contains(e.location) { state += "; expired on \(e.expires.iso8601), so the findings it matches are open again" }
            }
            out += "\(e.location): exemption \(e.summary) until \(e.expires.iso8601): \(state)\n"
            for f in found {
                out += "  \(f.location): \(f.severity.rawValue) \(f.ruleID) \(f.principal)\(f.slot.isEmpty ? "" : " [\(f.slot)]")\n"
            }
        }
        if exemptions.isEmpty { out += "no exemptions in the configuration\n" }
        return out
    }
}
