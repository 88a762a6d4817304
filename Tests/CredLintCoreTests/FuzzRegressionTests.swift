import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine

/// Every input a fuzz target (Tools/Sources/Fuzz*, docs/reliability.md) crashed on is kept in
/// Fixtures/fuzz/ and replayed here through the same calls as the target: each must
/// now end in one of our own located errors, or be accepted.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    /// Fixture name → the test below that replays it.
    static let covered: Set<String> = [
        "rules-duration-param-days-overflow",
        "rules-duration-literal-sum-overflow",
        "csv-peek-account-differs-from-parse",
    ]

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// FuzzRules mode 4: mode byte, rule file, a line `...`, configuration.
    static func ruleAndConfiguration(_ input: [UInt8]) throws -> (rule: String, config: Configuration) {
        #expect(input.first.map { $0 % 5 } == 4)
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        let parts = text.split(separator: "\n...\n", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), try Configuration.parse(String(parts[1]), path: ".credlint.yml"))
    }

    @Test func everyFixtureHasATest() throws {
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: Self.directory.path))
        #expect(names == Self.covered)
    }

    /// FuzzRules: a duration param set to a bare day count too large for a duration
    /// trapped on overflow in `TimeSpan.days` while compiling the rule.
    @Test func durationParamAsAHugeDayCountIsAnError() throws {
        let (rule, config) = try Self.ruleAndConfiguration(try Self.fixture("rules-duration-param-days-overflow"))
        let e = try #require(throws: CredLintError.self) {
            try RuleCatalog.load(files: [(path: "rules/CL203-access-key-unused.yml", text: rule)], configuration: config)
        }
        #expect(e.description == ".credlint.yml:2:30: error: param 'window' is 9223372036854775807 days, more than a "
                + "duration can hold; expected at most 106751991 days")
        // The largest day count that fits is still accepted.
        let fits = try Configuration.parse("rules:\n  CL203: { params: { window: 106751991 } }\n", path: ".credlint.yml")
        let catalog = try RuleCatalog.load(files: [(path: "rules/CL203-access-key-unused.yml", text: rule)], configuration: fits)
        #expect(catalog.rules.first?.params["window"] == .duration(.days(106_751_991)))
    }

    /// FuzzRules: a param default whose parts each fit a duration but whose sum
    /// (`106751991d23h59m`) does not trapped in `DurationLiteral.parse`.
    @Test func durationLiteralWhoseSumOverflowsIsNotADuration() throws {
        let input = try Self.fixture("rules-duration-literal-sum-overflow")
        #expect(input.first.map { $0 % 5 } == 0)
        let rule = String(decoding: input.dropFirst(), as: UTF8.self)
        let source = try RuleSource.parse(text: rule, path: "rules/CL203-access-key-unused.yml")
        #expect(source.paramDefaults["window"] == .string("106751991d23h59m"))
        #expect(DurationLiteral.parse("106751991d23h59m") == nil)
        #expect(DurationLiteral.parse("106751991d") == .days(106_751_991))
        #expect(DurationLiteral.parse("1d12h") == .hours(36))
    }

    /// FuzzCSV (oracle, not a trap): a moto row with unquoted commas whose ARN's first
    /// piece has no account (`arn:aws:iamssword…,…::123456789012:user/…`). `parse`
    /// rejoined the ARN and read account 123456789012; `peekAccountID`, which groups
    /// files into accounts, read only the first piece and found none, so the report
    /// would have been linted as whichever account its directory held.
    @Test func peekReadsTheAccountOfARejoinedARNLikeParse() throws {
        let input = try Self.fixture("csv-peek-account-differs-from-parse")
        var notes: [Note] = []
        let stats = try CredentialReportParser.parse(.bytes(input), path: "r.csv", notes: &notes) { _ in }
        #expect(stats.firstAccountID == "123456789012")
        #expect(stats.repairedRows == 1)
        #expect(try CredentialReportParser.peekAccountID(.bytes(input), path: "r.csv") == stats.firstAccountID)
    }
}
