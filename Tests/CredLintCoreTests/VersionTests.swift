import Foundation
import Testing
@testable import CredLintModel

/// How the version and the commit get into a build (docs/installing.md#versions).
@Suite struct VersionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// `git archive` fills the commit in only while .gitattributes marks the file export-subst and
    /// the file keeps git's placeholder: "tidying" either away would ship releases with no commit.
    @Test func theCommitComesFromGitArchive() throws {
        let attributes = try Self.text(".gitattributes")
        #expect(attributes.split(separator: "\n").contains("Sources/CredLintModel/BuildCommit.swift export-subst"))
        let source = try Self.text("Sources/CredLintModel/BuildCommit.swift")
        #expect(source.contains("\"$" + "Format:%H$\""))
        // A test build comes from a clone: the placeholder is not a commit, and nothing claims one.
        #expect(CredLintVersion.commit == nil)
        #expect(CredLintVersion.description == CredLintVersion.current + " (commit unknown: built from a clone, not a release archive)")
    }

    /// The version is semantic (SARIF semanticVersion), and CHANGELOG.md, in the keep-a-changelog
    /// form, has an Unreleased section and no release newer than the code's version.
    @Test func changelogAndVersionAgree() throws {
        let parts = CredLintVersion.current.split(separator: ".").map { Int($0) }
        #expect(parts.count == 3 && parts.allSatisfy { $0 != nil })
        let changelog = try Self.text("CHANGELOG.md")
        #expect(changelog.contains("\n## [Unreleased]\n"))
        let released = changelog.split(separator: "\n").filter { $0.hasPrefix("## [") && !$0.hasPrefix("## [Unreleased]") }
        if let newest = released.first {
            #expect(newest.hasPrefix("## [\(CredLintVersion.current)]"), "CHANGELOG's newest release \(newest) is not the code's \(CredLintVersion.current)")
        }
    }
}
