import Foundation
import Testing
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct ReporterHTMLTests {
    static let hostile = "<script>alert(1)</script>\"'&\u{07}\u{202E}x"

    /// An account whose name, OU path, principal and message all carry markup and control characters.
    static var hostileReport: LintReport {
        var f = ReporterFixtures.finding("CL203", "access-key-unused", .high, "Key of \(hostile) unused.",
                                         user: "bob", line: 2)
        f.principalName = hostile
        var a = AccountResult(accountID: "123456789012", asOf: ReporterFixtures.t("2026-01-01T00:00:00Z"), asOfSource: .flag,
                              inputs: ["r.csv"], rowsRead: 2, findings: [f])
        a.accountName = hostile
        a.ouPath = "Root/" + hostile
        a.access = AccountAccess(adminsKnown: true, admins: [
            .init(kind: "user", name: hostile, arn: "arn:aws:iam::123456789012:user/x", paths: ["tag " + hostile],
                  usable: true, isBreakGlass: false, untested: false, mfaActive: true, mfaDevices: 1),
        ], breakGlass: [], unknownAdmins: 0, unknownAdminReasons: [], drillDates: [])
        return LintReport(toolVersion: "0.1.0", rules: ReporterFixtures.rules, accounts: [a])
    }

    @Test func hostileNamesAreText() {
        let html = String(decoding: HTMLReporter.render(Self.hostileReport), as: UTF8.self)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;\\u{7}\\u{202E}x"))
        // Exactly one script element: the page's own.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!html.unicodeScalars.contains { $0.value == 0x07 || $0.value == 0x202E })
    }

    @Test func escapeCoversEveryDangerousCharacter() {
        #expect(HTMLWriter.escape("a<b>&\"'\n\u{0}\u{7F}\u{2028}é") == "a&lt;b&gt;&amp;&quot;&#39;\\u{A}\\u{0}\\u{7F}\\u{2028}é")
    }

    @Test func cspAllowsExactlyTheInlineStyleAndScript() throws {
        let html = String(decoding: HTMLReporter.render(ReporterFixtures.busy), as: UTF8.self)
        #expect(html.contains("default-src 'none'"))
        #expect(!html.contains("unsafe-inline"))
        func between(_ open: String, _ close: String) throws -> String {
            let a = try #require(html.range(of: open)), b = try #require(html.range(of: close, range: a.upperBound..<html.endIndex))
            return String(html[a.upperBound..<b.lowerBound])
        }
        let style = try between("<style>", "</style>"), script = try between("<script>", "</script>")
        #expect(html.contains("style-src \(HTMLReporter.hashSource(style));"))
        #expect(html.contains("script-src \(HTMLReporter.hashSource(script));"))
        // Known SHA-256 of "abc", base64.
        #expect(HTMLReporter.hashSource("abc") == "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='")
        // Nothing that loads: no external source, stylesheet link or style attribute (the CSP would block it).
        for bad in ["src=", "<link", " style=\"", "url(", "@import", "http://"] { #expect(!html.contains(bad), "\(bad)") }
    }

    @Test func matrixHasOneRowPerAccountWorstFirst() {
        var report = ReporterFixtures.busy
        report.accounts.append(AccountResult(accountID: "000000000001", asOf: ReporterFixtures.t("2026-01-01T00:00:00Z"),
                                             asOfSource: .flag, inputs: [], rowsRead: 0, findings: []))
        let html = String(decoding: HTMLReporter.render(report), as: UTF8.self)
        let rows = html.components(separatedBy: "<tr data-account=\"").dropFirst().map { String($0.prefix(12)) }
        #expect(rows.count == report.accounts.count)
        // The clean account sorts last though its id is smallest.
        #expect(rows.last == "000000000001")
    }

    @Test func streamingIntoASinkGivesTheSameBytes() throws {
        let report = ReporterFixtures.busy
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.html").path
        try OutputFormat.html.write(report, to: path)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == HTMLReporter.render(report))
    }
}
