import Foundation
import Testing
@testable import CredLintCore

/// The rule catalogue in `rules/`: every example holds, and the catalogue is
/// exactly the documented one.
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

    /// (id, name, severity) as listed in docs/rules.md.
    static let expected: [(String, String, Severity)] = [
        ("CL101", "root-access-key-active", .critical),
        ("CL102", "root-mfa-disabled", .critical),
        ("CL103", "root-mfa-not-hardware", .high),
        ("CL104", "root-used-recently", .high),
        ("CL105", "root-signing-certificate-active", .high),
        ("CL201", "console-user-without-mfa", .high),
        ("CL202", "password-unused", .medium),
        ("CL203", "access-key-unused", .medium),
        ("CL204", "access-key-not-rotated", .medium),
        ("CL205", "access-key-very-old", .high),
        ("CL206", "multiple-active-access-keys", .medium),
        ("CL207", "setup-access-key-never-used", .low),
        ("CL208", "password-and-access-key", .low),
        ("CL209", "user-has-direct-policies", .low),
        ("CL210", "user-mfa-not-hardware", .low),
        ("CL301", "single-admin", .high),
        ("CL302", "admin-without-mfa", .critical),
        ("CL303", "admin-single-mfa-device", .medium),
        ("CL304", "custom-full-admin-policy", .medium),
        ("CL305", "no-support-role", .low),
        ("CL306", "cloudshell-full-access", .low),
        ("CL307", "shadow-admin", .high),
        ("CL308", "role-trust-allows-anyone", .high),
        ("CL309", "admin-role-trust-allows-anyone", .critical),
        ("CL401", "no-break-glass-identity", .low),
        ("CL402", "break-glass-not-admin", .high),
        ("CL403", "break-glass-untested", .high),
        ("CL404", "break-glass-used", .high),
        ("CL405", "break-glass-drill-overdue", .medium),
        ("CL501", "password-policy-weak", .medium),
        ("CL502", "unassigned-virtual-mfa-device", .medium),
        ("CL503", "credential-report-stale", .low),
    ]

    @Test func loads() throws {
        _ = try RuleCatalog.load(files: try Self.files(), configuration: Configuration())
        #expect(Self.catalog != nil)
        #expect(Self.examples.count >= 2 * Self.expected.count)
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
        #expect(catalog.rules.map(\.id) == Self.expected.map(\.0))
        for (id, name, severity) in Self.expected {
            let rule = try #require(catalog.rule(named: id), "\(id) missing")
            #expect(rule.descriptor.name == name, "\(id)")
            #expect(rule.descriptor.severity == severity, "\(id)")
        }
        // docs/rules.md lists the same table.
        let doc = try String(contentsOfFile: Self.rulesDirectory + "/../docs/rules.md", encoding: .utf8)
        for (id, name, severity) in Self.expected {
            #expect(doc.contains("| [\(id)](#\(id.lowercased())-\(name)) | `\(name)` | \(severity.rawValue) |"), "\(id) in docs/rules.md")
        }
    }

    @Test func idsAndNamesAreUniqueAndMatchFileNames() throws {
        let files = try Self.files()
        #expect(files.count == Self.expected.count)
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

    @Test func builtinCatalogueIsRulesDirectory() throws {
        let onDisk = try Self.files().map { (name: $0.path.split(separator: "/").last.map(String.init) ?? $0.path, text: $0.text) }
        #expect(BuiltinRules.files.map(\.name) == onDisk.map(\.name))
        for (builtin, disk) in zip(BuiltinRules.files, onDisk) where builtin.text != disk.text {
            Issue.record("\(builtin.name): embedded text differs from rules/; run `swift run credlint dev-generate`")
        }
        let standard = try RuleCatalog.standard(configuration: Configuration())
        #expect(standard.rules.map(\.id) == Self.expected.map(\.0))
    }

    /// The built-in rules are loaded from trees parsed ahead of time; each must be exactly
    /// what parsing its YAML gives, and the catalogue the same as one loaded from the texts.
    @Test func builtinTreesAreTheParsedYAML() throws {
        for file in BuiltinRules.files {
            let path = "rules/" + file.name
            let tree = try #require(YAMLValue.fromCompactText(file.tree, path: path), "\(file.name)")
            let parsed = try #require(try YAMLValue.parse(file.text, path: path))
            #expect(tree.compactText() == file.tree, "\(file.name)")
            #expect(parsed.compactText() == file.tree, "\(file.name): run `swift run credlint dev-generate`")
            #expect(tree.location == parsed.location)
        }
        let fromTrees = try RuleCatalog.standard(configuration: Configuration())
        let fromTexts = try RuleCatalog.load(files: BuiltinRules.files.map { ("rules/" + $0.name, $0.text) },
                                             configuration: Configuration())
        #expect(fromTrees.rules.map(\.descriptor) == fromTexts.rules.map(\.descriptor))
        #expect(fromTrees.rules.map(\.source.condition.text) == fromTexts.rules.map(\.source.condition.text))
    }

    /// Anything but one whole tree is refused (and the caller falls back to the YAML).
    @Test func malformedCompactTreesAreRefused() throws {
        let good = try #require(try YAMLValue.parse("a: [1, 'two']\nb: {c: d}\n", path: "x.yml")).compactText()
        #expect(YAMLValue.fromCompactText(good, path: "x.yml")?.compactText() == good)
        var cuts = [good + "S1.1.0.1:x", "", "Q1.1.0.0:", "S1.1.2.0:", "S1.1.0.5:abc", "M1.1.2:1.1.1:aS1.1.0.1:b",
                    "S1.1.0.99999999999:x"]
        for n in 1..<good.utf8.count { cuts.append(String(decoding: Array(good.utf8.prefix(n)), as: UTF8.self)) }
        for bad in cuts { #expect(YAMLValue.fromCompactText(bad, path: "x.yml") == nil, "\(bad)") }
    }
}
