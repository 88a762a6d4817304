import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine

/// Issue #16 item 7: start-up parses no YAML. The built-in rules load from their embedded
/// trees, so a lint with no configuration file and no `--rules` runs no YAML parser at all,
/// before its first input byte or after. Counted in a child process (an exit test), where no
/// other test parses YAML at the same time.
@Suite struct StartupTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/healthy/credential-report.csv").path

    @Test func aLintOfASmallReportParsesNoYAML() async {
        await #expect(processExitsWith: .success) {
            let catalog = try RuleCatalog.standard(configuration: Configuration())
            let runner = LintRunner(catalog: catalog, configuration: Configuration(), asOf: ISO8601.parse("2026-01-01T00:00:00Z"))
            let report = try runner.run(paths: [StartupTests.sample])
            // The lint ran: the report holds the one account.
            if report.accounts.count != 1 { exit(3) }
            exit(YAMLValue.parseCount == 0 ? 0 : 1)
        }
    }

    /// The counter counts: loading a rule from its text parses YAML once.
    @Test func theCounterCountsAParse() throws {
        let file = try #require(try RuleCatalog.ruleFiles(in: RuleCatalogTests.rulesDirectory).first)
        let before = YAMLValue.parseCount
        _ = try RuleSource.parse(text: file.text, path: file.path)
        #expect(YAMLValue.parseCount > before)
    }
}
