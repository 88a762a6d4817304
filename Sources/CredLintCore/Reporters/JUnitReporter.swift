/// JUnit XML for Jenkins and GitLab test reports: one `<testsuite>` per
/// account, one `<testcase>` per rule (`classname` = account id, `name` =
/// `CL203 access-key-unused`). A rule with findings fails (`message` = the
/// count, text = the findings); a rule skipped for the account is `<skipped>`.
public enum JUnitReporter {
    public static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        Array(string(report, options: options).utf8)
    }

    public static func string(_ report: LintReport, options: ReportOptions = ReportOptions()) -> String {
        let view = ReportView(report, options)
        var suites: [String] = []
        var total = (tests: 0, failures: 0, skipped: 0)

        for a in view.accounts {
            let id = a.result.accountID
            let skipped = Dictionary(a.skipped.map { ($0.ruleID, $0.reason) }, uniquingKeysWith: { x, _ in x })
            let byRule = Dictionary(grouping: a.findings.filter(\.isOpen), by: \.ruleID)
            var ruleIDs = view.rules.map(\.id)
            for s in a.skipped where view.ruleIndex[s.ruleID] == nil { ruleIDs.append(s.ruleID) }
            ruleIDs.sort()

            var cases: [String] = []
            var failures = 0, skips = 0
            for ruleID in ruleIDs {
                let open = `case`(classname: id, name: view.ruleLabel(ruleID))
                if let findings = byRule[ruleID], !findings.isEmpty {
                    failures += 1
                    let worst = findings.map(\.severity).max()!
                    let body = findings.map { TextReporter.lines($0, view: view, style: ANSIStyle(enabled: false)).joined(separator: "\n") }
                        .joined(separator: "\n")
                    cases.append("\(open)>\n      <failure message=\"\(attribute(ReportView.plural(findings.count, "finding")))\" "
                                 + "type=\"\(worst.rawValue)\">\(text(body))\n</failure>\n    </testcase>")
                } else if let reason = skipped[ruleID] {
                    skips += 1
                    cases.append("\(open)>\n      <skipped message=\"\(attribute(reason))\"/>\n    </testcase>")
                } else {
                    cases.append("\(open)/>")
                }
            }
            total.tests += ruleIDs.count; total.failures += failures; total.skipped += skips
            let r = a.result
            var named = [("asOf", r.asOf.iso8601), ("asOfSource", r.asOfSource.rawValue),
                         ("inputs", r.inputs.sorted().joined(separator: ", ")), ("rowsRead", String(r.rowsRead)),
                         ("suppressed", String(a.counts.suppressed))]
            // An Organization's account: its name and OU path, as organization.json gives them.
            if let name = r.accountName { named.insert(("accountName", name), at: 0) }
            if let ou = r.ouPath { named.append(("ouPath", ou)); named.sort { $0.0 < $1.0 } }
            let properties = named
                .map { "      <property name=\"\($0.0)\" value=\"\(attribute($0.1))\"/>" }
            suites.append(
                "  <testsuite name=\"\(attribute(id))\" tests=\"\(ruleIDs.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skips)\">\n"
                + "    <properties>\n" + properties.joined(separator: "\n") + "\n    </properties>\n"
                + cases.map { "    " + $0 }.joined(separator: "\n") + "\n  </testsuite>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"credlint\" tests=\"\(total.tests)\" failures=\"\(total.failures)\" errors=\"0\" skipped=\"\(total.skipped)\">\n"
            + suites.map { $0 + "\n" }.joined()
            + "</testsuites>\n"
    }

    private static func `case`(classname: String, name: String) -> String {
        "<testcase classname=\"\(attribute(classname))\" name=\"\(attribute(name))\""
    }

    /// Character data: `&`, `<`, `>` escaped; characters XML 1.0 forbids replaced by U+FFFD.
    static func text(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(allowed(c) ? c : "\u{FFFD}")
            }
        }
        return out
    }

    /// Attribute values (double-quoted): also quotes, and whitespace that
    /// attribute normalisation would otherwise turn into spaces.
    static func attribute(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
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
