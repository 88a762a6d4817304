import Foundation
import Testing

/// Runs the real `credlint` binary, built next to this test bundle, with the
/// repository root as working directory.
enum CLI {
    /// The repository root: this file is `Tests/CredLintCLITests/CLI.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// Every run fixes the clock, so outputs never depend on when the suite runs.
    static let asOf = "2026-11-28T12:00:00Z"

    /// What one run printed and returned.
    struct Result: Sendable {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        /// Wall-clock duration of the process.
        var seconds: Double
        var out: String { String(decoding: stdout, as: UTF8.self) }
        var err: String { String(decoding: stderr, as: UTF8.self) }
        /// stderr split into lines, without the final empty one.
        var errLines: [String] { err.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    }

    /// The `credlint` executable. `swift test` builds it because this test
    /// target depends on it; the bundle's own directory is searched first so a
    /// `--build-path` or `-c release` run finds its own binary.
    static let binary: URL? = {
        var dirs: [URL] = []
        if let exe = Bundle.main.executableURL { dirs.append(exe.deletingLastPathComponent()) }
        if let first = CommandLine.arguments.first {
            dirs.append(URL(fileURLWithPath: first, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .deletingLastPathComponent())
        }
        dirs.append(root.appendingPathComponent(".build/debug"))
        for start in dirs {
            // macOS nests the bundle's executable in `X.xctest/Contents/MacOS`.
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

    /// Runs `credlint args...`; `stdin` is empty unless given (as bytes, or as a file for
    /// inputs too large to hold). `prefix` runs it under another command (`unshare -rn`).
    /// Output goes to files, not pipes, so large outputs cannot deadlock the child.
    static func run(_ args: [String], stdin: [UInt8] = [], stdinFile: URL? = nil, prefix: [String] = [], cwd: URL = root,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Result {
        let bin = try #require(binary, "credlint binary not found next to the test bundle; run 'swift build' first",
                               sourceLocation: sourceLocation)
        let scratch = try Scratch()
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        let inURL = scratch.url.appendingPathComponent("stdin")
        try Data(stdin).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let input = try FileHandle(forReadingFrom: stdinFile ?? inURL)
        defer { try? out.close(); try? err.close(); try? input.close() }

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
        p.standardInput = input
        p.standardOutput = out
        p.standardError = err
        let clock = ContinuousClock()
        let start = clock.now
        try p.run()
        p.waitUntilExit()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(status: p.terminationStatus, stdout: [UInt8](try Data(contentsOf: outURL)),
                      stderr: [UInt8](try Data(contentsOf: errURL)), seconds: seconds)
    }

    /// `credlint lint paths... --as-of <fixed> extra...`.
    static func lint(_ paths: [String], _ extra: [String] = [], stdin: [UInt8] = [],
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Result {
        try run(["lint"] + paths + ["--as-of", asOf] + extra, stdin: stdin, sourceLocation: sourceLocation)
    }
}
