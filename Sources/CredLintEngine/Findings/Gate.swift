/// The CI gate: exit 0 or 1 from the findings of a run. (2, usage or input
/// errors, and 3, internal errors, are decided by the CLI.)
///
/// The gate always sees every finding; `--min-severity` only trims what the
/// reports show. Exempted findings and findings already in the baseline never fail it.
package enum Gate {
    /// 1 when at least one open finding (not exempted, not `unchanged` in the
    /// baseline) is at or above `failOn`; 0 otherwise. `failOn == nil` means
    /// `--fail-on none`: report only, never fail. With `failOnExpiredExemptions`,
    /// an expired exemption also fails the run.
    package static func exitCode(report: LintReport, failOn: Severity?, failOnExpiredExemptions: Bool = false) -> Int32 {
        if failOnExpiredExemptions, !report.expiredExemptions.isEmpty { return 1 }
        guard let failOn else { return 0 }
        // Same answer as `failing(...).isEmpty`, without collecting and sorting every finding.
        // From the tallies: findings on disk are not read back to be counted.
        var failing = false
        for a in report.accounts where !failing {
            a.tally.forEach { severity, suppressed, unchanged, _ in
                if !suppressed && !unchanged && severity >= failOn { failing = true }
            }
        }
        return failing ? 1 : 0
    }

    /// The open findings at or above `failOn`, in output order (for "N findings ≥ high" on stderr).
    package static func failing(report: LintReport, failOn: Severity?) -> [Finding] {
        guard let failOn else { return [] }
        return report.allFindings.filter { $0.isOpen && $0.severity >= failOn }
    }

    /// What an exit 1 prints last on standard error: how many open findings are at or above
    /// `failOn`, the rules of the worst of them, and how to read about one, so a red CI step
    /// says why without scrolling. Nil when nothing fails the gate.
    package static func closingLine(report: LintReport, failOn: Severity?) -> String? {
        // Counted from the tallies; only the worst severity's rule ids are read from the
        // findings (streamed, each account up to its first lower severity), never all of them.
        guard let failOn else { return nil }
        var bySeverity: [Severity: Int] = [:]
        for a in report.accounts {
            a.tally.forEach { severity, suppressed, unchanged, n in
                if !suppressed && !unchanged && severity >= failOn { bySeverity[severity, default: 0] += n }
            }
        }
        guard let worst = bySeverity.keys.max() else { return nil }
        let total = bySeverity.values.reduce(0, +)
        var ruleSet = Set<String>()
        for a in report.accounts {
            var has = false
            a.tally.forEach { severity, suppressed, unchanged, _ in if !suppressed && !unchanged && severity == worst { has = true } }
            guard has else { continue }
            for f in a.orderedFindings {
                if f.severity < worst { break }
                if f.severity == worst && f.isOpen { ruleSet.insert(f.ruleID) }
            }
        }
        let counts = Severity.allCases.reversed().compactMap { s in bySeverity[s].map { "\($0) \(s.rawValue)" } }
        let rules = ruleSet.sorted()
        let shown = rules.prefix(5).joined(separator: ", ") + (rules.count > 5 ? ", and \(rules.count - 5) more" : "")
        let noun = total == 1 ? "finding" : "findings"
        return "credlint: exit 1: \(total) open \(noun) at or above \(failOn.rawValue) (\(counts.joined(separator: ", "))); "
            + "worst: \(worst.rawValue) \(shown); see 'credlint explain \(rules[0])'"
    }
}
