import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintExpr
@testable import CredLintEngine
@testable import CredLintReport

/// Findings are records of a rule and the values its placeholders and properties had when it
/// fired; the message and properties are rendered from them when read, and reporters read them
/// only for the findings they write.
@Suite struct FindingRecordTests {
    static let rule = FindingRule(id: "CL900", name: "test-rule",
                                  parts: [.text("Key "), .value(0), .text(" unused for "), .value(1), .text(" (since "), .value(2),
                                          .text(")")],
                                  propertyNames: ["days", "flag", "gone", "what", "who"])

    /// One value of every kind a finding keeps, message first, then properties.
    static func values(_ i: Int) -> [Value] {
        [.string("AKIA\(i)"), .duration(.days(Int64(i) - 3)), .timestamp(Timestamp(seconds: 1_700_000_000 + Int64(i) * 86_400)),
         .int(Int64(i) * -7), .bool(i % 2 == 0), .null, .unknown, .string("ünï \"\(i)\"")]
    }

    static func finding(_ i: Int, rule: FindingRule = rule, severity: Severity = .medium) -> Finding {
        Finding(rule: rule, severity: severity, accountID: "123456789012", principal: "arn:aws:iam::123456789012:user/u\(i)",
                principalName: "u\(i)", slot: "access_key_1", location: SourceLocation(path: "r.csv", line: i + 2),
                values: values(i))
    }

    @Test func messageAndPropertiesRenderFromTheCapturedValues() {
        let f = Self.finding(5)
        #expect(f.message == "Key AKIA5 unused for 2 days (since 2023-11-19T22:13:20Z).")
        #expect(f.properties == ["days": "-35", "flag": "false", "gone": "n/a", "what": "unknown", "who": "ünï \"5\""])
        #expect(f.fingerprint == Fingerprint.of(ruleID: "CL900", accountID: "123456789012", principal: f.principal,
                                                slot: "access_key_1"))
        // A hand-built finding renders exactly what it was given.
        let literal = f.with(message: "As given, no full stop", properties: ["x": "1"])
        #expect(literal.message == "As given, no full stop")
        #expect(literal.properties == ["x": "1"])
    }

    @Test func everyKindOfValueSurvivesTheSpill() throws {
        let spill = try #require(FindingSpill.make())
        let findings = (0..<150).map { Self.finding($0) }
        var account = AccountResult(accountID: "123456789012", asOf: Timestamp(seconds: 0), asOfSource: .flag,
                                    inputs: ["r.csv"], rowsRead: 150, findings: findings)
        let inMemory = Array(account.orderedFindings)
        account.spill(into: spill)
        #expect(account.isSpilled)
        let read = Array(account.orderedFindings)
        #expect(read == inMemory)
        #expect(read.map(\.values) == inMemory.map(\.values))
        // Records read back share the one rule object: nothing per finding but its values.
        #expect(read.allSatisfy { $0.rule === Self.rule })
    }

    /// SARIF keeps `--max-results` results: it renders those messages and no others, from
    /// memory and from disk.
    @Test(arguments: [false, true])
    func sarifRendersOnlyTheResultsItKeeps(spilled: Bool) throws {
        let rule = FindingRule(id: "CL901", name: "counted", parts: [.text("Counted "), .value(0)], propertyNames: [])
        let findings = (0..<2_000).map { i in
            Finding(rule: rule, severity: i % 3 == 0 ? .high : .low, accountID: "123456789012",
                    principal: "arn:aws:iam::123456789012:user/u\(i)", principalName: "u\(i)", slot: "",
                    location: SourceLocation(path: "r.csv", line: i + 2), values: [.int(Int64(i))])
        }
        var report = LintReport(toolVersion: "0.1.0", rules: [], accounts: [
            AccountResult(accountID: "123456789012", asOf: Timestamp(seconds: 0), asOfSource: .flag, inputs: ["r.csv"],
                          rowsRead: 2_000, findings: findings),
        ])
        if spilled { report = try FindingSpillTests.spilled(report) }
        let before = rule.messagesRendered.load(ordering: .relaxed)
        let sarif = SARIFReporter.render(report, options: ReportOptions(maxResults: 25))
        #expect(rule.messagesRendered.load(ordering: .relaxed) - before == 25)
        let text = String(decoding: sarif, as: UTF8.self)
        #expect(text.components(separatedBy: "\"ruleId\"").count - 1 == 25)
    }

    /// A finding captures one value per placeholder that is not a constant (constants are
    /// folded into the text by the rule's one `FindingRule`), then one per property.
    @Test func constantPlaceholdersCaptureNoValue() throws {
        let file = try #require(BuiltinRules.files.first { $0.name.hasPrefix("CL203-") })
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: root.appendingPathComponent("rules/" + file.name), encoding: .utf8)
        let constant = source.replacingOccurrences(of: "  Access key {key.slot} of", with: "  Past {params.days} days, {'a'} key {key.slot} of")
        #expect(constant != source)
        let custom = try RuleCatalog.load(files: [("rules/" + file.name, constant)], configuration: Configuration())
        let standard = try RuleCatalog.standard(configuration: Configuration())
        for rule in standard.rules + custom.rules {
            let program = RuleProgram(rule)
            #expect(program.findingRule.messageValueCount == rule.message.constantPlaceholders.filter { !$0 }.count, "\(rule.id)")
        }
        let variant = try #require(custom.rules.first)
        #expect(variant.message.constantPlaceholders.filter { $0 }.count == 2)
        // The two constants add no captured value: as many as the unchanged rule captures.
        let original = try #require(standard.rules.first { $0.id == "CL203" })
        #expect(RuleProgram(variant).findingRule.messageValueCount == RuleProgram(original).findingRule.messageValueCount)
        #expect(RuleProgram(original).findingRule.messageValueCount == 4)
        // And capturing gives exactly that many values, then the properties'.
        let ctx = CompiledRuleOracleTests.context(full: false)
        let key = AccessKeySlot(slot: 1, active: .value(true), lastRotated: .value(Timestamp(seconds: 0)), lastUsedDate: .notApplicable,
                                lastUsedRegion: .notApplicable, lastUsedService: .notApplicable)
        let row = CredentialReportRow(line: 2, user: "bob", arn: CompiledRuleOracleTests.arn("bob"), isRoot: false, accessKey1: key)
        let eval = EvalContext(asOf: CompiledRuleOracleTests.asOf, variables: [
            .object(ObjectRef(ctx.userView(row: row, iam: nil))), .object(ObjectRef(AccessKeyView(key))),
            .object(ObjectRef(AccountView(ctx: ctx))),
        ])
        for rule in [variant, original] {
            let program = RuleProgram(rule)
            #expect(program.capture(eval).count == 4 + rule.properties.count)
        }
    }
}
