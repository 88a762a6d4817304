/// GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY`: a heading, a summary
/// table, then one table per account. GitHub rejects a step summary over
/// 1 MiB, so rows stop before `markdownByteLimit` and a note says how many
/// findings were left out.
public enum MarkdownReporter {
    public static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        Array(string(report, options: options).utf8)
    }

    /// Room kept for the truncation note, so adding it never crosses the limit.
    static let reserve = 512

    public static func string(_ report: LintReport, options: ReportOptions = ReportOptions()) -> String {
        let view = ReportView(report, options)
        var doc = Budget(limit: max(options.markdownByteLimit, 0) - reserve)

        var head = ["## credlint", "", "**\(escape(view.summaryLine))**", "",
                    "| Account | Critical | High | Medium | Low | Info | Suppressed | Rules skipped |",
                    "|---|--:|--:|--:|--:|--:|--:|--:|"]
        func row(_ name: String, _ c: ReportView.Counts) -> String {
            let cells = Severity.allCases.reversed().map { String(c.count($0)) } + [String(c.suppressed), String(c.rulesSkipped)]
            return "| \(name) | " + cells.joined(separator: " | ") + " |"
        }
        for a in view.accounts { head.append(row(code(a.result.accountID), a.counts)) }
        if view.accounts.count != 1 { head.append(row("**Total**", view.totals)) }
        _ = doc.add(head.joined(separator: "\n") + "\n")

        var rendered = 0
        accounts: for a in view.accounts {
            let r = a.result
            let inputs = r.inputs.isEmpty ? "no inputs" : r.inputs.sorted().map(code).joined(separator: ", ")
            var section = ["", "### Account \(code(r.accountID))", "",
                           "As of \(r.asOf.iso8601) (\(escape(r.asOfSource.rawValue))), "
                           + "\(ReportView.plural(r.rowsRead, "row")) read from \(inputs).", ""]
            if a.findings.isEmpty {
                section.append("No findings" + (options.minSeverity.map { " at or above \($0.rawValue)" } ?? "") + ".")
            } else {
                section += ["| Severity | Rule | Principal | Message | Location |", "|---|---|---|---|---|"]
            }
            guard doc.add(section.joined(separator: "\n") + "\n") else { break accounts }
            for f in a.findings {
                guard doc.add(findingRow(f) + "\n") else { break accounts }
                rendered += 1
            }
            var trailer: [String] = []
            if !a.skipped.isEmpty {
                trailer += ["", "<details><summary>\(ReportView.plural(a.skipped.count, "rule")) skipped</summary>", ""]
                trailer += a.skipped.map { "- \(code($0.ruleID)) \(escape(view.rule($0.ruleID)?.name ?? "")): \(escape($0.reason))" }
                trailer += ["", "</details>"]
            }
            if !a.notes.isEmpty {
                trailer += ["", "Notes:", ""] + a.notes.map(noteItem)
            }
            if !trailer.isEmpty, !doc.add(trailer.joined(separator: "\n") + "\n") { break accounts }
        }

        var run: [String] = []
        run += view.notes.map(noteItem)
        run += view.expired.map { "- **Warning:** \(location($0.location)) \(escape(view.expiredText($0)))." }
        run += view.stale.map { "- \(location($0.location)) \(escape(view.staleText($0)))." }
        if !run.isEmpty {
            _ = doc.add((["", "### Run notes", ""] + run).joined(separator: "\n") + "\n")
        }

        var text = doc.text
        let omitted = view.shownCount - rendered
        if omitted > 0 || doc.truncated {
            text += "\n> **Truncated:** \(ReportView.plural(omitted, "finding")) not shown here; a step summary "
                + "is limited to \(options.markdownByteLimit) bytes. The SARIF and JSON outputs have every finding.\n"
        }
        return text
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

    /// Appends whole blocks while they fit in the byte limit.
    struct Budget {
        let limit: Int
        var text = ""
        var bytes = 0
        var truncated = false

        init(limit: Int) { self.limit = limit }

        mutating func add(_ block: String) -> Bool {
            let n = block.utf8.count
            guard !truncated, bytes + n <= limit else { truncated = true; return false }
            text += block
            bytes += n
            return true
        }
    }
}
