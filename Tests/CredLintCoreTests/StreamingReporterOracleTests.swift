import Foundation
import Testing
@testable import CredLintEngine
@testable import CredLintReport
@testable import CredLintModel

/// The streaming GitHub, JUnit and Markdown reporters make several ordered passes instead of
/// collecting findings; on random reports (rules firing at several severities, exemptions,
/// baseline states, hiding options, findings in memory and on disk) they must give what the
/// plain collect-and-sort algorithms below give. The oracles are deliberately naive.
@Suite struct StreamingReporterOracleTests {
    static func randomCase(_ seed: UInt64) throws -> (LintReport, ReportOptions) {
        var rng = PropertyRNG(seed: 73_000 + seed)
        var report = try SARIFPropertyTests.randomReport(&rng)
        for a in report.accounts.indices {
            var findings = Array(report.accounts[a].orderedFindings)
            SARIFPropertyTests.exemptSome(&findings, &rng, percent: 20)
            for i in findings.indices where rng.chance(30) { findings[i].baselineState = rng.chance(50) ? .new : .unchanged }
            report.accounts[a].setFindings(findings)
            if rng.chance(50), let spill = FindingSpill.make() { report.accounts[a].spill(into: spill) }
        }
        let options = ReportOptions(minSeverity: rng.chance(30) ? rng.pick(Severity.allCases) : nil,
                                    includeSuppressed: rng.chance(50), includeUnchanged: rng.chance(50))
        return (report, options)
    }

    /// Every shown finding, collected and sorted as a whole.
    static func shown(_ report: LintReport, _ options: ReportOptions) -> [Finding] {
        report.allFindings.filter(options.shows)
    }

    @Test func githubAnnotationsAreTheSortedShownFindings() throws {
        for seed in UInt64(0)..<60 {
            let (report, options) = try Self.randomCase(seed)
            let expected = Self.shown(report, options)
                .sorted { a, b in a.severity != b.severity ? a.severity > b.severity : Finding.outputOrder(a, b) }
                .map { f in
                    var message = f.message + "\nprincipal: \(f.principal)" + (f.slot.isEmpty ? "" : " [\(f.slot)]")
                    if let s = f.suppression { message += "\nsuppressed until \(s.expires.iso8601): \(s.reason)" }
                    return GitHubAnnotationsReporter.command(GitHubAnnotationsReporter.command(for: f.severity), file: f.location.path,
                                                             line: f.location.line, title: f.ruleName.isEmpty ? f.ruleID : "\(f.ruleID) \(f.ruleName)",
                                                             message: message)
                }
            let lines = String(decoding: GitHubAnnotationsReporter.render(report, options: options), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(Array(lines.prefix(expected.count)) == expected, "seed \(seed)")
            #expect(lines.count == expected.count + 2, "seed \(seed): the summary line and the final newline follow")
        }
    }

    @Test func junitFailuresAreEachRulesOpenFindings() throws {
        for seed in UInt64(0)..<60 {
            let (report, options) = try Self.randomCase(seed)
            let view = ReportView(report, options)
            var expected = ""
            var failures = 0
            for a in view.accounts {
                let open = Self.shown(report, options).filter { $0.accountID == a.result.accountID && $0.isOpen }
                for id in Set(open.map(\.ruleID)).sorted() {
                    let mine = open.filter { $0.ruleID == id }
                    let body = mine.map { TextReporter.lines($0, view: view, style: ANSIStyle(enabled: false)).joined(separator: "\n") }
                        .joined(separator: "\n")
                    expected += "<failure message=\"\(JUnitReporter.attribute(plural(mine.count, "finding")))\" "
                        + "type=\"\(mine.map(\.severity).max()!.rawValue)\">\(JUnitReporter.text(body))\n</failure>"
                    failures += 1
                }
            }
            let xml = JUnitReporter.string(report, options: options)
            var got = ""
            var rest = xml[...]
            while let start = rest.range(of: "<failure "), let end = rest.range(of: "</failure>", range: start.upperBound..<rest.endIndex) {
                got += rest[start.lowerBound..<end.upperBound]
                rest = rest[end.upperBound...]
            }
            #expect(got == expected, "seed \(seed)")
            let head = xml.split(separator: "\n").first { $0.hasPrefix("<testsuites ") } ?? ""
            #expect(head.contains(" failures=\"\(failures)\" "), "seed \(seed)")
        }
    }

    @Test func markdownRulesColumnCountsOpenFindingsWorstFirst() throws {
        for seed in UInt64(0)..<60 {
            let (report, options) = try Self.randomCase(seed)
            let view = ReportView(report, options)
            for a in view.accounts {
                var count: [String: (Severity, Int)] = [:]
                for f in Self.shown(report, options) where f.accountID == a.result.accountID && f.isOpen {
                    let c = count[f.ruleID]
                    count[f.ruleID] = (max(c?.0 ?? f.severity, f.severity), (c?.1 ?? 0) + 1)
                }
                let expected = count.sorted { x, y in x.value.0 != y.value.0 ? x.value.0 > y.value.0 : x.key < y.key }
                    .map { MarkdownReporter.escape($0.key) + ($0.value.1 > 1 ? " ×\($0.value.1)" : "") }
                    .joined(separator: ", ")
                #expect(MarkdownReporter.rulesCell(a) == expected, "seed \(seed)")
            }
        }
    }

    /// The exit-1 closing line counts from the tallies and reads only the worst severity's rule
    /// ids; it must say what counting every failing finding says.
    @Test func closingLineCountsWhatTheFailingFindingsAre() throws {
        for seed in UInt64(0)..<60 {
            let (report, _) = try Self.randomCase(seed)
            for failOn in Severity.allCases {
                let failing = report.allFindings.filter { $0.isOpen && $0.severity >= failOn }
                let line = Gate.closingLine(report: report, failOn: failOn)
                guard let worst = failing.map(\.severity).max() else {
                    #expect(line == nil, "seed \(seed) \(failOn)")
                    continue
                }
                let counts = Severity.allCases.reversed().compactMap { s -> String? in
                    let n = failing.filter { $0.severity == s }.count
                    return n > 0 ? "\(n) \(s.rawValue)" : nil
                }
                let rules = Set(failing.filter { $0.severity == worst }.map(\.ruleID)).sorted()
                let head = "credlint: exit 1: \(failing.count) open \(failing.count == 1 ? "finding" : "findings") at or above "
                    + "\(failOn.rawValue) (\(counts.joined(separator: ", "))); worst: \(worst.rawValue) \(rules.prefix(5).joined(separator: ", "))"
                #expect(line?.hasPrefix(head) == true, "seed \(seed) \(failOn): \(line ?? "nil")")
                #expect(line?.hasSuffix("see 'credlint explain \(rules[0])'") == true, "seed \(seed) \(failOn)")
            }
        }
    }
}
