import CredLintModel
import CredLintEngine

/// SARIF 2.1.0 for GitHub code scanning: one run per file, every enabled rule
/// described, identity-based fingerprints, repo-relative URIs, `results: []`
/// when clean. See docs/output-formats.md.
package enum SARIFReporter {
    package static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        render(report, options: options, sink: nil)
    }

    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let sarifVersion = "2.1.0"

    /// The log, streamed: with a sink, the results go to it as they are written. With
    /// `rules`, the run's rules list is those bytes (described once for many runs).
    static func render(_ report: LintReport, options: ReportOptions, sink: ByteSink?, rules: EncodedRules? = nil) -> [UInt8] {
        let view = ReportView(report, options)
        let selection = select(view, limit: max(0, options.maxResults))
        var w = JSONWriter(sink: sink, capacity: sink == nil ? selection.kept * 1200 + 16_384 : 0)
        writeLog(view, selection: selection, rules: rules, into: &w) { w in writeResults(view, selection: selection, into: &w) }
        w.endDocument()
        return w.finish()
    }

    /// The results list's items: the selected findings in output order.
    private static func writeResults(_ view: ReportView, selection: Selection, into w: inout JSONWriter) {
        // Results mostly share one input path: work its URI out once.
        var lastPath: String?, lastURI: String?
        // Findings are read an account at a time (they may be on disk), skipping those left out.
        // An account is read only as far as its last kept finding, and not at all when the
        // quotas are full for every bucket it has (its tally says so): with many accounts
        // over `--max-results`, most are never read back.
        var filter = selection.filter
        var account = -1
        var stream: ReportView.ShownFindings.Iterator?
        var wantedHere = 0
        for _ in 0..<selection.kept {
            var f: Finding
            while true {
                if wantedHere == 0 {
                    repeat {
                        account += 1
                        precondition(account < view.accounts.count, "SARIF selection counted more findings than there are")
                        wantedHere = filter.wanted(bucketSizes(view.accounts[account], view.options))
                    } while wantedHere == 0
                    stream = view.accounts[account].shown.makeIterator()
                }
                guard let next = stream?.next() else { wantedHere = 0; continue }
                if filter.keeps(next) { f = next; wantedHere -= 1; break }
            }
            if f.location.path != lastPath { lastPath = f.location.path; lastURI = URIReference.uri(f.location.path) }
            writeResult(f, uri: lastURI, view: view, into: &w)
        }
    }

    /// One result.
    static func writeResult(_ f: Finding, uri relativeURI: String?, view: ReportView, into w: inout JSONWriter) {
        let fingerprint = f.fingerprint
        let uri = relativeURI ?? "credential-report/\(URIReference.encode(f.accountID)).csv"
        w.beginObject()
        if let b = f.baselineState { w.key("baselineState"); w.string(b.rawValue) }
        w.key("kind"); w.literal("fail")
        w.key("level"); w.string(f.severity.sarifLevel)
        w.key("locations"); w.beginArray()
        w.beginObject()
        w.key("logicalLocations"); w.beginArray()
        w.beginObject()
        w.key("fullyQualifiedName"); w.string(f.principal)
        w.key("kind"); w.literal("resource")
        w.key("name"); w.string(f.principalName.isEmpty ? f.principal : f.principalName)
        w.endObject()
        w.endArray()
        w.key("physicalLocation")
        writePhysical(uri: uri, line: f.location.line, column: f.location.column, into: &w)
        w.endObject()
        w.endArray()
        w.key("message"); writeMessage(sentence(f.message), into: &w)
        w.key("partialFingerprints"); w.beginObject()
        w.key("credlint/v1"); w.string(fingerprint)
        w.key("primaryLocationLineHash"); w.string(fingerprint)
        w.endObject()
        w.key("properties")
        if let org = view.organizationLabels[f.accountID] {
            w.stringMap(f.propertyPairs, adding: ["accountId": f.accountID, "accountName": org.name ?? "", "ouPath": org.ouPath ?? "",
                                               "principal": f.principal, "slot": f.slot, "severity": f.severity.rawValue])
        } else {
            w.stringMap(f.propertyPairs, adding: ["accountId": f.accountID, "principal": f.principal, "slot": f.slot,
                                               "severity": f.severity.rawValue])
        }
        w.key("ruleId"); w.string(f.ruleID)
        w.key("ruleIndex"); w.int(view.ruleIndex[f.ruleID] ?? 0)
        if let s = f.suppression {
            w.key("suppressions"); w.beginArray()
            w.beginObject()
            w.key("justification"); w.string(s.reason)
            w.key("kind"); w.literal("external")
            if let p = URIReference.uri(s.source.path) {
                w.key("location"); w.beginObject()
                w.key("physicalLocation")
                writePhysical(uri: p, line: s.source.line, column: s.source.column, into: &w)
                w.endObject()
            }
            w.key("properties"); w.beginObject()
            w.key("expires"); w.string(s.expires.iso8601)
            w.endObject()
            w.key("status"); w.literal("accepted")
            w.endObject()
            w.endArray()
        }
        w.endObject()
    }

    /// `{ "artifactLocation": { "uri": u }, "region": { "startColumn": c, "startLine": l } }`
    private static func writePhysical(uri: String, line: Int, column: Int, into w: inout JSONWriter) {
        w.beginObject()
        w.key("artifactLocation"); w.beginObject()
        w.key("uri"); w.string(uri)
        w.endObject()
        w.key("region"); w.beginObject()
        w.key("startColumn"); w.int(max(1, column))
        w.key("startLine"); w.int(max(1, line))
        w.endObject()
        w.endObject()
    }

    /// `{ "text": t }`
    private static func writeMessage(_ text: String, into w: inout JSONWriter) {
        w.beginObject()
        w.key("text"); w.string(text)
        w.endObject()
    }

    /// `credlint/<account-id>/` for a one-account report, `credlint/` otherwise,
    /// or the `--category` override (with a trailing `/`, so all of it is the category).
    package static func automationID(_ report: LintReport, options: ReportOptions) -> String {
        if let c = options.sarifCategory, !c.isEmpty { return c.hasSuffix("/") ? c : c + "/" }
        let ids = Set(report.accounts.map(\.accountID))
        return ids.count == 1 ? "credlint/\(ids.first!)/" : "credlint/"
    }

    /// How many shown findings there are and how many go into the results. When there are
    /// more than `limit`, what matters most is kept (open before exempted, then highest
    /// severity), in output order: a quota per (open, severity) bucket, filled in rank order,
    /// and each bucket's findings taken first come first (`Selection.Filter`), which is what
    /// sorting by (open, severity, output order) would give, in one pass over the findings.
    struct Selection {
        var shown: Int
        var kept: Int
        /// Nil when every shown finding is kept.
        var quota: [Int]?

        static func bucket(_ f: Finding) -> Int { bucket(f.severity, open: f.isOpen) }

        /// Open findings first, then exempted or unchanged ones; highest severity first in each.
        static func bucket(_ severity: Severity, open: Bool) -> Int {
            let levels = Severity.allCases.count
            return (open ? 0 : levels) + (levels - 1 - severity.ordinal)
        }

        /// Says, finding by finding in output order, whether each goes in.
        struct Filter {
            var left: [Int]?
            mutating func keeps(_ f: Finding) -> Bool {
                guard left != nil else { return true }
                let b = Selection.bucket(f)
                guard left![b] > 0 else { return false }
                left![b] -= 1
                return true
            }

            /// How many findings, of an account with `sizes` findings per bucket, go in
            /// (taken from the quotas left when its turn comes).
            func wanted(_ sizes: [Int]) -> Int {
                guard let left else { return sizes.reduce(0, +) }
                return zip(left, sizes).reduce(0) { $0 + min($1.0, $1.1) }
            }
        }
        var filter: Filter { Filter(left: quota) }
    }

    /// How many of an account's shown findings fall in each `Selection.bucket`, from its tally.
    static func bucketSizes(_ account: ReportView.Account, _ options: ReportOptions) -> [Int] {
        var sizes = [Int](repeating: 0, count: 2 * Severity.allCases.count)
        account.result.tally.forEach { severity, suppressed, unchanged, n in
            guard ReportView.shows(severity, suppressed: suppressed, unchanged: unchanged, options) else { return }
            sizes[Selection.bucket(severity, open: !suppressed && !unchanged)] += n
        }
        return sizes
    }

    static func select(_ view: ReportView, limit: Int) -> Selection {
        let shown = view.shownCount
        guard shown > limit else { return Selection(shown: shown, kept: shown, quota: nil) }
        var sizes = [Int](repeating: 0, count: 2 * Severity.allCases.count)
        for a in view.accounts {
            for (b, n) in bucketSizes(a, view.options).enumerated() { sizes[b] += n }
        }
        var left = limit
        var quota = sizes
        for b in quota.indices {
            quota[b] = min(sizes[b], left)
            left -= quota[b]
        }
        return Selection(shown: shown, kept: limit, quota: quota)
    }

    /// A run's `tool.driver.rules` list, written once for many runs of the same rules (the
    /// SARIF layout writes a run per account, each describing every enabled rule, about
    /// 5 KB a rule).
    struct EncodedRules {
        /// The list as the value of `rules` in a run's driver (at depth 5: log, runs, run, tool, driver).
        let bytes: [UInt8]

        init(_ report: LintReport, options: ReportOptions) {
            var one = report
            one.accounts = []
            var w = JSONWriter(valueAt: 5)
            SARIFReporter.writeRules(ReportView(one, options), into: &w)
            bytes = w.bytes
        }
    }

    /// The log (keys in sorted order), `results` writing the results list's items.
    static func writeLog(_ view: ReportView, selection: Selection, rules: EncodedRules?, into w: inout JSONWriter,
                         results: (inout JSONWriter) -> Void) {
        let report = view.report, options = view.options
        w.beginObject()
        w.key("$schema"); w.string(schemaURI)
        w.key("runs"); w.beginArray()
        w.beginObject()
        w.key("automationDetails"); w.beginObject()
        w.key("id"); w.string(automationID(report, options: options))
        w.endObject()
        w.key("columnKind"); w.literal("unicodeCodePoints")
        w.key("invocations"); w.beginArray()
        w.beginObject()
        w.key("executionSuccessful"); w.bool(true)
        if let p = clockProperties(report) { w.key("properties"); w.stringMap(p) }
        w.key("toolExecutionNotifications"); w.beginArray()
        writeNotifications(view, selection: selection, into: &w)
        w.endArray()
        w.endObject()
        w.endArray()
        w.key("results"); w.beginArray()
        results(&w)
        w.endArray()
        w.key("tool"); w.beginObject()
        w.key("driver"); w.beginObject()
        w.key("informationUri"); w.string(CredLintVersion.informationURI)
        w.key("name"); w.literal("credlint")
        w.key("rules")
        if let rules { w.rawValue(rules.bytes) } else { writeRules(view, into: &w) }
        w.key("semanticVersion"); w.string(report.toolVersion)
        w.key("version"); w.string(report.toolVersion)
        w.endObject()
        w.endObject()
        w.endObject()
        w.endArray()
        w.key("version"); w.string(sarifVersion)
        w.endObject()
    }

    /// Skipped rules and notes per account, then the run's notes, expired and stale
    /// exemptions, and the truncation warning.
    private static func writeNotifications(_ view: ReportView, selection: Selection, into w: inout JSONWriter) {
        for account in view.accounts {
            for s in account.skipped {
                writeNotification(level: "note",
                                  text: sentence("Rule \(view.ruleLabel(s.ruleID)) was skipped for account \(account.result.accountID): \(s.reason)"),
                                  rule: (s.ruleID, view.ruleIndex[s.ruleID]), into: &w)
            }
            for n in account.notes {
                writeNote(n, level: "note", prefix: "Account \(account.result.accountID): ", into: &w)
            }
        }
        for n in view.notes { writeNote(n, level: "note", prefix: "", into: &w) }
        for e in view.expired { writeNote(Note(view.expiredText(e), at: e.location), level: "warning", prefix: "", into: &w) }
        for e in view.stale { writeNote(Note(view.staleText(e), at: e.location), level: "note", prefix: "", into: &w) }
        if selection.kept < selection.shown {
            let limit = max(0, view.options.maxResults)
            writeNotification(level: "warning",
                              text: "Results truncated: the \(selection.kept) highest-severity of \(selection.shown) findings are included (maximum \(limit) per run); the JSON output has all of them.",
                              into: &w)
        }
    }

    private static func writeNote(_ n: Note, level: StaticString, prefix: String, into w: inout JSONWriter) {
        writeNotification(level: level, text: sentence(capitalized(prefix + n.message)),
                          location: n.location.flatMap { l in URIReference.uri(l.path).map { (l, $0) } }, into: &w)
    }

    private static func writeNotification(level: StaticString, text: String, rule: (id: String, index: Int?)? = nil,
                                          location: (SourceLocation, uri: String)? = nil, into w: inout JSONWriter) {
        w.beginObject()
        if let rule {
            w.key("associatedRule"); w.beginObject()
            w.key("id"); w.string(rule.id)
            if let i = rule.index { w.key("index"); w.int(i) }
            w.endObject()
        }
        w.key("level"); w.literal(level)
        if let (l, uri) = location {
            w.key("locations"); w.beginArray()
            w.beginObject()
            w.key("physicalLocation"); writePhysical(uri: uri, line: l.line, column: l.column, into: &w)
            w.endObject()
            w.endArray()
        }
        w.key("message"); writeMessage(text, into: &w)
        w.endObject()
    }

    /// Which clock the ages were measured against, so a reader of the SARIF can tell a
    /// reproducible run (`--as-of`) from one measured against the current time.
    static func clockProperties(_ report: LintReport) -> [String: String]? {
        guard !report.accounts.isEmpty else { return nil }
        let accounts = report.accounts.sorted { $0.accountID < $1.accountID }
        func value(_ of: (AccountResult) -> String) -> String {
            let values = accounts.map(of)
            if Set(values).count == 1 { return values[0] }
            return zip(accounts, values).map { "\($0.accountID)=\($1)" }.joined(separator: ", ")
        }
        return ["asOf": value { $0.asOf.iso8601 }, "asOfSource": value { $0.asOfSource.rawValue }]
    }

    /// Every rule the view describes (`tool.driver.rules`).
    static func writeRules(_ view: ReportView, into w: inout JSONWriter) {
        w.beginArray()
        for r in view.rules { writeDescriptor(r, into: &w) }
        w.endArray()
    }

    static func writeDescriptor(_ r: RuleDescriptor, into w: inout JSONWriter) {
        let title = r.title.isEmpty ? (r.name.isEmpty ? r.id : r.name) : r.title
        let full = PlainText.oneParagraph(r.whatItDoes, limit: 1024)
        var tags = ["security"]
        for t in r.tags where !tags.contains(t) { tags.append(t) }
        let help = help(r, title: title)
        w.beginObject()
        w.key("defaultConfiguration"); w.beginObject()
        w.key("level"); w.string(r.severity.sarifLevel)
        w.endObject()
        w.key("fullDescription"); writeMessage(full.isEmpty ? sentence(title) : full, into: &w)
        w.key("help"); w.beginObject()
        w.key("markdown"); w.string(help.markdown)
        w.key("text"); w.string(help.text)
        w.endObject()
        w.key("helpUri"); w.string(helpURI(r))
        w.key("id"); w.string(r.id)
        w.key("name"); w.string(pascalCase(r.name.isEmpty ? r.id : r.name))
        w.key("properties"); w.beginObject()
        w.key("precision"); w.literal("very-high")
        if r.severity == .info { w.key("problem.severity"); w.literal("recommendation") }
        if let s = r.severity.securitySeverity { w.key("security-severity"); w.string(s) }
        w.key("tags"); w.strings(tags.prefix(20))
        w.endObject()
        w.key("shortDescription"); writeMessage(String(title.prefix(1024)), into: &w)
        w.endObject()
    }

    /// The rule's `help_uri`, or its rule file in the credlint repository.
    static func helpURI(_ r: RuleDescriptor) -> String {
        r.helpURI.isEmpty ? "\(CredLintVersion.informationURI)/blob/main/rules/\(r.id)-\(r.name).yml" : r.helpURI
    }

    static func help(_ r: RuleDescriptor, title: String) -> (text: String, markdown: String) {
        let sections: [(String, String)] = [
            ("What it does", r.whatItDoes), ("Why it matters", r.whyItMatters), ("Remediation", r.remediation),
            ("References", r.references.map { "- \($0)" }.joined(separator: "\n")),
        ].filter { !$0.1.trimmingBlankLines().isEmpty }
        guard !sections.isEmpty else { return (sentence(title), sentence(title)) }
        let markdown = sections.map { "## \($0.0)\n\n\($0.1.trimmingBlankLines())" }.joined(separator: "\n\n")
        let text = sections.map { "\($0.0):\n\(PlainText.fromMarkdown($0.1))" }.joined(separator: "\n\n")
        return (text, markdown)
    }

    /// `access-key-unused` → `AccessKeyUnused` (SARIF2012: rule names in PascalCase).
    static func pascalCase(_ kebab: String) -> String {
        kebab.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Notes are written lower-case first ("unknown column ..."); notifications read as sentences.
    static func capitalized(_ s: String) -> String {
        guard let first = s.first, first.isLowercase else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// GitHub uses the first sentence of `message.text` as the alert title (SARIF2001).
    static func sentence(_ s: String) -> String {
        let t = s.trimmingBlankLines()
        guard let last = t.last else { return "." }
        return ".!?".contains(last) ? t : t + "."
    }
}
