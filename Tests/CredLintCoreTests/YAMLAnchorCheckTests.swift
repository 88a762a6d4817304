import Testing
@testable import CredLintModel
@testable import CredLintEngine

/// Anchors and aliases are refused from libyaml's events, before Yams composes a tree.
@Suite struct YAMLAnchorCheckTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var column: Int
        var testDescription: String { name }
    }

    static let refused: [Case] = [
        Case(name: "anchor on a sequence", text: "a: &x [1, 2]\n", line: 1, column: 4),
        Case(name: "anchor on a scalar", text: "fail_on: high\nmin_severity: &s low\n", line: 2, column: 15),
        Case(name: "anchor on a mapping", text: "rules:\n  CL203: &m { enabled: false }\n", line: 2, column: 10),
        Case(name: "anchor on a key", text: "&k fail_on: high\n", line: 1, column: 1),
        Case(name: "alias of an undefined anchor", text: "fail_on: *nowhere\n", line: 1, column: 10),
        Case(name: "alias as a mapping key", text: "? *k\n: 1\n", line: 1, column: 3),
        Case(name: "merge key", text: "x: {a: 1}\ny:\n  <<: *x\n", line: 3, column: 7),
        Case(name: "anchor in a second document", text: "a: 1\n---\nb: &b 2\n", line: 3, column: 4),
    ]

    @Test(arguments: refused)
    func anchorOrAliasIsRefusedWhereItIs(_ c: Case) throws {
        let e = try #require(throws: CredLintError.self) { try YAMLValue.parse(c.text, path: "c.yml") }
        #expect(e.description == "c.yml:\(c.line):\(c.column): error: YAML anchors and aliases are not allowed here")
    }

    /// `*` and `&` inside scalars are text, not YAML syntax.
    @Test func starsAndAmpersandsInsideScalarsAreText() throws {
        let text = """
            exemptions:
              - rule: CL203
                principal: arn:aws:iam::*:user/ci-*
                reason: "keys & *secrets* are rotated (&a *b)"
                expires: 2027-01-31
            break_glass:
              users: [ops-emergency-*, 'a&b', "*quoted"]
            admin_policy_arns: |
              &not-an-anchor *not-an-alias
            # &comment *comment

            """
        let root = try #require(try YAMLValue.parse(text, path: "c.yml"))
        #expect(root.kindName == "a mapping")
        let config = try Configuration.parse(text.replacingOccurrences(of: "admin_policy_arns: |\n  &not-an-anchor *not-an-alias\n", with: ""),
                                             path: "c.yml")
        #expect(config.exemptions.first?.principal == "arn:aws:iam::*:user/ci-*")
        for name in ["ops-emergency-1", "a&b", "*quoted"] {
            #expect(config.breakGlass.isBreakGlass(name: name, tags: [:]), "\(name)")
        }
    }

    /// A syntax error is left for Yams to report, with its own message and position.
    @Test func syntaxErrorsKeepYamsMessage() throws {
        let e = try #require(throws: CredLintError.self) { try YAMLValue.parse("a: [1, 2\nb: 3\n", path: "c.yml") }
        #expect(e.message.hasPrefix("invalid YAML"))
    }

    /// Every built-in rule file still parses (none uses anchors).
    @Test func builtinRulesAreUnaffected() throws {
        let files = try RuleCatalog.ruleFiles(in: RuleCatalogTests.rulesDirectory)
        for f in files {
            #expect(throws: Never.self) { _ = try YAMLValue.parse(f.text, path: f.path) }
        }
        #expect(!files.isEmpty && files.count == BuiltinRules.files.count)
    }
}
