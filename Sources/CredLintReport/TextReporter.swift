import CredLintModel
import CredLintEngine

/// Human-readable output in the style of ruff and SwiftLint: findings grouped
/// by account, then by severity (highest first, a blank line between groups).
///
/// ```
/// Account 111122223333: as of 2026-01-01T00:00:00Z (report GeneratedTime), 4 rows read from reports/a.csv
///
/// reports/a.csv:2: critical CL101 root-access-key-present: The root user has active access key 1.
///     principal: arn:aws:iam::111122223333:root [access_key_1]
///
///   skipped: CL501 password-policy-weak: needs password_policy, not given
///
/// 1 account, 4 rows read: 1 finding (1 critical), 0 suppressed, 1 rule skipped.
/// ```
package enum TextReporter {
    package static func string(_ report: LintReport, options: ReportOptions = ReportOptions()) -> String {
        String(decoding: render(report, options: options), as: UTF8.self)
    }

    /// Blocks of lines: lines joined by one newline, blocks by a blank line, a final newline.
    /// Written straight into bytes (through `OutputBuffer`: with a sink, a megabyte at a time),
    /// since a report can have hundreds of thousands of findings.
    private struct Blocks {
        var buffer: OutputBuffer
        var started = false
        var inBlock = false
        mutating func append(_ block: [String]) { for l in block { line(l) }; end() }
        mutating func line(_ l: String) {
            if inBlock { buffer.write(0x0A) } else if started { buffer.write(0x0A); buffer.write(0x0A) }
            started = true
            inBlock = true
            buffer.write(l)
        }
        /// Ends the current block (an empty block still separates, as joining empty arrays does).
        mutating func end() {
            if !inBlock { if started { buffer.write(0x0A); buffer.write(0x0A) }; started = true }
            inBlock = false
        }
    }

    package static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        render(report, options: options, sink: nil)
    }

    /// With a sink, the text is written to it as it is made (an organisation's findings
    /// need not be in memory at once) and nothing is returned.
    static func render(_ report: LintReport, options: ReportOptions, sink: ByteSink?) -> [UInt8] {
        let view = ReportView(report, options)
        let style = ANSIStyle(enabled: options.color)
        var blocks = Blocks(buffer: OutputBuffer(sink: sink))
        if options.quiet {
            // One finding after another, nothing around them: for grep and for people who
            // only want to know what is wrong.
            for account in view.accounts {
                for f in account.shown {
                    for l in lines(f, view: view, style: style) {
                        blocks.buffer.write(l)
                        blocks.buffer.write(0x0A)
                    }
                }
            }
            return blocks.buffer.finish()
        }

        for account in view.accounts {
            blocks.append([style.bold(header(account.result))])
            var groupSeverity: Severity?
            for f in account.shown {
                if let s = groupSeverity, s != f.severity { blocks.end() }
                groupSeverity = f.severity
                for l in lines(f, view: view, style: style) { blocks.line(l) }
            }
            if groupSeverity != nil { blocks.end() }
            if account.shownCount == 0 {
                let min = options.minSeverity.map { " at or above \($0.rawValue)" } ?? ""
                blocks.append(["  no findings\(min)"])
            }
            var trailer: [String] = []
            for s in account.skipped {
                trailer.append("  \(style.dim("skipped:")) \(view.ruleLabel(s.ruleID)): \(oneLine(s.reason))")
            }
            for n in account.notes { trailer.append("  " + noteLine(n, label: style.cyan("note"))) }
            if !trailer.isEmpty { blocks.append(trailer) }
        }

        var run: [String] = []
        for n in view.notes { run.append(noteLine(n, label: style.cyan("note"))) }
        for e in view.expired { run.append(noteLine(Note(view.expiredText(e), at: e.location), label: style.yellow("warning"))) }
        for e in view.stale { run.append(noteLine(Note(view.staleText(e), at: e.location), label: style.cyan("note"))) }
        if let b = report.baseline {
            run.append("baseline \(b.path.isEmpty ? "(in memory)" : b.path): \(plural(b.entries, "entry", "entries")), \(b.absent) no longer found")
        }
        if !run.isEmpty { blocks.append(run) }
        // With 2+ accounts, one line each (in account order) before the summary: an Organization's
        // findings run to thousands of lines, and this is the part a reader looks at first. One
        // account's counts are the summary line itself.
        if view.accounts.count > 1 {
            blocks.append(view.accounts.map { a in
                let label = OrganizationManifest.label(name: a.result.accountName, ouPath: a.result.ouPath).map { " \(oneLine($0))" } ?? ""
                let counts = a.counts.open == 0 ? "no findings" : ReportView.severityBreakdown(a.counts)
                return "account \(a.result.accountID)\(label): \(counts)"
                    + (a.counts.suppressed > 0 ? ", \(a.counts.suppressed) suppressed" : "")
            })
        }
        blocks.append([style.bold(view.summaryLine)])
        blocks.buffer.write(0x0A)
        return blocks.buffer.finish()
    }

    static func header(_ a: AccountResult) -> String {
        // Name the files when there are few, else their folders: a header stays one readable line.
        let inputs: String
        if a.inputs.count <= 2 {
            inputs = a.inputs.isEmpty ? "no inputs" : a.inputs.sorted().joined(separator: ", ")
        } else {
            let dirs = Set(a.inputs.map { p in p.lastIndex(of: "/").map { String(p[..<$0]) } ?? "." }).sorted()
            inputs = "\(a.inputs.count) files in \(dirs.joined(separator: ", "))"
        }
        let label = OrganizationManifest.label(name: a.accountName, ouPath: a.ouPath).map { " \(oneLine($0))" } ?? ""
        return "Account \(a.accountID)\(label): as of \(a.asOf.iso8601) (\(a.asOfSource.rawValue)), "
            + "\(plural(a.rowsRead, "row")) read from \(inputs)"
    }

    static func lines(_ f: Finding, view: ReportView, style: ANSIStyle) -> [String] {
        let rule = f.ruleName.isEmpty ? f.ruleID : "\(f.ruleID) \(f.ruleName)"
        var out = ["\(style.bold("\(f.location.path):\(f.location.line):")) \(style.severity(f.severity)) \(rule): \(oneLine(f.message))"]
        let slot = f.slot.isEmpty ? "" : " [\(f.slot)]"
        out.append(style.dim("    principal: \(f.principal)\(slot)"))
        if let s = f.suppression {
            out.append(style.dim("    suppressed until \(s.expires.iso8601) by \(s.source): \(oneLine(s.reason))"))
        }
        if f.baselineState == .unchanged {
            out.append(style.dim("    unchanged: already in the baseline"))
        }
        return out
    }

    /// Messages are one sentence, but a stray line break must not break the layout.
    static func oneLine(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) { return s }
        return s.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
    }

    /// `path:line:column: note: message`, or `note: message` without a location.
    static func noteLine(_ n: Note, label: String) -> String {
        if let l = n.location { return "\(l): \(label): \(oneLine(n.message))" }
        return "\(label): \(oneLine(n.message))"
    }
}
