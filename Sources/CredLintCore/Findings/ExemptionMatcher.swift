/// What `ExemptionMatcher.apply` found.
public struct ExemptionOutcome: Sendable {
    /// The input findings, in the same order, with `suppression` set where an
    /// unexpired exemption matched.
    public var findings: [Finding]
    /// Expired exemptions that matched at least one finding; those findings stay open
    /// (unless another, unexpired exemption covers them).
    public var expired: [Exemption]
    /// Exemptions that matched no finding (expired or not): dead configuration.
    public var stale: [Exemption]
}

/// Applies `.credlint.yml` exemptions to findings.
///
/// Expiry is decided against the run's as-of time, never the wall clock, so a
/// rerun on the same report gives the same result. When several unexpired
/// exemptions match one finding, the first in file order is recorded.
public enum ExemptionMatcher {
    public static func apply(_ findings: [Finding], exemptions: [Exemption], asOf: Timestamp) -> ExemptionOutcome {
        var matched = [Bool](repeating: false, count: exemptions.count)
        var expiredHit = [Bool](repeating: false, count: exemptions.count)
        let out = mark(findings, exemptions, asOf: asOf, matched: &matched, expiredHit: &expiredHit)
        return outcome(out, exemptions, matched, expiredHit)
    }

    /// Applies exemptions to every account, each against its own as-of time,
    /// and records expired and stale exemptions on the report.
    public static func apply(to report: LintReport, exemptions: [Exemption]) -> LintReport {
        // Nothing to match: the report as it is (walking every finding would change nothing).
        if exemptions.isEmpty { return report }
        var matched = [Bool](repeating: false, count: exemptions.count)
        var expiredHit = [Bool](repeating: false, count: exemptions.count)
        var report = report
        for i in report.accounts.indices {
            let ordered = report.accounts[i].findingsInOutputOrder
            report.accounts[i].findings = mark(report.accounts[i].findings, exemptions, asOf: report.accounts[i].asOf,
                                               matched: &matched, expiredHit: &expiredHit)
            report.accounts[i].findingsInOutputOrder = ordered  // marking keeps the order
        }
        let result = outcome([], exemptions, matched, expiredHit)
        report.expiredExemptions = result.expired
        report.staleExemptions = result.stale
        return report
    }

    private static func mark(_ findings: [Finding], _ exemptions: [Exemption], asOf: Timestamp,
                             matched: inout [Bool], expiredHit: inout [Bool]) -> [Finding] {
        var findings = findings
        for f in findings.indices where findings[f].suppression == nil {
            for (e, exemption) in exemptions.enumerated() where exemption.matches(findings[f]) {
                matched[e] = true
                if exemption.isExpired(asOf: asOf) {
                    expiredHit[e] = true
                } else if findings[f].suppression == nil {
                    findings[f].suppression = Suppression(reason: exemption.reason, expires: exemption.expires,
                                                          source: exemption.location)
                }
            }
        }
        return findings
    }

    private static func outcome(_ findings: [Finding], _ exemptions: [Exemption], _ matched: [Bool],
                                _ expiredHit: [Bool]) -> ExemptionOutcome {
        let expired = exemptions.indices.filter { expiredHit[$0] }.map { exemptions[$0] }
        let stale = exemptions.indices.filter { !matched[$0] }.map { exemptions[$0] }
        return ExemptionOutcome(findings: findings, expired: expired.sorted(by: Exemption.byLocation),
                                stale: stale.sorted(by: Exemption.byLocation))
    }
}
