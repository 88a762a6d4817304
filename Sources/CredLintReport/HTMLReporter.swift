import Foundation  // base64 of the CSP hashes
import CredLintModel
import CredLintEngine

/// One self-contained HTML page for people who do not read SARIF: totals, an accounts ×
/// rules matrix (worst accounts first), then a section per account with its admins and how
/// each is admin, break-glass status and lock-out readiness, and its findings; the fired
/// rules' remediation last.
///
/// The page loads nothing: its Content-Security-Policy is `default-src 'none'` and allows
/// only its own style sheet and script, by hash. Everything is in the HTML, so it reads
/// without JavaScript; the script only filters, searches, collapses and sorts. Every value
/// from the inputs is escaped (`HTMLWriter.text`). Written account by account into a sink
/// with findings streamed from the finding store, so an Organization's report is never in
/// memory whole; deterministic, like every other format (no time but the as-of time).
package enum HTMLReporter {
    package static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        render(report, options: options, sink: nil)
    }

    /// `default-src 'none'`: no fetch, image, font, frame or connection of any kind; the inline
    /// style sheet and script run by their SHA-256 (no `'unsafe-inline'`); no `<base>`, no form posts.
    static let csp = "default-src 'none'; style-src \(hashSource(HTMLAssets.style)); script-src \(hashSource(HTMLAssets.script)); "
        + "img-src 'none'; base-uri 'none'; form-action 'none'"

    /// `'sha256-…'` of the exact text of an inline element.
    static func hashSource(_ text: String) -> String {
        "'sha256-" + Data(SHA256.hash(Array(text.utf8))).base64EncodedString() + "'"
    }

    /// One account's matrix row: open findings per rule with the worst severity among them.
    struct MatrixRow {
        var account: Int
        var cells: [Int: (count: Int, worst: Severity)] = [:]
        var worst: Severity?
    }

    /// With a sink, the page is written to it as it is made and nothing is returned.
    static func render(_ report: LintReport, options: ReportOptions, sink: ByteSink?) -> [UInt8] {
        let view = ReportView(report, options)
        var w = HTMLWriter(sink: sink)

        // Pass 1, for the matrix at the top: count each account's open findings per rule,
        // streaming them (an account's findings may be on disk); only the counts are kept.
        var rows: [MatrixRow] = []
        var matrixRules = Set<Int>()
        var shownRules = Set<Int>()
        for i in view.accountsWorstFirst() {
            let a = view.accounts[i]
            var row = MatrixRow(account: i)
            row.worst = ReportView.worstOpen(a.counts)
            var lastRule = "", lastIndex = -1
            for f in a.shown {
                if f.ruleID != lastRule { lastRule = f.ruleID; lastIndex = view.ruleIndex[f.ruleID] ?? -1 }
                guard lastIndex >= 0 else { continue }
                shownRules.insert(lastIndex)
                guard f.isOpen else { continue }
                matrixRules.insert(lastIndex)
                let c = row.cells[lastIndex]
                row.cells[lastIndex] = ((c?.count ?? 0) + 1, max(c?.worst ?? f.severity, f.severity))
            }
            rows.append(row)
        }
        let columns = matrixRules.sorted()
        let hasLabels = !view.organizationLabels.isEmpty

        head(&w, view)
        controls(&w, view, rules: shownRules.sorted())
        w.raw("<h2 id=\"matrix-title\">Accounts × rules</h2>\n")
        matrix(&w, view, rows: rows, columns: columns, hasLabels: hasLabels)
        w.raw("<h2 id=\"accounts\">Accounts</h2>\n")
        for row in rows { account(&w, view, view.accounts[row.account], worst: row.worst) }
        rulesSection(&w, view, rules: shownRules.sorted())
        runNotes(&w, view)
        w.raw("<footer><p>Made by credlint \(esc(view.report.toolVersion)). The findings in this page are the "
              + "same as in the JSON and SARIF outputs of the same run.</p></footer>\n</main>\n<script>")
        w.raw(HTMLAssets.script)
        w.raw("</script>\n</body>\n</html>\n")
        return w.finish()
    }

    static func esc(_ s: String) -> String { HTMLWriter.escape(s) }

    /// An id usable in `id`/`href="#…"` (account ids and rule ids are plain, but come from inputs).
    static func anchor(_ prefix: String, _ s: String) -> String {
        prefix + String(s.unicodeScalars.map { c -> Character in
            switch c.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F: Character(c)
            default: "_"
            }
        })
    }

    static func sevLabel(_ s: Severity) -> String { "<span class=\"sev s-\(s.rawValue)\">\(s.rawValue)</span>" }

    private static func head(_ w: inout HTMLWriter, _ view: ReportView) {
        w.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        w.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"\(csp)\">\n")
        w.raw("<meta name=\"referrer\" content=\"no-referrer\">\n")
        w.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        w.raw("<title>credlint report</title>\n<style>")
        w.raw(HTMLAssets.style)
        w.raw("</style>\n</head>\n<body>\n<header class=\"top\">\n<h1>credlint report</h1>\n<p>")
        let asOfs = Set(view.accounts.map { $0.result.asOf.iso8601 }).sorted()
        var facts = [plural(view.accounts.count, "account")]
        if let first = asOfs.first {
            facts.append(asOfs.count == 1 ? "as of \(first)" : "as of \(first) to \(asOfs.last!)")
        }
        if let org = view.report.organization?.organizationID { facts.append("Organization \(org)") }
        facts.append("credlint \(view.report.toolVersion)")
        w.text(facts.joined(separator: " · "))
        w.raw("</p>\n</header>\n<main>\n<div class=\"cards\">\n")
        let t = view.totals
        func card(_ n: Int, _ label: String, _ cls: String = "") {
            w.raw("<div class=\"card\(cls.isEmpty ? "" : " " + cls)\"><b>\(n)</b><span>\(label)</span></div>\n")
        }
        card(t.open, "open findings")
        for s in Severity.allCases.reversed() { card(t.count(s), s.rawValue, "s-\(s.rawValue)") }
        card(t.suppressed, "suppressed")
        let linted = view.accounts.compactMap(\.result.access)
        card(linted.filter { $0.adminsKnown && $0.usableAdmins == 0 }.count, "accounts with no usable admin")
        card(linted.filter { bgStatus($0).cls != "ok" }.count, "accounts without a tested break-glass user")
        w.raw("</div>\n<p class=\"summary\">")
        w.text(view.summaryLine)
        w.raw("</p>\n")
    }

    /// The filter bar: hidden in the HTML, shown by the script (without it, it would do nothing).
    private static func controls(_ w: inout HTMLWriter, _ view: ReportView, rules: [Int]) {
        w.raw("<div id=\"controls\" hidden>\n<span>Severity:</span>\n")
        for s in Severity.allCases.reversed() {
            w.raw("<label><input type=\"checkbox\" name=\"sev\" value=\"\(s.rawValue)\" checked> \(sevLabel(s))</label>\n")
        }
        w.raw("<label>Rule <select id=\"f-rule\"><option value=\"\">all</option>")
        for i in rules {
            let r = view.rules[i]
            w.raw("<option value=\""); w.text(r.id); w.raw("\">"); w.text(view.ruleLabel(r.id)); w.raw("</option>")
        }
        w.raw("</select></label>\n<label>Account <select id=\"f-account\"><option value=\"\">all</option>")
        for a in view.accounts {
            w.raw("<option value=\""); w.text(a.result.accountID); w.raw("\">")
            w.text([a.result.accountID, a.result.accountName].compactMap { $0 }.joined(separator: " "))
            w.raw("</option>")
        }
        w.raw("</select></label>\n<input type=\"search\" id=\"f-search\" placeholder=\"Search principals, messages, accounts\" aria-label=\"Search\">\n")
        w.raw("<label>Sort matrix <select id=\"f-sort\"><option value=\"rank\">worst first</option>"
              + "<option value=\"account\">account id</option><option value=\"name\">account name</option>"
              + "<option value=\"ou\">OU path</option></select></label>\n")
        w.raw("<button type=\"button\" id=\"f-reset\">Reset</button> <button type=\"button\" id=\"f-collapse\">Collapse all</button> "
              + "<button type=\"button\" id=\"f-expand\">Expand all</button>\n<span id=\"f-count\"></span>\n</div>\n")
    }

    private static func matrix(_ w: inout HTMLWriter, _ view: ReportView, rows: [MatrixRow], columns: [Int], hasLabels: Bool) {
        w.raw("<p class=\"legend\">One row per account, worst first (highest open severity, then most open findings, then "
              + "account id). A cell counts the account's open findings of the rule, coloured and lettered by the worst: ")
        w.raw(Severity.allCases.reversed().map { "<span class=\"sev s-\($0.rawValue)\">\(letter($0))</span> \($0.rawValue)" }
            .joined(separator: ", "))
        w.raw(". Usable admins are those CL301 counts; break-glass shows the last use (test) of a break-glass user's credential.</p>\n")
        w.raw("<div class=\"wrap\">\n<table id=\"matrix\">\n<thead><tr><th>Account</th>")
        if hasLabels { w.raw("<th>Name</th><th>OU path</th>") }
        w.raw("<th>Worst</th><th class=\"n\">Open</th><th class=\"n\">Usable admins</th><th>Break-glass</th>")
        for i in columns {
            let r = view.rules[i]
            w.raw("<th class=\"r\" title=\""); w.text(view.ruleLabel(r.id)); w.raw("\"><a href=\"#"); w.text(anchor("rule-", r.id))
            w.raw("\">"); w.text(r.id); w.raw("</a></th>")
        }
        w.raw("</tr></thead>\n<tbody>\n")
        for (rank, row) in rows.enumerated() {
            let r = view.accounts[row.account].result
            w.raw("<tr data-account=\""); w.text(r.accountID)
            w.raw("\" data-rank=\"\(rank)\" data-name=\""); w.text(r.accountName ?? "")
            w.raw("\" data-ou=\""); w.text(r.ouPath ?? ""); w.raw("\"><td class=\"mono\"><a href=\"#")
            w.text(anchor("acct-", r.accountID)); w.raw("\">"); w.text(r.accountID); w.raw("</a></td>")
            if hasLabels {
                w.raw("<td>"); w.text(r.accountName ?? ""); w.raw("</td><td>"); w.text(r.ouPath ?? ""); w.raw("</td>")
            }
            w.raw("<td>" + (row.worst.map(sevLabel) ?? "<span class=\"sev s-none\">none</span>") + "</td>")
            w.raw("<td class=\"n\">\(view.accounts[row.account].counts.open)</td>")
            if let access = r.access {
                w.raw("<td class=\"n\">" + (access.adminsKnown ? String(access.usableAdmins) : "unknown")
                      + (access.unknownAdmins > 0 ? " (+\(access.unknownAdmins) unknown)" : "") + "</td>")
                let bg = bgStatus(access)
                w.raw("<td>"); w.text(bg.text); w.raw("</td>")
            } else {
                w.raw("<td class=\"n\">not linted</td><td>not linted</td>")
            }
            for i in columns {
                if let c = row.cells[i] {
                    w.raw("<td class=\"c s-\(c.worst.rawValue)\" title=\"\(c.count) open, worst \(c.worst.rawValue)\">\(letter(c.worst)) \(c.count)</td>")
                } else {
                    w.raw("<td></td>")
                }
            }
            w.raw("</tr>\n")
        }
        w.raw("</tbody>\n</table>\n</div>\n")
    }

    static func letter(_ s: Severity) -> String { String(s.rawValue.prefix(1).uppercased()) }

    /// Break-glass readiness in a few words, and whether it is fine (`ok`), missing (`warn`).
    static func bgStatus(_ a: AccountAccess) -> (text: String, cls: String) {
        if a.breakGlass.isEmpty { return ("none designated", "warn") }
        let enabled = a.breakGlass.filter(\.hasEnabledCredential)
        if enabled.isEmpty { return ("no enabled credential", "warn") }
        guard let last = enabled.compactMap(\.lastUsed).max() else { return ("never tested", "warn") }
        return ("tested \(ISO8601.formatDate(last))", "ok")
    }

    private static func account(_ w: inout HTMLWriter, _ view: ReportView, _ a: ReportView.Account, worst: Severity?) {
        let r = a.result
        w.raw("<section class=\"acct\" id=\""); w.text(anchor("acct-", r.accountID)); w.raw("\" data-account=\"")
        w.text(r.accountID); w.raw("\">\n<h3><span class=\"mono\">"); w.text(r.accountID); w.raw("</span>")
        if let n = r.accountName { w.raw(" <span class=\"name\">"); w.text(n); w.raw("</span>") }
        if let ou = r.ouPath { w.raw(" <span class=\"ou\">"); w.text(ou); w.raw("</span>") }
        w.raw(" " + (worst.map(sevLabel) ?? "<span class=\"sev s-none\">no open findings</span>") + "</h3>\n<p class=\"meta\">")
        let inputs = r.inputs.isEmpty ? "no inputs" : r.inputs.sorted().joined(separator: ", ")
        w.text("As of \(r.asOf.iso8601) (\(r.asOfSource.rawValue)); \(plural(r.rowsRead, "row")) read from \(inputs). "
               + (ReportView.severityBreakdown(a.counts).isEmpty ? "No open findings" : plural(a.counts.open, "open finding")
                  + " (\(ReportView.severityBreakdown(a.counts)))")
               + (a.counts.suppressed > 0 ? ", \(a.counts.suppressed) suppressed." : "."))
        w.raw("</p>\n")
        if let access = r.access { readiness(&w, access) }

        w.raw("<details open class=\"findings\"><summary>\(plural(a.shownCount, "finding"))</summary>\n")
        if a.shownCount > 0 {
            w.raw("<table><thead><tr><th>Severity</th><th>Rule</th><th>Principal</th><th>Message</th><th>Location</th></tr></thead>\n<tbody>\n")
            for f in a.shown { finding(&w, view, f) }
            w.raw("</tbody></table>\n")
        } else {
            w.raw("<p>No findings" + (view.options.minSeverity.map { " at or above \($0.rawValue)" } ?? "") + ".</p>\n")
        }
        w.raw("</details>\n")
        if !a.skipped.isEmpty {
            // Grouped by reason: an Organization's accounts often skip the same rules for the same reason.
            var byReason: [String: [String]] = [:]
            for s in a.skipped { byReason[s.reason, default: []].append(s.ruleID) }
            w.raw("<p class=\"meta\">Rules skipped: ")
            w.text(byReason.keys.sorted().map { "\(byReason[$0]!.joined(separator: ", ")) (\($0))" }.joined(separator: "; "))
            w.raw(".</p>\n")
        }
        if !a.notes.isEmpty {
            w.raw("<ul class=\"meta\">\n")
            for n in a.notes { w.raw("<li>"); w.text(n.description); w.raw("</li>\n") }
            w.raw("</ul>\n")
        }
        w.raw("</section>\n")
    }

    /// Lock-out readiness: could someone still administer the account if SSO broke?
    private static func readiness(_ w: inout HTMLWriter, _ access: AccountAccess) {
        let admins = access.admins
        let usable = access.usableAdmins
        w.raw("<div class=\"ready\">\n")
        if access.adminsKnown {
            let cls = usable >= 2 ? "ok" : (usable + access.unknownAdmins >= 2 ? "unk" : "warn")
            w.raw("<div class=\"\(cls)\"><b>\(usable) usable admin\(usable == 1 ? "" : "s")</b>")
            w.text("of \(plural(admins.count, "admin"))"
                   + (access.unknownAdmins > 0 ? "; \(access.unknownAdmins) more could not be judged: "
                      + access.unknownAdminReasons.joined(separator: "; ") : ""))
            w.raw("</div>\n")
            let users = admins.filter { $0.kind == "user" }
            let withMFA = users.filter { $0.mfaActive == true }.count
            w.raw("<div class=\"\(withMFA == users.count ? "ok" : "warn")\"><b>\(withMFA) of \(users.count) admin users with MFA</b>")
            let known = users.compactMap(\.mfaDevices)
            w.text(known.isEmpty ? "device lists not given" : plural(known.reduce(0, +), "MFA device") + " listed for them")
            w.raw("</div>\n")
        } else {
            w.raw("<div class=\"unk\"><b>admins unknown</b>no authorization details with users were given</div>\n")
        }
        let bg = bgStatus(access)
        w.raw("<div class=\"\(bg.cls)\"><b>break-glass: "); w.text(bg.text); w.raw("</b>")
        w.text(plural(access.breakGlass.count, "break-glass user")
               + (access.drillDates.isEmpty ? "" : "; drill dates " + access.drillDates.map(ISO8601.formatDate).joined(separator: ", ")))
        w.raw("</div>\n</div>\n")

        if !admins.isEmpty {
            w.raw("<details open><summary>Admins (\(admins.count))</summary>\n<table><thead><tr><th>Admin</th><th>Kind</th>"
                  + "<th>Usable</th><th>MFA</th><th>MFA devices</th><th>How it is admin</th></tr></thead>\n<tbody>\n")
            for ad in admins {
                w.raw("<tr><td><span title=\""); w.text(ad.arn); w.raw("\">"); w.text(ad.name); w.raw("</span>")
                if ad.isBreakGlass { w.raw(" (break-glass)") }
                w.raw("</td><td>\(ad.kind)</td><td>" + (ad.usable ? "yes" : (ad.untested ? "no (never tested)" : "no")) + "</td><td>")
                w.raw(ad.kind == "role" ? "n/a" : ad.mfaActive.map { $0 ? "yes" : "no" } ?? "unknown")
                w.raw("</td><td>" + (ad.mfaDevices.map(String.init) ?? (ad.kind == "role" ? "n/a" : "not listed"))
                      + "</td><td><ul class=\"paths\">")
                for p in ad.paths { w.raw("<li>"); w.text(p); w.raw("</li>") }
                w.raw("</ul></td></tr>\n")
            }
            w.raw("</tbody></table>\n</details>\n")
        }
        if !access.breakGlass.isEmpty {
            w.raw("<table><thead><tr><th>Break-glass user</th><th>Admin</th><th>Enabled credential</th>"
                  + "<th>Last used (tested)</th></tr></thead>\n<tbody>\n")
            for b in access.breakGlass {
                w.raw("<tr><td><span title=\""); w.text(b.arn); w.raw("\">"); w.text(b.name); w.raw("</span></td><td>")
                w.raw(b.isAdmin.map { $0 ? "yes" : "no" } ?? "unknown")
                w.raw("</td><td>" + (b.hasEnabledCredential ? "yes" : "no") + "</td><td>")
                w.raw(b.lastUsed.map { ISO8601.formatDate($0) } ?? "never")
                w.raw("</td></tr>\n")
            }
            w.raw("</tbody></table>\n")
        }
    }

    private static func finding(_ w: inout HTMLWriter, _ view: ReportView, _ f: Finding) {
        w.raw("<tr class=\"f\" data-sev=\"\(f.severity.rawValue)\" data-rule=\""); w.text(f.ruleID)
        w.raw("\"><td>\(sevLabel(f.severity))</td><td><a href=\"#"); w.text(anchor("rule-", f.ruleID)); w.raw("\">")
        w.text(f.ruleID); w.raw("</a> "); w.text(f.ruleName); w.raw("</td><td><span title=\""); w.text(f.principal)
        w.raw("\">"); w.text(f.principalName); w.raw("</span>")
        if !f.slot.isEmpty { w.raw(" <span class=\"mono\">"); w.text(f.slot); w.raw("</span>") }
        w.raw("</td><td class=\"msg\">"); w.text(f.message)
        if let s = f.suppression {
            w.raw(" <span class=\"sup\">"); w.text("(suppressed until \(s.expires.iso8601): \(s.reason))"); w.raw("</span>")
        }
        if f.baselineState == .unchanged { w.raw(" <span class=\"sup\">(in baseline)</span>") }
        w.raw("</td><td class=\"mono\">"); w.text("\(f.location.path):\(f.location.line)"); w.raw("</td></tr>\n")
    }

    /// The remediation of every rule with a finding on the page, once (not per finding).
    private static func rulesSection(_ w: inout HTMLWriter, _ view: ReportView, rules: [Int]) {
        guard !rules.isEmpty else { return }
        w.raw("<h2 id=\"rules\">Rules and remediation</h2>\n")
        for i in rules {
            let r = view.rules[i]
            w.raw("<div class=\"rule\" id=\""); w.text(anchor("rule-", r.id)); w.raw("\">\n<h3>")
            w.text(r.id); w.raw(" "); w.text(r.name); w.raw(" "); w.raw(sevLabel(r.severity)); w.raw("</h3>\n<p>")
            w.text(r.title); w.raw(".</p>\n")
            if !r.remediation.isEmpty {
                w.raw("<h4>How to fix</h4>\n")
                markdown(&w, r.remediation)
            }
            if !r.helpURI.isEmpty {
                w.raw("<p>Rule documentation: <a href=\""); w.text(r.helpURI); w.raw("\" rel=\"noopener noreferrer\">")
                w.text(r.helpURI); w.raw("</a></p>\n")
            }
            w.raw("</div>\n")
        }
    }

    /// The rule docs' Markdown, the little of it they use: paragraphs, `-` lists, fenced code
    /// and inline code. Everything else shows as the text it is.
    static func markdown(_ w: inout HTMLWriter, _ md: String) {
        var paragraph: [String] = []
        var list: [String] = []
        func flush() {
            if !paragraph.isEmpty { w.raw("<p>"); inline(&w, paragraph.joined(separator: " ")); w.raw("</p>\n"); paragraph = [] }
            if !list.isEmpty {
                w.raw("<ul>")
                for item in list { w.raw("<li>"); inline(&w, item); w.raw("</li>") }
                w.raw("</ul>\n")
                list = []
            }
        }
        var code: [String]?
        for line in md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var c = code {
                if trimmed.hasPrefix("```") {
                    w.raw("<pre><code>"); w.text(c.joined(separator: "\n"), newlines: true); w.raw("</code></pre>\n")
                    code = nil
                } else {
                    c.append(line)
                    code = c
                }
            } else if trimmed.hasPrefix("```") {
                flush()
                code = []
            } else if trimmed.isEmpty {
                flush()
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                if !paragraph.isEmpty { flush() }
                list.append(String(trimmed.dropFirst(2)))
            } else if !list.isEmpty && line.hasPrefix(" ") {
                list[list.count - 1] += " " + trimmed
            } else {
                if !list.isEmpty { flush() }
                paragraph.append(trimmed)
            }
        }
        if let c = code { w.raw("<pre><code>"); w.text(c.joined(separator: "\n"), newlines: true); w.raw("</code></pre>\n") }
        flush()
    }

    /// `code` spans become `<code>`; `**` emphasis markers are dropped.
    static func inline(_ w: inout HTMLWriter, _ s: String) {
        for (i, part) in s.split(separator: "`", omittingEmptySubsequences: false).enumerated() {
            if i % 2 == 1 { w.raw("<code>"); w.text(String(part)); w.raw("</code>") }
            else { w.text(part.replacingOccurrences(of: "**", with: "")) }
        }
    }

    private static func runNotes(_ w: inout HTMLWriter, _ view: ReportView) {
        var items: [String] = view.notes.map(\.description)
        items += view.expired.map { "Warning: \($0.location): \(view.expiredText($0))." }
        items += view.stale.map { "\($0.location): \(view.staleText($0))." }
        if let m = view.report.missingAccounts {
            items += m.accounts.map { a in
                "Not linted (allowed by \(m.allowedBy)): \([a.accountID, a.label].compactMap { $0 }.joined(separator: " ")): \(a.reason)"
            }
        }
        guard !items.isEmpty else { return }
        w.raw("<h2 id=\"notes\">Run notes</h2>\n<ul>\n")
        for i in items { w.raw("<li>"); w.text(i); w.raw("</li>\n") }
        w.raw("</ul>\n")
    }
}
