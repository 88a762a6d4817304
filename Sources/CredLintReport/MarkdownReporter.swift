import CredLintModel
import CredLintEngine

/// GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY`: a heading, the run summary, an
/// accounts table (worst account first: its severity counts and the rules that fired), then
/// one section per account in the same order. GitHub rejects a step summary over 1 MiB, so
/// blocks stop before `markdownByteLimit` and a closing note says how many accounts and
/// findings were left out, and where they are. Putting the worst accounts first means what a
/// truncated summary leaves out is the healthiest part of an Organization.
package enum MarkdownReporter {
    package static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        render(report, options: options, sink: nil)
    }

    package static func string(_ report: LintReport, options: ReportOptions = ReportOptions()) -> String {
        String(decoding: render(report, options: options), as: UTF8.self)
    }

    /// Room kept for the truncation note, so adding it never crosses the limit.
    static let reserve = 512

    /// Two passes over an account's findings: one for the table's rules column, one for its
    /// section (which stops where the byte limit does). With a sink, blocks go to it as they
    /// are added and nothing is returned.
    static func render(_ report: LintReport, options: ReportOptions, sink: ByteSink?) -> [UInt8] {
        let view = ReportView(report, options)
        var doc = Budget(limit: max(options.markdownByteLimit, 0) - reserve, sink: sink)
        let order = view.accountsWorstFirst()
        // The OU column only for an Organization folder whose collector could read OU paths.
        let showOU = view.accounts.contains { $0.result.ouPath != nil }

        var columns = ["Account"] + (showOU ? ["OU"] : []) + ["Critical", "High", "Medium", "Low", "Info", "Suppressed", "Rules skipped", "Rules"]
        let align = ["---"] + (showOU ? ["---"] : []) + Array(repeating: "--:", count: 7) + ["---"]
        columns = ["| " + columns.joined(separator: " | ") + " |", "|" + align.joined(separator: "|") + "|"]
        func row(_ name: String, ou: String?, _ c: ReportView.Counts, rules: String) -> String {
            let cells = [name] + (showOU ? [ou ?? ""] : []) + Severity.allCases.reversed().map { String(c.count($0)) }
                + [String(c.suppressed), String(c.rulesSkipped), rules.isEmpty ? "" : rules]
            return "| " + cells.joined(separator: " | ") + " |\n"
        }
        _ = doc.add((["## credlint", "", "**\(escape(view.summaryLine))**", ""] + columns).joined(separator: "\n") + "\n")
        if view.accounts.count != 1 {
            let fired = Set(view.accounts.flatMap { $0.result.tally.rules.keys }).count
            _ = doc.add(row("**Total**", ou: nil, view.totals, rules: fired == 0 ? "" : plural(fired, "rule")))
        }
        var inTable = 0
        for i in order {
            let a = view.accounts[i]
            guard doc.add(row(accountCell(a.result), ou: a.result.ouPath.map(escape), a.counts, rules: rulesCell(a))) else { break }
            inTable += 1
        }

        var rendered = 0, complete = 0
        accounts: for i in order where !doc.truncated {
            let a = view.accounts[i]
            let r = a.result
            let inputs = r.inputs.isEmpty ? "no inputs" : r.inputs.sorted().map(code).joined(separator: ", ")
            var section = ["", "### Account \(accountCell(r))" + (r.ouPath.map { " (\(escape($0)))" } ?? ""), "",
                           "As of \(r.asOf.iso8601) (\(escape(r.asOfSource.rawValue))), "
                           + "\(plural(r.rowsRead, "row")) read from \(inputs).", ""]
            if a.shownCount == 0 {
                section.append("No findings" + (options.minSeverity.map { " at or above \($0.rawValue)" } ?? "") + ".")
            } else {
                section += ["| Severity | Rule | Principal | Message | Location |", "|---|---|---|---|---|"]
            }
            guard doc.add(section.joined(separator: "\n") + "\n") else { break accounts }
            for f in a.shown {
                guard doc.add(findingRow(f) + "\n") else { break accounts }
                rendered += 1
            }
            var trailer: [String] = []
            if !a.skipped.isEmpty {
                trailer += ["", "<details><summary>\(plural(a.skipped.count, "rule")) skipped</summary>", ""]
                trailer += a.skipped.map { "- \(code($0.ruleID)) \(escape(view.rule($0.ruleID)?.name ?? "")): \(escape($0.reason))" }
                trailer += ["", "</details>"]
            }
            if !a.notes.isEmpty {
                trailer += ["", "Notes:", ""] + a.notes.map(noteItem)
            }
            if !trailer.isEmpty, !doc.add(trailer.joined(separator: "\n") + "\n") { break accounts }
            complete += 1
        }

        var run: [String] = []
        run += view.notes.map(noteItem)
        run += view.expired.map { "- **Warning:** \(location($0.location)) \(escape(view.expiredText($0)))." }
        run += view.stale.map { "- \(location($0.location)) \(escape(view.staleText($0)))." }
        if !run.isEmpty {
            _ = doc.add((["", "### Run notes", ""] + run).joined(separator: "\n") + "\n")
        }

        let omitted = view.shownCount - rendered
        if omitted > 0 || doc.truncated {
            let accounts = view.accounts.count - complete
            var what = "the details of \(accounts) of \(plural(view.accounts.count, "account")) "
                + "(\(plural(omitted, "finding"))) are not shown here"
            if inTable < view.accounts.count {
                what += ", and \(plural(view.accounts.count - inTable, "account")) are missing from the table"
            }
            // Past the limit by design: `reserve` kept room for it.
            doc.out.write("\n> **Truncated:** \(what); a step summary is limited to \(options.markdownByteLimit) bytes. "
                + "The JSON and SARIF outputs (`--output json=PATH`, `--output sarif=PATH`) have every account and finding.\n")
        }
        return doc.out.finish()
    }

    /// `` `333333333333` Payments ``: the id, and the name `organization.json` gives it.
    static func accountCell(_ r: AccountResult) -> String {
        code(r.accountID) + (r.accountName.map { " " + escape($0) } ?? "")
    }

    /// The rules with open findings shown for the account, most severe first, with how many
    /// when more than one: `CL102, CL301, CL203 ×4`. Read from the findings (on disk, a block
    /// at a time), so a wide Organization's table costs a pass, not memory.
    static func rulesCell(_ a: ReportView.Account) -> String {
        a.openByRule().sorted { x, y in x.value.worst != y.value.worst ? x.value.worst > y.value.worst : x.key < y.key }
            .map { escape($0.key) + ($0.value.count > 1 ? " ×\($0.value.count)" : "") }
            .joined(separator: ", ")
    }

    static func findingRow(_ f: Finding) -> String {
        let principal = code(f.principal) + (f.slot.isEmpty ? "" : " " + code(f.slot))
        var message = escape(f.message)
        if let s = f.suppression { message += " *(suppressed until \(s.expires.iso8601): \(escape(s.reason)))*" }
        if f.baselineState == .unchanged { message += " *(in baseline)*" }
        let rule = code(f.ruleID) + (f.ruleName.isEmpty ? "" : " " + escape(f.ruleName))
        return "| \(f.severity.rawValue) | \(rule) | \(principal) | \(message) | \(location(f.location)) |"
    }

    static func noteItem(_ n: Note) -> String {
        "- " + (n.location.map { location($0) + " " } ?? "") + escape(n.message)
    }

    static func location(_ l: SourceLocation) -> String { code("\(l.path):\(l.line)") }

    /// Inline code in a table cell: backticks cannot be escaped inside a code
    /// span, so they become `'`; `|` must still be escaped (GFM splits cells first).
    static func code(_ s: String) -> String {
        let cleaned = s.map { c -> String in
            switch c {
            case "`": "'"
            case "|": "\\|"
            case "\n", "\r", "\r\n": " "
            default: String(c)
            }
        }.joined()
        return "`\(cleaned)`"
    }

    /// Plain text in Markdown: punctuation that could start markup is
    /// backslash-escaped, `&` becomes an entity, line breaks become spaces.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "!": out += "\\" + String(c)
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// Writes whole blocks while they fit in the byte limit.
    struct Budget {
        let limit: Int
        var out: OutputBuffer
        var bytes = 0
        var truncated = false

        init(limit: Int, sink: ByteSink?) {
            self.limit = limit
            out = OutputBuffer(sink: sink)
        }

        mutating func add(_ block: String) -> Bool {
            let n = block.utf8.count
            guard !truncated, bytes + n <= limit else { truncated = true; return false }
            out.write(block)
            bytes += n
            return true
        }
    }
}
