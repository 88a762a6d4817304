import Testing
@testable import CredLintReport

@Suite struct ReporterMarkdownTests {
    @Test func escaping() {
        #expect(MarkdownReporter.escape("a|b *c* <d> & [e](f) _g_") == "a\\|b \\*c\\* \\<d\\> &amp; \\[e\\](f) \\_g\\_")
        #expect(MarkdownReporter.escape("line\nbreak") == "line break")
        #expect(MarkdownReporter.code("user/bob|ops`x") == "`user/bob\\|ops'x`")
    }

    @Test func everyTableRowHasFiveCells() {
        let md = MarkdownReporter.string(ReporterFixtures.busy)
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Account") && !$0.hasPrefix("| `1234") }
        #expect(rows.count == 7)  // header + 6 findings
        for row in rows {
            // Cells split on unescaped pipes only.
            var cells = 0
            var previous: Character = " "
            for c in row { if c == "|", previous != "\\" { cells += 1 }; previous = c }
            #expect(cells == 6, "\(row)")
        }
    }

    @Test func summaryTableHasTotalsForSeveralAccounts() {
        let md = MarkdownReporter.string(ReporterFixtures.multi)
        #expect(md.hasPrefix("## credlint\n"))
        #expect(md.contains("| `222233334444` | 1 | 0 | 0 | 1 | 0 | 0 | 1 |"))
        #expect(md.contains("| **Total** | 1 | 0 | 1 | 1 | 0 | 0 | 1 |"))
        #expect(md.contains("### Account `555566667777`"))
    }

    @Test func truncatesToTheByteLimitWithANote() {
        let limit = 8_192
        let md = MarkdownReporter.string(ReporterFixtures.many(500), options: ReportOptions(markdownByteLimit: limit))
        #expect(md.utf8.count <= limit)
        #expect(md.contains("> **Truncated:**"))
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("Finding number") }.count
        #expect(rows > 10)
        #expect(md.contains("(\(500 - rows) findings) are not shown here"))
    }

    @Test func stepSummaryStaysUnderOneMiB() {
        let md = MarkdownReporter.render(ReporterFixtures.many(20_000))
        #expect(md.count <= 1_048_576)
        #expect(md.count > 1_000_000)
        #expect(String(decoding: md, as: UTF8.self).contains("> **Truncated:**"))
    }

    @Test func smallReportIsNotTruncated() {
        #expect(!MarkdownReporter.string(ReporterFixtures.busy).contains("Truncated"))
    }
}
