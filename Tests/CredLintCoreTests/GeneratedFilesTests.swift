import Foundation
import Testing
@testable import CredLintReport

/// Files derived from `rules/` and the engine must be regenerated when their sources change.
@Suite struct GeneratedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static let paths = ["Sources/CredLintEngine/Rules/BuiltinRules+Generated.swift", "docs/rules.md", "docs/fields.md",
                        "docs/credlint-output.schema.json", "docs/reliability.md"]

    @Test func generatesTheExpectedFiles() throws {
        #expect(try Generated.all(root: Self.root).map(\.path) == Self.paths)
    }

    @Test(arguments: paths)
    func checkedInCopyIsCurrent(path: String) throws {
        let generated = try #require(try Generated.all(root: Self.root).first { $0.path == path })
        let onDisk = try String(contentsOfFile: Self.root + "/" + path, encoding: .utf8)
        if onDisk != generated.text {
            let want = generated.text.split(separator: "\n", omittingEmptySubsequences: false)
            let got = onDisk.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(want.count, got.count)).first { want[$0] != got[$0] } ?? min(want.count, got.count)
            Issue.record("\(path) is stale (first difference at line \(line + 1)); run `swift run --package-path Tools credlint-dev generate`")
        }
    }

    @Test func generationIsDeterministic() throws {
        let a = try Generated.all(root: Self.root), b = try Generated.all(root: Self.root)
        #expect(a.map(\.text) == b.map(\.text))
        #expect(a.allSatisfy { $0.text.hasSuffix("\n") && !$0.text.contains(Self.root) })
    }
}
