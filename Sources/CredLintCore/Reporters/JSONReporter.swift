/// `--format json`: the whole run as one stable document (`"version": 1`, and `"$schema"`
/// naming `docs/credlint-output.schema.json`). Keys are sorted; optional keys are absent
/// when unset. The schema is `JSONOutputSchema` (`credlint schema`) and
/// docs/output-formats.md; additive changes keep version 1.
public enum JSONReporter {
    public static let schemaVersion = 1

    public static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        render(report, options: options, sink: nil)
    }

    /// The document without findings goes through the encoder; findings, which can
    /// number hundreds of thousands, are written straight in the same layout (and,
    /// with a sink, straight to it).
    static func render(_ report: LintReport, options: ReportOptions, sink: ByteSink?) -> [UInt8] {
        let view = ReportView(report, options)
        let skeleton = JSONOutput.encode(document(view, findings: []))
        if view.anySpilled && options.renderThreads <= 1 {
            // Findings on disk, one thread: read back and written one at a time.
            var cursor = ReportView.FindingCursor(view)
            let count = view.shownCount
            return JSONWriter.splice(skeleton, key: "findings", indent: 2, count: count,
                                     capacity: count * 700, sink: sink) { w, k, indent in
                var f = cursor.finding(k)
                withUnsafePointer(to: &f) { writeFinding(UnsafeBufferPointer(start: $0, count: 1), 0, into: &w, indent: indent) }
            }
        }
        if view.anySpilled {
            // Findings on disk are read back in order on this thread, a wave at a time, and
            // each wave is written in blocks on the --jobs threads.
            var cursor = ReportView.FindingCursor(view)
            let count = view.shownCount
            let window = FindingWindow()
            return JSONWriter.splice(skeleton, key: "findings", indent: 2, count: count, capacity: count * 700,
                                     sink: sink, threads: options.renderThreads, block: 2_048, prepare: { range in
                window.start = range.lowerBound
                window.findings.removeAll(keepingCapacity: true)
                for k in range { window.findings.append(cursor.finding(k)) }
            }) { w, k, indent in
                window.findings.withUnsafeBufferPointer { writeFinding($0, k - window.start, into: &w, indent: indent) }
            }
        }
        // Findings are read in place (passing them around would copy each one).
        return view.shownFindings.withUnsafeBufferPointer { findings in
            // The findings are only read while the blocks are written.
            nonisolated(unsafe) let shared = findings
            return JSONWriter.splice(skeleton, key: "findings", indent: 2, count: findings.count,
                                     capacity: findings.count * 700, sink: sink, threads: options.renderThreads) {
                w, k, indent in writeFinding(shared, k, into: &w, indent: indent)
            }
        }
    }

    /// The findings of one wave: filled on one thread, then only read while the wave is written.
    private final class FindingWindow: @unchecked Sendable {
        var start = 0
        var findings: [Finding] = []
    }

    /// Finding `k` exactly as `JSONOutput.encode(finding(f))` lays it out at `indent`.
    static func writeFinding(_ all: UnsafeBufferPointer<Finding>, _ k: Int, into w: inout JSONWriter, indent: Int) {
        let i = indent + 2
        let f = all.baseAddress! + k
        w.raw("{")
        w.key("accountId", indent: i); w.string(f.pointee.accountID); w.raw(",")
        if let b = f.pointee.baselineState { w.key("baselineState", indent: i); w.string(b.rawValue); w.raw(",") }
        w.key("fingerprint", indent: i); w.string(f.pointee.fingerprint); w.raw(",")
        w.key("location", indent: i); w.location(f.pointee.location, indent: i); w.raw(",")
        w.key("message", indent: i); w.string(f.pointee.message); w.raw(",")
        w.key("principal", indent: i); w.string(f.pointee.principal); w.raw(",")
        w.key("principalName", indent: i); w.string(f.pointee.principalName); w.raw(",")
        w.key("properties", indent: i); w.stringMap(f.pointee.properties, indent: i); w.raw(",")
        w.key("ruleId", indent: i); w.string(f.pointee.ruleID); w.raw(",")
        w.key("ruleName", indent: i); w.string(f.pointee.ruleName); w.raw(",")
        w.key("severity", indent: i); w.string(f.pointee.severity.rawValue); w.raw(",")
        w.key("slot", indent: i); w.string(f.pointee.slot)
        if let s = f.pointee.suppression {
            w.raw(",")
            w.key("suppression", indent: i)
            w.raw("{")
            w.key("expires", indent: i + 2); w.string(s.expires.iso8601); w.raw(",")
            w.key("reason", indent: i + 2); w.string(s.reason); w.raw(",")
            w.key("source", indent: i + 2); w.location(s.source, indent: i + 2)
            w.newline(indent: i)
            w.raw("}")
        }
        w.newline(indent: indent)
        w.raw("}")
    }

    struct Document: Codable, Equatable {
        /// The schema the document follows (`credlint schema`, `JSONOutputSchema`).
        var schema = JSONOutputSchema.id
        var version: Int
        var tool: Tool
        var filters: Filters
        var rules: [Rule]
        var accounts: [Account]
        var findings: [FindingJSON]
        var notes: [NoteJSON]
        var exemptions: Exemptions
        var baseline: Baseline?
        var summary: Summary
        var organization: Organization?

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, tool, filters, rules, accounts, findings, notes, exemptions, baseline, summary, organization
        }
    }
    struct Organization: Codable, Equatable {
        var organizationId: String?
        var managementAccountId: String?
        var missingAccounts: [MissingAccount]
        var missingAllowedBy: String?
    }
    struct MissingAccount: Codable, Equatable { var accountId: String; var label: String?; var reason: String }

    struct Tool: Codable, Equatable { var name: String; var version: String }
    struct Filters: Codable, Equatable {
        var minSeverity: String?
        var includeSuppressed: Bool
        var includeUnchanged: Bool
    }
    struct Rule: Codable, Equatable {
        var id: String; var name: String; var title: String; var severity: String; var scope: String; var helpUri: String
    }
    struct Account: Codable, Equatable {
        var accountId: String
        var asOf: String
        var asOfSource: String
        var inputs: [String]
        var rowsRead: Int
        var reportGeneratedTime: String?
        var skippedRules: [Skipped]
        var notes: [NoteJSON]
        var counts: Counts
        var accountName: String?
        var ouPath: String?
    }
    struct Skipped: Codable, Equatable { var ruleId: String; var ruleName: String; var reason: String }
    struct LocationJSON: Codable, Equatable { var path: String; var line: Int; var column: Int }
    struct NoteJSON: Codable, Equatable { var message: String; var location: LocationJSON? }
    struct SuppressionJSON: Codable, Equatable { var reason: String; var expires: String; var source: LocationJSON }
    struct FindingJSON: Codable, Equatable {
        var fingerprint: String
        var ruleId: String
        var ruleName: String
        var severity: String
        var message: String
        var accountId: String
        var principal: String
        var principalName: String
        var slot: String
        var location: LocationJSON
        var properties: [String: String]
        var suppression: SuppressionJSON?
        var baselineState: String?
    }
    struct ExemptionJSON: Codable, Equatable {
        var rule: String; var principal: String; var slot: String?; var reason: String; var expires: String
        var location: LocationJSON
    }
    struct Exemptions: Codable, Equatable { var expired: [ExemptionJSON]; var stale: [ExemptionJSON] }
    struct Baseline: Codable, Equatable { var path: String; var entries: Int; var absent: Int }
    struct BySeverity: Codable, Equatable { var critical, high, medium, low, info: Int }
    struct Counts: Codable, Equatable {
        var findings: Int
        var bySeverity: BySeverity
        var suppressed: Int
        var unchanged: Int
        var belowMinSeverity: Int
        var rulesSkipped: Int
    }
    struct Summary: Codable, Equatable {
        var accounts: Int
        var rowsRead: Int
        var counts: Counts
        var expiredExemptions: Int
        var staleExemptions: Int
    }

    static func document(_ report: LintReport, options: ReportOptions) -> Document {
        let view = ReportView(report, options)
        return document(view, findings: view.shownFindings.map(finding))
    }

    static func document(_ view: ReportView, findings: [FindingJSON]) -> Document {
        let report = view.report, options = view.options
        return Document(
            version: schemaVersion,
            tool: Tool(name: "credlint", version: report.toolVersion),
            filters: Filters(minSeverity: options.minSeverity?.rawValue, includeSuppressed: options.includeSuppressed,
                             includeUnchanged: options.includeUnchanged),
            rules: view.rules.map {
                Rule(id: $0.id, name: $0.name, title: $0.title, severity: $0.severity.rawValue, scope: $0.scope.rawValue,
                     helpUri: SARIFReporter.helpURI($0))
            },
            accounts: view.accounts.map { a in
                Account(accountId: a.result.accountID, asOf: a.result.asOf.iso8601, asOfSource: a.result.asOfSource.rawValue,
                        inputs: a.result.inputs.sorted(), rowsRead: a.result.rowsRead,
                        reportGeneratedTime: a.result.reportGeneratedTime?.iso8601,
                        skippedRules: a.skipped.map {
                            Skipped(ruleId: $0.ruleID, ruleName: view.rule($0.ruleID)?.name ?? "", reason: $0.reason)
                        },
                        notes: a.notes.map(note), counts: counts(a.counts),
                        accountName: a.result.accountName, ouPath: a.result.ouPath)
            },
            findings: findings,
            notes: view.notes.map(note),
            exemptions: Exemptions(expired: view.expired.map(exemption), stale: view.stale.map(exemption)),
            baseline: report.baseline.map { Baseline(path: $0.path, entries: $0.entries, absent: $0.absent) },
            summary: Summary(accounts: view.accounts.count, rowsRead: view.totals.rowsRead, counts: counts(view.totals),
                             expiredExemptions: view.expired.count, staleExemptions: view.stale.count),
            organization: organization(report))
    }

    /// The Organization of an Organization folder: its ids, and the accounts left out (`--allow-missing account`).
    static func organization(_ report: LintReport) -> Organization? {
        guard report.organization != nil || report.missingAccounts != nil else { return nil }
        return Organization(organizationId: report.organization?.organizationID,
                            managementAccountId: report.organization?.managementAccountID,
                            missingAccounts: (report.missingAccounts?.accounts ?? []).map {
                                MissingAccount(accountId: $0.accountID, label: $0.label, reason: $0.reason)
                            },
                            missingAllowedBy: report.missingAccounts?.allowedBy)
    }

    static func location(_ l: SourceLocation) -> LocationJSON { LocationJSON(path: l.path, line: l.line, column: l.column) }
    static func note(_ n: Note) -> NoteJSON { NoteJSON(message: n.message, location: n.location.map(location)) }

    static func finding(_ f: Finding) -> FindingJSON {
        FindingJSON(fingerprint: f.fingerprint, ruleId: f.ruleID, ruleName: f.ruleName, severity: f.severity.rawValue,
                    message: f.message, accountId: f.accountID, principal: f.principal, principalName: f.principalName,
                    slot: f.slot, location: location(f.location), properties: f.properties,
                    suppression: f.suppression.map {
                        SuppressionJSON(reason: $0.reason, expires: $0.expires.iso8601, source: location($0.source))
                    },
                    baselineState: f.baselineState?.rawValue)
    }

    static func exemption(_ e: Exemption) -> ExemptionJSON {
        ExemptionJSON(rule: e.rule, principal: e.principal.pattern, slot: e.slot, reason: e.reason,
                      expires: e.expires.iso8601, location: location(e.location))
    }

    static func counts(_ c: ReportView.Counts) -> Counts {
        Counts(findings: c.open,
               bySeverity: BySeverity(critical: c.count(.critical), high: c.count(.high), medium: c.count(.medium),
                                      low: c.count(.low), info: c.count(.info)),
               suppressed: c.suppressed, unchanged: c.unchanged, belowMinSeverity: c.belowMinSeverity,
               rulesSkipped: c.rulesSkipped)
    }
}
