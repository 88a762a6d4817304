import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine

/// The rule catalogue in `rules/`: every example holds, and the catalogue is
/// exactly the documented one. Nothing here lists the rules: adding one is its YAML
/// file plus `credlint-dev generate` (scripts/check-new-rule.sh proves it).
@Suite struct RuleCatalogTests {
    static let rulesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("rules").path

    static func files() throws -> [(path: String, text: String)] { try RuleCatalog.ruleFiles(in: rulesDirectory) }

    /// nil when the catalogue does not load (`loads()` then fails with the reason).
    static let catalog: RuleCatalog? = try? RuleCatalog.load(files: files(), configuration: Configuration())

    struct ExampleCase: Sendable, CustomTestStringConvertible {
        var example: RuleExample
        var testDescription: String { "\(example.rule.id) #\(example.index + 1): \(example.description)" }
    }

    static let examples: [ExampleCase] = catalog.map { RuleChecker.examples(of: $0).map(ExampleCase.init) } ?? []

    @Test func loads() throws {
        _ = try RuleCatalog.load(files: try Self.files(), configuration: Configuration())
        #expect(Self.catalog != nil)
        #expect(Self.examples.count >= 2 * (Self.catalog?.rules.count ?? 1))
    }

    @Test(arguments: examples)
    func exampleHolds(_ c: ExampleCase) throws {
        let outcome = try c.example.run()
        #expect(outcome.passed, Comment(rawValue: outcome.failure ?? ""))
    }

    @Test func everyRuleHasAFiringAndANonFiringExample() throws {
        let catalog = try #require(Self.catalog)
        for rule in catalog.rules {
            #expect(throws: Never.self, "\(rule.id)") { try RuleChecker.requireBothKinds(rule) }
        }
    }

    @Test func requireBothKindsRejectsARuleWithOnlyOneKind() throws {
        let catalog = try #require(Self.catalog)
        var rule = try #require(catalog.rule(named: "CL206"))
        let source = rule.source
        var trimmed = source
        trimmed.examples = source.examples.filter { node in
            RuleExample(rule: rule, index: 0, node: node).expectsFire == true
        }
        rule = try CompiledRule.compile(trimmed)
        #expect(throws: CredLintError.self) { try RuleChecker.requireBothKinds(rule) }
    }

    @Test func catalogueIsExactlyTheDocumentedOne() throws {
        let catalog = try #require(Self.catalog)
        // docs/rules.md lists every rule in its table, in catalogue order.
        let doc = try String(contentsOfFile: Self.rulesDirectory + "/../docs/rules.md", encoding: .utf8)
        var at = doc.startIndex
        for rule in catalog.rules {
            let (id, name, severity) = (rule.id, rule.descriptor.name, rule.descriptor.severity)
            let row = "| [\(id)](#\(id.lowercased())-\(name)) | `\(name)` | \(severity.rawValue) |"
            let found = doc.range(of: row, range: at..<doc.endIndex)
            #expect(found != nil, "\(id) in docs/rules.md")
            if let found { at = found.upperBound }
        }
        #expect(doc.components(separatedBy: "\n| [").count - 1 == catalog.rules.count)
    }

    @Test func idsAndNamesAreUniqueAndMatchFileNames() throws {
        let files = try Self.files()
        #expect(!files.isEmpty && files.count == Self.catalog?.rules.count)
        var ids = Set<String>(), names = Set<String>()
        for f in files {
            let source = try RuleSource.parse(text: f.text, path: f.path)
            let d = source.descriptor
            #expect(ids.insert(d.id).inserted, "duplicate id \(d.id)")
            #expect(names.insert(d.name).inserted, "duplicate name \(d.name)")
            let fileName = f.path.split(separator: "/").last.map(String.init) ?? f.path
            #expect(fileName == "\(d.id)-\(d.name).yml", "\(f.path)")
        }
    }

    @Test func everyRuleHasReferencesAndCLIRemediation() throws {
        let catalog = try #require(Self.catalog)
        for rule in catalog.rules {
            #expect(!rule.descriptor.references.isEmpty, "\(rule.id) has no references")
            #expect(rule.descriptor.references.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(rule.id)")
            #expect(rule.descriptor.remediation.contains("aws iam"), "\(rule.id) remediation has no 'aws iam' command")
        }
    }

    /// Bugs of other tools that credlint's rules pin down with an example each.
    struct PeerBug: Sendable, CustomTestStringConvertible {
        var rule: String
        /// Words the example's description must contain.
        var words: [String]
        var testDescription: String { "\(rule): \(words.joined(separator: ", "))" }
    }

    static let peerBugs: [PeerBug] = [
        PeerBug(rule: "CL102", words: ["Prowler", "not_supported"]),
        PeerBug(rule: "CL202", words: ["never used", "Prowler", "ScoutSuite"]),
        PeerBug(rule: "CL203", words: ["never used", "Prowler", "ScoutSuite"]),
        PeerBug(rule: "CL104", words: ["Prowler", "only"]),
        PeerBug(rule: "CL203", words: ["Steampipe", "inactive key 1"]),
        PeerBug(rule: "CL302", words: ["Prowler", "only at groups"]),
        PeerBug(rule: "CL302", words: ["Steampipe", "only at direct"]),
    ]

    @Test(arguments: peerBugs)
    func peerBugHasAPassingExample(_ bug: PeerBug) throws {
        let matching = Self.examples.map(\.example).filter { e in
            e.rule.id == bug.rule && e.description.hasPrefix("peer bug:") && bug.words.allSatisfy { e.description.contains($0) }
        }
        #expect(matching.count == 1, "\(bug.rule): \(matching.count) 'peer bug:' examples mention \(bug.words)")
        for e in matching {
            let outcome = try e.run()
            #expect(outcome.passed, Comment(rawValue: outcome.failure ?? ""))
        }
    }

    /// The embedded catalogue is `rules/`: one tree per file, each exactly what parsing the file gives.
    @Test func builtinCatalogueIsRulesDirectory() throws {
        let onDisk = try Self.files()
        #expect(BuiltinRules.files.map(\.path) == onDisk.map { "rules/" + ($0.path.split(separator: "/").last.map(String.init) ?? $0.path) })
        for (builtin, disk) in zip(BuiltinRules.files, onDisk) {
            let lines = disk.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let parsed = try #require(try YAMLValue.parse(disk.text, path: builtin.path))
            if parsed.compactText(rawLines: lines) != builtin.tree {
                Issue.record("\(builtin.name): embedded tree differs from rules/; run `swift run --package-path Tools credlint-dev generate`")
            }
            let (tree, _) = try #require(YAMLValue.fromCompactText(builtin.tree, path: builtin.path), "\(builtin.name)")
            #expect(tree.compactText(rawLines: lines) == builtin.tree, "\(builtin.name): the tree reads back as written")
        }
        let standard = try RuleCatalog.standard(configuration: Configuration())
        #expect(standard.rules.map(\.id) == Self.catalog?.rules.map(\.id))
    }

    /// Loaded from the trees, the built-in catalogue is the one loaded from the YAML, and an error
    /// anywhere in a condition, message or property is placed at the same `file:line:column`.
    @Test func builtinTreesAreTheParsedYAML() throws {
        let fromTrees = try RuleCatalog.standard(configuration: Configuration())
        let fromTexts = try #require(Self.catalog)
        #expect(fromTrees.rules.map(\.descriptor) == fromTexts.rules.map(\.descriptor))
        for (tree, text) in zip(fromTrees.rules, fromTexts.rules) {
            let a = tree.source, b = text.source
            let snippets = [(a.condition, b.condition), (a.message, b.message)] + zip(a.properties, b.properties).map { ($0.snippet, $1.snippet) }
            for (x, y) in snippets {
                #expect(x.text == y.text, "\(tree.id)")
                let lines = x.text.split(separator: "\n", omittingEmptySubsequences: false)
                for (l, line) in lines.enumerated() {
                    for column in Set([1, max(1, line.count / 2), line.count + 1]) {
                        #expect(x.map.location(line: l + 1, column: column, in: x.text) == y.map.location(line: l + 1, column: column, in: y.text),
                                "\(tree.id) line \(l + 1) column \(column)")
                    }
                }
            }
            #expect(a.examples.map { $0.compactText() } == b.examples.map { $0.compactText() }, "\(tree.id)")
            #expect(a.examplesLocation == b.examplesLocation)
        }
    }

    /// Anything but one whole tree is refused.
    @Test func malformedCompactTreesAreRefused() throws {
        let text = "a: [1, 'two']\nb: {c: d}\nc: |\n  x\n  y\n"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let good = try #require(try YAMLValue.parse(text, path: "x.yml")).compactText(rawLines: lines)
        #expect(good.contains("S3.4.2.3:3.1.3.1.1.0.4:x\ny\n\n"), "\(good)")
        #expect(YAMLValue.fromCompactText(good, path: "x.yml")?.root.compactText(rawLines: lines) == good)
        var cuts = [good + "S1.1.0.1:x\n", "", "Q1.1.0.0:\n", "S1.1.3.0:\n", "S1.1.0.5:abc\n", "M1.1.2:\n1.1.1:a S1.1.0.1:b\n",
                    "S1.1.0.99999999999:x\n", "S1.1.0.1:x", "S1.1.0.1:xy", "M1.1.1:1.1.1:a S1.1.0.1:b\n", "S1.1.2.2:1.1.1:x\n"]
        for n in 1..<good.utf8.count { cuts.append(String(decoding: Array(good.utf8.prefix(n)), as: UTF8.self)) }
        for bad in cuts { #expect(YAMLValue.fromCompactText(bad, path: "x.yml") == nil, "\(bad)") }
    }
}
