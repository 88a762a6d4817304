import Foundation
import Testing

/// `credlint dev generate` (and its old name `dev-generate`) on a scratch copy of `rules/`:
/// it writes the generated files, `--check` then passes, and fails naming a file made stale.
@Suite struct CLIDevGenerateTests {
    static func scratchRoot() throws -> Scratch {
        let dir = try Scratch()
        let rules = CLI.root.appendingPathComponent("rules")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules.path) where name.hasSuffix(".yml") {
            _ = try dir.write("rules/" + name, [UInt8](try Data(contentsOf: rules.appendingPathComponent(name))))
        }
        // The caps table is spliced into the hand-written page between its markers.
        _ = try dir.write("docs/reliability.md", [UInt8](try Data(contentsOf: CLI.root.appendingPathComponent("docs/reliability.md"))))
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("Sources/CredLintCore/Rules"), withIntermediateDirectories: true)
        return dir
    }

    @Test func generatesThenChecks() throws {
        let dir = try Self.scratchRoot()
        let root = dir.url.path
        let write = try CLI.run(["dev", "generate", "--skip-man-page", "--root", root])
        #expect(write.status == 0, "\(write.err)")
        #expect(write.out.contains("wrote Sources/CredLintCore/Rules/BuiltinRules+Generated.swift"))
        #expect(write.out.contains("wrote docs/rules.md"))
        // The embedded catalogue written from the copy is the checked-in one.
        let generated = try Data(contentsOf: dir.url.appendingPathComponent("Sources/CredLintCore/Rules/BuiltinRules+Generated.swift"))
        #expect(generated == (try Data(contentsOf: CLI.root.appendingPathComponent("Sources/CredLintCore/Rules/BuiltinRules+Generated.swift"))))

        let check = try CLI.run(["dev-generate", "--check", "--skip-man-page", "--root", root])
        #expect(check.status == 0, "\(check.err)")

        _ = try dir.write("docs/rules.md", "stale\n")
        let stale = try CLI.run(["dev", "generate", "--check", "--skip-man-page", "--root", root])
        #expect(stale.status == 1)
        #expect(stale.errLines == ["docs/rules.md is stale; run `swift run credlint dev generate` and commit it"], "\(stale.err)")
        #expect(try String(contentsOf: dir.url.appendingPathComponent("docs/rules.md"), encoding: .utf8) == "stale\n", "--check writes nothing")
    }

    @Test func listsTheGeneratedPaths() throws {
        let r = try CLI.run(["dev", "generate", "--list"])
        #expect(r.status == 0, "\(r.err)")
        let paths = r.out.split(separator: "\n").map(String.init)
        for p in ["Sources/CredLintCore/Rules/BuiltinRules+Generated.swift", "docs/rules.md", "docs/fields.md", "docs/credlint.1",
                  "Tests/CredLintCLITests/Golden/"] {
            #expect(paths.contains(p), "\(p)")
        }
        #expect(!paths.contains { $0.hasPrefix("rules/") })
    }
}
