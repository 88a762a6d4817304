import Foundation
import Testing

/// `credlint-dev generate` on a scratch copy of `rules/`, with the real binary built next to
/// this test bundle: it writes the generated files, `--check` then passes, and fails naming a
/// file made stale.
@Suite struct GenerateTests {
    /// The repository root: this file is `Tools/Tests/CredLintDevTests/GenerateTests.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let embedded = "Sources/CredLintEngine/Rules/BuiltinRules+Generated.swift"

    struct Run { var status: Int32; var out: String; var err: String }

    /// Runs `credlint-dev` from the directory of the test bundle (where SwiftPM builds it first).
    static func run(_ args: [String]) throws -> Run {
        let dir = Bundle.main.bundleURL.deletingLastPathComponent()
        var bin = dir.appendingPathComponent("credlint-dev")
        if !FileManager.default.isExecutableFile(atPath: bin.path) { bin = Bundle.main.bundleURL.appendingPathComponent("credlint-dev") }
        let binary = try #require(FileManager.default.isExecutableFile(atPath: bin.path) ? bin : nil, "credlint-dev not built beside \(dir.path)")
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// A scratch root with a copy of `rules/` and the hand-written page the caps table is spliced into.
    static func scratchRoot() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-dev-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try fm.createDirectory(at: dir.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try fm.createDirectory(at: dir.appendingPathComponent("Sources/CredLintEngine/Rules"), withIntermediateDirectories: true)
        let rules = root.appendingPathComponent("rules")
        for name in try fm.contentsOfDirectory(atPath: rules.path) where name.hasSuffix(".yml") {
            try fm.copyItem(at: rules.appendingPathComponent(name), to: dir.appendingPathComponent("rules/" + name))
        }
        try fm.copyItem(at: root.appendingPathComponent("docs/reliability.md"), to: dir.appendingPathComponent("docs/reliability.md"))
        return dir
    }

    @Test func generatesThenChecks() throws {
        let dir = try Self.scratchRoot()
        defer { try? FileManager.default.removeItem(at: dir) }
        let write = try Self.run(["generate", "--skip-man-page", "--root", dir.path])
        #expect(write.status == 0, "\(write.err)")
        #expect(write.out.contains("wrote \(Self.embedded)"))
        #expect(write.out.contains("wrote docs/rules.md"))
        // The embedded catalogue written from the copy is the checked-in one.
        let generated = try Data(contentsOf: dir.appendingPathComponent(Self.embedded))
        #expect(generated == (try Data(contentsOf: Self.root.appendingPathComponent(Self.embedded))))

        let check = try Self.run(["generate", "--check", "--skip-man-page", "--root", dir.path])
        #expect(check.status == 0, "\(check.err)")

        try Data("stale\n".utf8).write(to: dir.appendingPathComponent("docs/rules.md"))
        let stale = try Self.run(["generate", "--check", "--skip-man-page", "--root", dir.path])
        #expect(stale.status == 1)
        #expect(stale.err == "credlint-dev: docs/rules.md is stale; run `swift run --package-path Tools credlint-dev generate` and commit it\n",
                "\(stale.err)")
        #expect(try String(contentsOf: dir.appendingPathComponent("docs/rules.md"), encoding: .utf8) == "stale\n", "--check writes nothing")
    }

    @Test func listsTheGeneratedPaths() throws {
        let r = try Self.run(["generate", "--list"])
        #expect(r.status == 0, "\(r.err)")
        let paths = r.out.split(separator: "\n").map(String.init)
        for p in [Self.embedded, "docs/rules.md", "docs/fields.md", "docs/credlint.1", "Tests/CredLintCLITests/Golden/"] {
            #expect(paths.contains(p), "\(p)")
        }
        #expect(!paths.contains { $0.hasPrefix("rules/") })
    }

    @Test func checkAndRecordGoldensDoNotGoTogether() throws {
        let r = try Self.run(["generate", "--check", "--record-goldens"])
        #expect(r.status != 0)
        #expect(r.err.contains("--check and --record-goldens do not go together"), "\(r.err)")
    }
}
