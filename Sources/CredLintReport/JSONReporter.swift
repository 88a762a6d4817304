import CredLintModel
import CredLintEngine

/// `--format json`: the whole run as one stable document (`"version": 1`, and `"$schema"`
/// naming `docs/credlint-output.schema.json`). Keys are sorted; optional keys are absent
/// when unset. The schema is `JSONOutputSchema` (`credlint schema`) and
/// docs/output-formats.md; additive changes keep version 1.
package enum JSONReporter {
    package static let schemaVersion = 1

    package static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        render(report, options: options, sink: nil)
    }

    /// The document, streamed: with a sink, the findings (which can number hundreds of
    /// thousands) go to it as they are written.
    static func render(_ report: LintReport, options: ReportOptions, sink: ByteSink?) -> [UInt8] {
        let view = ReportView(report, options)
        var w = JSONWriter(sink: sink, capacity: sink == nil ? view.shownCount * 700 + 4_096 : 0)
        writeDocument(view, into: &w) { w in writeFindings(view, into: &w) }
        w.endDocument()
        return w.finish()
    }

    /// The findings list's items.
    private static func writeFindings(_ view: ReportView, into w: inout JSONWriter) {
        // Findings are read in order on this thread (from memory, or from disk a block per run
        // at a time), a wave at a time, and each wave is written in blocks on the --jobs threads.
        var cursor = ReportView.FindingCursor(view)
        let window = FindingWindow()
        w.items(count: view.shownCount, threads: view.options.renderThreads, block: 2_048, prepare: { range in
            window.start = range.lowerBound
            window.findings.removeAll(keepingCapacity: true)
            for k in range { window.findings.append(cursor.finding(k)) }
        }) { w, k in
            window.findings.withUnsafeBufferPointer { writeFinding($0, k - window.start, into: &w) }
        }
    }

    /// The findings of one wave: filled on one thread, then only read while the wave is written.
    private final class FindingWindow: @unchecked Sendable {
        var start = 0
        var findings: [Finding] = []
    }

    /// Finding `k` of `all`.
    static func writeFinding(_ all: UnsafeBufferPointer<Finding>, _ k: Int, into w: inout JSONWriter) {
        let f = all.baseAddress! + k
        w.beginObject()
        w.key("accountId"); w.string(f.pointee.accountID)
        if let b = f.pointee.baselineState { w.key("baselineState"); w.string(b.rawValue) }
        w.key("fingerprint"); w.string(f.pointee.fingerprint)
        w.key("location"); w.location(f.pointee.location)
        w.key("message"); w.string(f.pointee.message)
        w.key("principal"); w.string(f.pointee.principal)
        w.key("principalName"); w.string(f.pointee.principalName)
        w.key("properties"); w.stringMap(f.pointee.propertyPairs, adding: [:])
        w.key("ruleId"); w.string(f.pointee.ruleID)
        w.key("ruleName"); w.string(f.pointee.ruleName)
        w.key("severity"); w.string(f.pointee.severity.rawValue)
        w.key("slot"); w.string(f.pointee.slot)
        if let s = f.pointee.suppression {
            w.key("suppression")
            w.beginObject()
            w.key("expires"); w.string(s.expires.iso8601)
            w.key("reason"); w.string(s.reason)
            w.key("source"); w.location(s.source)
            w.endObject()
        }
        w.endObject()
    }

    /// The document (keys in sorted order), `findings` writing the findings list's items.
    static func writeDocument(_ view: ReportView, into w: inout JSONWriter, findings: (inout JSONWriter) -> Void) {
        let report = view.report, options = view.options
        w.beginObject()
        w.key("$schema"); w.string(JSONOutputSchema.id)
        w.key("accounts"); w.beginArray()
        for a in view.accounts {
            let r = a.result
            w.beginObject()
            w.key("accountId"); w.string(r.accountID)
            if let name = r.accountName { w.key("accountName"); w.string(name) }
            w.key("asOf"); w.string(r.asOf.iso8601)
            w.key("asOfSource"); w.string(r.asOfSource.rawValue)
            w.key("counts"); writeCounts(a.counts, into: &w)
            w.key("inputs"); w.strings(r.inputs.sorted())
            w.key("notes"); writeNotes(a.notes, into: &w)
            if let ou = r.ouPath { w.key("ouPath"); w.string(ou) }
            if let t = r.reportGeneratedTime { w.key("reportGeneratedTime"); w.string(t.iso8601) }
            w.key("rowsRead"); w.int(r.rowsRead)
            w.key("skippedRules"); w.beginArray()
            for s in a.skipped {
                w.beginObject()
                w.key("reason"); w.string(s.reason)
                w.key("ruleId"); w.string(s.ruleID)
                w.key("ruleName"); w.string(view.rule(s.ruleID)?.name ?? "")
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        if let b = report.baseline {
            w.key("baseline"); w.beginObject()
            w.key("absent"); w.int(b.absent)
            w.key("entries"); w.int(b.entries)
            w.key("path"); w.string(b.path)
            w.endObject()
        }
        w.key("exemptions"); w.beginObject()
        w.key("expired"); writeExemptions(view.expired, into: &w)
        w.key("stale"); writeExemptions(view.stale, into: &w)
        w.endObject()
        w.key("filters"); w.beginObject()
        w.key("includeSuppressed"); w.bool(options.includeSuppressed)
        w.key("includeUnchanged"); w.bool(options.includeUnchanged)
        if let m = options.minSeverity { w.key("minSeverity"); w.string(m.rawValue) }
        w.endObject()
        w.key("findings"); w.beginArray()
        findings(&w)
        w.endArray()
        w.key("notes"); writeNotes(view.notes, into: &w)
        if report.organization != nil || report.missingAccounts != nil {
            // The Organization of an Organization folder: its ids, and the accounts left out (`--allow-missing account`).
            w.key("organization"); w.beginObject()
            if let m = report.organization?.managementAccountID { w.key("managementAccountId"); w.string(m) }
            w.key("missingAccounts"); w.beginArray()
            for m in report.missingAccounts?.accounts ?? [] {
                w.beginObject()
                w.key("accountId"); w.string(m.accountID)
                if let label = m.label { w.key("label"); w.string(label) }
                w.key("reason"); w.string(m.reason)
                w.endObject()
            }
            w.endArray()
            if let by = report.missingAccounts?.allowedBy { w.key("missingAllowedBy"); w.string(by) }
            if let id = report.organization?.organizationID { w.key("organizationId"); w.string(id) }
            w.endObject()
        }
        w.key("rules"); w.beginArray()
        for r in view.rules {
            w.beginObject()
            w.key("helpUri"); w.string(SARIFReporter.helpURI(r))
            w.key("id"); w.string(r.id)
            w.key("name"); w.string(r.name)
            w.key("scope"); w.string(r.scope.rawValue)
            w.key("severity"); w.string(r.severity.rawValue)
            w.key("title"); w.string(r.title)
            w.endObject()
        }
        w.endArray()
        w.key("summary"); w.beginObject()
        w.key("accounts"); w.int(view.accounts.count)
        w.key("counts"); writeCounts(view.totals, into: &w)
        w.key("expiredExemptions"); w.int(view.expired.count)
        w.key("rowsRead"); w.int(view.totals.rowsRead)
        w.key("staleExemptions"); w.int(view.stale.count)
        w.endObject()
        w.key("tool"); w.beginObject()
        w.key("name"); w.literal("credlint")
        w.key("version"); w.string(report.toolVersion)
        w.endObject()
        w.key("version"); w.int(schemaVersion)
        w.endObject()
    }

    private static func writeNotes(_ notes: [Note], into w: inout JSONWriter) {
        w.beginArray()
        for n in notes {
            w.beginObject()
            if let l = n.location { w.key("location"); w.location(l) }
            w.key("message"); w.string(n.message)
            w.endObject()
        }
        w.endArray()
    }

    private static func writeExemptions(_ exemptions: [Exemption], into w: inout JSONWriter) {
        w.beginArray()
        for e in exemptions {
            w.beginObject()
            w.key("expires"); w.string(e.expires.iso8601)
            w.key("location"); w.location(e.location)
            w.key("principal"); w.string(e.principal.pattern)
            w.key("reason"); w.string(e.reason)
            w.key("rule"); w.string(e.rule)
            if let slot = e.slot { w.key("slot"); w.string(slot) }
            w.endObject()
        }
        w.endArray()
    }

    private static func writeCounts(_ c: ReportView.Counts, into w: inout JSONWriter) {
        w.beginObject()
        w.key("belowMinSeverity"); w.int(c.belowMinSeverity)
        w.key("bySeverity"); w.beginObject()
        w.key("critical"); w.int(c.count(.critical))
        w.key("high"); w.int(c.count(.high))
        w.key("info"); w.int(c.count(.info))
        w.key("low"); w.int(c.count(.low))
        w.key("medium"); w.int(c.count(.medium))
        w.endObject()
        w.key("findings"); w.int(c.open)
        w.key("rulesSkipped"); w.int(c.rulesSkipped)
        w.key("suppressed"); w.int(c.suppressed)
        w.key("unchanged"); w.int(c.unchanged)
        w.endObject()
    }
}
