import Foundation
import Testing

/// Runs the built `credlint` binary for the hardening tests (caps, --keep-going,
/// no network). Output goes to files, so large outputs cannot block the child.
enum HardeningCLI {
    /// The repository root: this file is `Tests/CredLintCLITests/HardeningCLI.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let asOf = "2026-11-28T12:00:00Z"

    struct Run: Sendable {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs `prefix + [credlint] + args` (prefix: e.g. `unshare -rn`) in `cwd` (`CLI.run`).
    static func run(_ args: [String], prefix: [String] = [], cwd: URL = root, stdin: URL? = nil,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Run {
        let r = try CLI.run(args, stdinFile: stdin, prefix: prefix, cwd: cwd, sourceLocation: sourceLocation)
        return Run(status: r.status, out: r.out, err: r.err)
    }

    /// Whether `prefix true` runs (e.g. `unshare -rn` needs unprivileged user namespaces).
    static func works(_ prefix: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = prefix + ["true"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}

/// A temporary directory removed when the value goes away.
final class TempDir: @unchecked Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `text` to `name` (creating subdirectories) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let u = file(name)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: u)
        return u.path
    }

    /// Copies a repository directory (e.g. `samples/risky`) to `name`.
    func copy(_ repoPath: String, to name: String) throws {
        let dest = file(name)
        try FileManager.default.createDirectory(at: dest.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: HardeningCLI.root.appendingPathComponent(repoPath), to: dest)
    }
}
