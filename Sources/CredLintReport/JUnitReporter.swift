import CredLintModel
import CredLintEngine

/// JUnit XML for Jenkins and GitLab test reports: one `<testsuite>` per
/// account, one `<testcase>` per rule (`classname` = account id, `name` =
/// `CL203 access-key-unused`). A rule with findings fails (`message` = the
/// count, text = the findings); a rule skipped for the account is `<skipped>`.
package enum JUnitReporter {
    package static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        render(report, options: options, sink: nil)
    }

    package static func string(_ report: LintReport, options: ReportOptions = ReportOptions()) -> String {
        String(decoding: render(report, options: options), as: UTF8.self)
    }

    /// One account's suite, as far as the counts go: its test cases, and per rule its open
    /// findings' count and worst severity.
    private struct Suite {
        var ruleIDs: [String]
        var open: [String: (count: Int, worst: Severity)]
        var skipped: [String: String]
        var failures: Int { ruleIDs.reduce(0) { $0 + (open[$1] != nil ? 1 : 0) } }
        var skips: Int { ruleIDs.reduce(0) { $0 + (open[$1] == nil && skipped[$1] != nil ? 1 : 0) } }
    }

    /// Two passes: the totals head the document, so the first pass counts each account's open
    /// findings per rule; the second writes the findings rule by rule. An account's findings
    /// go highest severity first, then by rule, so one rule's findings of one severity are
    /// together: the second pass reads them with one iterator per severity, each moving on
    /// rule by rule. With a sink, the document goes to it as it is made.
    static func render(_ report: LintReport, options: ReportOptions, sink: ByteSink?) -> [UInt8] {
        let view = ReportView(report, options)
        var suites: [Suite] = []
        var total = (tests: 0, failures: 0, skipped: 0)
        for a in view.accounts {
            var ruleIDs = view.rules.map(\.id)
            for s in a.skipped where view.ruleIndex[s.ruleID] == nil { ruleIDs.append(s.ruleID) }
            ruleIDs.sort()
            let suite = Suite(ruleIDs: ruleIDs, open: a.openByRule(),
                              skipped: Dictionary(a.skipped.map { ($0.ruleID, $0.reason) }, uniquingKeysWith: { x, _ in x }))
            total.tests += ruleIDs.count; total.failures += suite.failures; total.skipped += suite.skips
            suites.append(suite)
        }

        var out = OutputBuffer(sink: sink)
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  + "<testsuites name=\"credlint\" tests=\"\(total.tests)\" failures=\"\(total.failures)\" errors=\"0\" skipped=\"\(total.skipped)\">\n")
        for (a, suite) in zip(view.accounts, suites) {
            let id = a.result.accountID
            let r = a.result
            var named = [("asOf", r.asOf.iso8601), ("asOfSource", r.asOfSource.rawValue),
                         ("inputs", r.inputs.sorted().joined(separator: ", ")), ("rowsRead", String(r.rowsRead)),
                         ("suppressed", String(a.counts.suppressed))]
            // An Organization's account: its name and OU path, as organization.json gives them.
            if let name = r.accountName { named.insert(("accountName", name), at: 0) }
            if let ou = r.ouPath { named.append(("ouPath", ou)); named.sort { $0.0 < $1.0 } }
            let properties = named
                .map { "      <property name=\"\($0.0)\" value=\"\(attribute($0.1))\"/>" }
            out.write("  <testsuite name=\"\(attribute(id))\" tests=\"\(suite.ruleIDs.count)\" failures=\"\(suite.failures)\" errors=\"0\" skipped=\"\(suite.skips)\">\n"
                      + "    <properties>\n" + properties.joined(separator: "\n") + "\n    </properties>\n")

            // Per severity, an iterator over the account's open findings of that severity,
            // made when first needed and holding the next finding it has read.
            var bySeverity: [(iterator: ReportView.ShownFindings.Iterator, next: Finding?)?] =
                Array(repeating: nil, count: Severity.allCases.count)
            for (k, ruleID) in suite.ruleIDs.enumerated() {
                if k > 0 { out.write(0x0A) }
                let open = "    " + `case`(classname: id, name: view.ruleLabel(ruleID))
                if let (count, worst) = suite.open[ruleID] {
                    out.write("\(open)>\n      <failure message=\"\(attribute(plural(count, "finding")))\" "
                              + "type=\"\(worst.rawValue)\">")
                    var first = true
                    for severity in Severity.allCases.reversed() where a.counts.count(severity) > 0 {
                        if bySeverity[severity.ordinal] == nil {
                            var it = a.shown(severity).makeIterator()
                            let head = nextOpen(&it)
                            bySeverity[severity.ordinal] = (it, head)
                        }
                        // Taken out of the array while it moves on, so that it is not copied.
                        var (it, next) = bySeverity[severity.ordinal]!
                        bySeverity[severity.ordinal] = nil
                        // Rules come in id order within a severity; none is left behind, since
                        // every rule with findings is among `ruleIDs`.
                        while let f = next, f.ruleID <= ruleID {
                            if f.ruleID == ruleID {
                                if !first { out.write(0x0A) }
                                first = false
                                out.write(text(TextReporter.lines(f, view: view, style: ANSIStyle(enabled: false)).joined(separator: "\n")))
                            }
                            next = nextOpen(&it)
                        }
                        bySeverity[severity.ordinal] = (it, next)
                    }
                    out.write("\n</failure>\n    </testcase>")
                } else if let reason = suite.skipped[ruleID] {
                    out.write("\(open)>\n      <skipped message=\"\(attribute(reason))\"/>\n    </testcase>")
                } else {
                    out.write("\(open)/>")
                }
            }
            out.write("\n  </testsuite>\n")
        }
        out.write("</testsuites>\n")
        return out.finish()
    }

    /// The next open finding (the shown ones may include exempted and baseline findings).
    private static func nextOpen(_ it: inout ReportView.ShownFindings.Iterator) -> Finding? {
        while let f = it.next() { if f.isOpen { return f } }
        return nil
    }

    private static func `case`(classname: String, name: String) -> String {
        "<testcase classname=\"\(attribute(classname))\" name=\"\(attribute(name))\""
    }

    /// Character data: `&`, `<`, `>` escaped; characters XML 1.0 forbids replaced by U+FFFD.
    static func text(_ s: String) -> String { escape(s, inAttribute: false) }

    /// Attribute values (double-quoted): also quotes, and whitespace that
    /// attribute normalisation would otherwise turn into spaces.
    static func attribute(_ s: String) -> String { escape(s, inAttribute: true) }

    private static func escape(_ s: String, inAttribute: Bool) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "'" where inAttribute: out += "&apos;"
            case "\n" where inAttribute: out += "&#10;"
            case "\r" where inAttribute: out += "&#13;"
            case "\t" where inAttribute: out += "&#9;"
            default: out.unicodeScalars.append(allowed(c) ? c : "\u{FFFD}")
            }
        }
        return out
    }

    private static func allowed(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
