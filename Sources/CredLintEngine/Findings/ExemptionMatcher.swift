import CredLintModel

/// What `ExemptionMatcher.apply` found.
package struct ExemptionOutcome: Sendable {
    /// The input findings, in the same order, with `suppression` set where an
    /// unexpired exemption matched.
    package var findings: [Finding]
    /// Expired exemptions that matched at least one finding; those findings stay open
    /// (unless another, unexpired exemption covers them).
    package var expired: [Exemption]
    /// Exemptions that matched no finding (expired or not): dead configuration.
    package var stale: [Exemption]
}

/// Applies `.credlint.yml` exemptions to findings.
///
/// Expiry is decided against the run's as-of time, never the wall clock, so a
/// rerun on the same report gives the same result. When several unexpired
/// exemptions match one finding, the first in file order is recorded.
package enum ExemptionMatcher {
    package static func apply(_ findings: [Finding], exemptions: [Exemption], asOf: Timestamp) -> ExemptionOutcome {
        var matched = [Bool](repeating: false, count: exemptions.count)
        var expiredHit = [Bool](repeating: false, count: exemptions.count)
        let out = mark(findings, exemptions, asOf: asOf, matched: &matched, expiredHit: &expiredHit)
        return outcome(out, exemptions, matched, expiredHit)
    }

    /// Applies exemptions to every account, each against its own as-of time,
    /// and records expired and stale exemptions on the report.
    package static func apply(to report: LintReport, exemptions: [Exemption]) -> LintReport {
        // Nothing to match: the report as it is (walking every finding would change nothing).
        if exemptions.isEmpty { return report }
        var matched = [Bool](repeating: false, count: exemptions.count)
        var expiredHit = [Bool](repeating: false, count: exemptions.count)
        var report = report
        for i in report.accounts.indices {
            let asOf = report.accounts[i].asOf
            // In place (findings on disk a block at a time); marking keeps the order.
            report.accounts[i].updateFindings { f in
                mark(&f, exemptions, asOf: asOf, matched: &matched, expiredHit: &expiredHit)
            }
        }
        let result = outcome([], exemptions, matched, expiredHit)
        report.expiredExemptions = result.expired
        report.staleExemptions = result.stale
        return report
    }

    private static func mark(_ findings: [Finding], _ exemptions: [Exemption], asOf: Timestamp,
                             matched: inout [Bool], expiredHit: inout [Bool]) -> [Finding] {
        var findings = findings
        for f in findings.indices { mark(&findings[f], exemptions, asOf: asOf, matched: &matched, expiredHit: &expiredHit) }
        return findings
    }

    /// The first unexpired exemption that matches suppresses the finding; every match counts.
    private static func mark(_ finding: inout Finding, _ exemptions: [Exemption], asOf: Timestamp,
                             matched: inout [Bool], expiredHit: inout [Bool]) {
        guard finding.suppression == nil else { return }
        for (e, exemption) in exemptions.enumerated() where exemption.matches(finding) {
            matched[e] = true
            if exemption.isExpired(asOf: asOf) {
                expiredHit[e] = true
            } else if finding.suppression == nil {
                finding.suppression = Suppression(reason: exemption.reason, expires: exemption.expires,
                                                  source: exemption.location)
            }
        }
    }

    private static func outcome(_ findings: [Finding], _ exemptions: [Exemption], _ matched: [Bool],
                                _ expiredHit: [Bool]) -> ExemptionOutcome {
        let expired = exemptions.indices.filter { expiredHit[$0] }.map { exemptions[$0] }
        let stale = exemptions.indices.filter { !matched[$0] }.map { exemptions[$0] }
        return ExemptionOutcome(findings: findings, expired: expired.sorted(by: Exemption.byLocation),
                                stale: stale.sorted(by: Exemption.byLocation))
    }
}
