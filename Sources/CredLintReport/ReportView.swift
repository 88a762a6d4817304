import CredLintModel
import CredLintEngine

/// The parts of a report every renderer needs, computed once: sorted rules and
/// accounts, the findings to show, and the counts for summaries.
struct ReportView {
    struct Counts {
        /// Shown findings that are open (not exempted, not unchanged), by severity.
        var bySeverity: [Severity: Int] = [:]
        /// Exempted findings (shown or not).
        var suppressed = 0
        /// Findings already in the baseline (not exempted).
        var unchanged = 0
        /// Open findings hidden by `--min-severity`.
        var belowMinSeverity = 0
        var rowsRead = 0
        var rulesSkipped = 0

        var open: Int { bySeverity.values.reduce(0, +) }
        func count(_ s: Severity) -> Int { bySeverity[s] ?? 0 }

        mutating func add(_ other: Counts) {
            for (s, n) in other.bySeverity { bySeverity[s, default: 0] += n }
            suppressed += other.suppressed; unchanged += other.unchanged
            belowMinSeverity += other.belowMinSeverity; rowsRead += other.rowsRead; rulesSkipped += other.rulesSkipped
        }
    }

    struct Account {
        var result: AccountResult
        var skipped: [SkippedRule]
        var notes: [Note]
        var counts: Counts
        /// How many findings are shown.
        var shownCount: Int
        /// How many findings of each severity are shown (open or not), by `Severity.ordinal`:
        /// a pass over one severity skips the accounts that have none.
        var shownBySeverity: [Int]
        fileprivate var hidden: Bool
        fileprivate var options: ReportOptions

        /// The findings to show, in output order, one at a time: how every reporter reads them
        /// (from `AccountResult.orderedFindings`, on disk a block per run at a time).
        var shown: ShownFindings { ShownFindings(all: result.orderedFindings, hidden: hidden, options: options) }

        /// The shown findings of one severity, in output order: the pass reads past the higher
        /// severities and stops at the first lower one (an account's findings go highest first).
        func shown(_ severity: Severity) -> ShownFindings {
            var s = shown
            s.severity = severity
            return s
        }

        /// Per rule id: how many open findings are shown and the worst severity among them.
        /// One pass over `shown`; only the counts are kept.
        func openByRule() -> [String: (count: Int, worst: Severity)] {
            var out: [String: (count: Int, worst: Severity)] = [:]
            for f in shown where f.isOpen {
                let c = out[f.ruleID]
                out[f.ruleID] = ((c?.count ?? 0) + 1, max(c?.worst ?? f.severity, f.severity))
            }
            return out
        }

    }

    let report: LintReport
    let options: ReportOptions
    /// Enabled rules sorted by id, plus a minimal entry for any rule id a
    /// finding names that is not among them (so `ruleIndex` always resolves).
    let rules: [RuleDescriptor]
    let ruleIndex: [String: Int]
    let accounts: [Account]
    let totals: Counts
    let notes: [Note]
    let expired: [Exemption]
    let stale: [Exemption]
    /// Name and OU path of each account an `organization.json` names (empty for other inputs).
    let organizationLabels: [String: (name: String?, ouPath: String?)]

    init(_ report: LintReport, _ options: ReportOptions) {
        self.report = report
        self.options = options
        var byID: [String: RuleDescriptor] = [:]
        for r in report.rules where byID[r.id] == nil { byID[r.id] = r }
        for a in report.accounts {
            // From the tally: findings on disk are not read back for this.
            for (id, seen) in a.tally.rules where byID[id] == nil {
                byID[id] = RuleDescriptor(id: id, name: seen.name, title: seen.name, severity: seen.severity, scope: .user)
            }
        }
        rules = byID.values.sorted { $0.id < $1.id }
        ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })

        var totals = Counts()
        accounts = report.accounts.sorted { $0.accountID < $1.accountID }.map { a in
            var c = Counts()
            c.rowsRead = a.rowsRead
            c.rulesSkipped = a.skippedRules.count
            // Counted from the tally: findings on disk are not read for it.
            var hidden = false
            var shownCount = 0
            var bySeverity = [Int](repeating: 0, count: Severity.allCases.count)
            var shownBySeverity = bySeverity
            a.tally.forEach { severity, suppressed, unchanged, n in
                let isOpen = !suppressed && !unchanged
                if suppressed { c.suppressed += n } else if unchanged { c.unchanged += n }
                if Self.shows(severity, suppressed: suppressed, unchanged: unchanged, options) {
                    shownCount += n
                    shownBySeverity[severity.ordinal] += n
                    if isOpen { bySeverity[severity.ordinal] += n }
                } else {
                    hidden = true
                    if isOpen { c.belowMinSeverity += n }
                }
            }
            for (r, n) in bySeverity.enumerated() where n > 0 { c.bySeverity[Severity.allCases[r], default: 0] += n }
            totals.add(c)
            return Account(result: a, skipped: a.skippedRules.sorted(), notes: a.notes.sorted(), counts: c,
                           shownCount: shownCount, shownBySeverity: shownBySeverity, hidden: hidden, options: options)
        }
        self.totals = totals
        var labels: [String: (name: String?, ouPath: String?)] = [:]
        for a in report.accounts where a.accountName != nil || a.ouPath != nil { labels[a.accountID] = (a.accountName, a.ouPath) }
        organizationLabels = labels
        notes = report.notes.sorted()
        expired = report.expiredExemptions.sorted(by: Exemption.byLocation)
        stale = report.staleExemptions.sorted(by: Exemption.byLocation)
    }


    /// "Payments (Root/Workloads/Prod)" for an account `organization.json` names, on one line;
    /// nil otherwise. The one label the formats without an account header (GitHub annotations,
    /// JUnit, GitLab) add to what they say of an account.
    func accountLabel(_ accountID: String) -> String? {
        guard let org = organizationLabels[accountID] else { return nil }
        return OrganizationManifest.label(name: org.name, ouPath: org.ouPath).map(TextReporter.oneLine)
    }

    /// The highest severity among an account's open shown findings; nil when it has none.
    static func worstOpen(_ c: Counts) -> Severity? {
        Severity.allCases.last { c.count($0) > 0 }
    }

    /// Indices into `accounts`, worst first: by worst open severity, then open count, then
    /// account id. The one order of the Organization-scale summaries (Markdown, HTML).
    func accountsWorstFirst() -> [Int] {
        let keys = accounts.map { (Self.worstOpen($0.counts).map(\.ordinal) ?? -1, $0.counts.open) }
        return accounts.indices.sorted { i, j in
            if keys[i].0 != keys[j].0 { return keys[i].0 > keys[j].0 }
            if keys[i].1 != keys[j].1 { return keys[i].1 > keys[j].1 }
            return accounts[i].result.accountID < accounts[j].result.accountID
        }
    }

    /// `ReportOptions.shows`, on the fields that decide it.
    static func shows(_ severity: Severity, suppressed: Bool, unchanged: Bool, _ options: ReportOptions) -> Bool {
        if suppressed && !options.includeSuppressed { return false }
        if unchanged && !options.includeUnchanged { return false }
        if let min = options.minSeverity, severity < min { return false }
        return true
    }

    func rule(_ id: String) -> RuleDescriptor? { ruleIndex[id].map { rules[$0] } }

    /// `CL203 access-key-unused`, or just the id when the rule is unknown.
    func ruleLabel(_ id: String) -> String {
        guard let r = rule(id), !r.name.isEmpty else { return id }
        return "\(id) \(r.name)"
    }

    var shownCount: Int { accounts.reduce(0) { $0 + $1.shownCount } }
    /// Reads shown findings in output order, one at a time: findings on disk are read a
    /// block per run at a time, so memory holds blocks, not accounts.
    struct FindingCursor {
        let view: ReportView
        private var account = -1
        private var iterator: ShownFindings.Iterator?
        private var position = -1

        init(_ view: ReportView) { self.view = view }

        /// The finding at position `k`, which must be the one after the last asked for.
        mutating func finding(_ k: Int) -> Finding {
            precondition(k == position + 1, "findings are read in order")
            position = k
            while true {
                if let f = iterator?.next() { return f }
                account += 1
                iterator = view.accounts[account].shown.makeIterator()
            }
        }
    }

    /// "1 critical, 2 high" (non-zero severities, highest first) or "".
    static func severityBreakdown(_ c: Counts) -> String {
        Severity.allCases.reversed().compactMap { s in c.count(s) > 0 ? "\(c.count(s)) \(s.rawValue)" : nil }
            .joined(separator: ", ")
    }

    /// One-line run summary shared by the text, GitHub and Markdown outputs.
    var summaryLine: String {
        let t = totals
        var head = "\(plural(accounts.count, "account")), \(plural(t.rowsRead, "row")) read: "
        let breakdown = ReportView.severityBreakdown(t)
        head += t.open == 0 ? "no findings" : plural(t.open, "finding") + " (\(breakdown))"
        var parts = [head, "\(t.suppressed) suppressed"]
        if report.baseline != nil { parts.append("\(t.unchanged) unchanged from baseline") }
        if t.belowMinSeverity > 0, let min = options.minSeverity {
            parts.append("\(t.belowMinSeverity) below \(min.rawValue) not shown")
        }
        parts.append(plural(t.rulesSkipped, "rule") + " skipped")
        if !expired.isEmpty { parts.append(plural(expired.count, "exemption") + " expired") }
        var line = parts.joined(separator: ", ") + "."
        if let m = report.missingReport {
            let whose = m.accounts.count == 1 ? "account \(m.accounts[0])" : plural(m.accounts.count, "account")
            line += " Credential report missing for \(whose) (allowed by \(m.allowedBy))."
        }
        if let m = report.missingAccounts {
            let which = m.accounts.map { a in
                TextReporter.oneLine([a.accountID, a.label].compactMap { $0 }.joined(separator: " ") + ": \(a.reason)")
            }
            line += " \(plural(m.accounts.count, "account")) of the Organization not linted "
                + "(allowed by \(m.allowedBy)): \(which.joined(separator: "; "))."
        }
        return line
    }

    func expiredText(_ e: Exemption) -> String {
        "exemption \(e.summary) expired on \(e.expires.iso8601); its findings are reported again"
    }

    func staleText(_ e: Exemption) -> String {
        "exemption \(e.summary) matched no finding; remove it or fix its rule, principal or slot"
    }
}
