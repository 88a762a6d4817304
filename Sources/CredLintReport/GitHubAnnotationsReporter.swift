import CredLintModel
import CredLintEngine

/// GitHub Actions workflow commands, one per finding:
/// `::error file=PATH,line=N,title=CL203 access-key-unused::message`.
///
/// critical/high → `error`, medium → `warning`, low/info → `notice`. GitHub
/// shows only 10 annotations of each type per step (50 per job), so findings
/// come highest severity first, and a plain summary line ends the output.
package enum GitHubAnnotationsReporter {
    package static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        render(report, options: options, sink: nil)
    }

    /// Highest severity first, then output order: one pass over the findings per severity
    /// (an account's findings go highest severity first, so each pass stops at the first lower
    /// one, and skips the accounts the counts say have none). With a sink, lines go to it as
    /// they are made and nothing is returned.
    static func render(_ report: LintReport, options: ReportOptions, sink: ByteSink?) -> [UInt8] {
        let view = ReportView(report, options)
        var out = OutputBuffer(sink: sink)
        func line(_ s: String) { out.write(s); out.write(0x0A) }
        for severity in Severity.allCases.reversed() {
            for a in view.accounts where a.shownBySeverity[severity.ordinal] > 0 {
                for f in a.shown(severity) {
                    let rule = f.ruleName.isEmpty ? f.ruleID : "\(f.ruleID) \(f.ruleName)"
                    var message = f.message + "\nprincipal: \(f.principal)" + (f.slot.isEmpty ? "" : " [\(f.slot)]")
                    if let label = view.accountLabel(f.accountID) { message += "\naccount: \(f.accountID) \(label)" }
                    if let s = f.suppression { message += "\nsuppressed until \(s.expires.iso8601): \(s.reason)" }
                    line(command(command(for: f.severity), file: f.location.path, line: f.location.line,
                                 title: rule, message: message))
                }
            }
        }
        for e in view.expired {
            line(command("warning", file: e.location.path, line: e.location.line,
                         title: "credlint exemption expired", message: view.expiredText(e)))
        }
        for e in view.stale {
            line(command("notice", file: e.location.path, line: e.location.line,
                         title: "credlint exemption stale", message: view.staleText(e)))
        }
        line("credlint: " + view.summaryLine)
        return out.finish()
    }

    package static func command(for severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "notice"
        }
    }

    static func command(_ kind: String, file: String, line: Int, title: String, message: String) -> String {
        var props: [String] = []
        if !file.isEmpty { props.append("file=\(escapeProperty(file))"); props.append("line=\(line)") }
        props.append("title=\(escapeProperty(title))")
        return "::\(kind) \(props.joined(separator: ","))::\(escapeData(message))"
    }

    /// Message text: `%`, CR and LF are encoded (as GitHub's toolkit `escapeData` does).
    package static func escapeData(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Property values additionally encode `:` and `,`, which delimit properties.
    package static func escapeProperty(_ s: String) -> String {
        var out = ""
        for c in escapeData(s).unicodeScalars {
            switch c {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
