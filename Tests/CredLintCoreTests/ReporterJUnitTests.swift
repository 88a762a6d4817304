import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct ReporterJUnitTests {
    /// Collects element names and attributes; fails on malformed XML.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(String, [String: String])] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    static func parse(_ bytes: [UInt8]) -> Collector? {
        let parser = XMLParser(data: Data(bytes))
        let c = Collector()
        parser.delegate = c
        return parser.parse() ? c : nil
    }

    @Test func structureAndCounts() throws {
        let c = try #require(Self.parse(JUnitReporter.render(ReporterFixtures.multi)))
        let suites = c.elements.filter { $0.0 == "testsuite" }
        #expect(suites.map { $0.1["name"] } == ["222233334444", "555566667777"])
        #expect(suites[0].1["tests"] == "6" && suites[0].1["failures"] == "2" && suites[0].1["skipped"] == "1")
        let root = try #require(c.elements.first)
        #expect(root.0 == "testsuites" && root.1["tests"] == "12" && root.1["failures"] == "3" && root.1["skipped"] == "1")
        let cases = c.elements.filter { $0.0 == "testcase" }
        #expect(cases.count == 12)
        #expect(cases.contains { $0.1["classname"] == "555566667777" && $0.1["name"] == "CL203 access-key-unused" })
        let failures = c.elements.filter { $0.0 == "failure" }
        #expect(failures.map { $0.1["type"] } == ["critical", "low", "medium"])
        #expect(failures.allSatisfy { $0.1["message"] == "1 finding" })
    }

    @Test func escapesHostileText() throws {
        var report = ReporterFixtures.clean
        report.accounts[0].setFindings([ReporterFixtures.finding(
            "CL201", "console-user-without-mfa", .high, "Bad <tag> & \"quote\" ]]> \u{0}\u{1B} end.",
            account: "111122223333", user: "a&b", line: 2)])
        report.accounts[0].skippedRules = [SkippedRule(ruleID: "CL501", reason: "needs \"x\" & <y>\nnow")]
        let bytes = JUnitReporter.render(report)
        let c = try #require(Self.parse(bytes))
        #expect(c.text.contains("Bad <tag> & \"quote\" ]]> \u{FFFD}\u{FFFD} end."))
        #expect(c.elements.contains { $0.0 == "skipped" && $0.1["message"] == "needs \"x\" & <y>\nnow" })
    }

    @Test func suppressedFindingsDoNotFail() throws {
        let c = try #require(Self.parse(JUnitReporter.render(ReporterFixtures.busy, options: ReportOptions(includeSuppressed: true))))
        // CL203 has one open and one suppressed finding: one failure, counted as 1.
        let failures = c.elements.filter { $0.0 == "failure" }
        #expect(failures.count == 5)
        #expect(c.elements.contains { $0.0 == "property" && $0.1["name"] == "suppressed" && $0.1["value"] == "1" })
    }
}
