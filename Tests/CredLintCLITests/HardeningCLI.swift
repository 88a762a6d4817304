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

    /// `credlint`, next to the test bundle (`swift test` builds it), else in `.build/debug`.
    static let binary: URL? = {
        var dirs: [URL] = []
        if let exe = Bundle.main.executableURL { dirs.append(exe.deletingLastPathComponent()) }
        if let first = CommandLine.arguments.first { dirs.append(URL(fileURLWithPath: first).deletingLastPathComponent()) }
        dirs.append(root.appendingPathComponent(".build/debug"))
        for start in dirs {
            var dir = start.standardizedFileURL
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("credlint")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return nil
    }()

    /// Runs `prefix + [credlint] + args` (prefix: e.g. `unshare -rn`) in `cwd`.
    static func run(_ args: [String], prefix: [String] = [], cwd: URL = root, stdin: URL? = nil,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Run {
        let bin = try #require(binary, "credlint binary not found; run 'swift build' first", sourceLocation: sourceLocation)
        let dir = try TempDir()
        let outURL = dir.file("stdout"), errURL = dir.file("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        let p = Process()
        if prefix.isEmpty {
            p.executableURL = bin
            p.arguments = args
        } else {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = prefix + [bin.path] + args
        }
        p.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        p.standardOutput = out
        p.standardError = err
        if let stdin { p.standardInput = try FileHandle(forReadingFrom: stdin) } else { p.standardInput = FileHandle.nullDevice }
        try p.run()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   err: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
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
