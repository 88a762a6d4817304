/// SARIF 2.1.0 for GitHub code scanning: one run per file, every enabled rule
/// described, identity-based fingerprints, repo-relative URIs, `results: []`
/// when clean. See docs/output-formats.md.
public enum SARIFReporter {
    public static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        render(report, options: options, sink: nil)
    }

    static func render(_ report: LintReport, options: ReportOptions, sink: ByteSink?, rules: EncodedRules? = nil) -> [UInt8] {
        // As in the JSON reporter: the encoder writes the log without results,
        // the results are written straight into it in the same layout.
        let view = ReportView(report, options)
        var (log, selection) = log(view, describingRules: rules == nil)
        log.runs[0].results = []
        var skeleton = JSONOutput.encode(log)
        if let rules { skeleton = rules.insert(into: skeleton) }
        // Results mostly share one input path: work its URI out once.
        var lastPath: String?, lastURI: String?
        // Findings are read an account at a time (they may be on disk), skipping those left out.
        // An account is read only as far as its last kept finding, and not at all when the
        // quotas are full for every bucket it has (its tally says so): with many accounts
        // over `--max-results`, most are never read back.
        var filter = selection.filter
        var account = -1
        var stream: AnyIterator<Finding>?
        var wantedHere = 0
        return JSONWriter.splice(skeleton, key: "results", indent: 6, count: selection.kept, capacity: selection.kept * 1200,
                                 sink: sink) { w, _, indent in
            var f: Finding
            while true {
                if wantedHere == 0 {
                    repeat {
                        account += 1
                        precondition(account < view.accounts.count, "SARIF selection counted more findings than there are")
                        wantedHere = filter.wanted(bucketSizes(view.accounts[account], view.options))
                    } while wantedHere == 0
                    stream = view.accounts[account].stream()
                }
                guard let next = stream?.next() else { wantedHere = 0; continue }
                if filter.keeps(next) { f = next; wantedHere -= 1; break }
            }
            if f.location.path != lastPath { lastPath = f.location.path; lastURI = URIReference.uri(f.location.path) }
            writeResult(f, uri: lastURI, view: view, into: &w, indent: indent)
        }
    }

    /// One result exactly as `JSONOutput.encode(result(f, view:))` lays it out at `indent`.
    static func writeResult(_ f: Finding, uri relativeURI: String?, view: ReportView, into w: inout JSONWriter, indent: Int) {
        let i = indent + 2
        let fingerprint = f.fingerprint
        let uri = relativeURI ?? "credential-report/\(URIReference.encode(f.accountID)).csv"
        w.raw("{")
        if let b = f.baselineState { w.key("baselineState", indent: i); w.string(b.rawValue); w.raw(",") }
        w.key("kind", indent: i); w.raw("\"fail\",")
        w.key("level", indent: i); w.string(f.severity.sarifLevel); w.raw(",")
        w.key("locations", indent: i); w.raw("[")
        w.newline(indent: i + 2); w.raw("{")
        w.key("logicalLocations", indent: i + 4); w.raw("[")
        w.newline(indent: i + 6); w.raw("{")
        w.key("fullyQualifiedName", indent: i + 8); w.string(f.principal); w.raw(",")
        w.key("kind", indent: i + 8); w.raw("\"resource\",")
        w.key("name", indent: i + 8); w.string(f.principalName.isEmpty ? f.principal : f.principalName)
        w.newline(indent: i + 6); w.raw("}")
        w.newline(indent: i + 4); w.raw("],")
        w.key("physicalLocation", indent: i + 4)
        writePhysical(uri: uri, line: f.location.line, column: f.location.column, into: &w, indent: i + 4)
        w.newline(indent: i + 2); w.raw("}")
        w.newline(indent: i); w.raw("],")
        w.key("message", indent: i); w.raw("{")
        w.key("text", indent: i + 2); w.string(sentence(f.message))
        w.newline(indent: i); w.raw("},")
        w.key("partialFingerprints", indent: i); w.raw("{")
        w.key("credlint/v1", indent: i + 2); w.string(fingerprint); w.raw(",")
        w.key("primaryLocationLineHash", indent: i + 2); w.string(fingerprint)
        w.newline(indent: i); w.raw("},")
        w.key("properties", indent: i)
        if let org = view.organizationLabels[f.accountID] {
            w.stringMap(f.properties, adding: ["accountId": f.accountID, "accountName": org.name ?? "", "ouPath": org.ouPath ?? "",
                                               "principal": f.principal, "slot": f.slot, "severity": f.severity.rawValue], indent: i)
        } else {
            w.stringMap(f.properties, adding: ["accountId": f.accountID, "principal": f.principal, "slot": f.slot,
                                               "severity": f.severity.rawValue], indent: i)
        }
        w.raw(",")
        w.key("ruleId", indent: i); w.string(f.ruleID); w.raw(",")
        w.key("ruleIndex", indent: i); w.int(view.ruleIndex[f.ruleID] ?? 0)
        if let s = f.suppression {
            w.raw(",")
            w.key("suppressions", indent: i); w.raw("[")
            w.newline(indent: i + 2); w.raw("{")
            w.key("justification", indent: i + 4); w.string(s.reason); w.raw(",")
            w.key("kind", indent: i + 4); w.raw("\"external\",")
            if let p = URIReference.uri(s.source.path) {
                w.key("location", indent: i + 4); w.raw("{")
                w.key("physicalLocation", indent: i + 6)
                writePhysical(uri: p, line: s.source.line, column: s.source.column, into: &w, indent: i + 6)
                w.newline(indent: i + 4); w.raw("},")
            }
            w.key("properties", indent: i + 4); w.raw("{")
            w.key("expires", indent: i + 6); w.string(s.expires.iso8601)
            w.newline(indent: i + 4); w.raw("},")
            w.key("status", indent: i + 4); w.raw("\"accepted\"")
            w.newline(indent: i + 2); w.raw("}")
            w.newline(indent: i); w.raw("]")
        }
        w.newline(indent: indent)
        w.raw("}")
    }

    /// `{ "artifactLocation": { "uri": u }, "region": { "startColumn": c, "startLine": l } }`
    private static func writePhysical(uri: String, line: Int, column: Int, into w: inout JSONWriter, indent: Int) {
        w.raw("{")
        w.key("artifactLocation", indent: indent + 2); w.raw("{")
        w.key("uri", indent: indent + 4); w.string(uri)
        w.newline(indent: indent + 2); w.raw("},")
        w.key("region", indent: indent + 2); w.raw("{")
        w.key("startColumn", indent: indent + 4); w.int(max(1, column)); w.raw(",")
        w.key("startLine", indent: indent + 4); w.int(max(1, line))
        w.newline(indent: indent + 2); w.raw("}")
        w.newline(indent: indent); w.raw("}")
    }

    /// `credlint/<account-id>/` for a one-account report, `credlint/` otherwise,
    /// or the `--category` override (with a trailing `/`, so all of it is the category).
    public static func automationID(_ report: LintReport, options: ReportOptions) -> String {
        if let c = options.sarifCategory, !c.isEmpty { return c.hasSuffix("/") ? c : c + "/" }
        let ids = Set(report.accounts.map(\.accountID))
        return ids.count == 1 ? "credlint/\(ids.first!)/" : "credlint/"
    }

    static func log(_ report: LintReport, options: ReportOptions) -> SARIF.Log {
        let view = ReportView(report, options)
        var (log, selection) = log(view)
        var results: [SARIF.Result] = []
        var filter = selection.filter
        for a in view.accounts {
            for f in a.findings where filter.keeps(f) { results.append(result(f, view: view)) }
        }
        log.runs[0].results = results
        return log
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

    /// A run's `tool.driver.rules` list, encoded once for many runs of the same rules (the
    /// SARIF layout writes a run per account, each describing every enabled rule, about
    /// 5 KB a rule): the same bytes the encoder writes in place.
    struct EncodedRules {
        /// `"rules": [ ... ]` in a run at the log's indentation (driver keys at 10 spaces).
        static let empty = Array("\n          \"rules\": []".utf8)
        static let open = Array("\n          \"rules\": [".utf8)
        static let close = Array("\n          ]".utf8)
        let bytes: [UInt8]

        init(_ report: LintReport, options: ReportOptions) {
            var one = report
            one.accounts = []
            let skeleton = JSONOutput.encode(SARIFReporter.log(ReportView(one, options)).0)
            guard let start = JSONWriter.firstIndex(of: Self.open, in: skeleton, from: 0),
                  let end = JSONWriter.firstIndex(of: Self.close, in: skeleton, from: start + Self.open.count) else {
                // No rule enabled: the encoder wrote `"rules": []`.
                bytes = Self.empty
                return
            }
            bytes = Array(skeleton[start..<(end + Self.close.count)])
        }

        /// `skeleton` (encoded with no rules) with the rules in place.
        func insert(into skeleton: [UInt8]) -> [UInt8] {
            guard let at = JSONWriter.firstIndex(of: Self.empty, in: skeleton, from: 0) else {
                preconditionFailure("SARIF skeleton has no empty rules list")
            }
            return Array(skeleton[..<at]) + bytes + Array(skeleton[(at + Self.empty.count)...])
        }
    }

    /// The log with an empty `results` list, and which findings go into it; with
    /// `describingRules` false, an empty `rules` list too (for `EncodedRules.insert`).
    static func log(_ view: ReportView, describingRules: Bool = true) -> (SARIF.Log, Selection) {
        let report = view.report, options = view.options
        let limit = max(0, options.maxResults)
        let selection = select(view, limit: limit)

        var notifications: [SARIF.Notification] = []
        for account in view.accounts {
            for s in account.skipped {
                notifications.append(SARIF.Notification(
                    level: "note",
                    message: .init(text: sentence("Rule \(view.ruleLabel(s.ruleID)) was skipped for account \(account.result.accountID): \(s.reason)")),
                    associatedRule: .init(id: s.ruleID, index: view.ruleIndex[s.ruleID]), locations: nil))
            }
            for n in account.notes {
                notifications.append(note(n, level: "note", prefix: "Account \(account.result.accountID): "))
            }
        }
        for n in view.notes { notifications.append(note(n, level: "note", prefix: "")) }
        for e in view.expired {
            notifications.append(note(Note(view.expiredText(e), at: e.location), level: "warning", prefix: ""))
        }
        for e in view.stale {
            notifications.append(note(Note(view.staleText(e), at: e.location), level: "note", prefix: ""))
        }
        if selection.kept < selection.shown {
            notifications.append(SARIF.Notification(
                level: "warning",
                message: .init(text: "Results truncated: the \(selection.kept) highest-severity of \(selection.shown) findings are included (maximum \(limit) per run); the JSON output has all of them."),
                associatedRule: nil, locations: nil))
        }

        let run = SARIF.Run(
            tool: .init(driver: .init(name: "credlint", semanticVersion: report.toolVersion, version: report.toolVersion,
                                      informationUri: CredLintVersion.informationURI,
                                      rules: describingRules ? view.rules.map(descriptor) : [])),
            automationDetails: .init(id: automationID(report, options: options)),
            invocations: [.init(executionSuccessful: true, toolExecutionNotifications: notifications,
                                properties: clockProperties(report))],
            results: [])
        return (SARIF.Log(runs: [run]), selection)
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

    static func result(_ f: Finding, view: ReportView) -> SARIF.Result {
        var properties = f.properties
        properties["accountId"] = f.accountID
        if let org = view.organizationLabels[f.accountID] {
            properties["accountName"] = org.name ?? ""
            properties["ouPath"] = org.ouPath ?? ""
        }
        properties["principal"] = f.principal
        properties["slot"] = f.slot
        properties["severity"] = f.severity.rawValue
        let fingerprint = f.fingerprint
        let uri = URIReference.uri(f.location.path) ?? "credential-report/\(URIReference.encode(f.accountID)).csv"
        let location = SARIF.Location(
            physicalLocation: .init(artifactLocation: .init(uri: uri),
                                    region: .init(startLine: max(1, f.location.line), startColumn: max(1, f.location.column))),
            logicalLocations: [.init(name: f.principalName.isEmpty ? f.principal : f.principalName,
                                     fullyQualifiedName: f.principal, kind: "resource")])
        let suppressions = f.suppression.map { s in
            [SARIF.Suppression(justification: s.reason, location: physical(s.source).map { SARIF.Location(physicalLocation: $0) },
                               properties: ["expires": s.expires.iso8601])]
        }
        return SARIF.Result(
            ruleId: f.ruleID, ruleIndex: view.ruleIndex[f.ruleID] ?? 0, level: f.severity.sarifLevel,
            message: .init(text: sentence(f.message)), locations: [location],
            partialFingerprints: ["primaryLocationLineHash": fingerprint, "credlint/v1": fingerprint],
            properties: properties, suppressions: suppressions, baselineState: f.baselineState?.rawValue)
    }

    static func descriptor(_ r: RuleDescriptor) -> SARIF.ReportingDescriptor {
        let title = r.title.isEmpty ? (r.name.isEmpty ? r.id : r.name) : r.title
        let full = PlainText.oneParagraph(r.whatItDoes, limit: 1024)
        var tags = ["security"]
        for t in r.tags where !tags.contains(t) { tags.append(t) }
        return SARIF.ReportingDescriptor(
            id: r.id,
            name: pascalCase(r.name.isEmpty ? r.id : r.name),
            shortDescription: .init(text: String(title.prefix(1024))),
            fullDescription: .init(text: full.isEmpty ? sentence(title) : full),
            help: help(r, title: title),
            helpUri: helpURI(r),
            defaultConfiguration: .init(level: r.severity.sarifLevel),
            properties: .init(tags: Array(tags.prefix(20)), precision: "very-high",
                              securitySeverity: r.severity.securitySeverity,
                              problemSeverity: r.severity == .info ? "recommendation" : nil))
    }

    /// The rule's `help_uri`, or its rule file in the credlint repository.
    static func helpURI(_ r: RuleDescriptor) -> String {
        r.helpURI.isEmpty ? "\(CredLintVersion.informationURI)/blob/main/rules/\(r.id)-\(r.name).yml" : r.helpURI
    }

    static func help(_ r: RuleDescriptor, title: String) -> SARIF.MultiformatMessage {
        let sections: [(String, String)] = [
            ("What it does", r.whatItDoes), ("Why it matters", r.whyItMatters), ("Remediation", r.remediation),
            ("References", r.references.map { "- \($0)" }.joined(separator: "\n")),
        ].filter { !$0.1.trimmingBlankLines().isEmpty }
        guard !sections.isEmpty else { return .init(text: sentence(title), markdown: sentence(title)) }
        let markdown = sections.map { "## \($0.0)\n\n\($0.1.trimmingBlankLines())" }.joined(separator: "\n\n")
        let text = sections.map { "\($0.0):\n\(PlainText.fromMarkdown($0.1))" }.joined(separator: "\n\n")
        return .init(text: text, markdown: markdown)
    }

    static func note(_ n: Note, level: String, prefix: String) -> SARIF.Notification {
        SARIF.Notification(level: level, message: .init(text: sentence(capitalized(prefix + n.message))), associatedRule: nil,
                           locations: n.location.flatMap(physical).map { [SARIF.Location(physicalLocation: $0)] })
    }

    static func physical(_ l: SourceLocation) -> SARIF.PhysicalLocation? {
        URIReference.uri(l.path).map {
            SARIF.PhysicalLocation(artifactLocation: .init(uri: $0), region: .init(startLine: max(1, l.line), startColumn: max(1, l.column)))
        }
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
