import ArgumentParser
import CredLintModel
import CredLintReport
import Foundation

/// `credlint-dev`: developer commands, outside the product (Tools/Package.swift).
@main
struct CredLintDev: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credlint-dev", abstract: "Developer commands for credlint.", subcommands: [Generate.self])
}

/// `credlint-dev generate`: the one command that writes every file derived from `rules/`
/// and the code (docs/testing.md, "Generated files"). Adding a built-in rule is its YAML
/// file plus this command; `--record-goldens` when the rule changes output goldens.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Regenerate the files derived from rules/ and the code.")

    @OptionGroup var options: DevGenerateOptions

    func run() throws { try options.run() }
}

struct DevGenerateOptions: ParsableArguments {
    @Option(name: .long, help: "Repository root (default: the parent of Tools/ when run from Tools/, else the working directory).")
    var root: String = DevGenerateOptions.defaultRoot

    @Flag(name: .long, help: "Write nothing; exit 1 when a generated file is stale (CI).")
    var check = false

    @Flag(name: .long, help: "Skip the man page (it runs swift-argument-parser's generate-manual plugin, a SwiftPM build).")
    var skipManPage = false

    @Flag(name: .long, help: "Then re-record the output goldens: RECORD_GOLDENS=1 swift test --filter \"\(Self.goldenSuites)\".")
    var recordGoldens = false

    /// `swift run --package-path Tools` keeps the caller's working directory, normally the repository root.
    static var defaultRoot: String { FileManager.default.fileExists(atPath: "Package.swift") && FileManager.default.fileExists(atPath: "rules") ? "." : ".." }

    static let goldenSuites = "CLIGoldenTests|ReporterGoldenTests"

    @Flag(name: .long, help: "Print the paths this command may write (files, and directories ending in '/'), one per line, and stop.")
    var list = false

    func validate() throws {
        if check && recordGoldens { throw ValidationError("--check and --record-goldens do not go together") }
    }

    func run() throws {
        if list {
            print(Generated.outputs.joined(separator: "\n"))
            return
        }
        var stale: [String] = []
        for (path, text) in try Generated.all(root: root) {
            let full = root + "/" + path
            // Unchanged files are left alone, so their modification times do not trigger rebuilds.
            guard (try? String(contentsOfFile: full, encoding: .utf8)) != text else { continue }
            if check { stale.append(path); continue }
            try AtomicFileWriter.write(Array(text.utf8), to: full)
            print("wrote \(path)")
        }
        // The man page comes from the command's own help, by the plugin; scripts/gen-manpage.sh is
        // its one definition (it also post-processes the page), so this runs it rather than copy it.
        if !skipManPage {
            let status = try Self.spawn(["bash", "scripts/gen-manpage.sh"] + (check ? ["--check"] : []), in: root, environment: [:])
            if status != 0 && !check { throw ExitCode(status) }
            if status != 0 { stale.append(Generated.manPage) }
        }
        if check {
            if stale.isEmpty { print("credlint-dev generate: every generated file is current"); return }
            for path in stale { FileHandle.standardError.write(Data("credlint-dev: \(path) is stale; run `swift run --package-path Tools credlint-dev generate` and commit it\n".utf8)) }
            throw ExitCode(1)
        }
        if recordGoldens {
            // Recording fails the golden tests on purpose (CI never goes green by recording): the exit status says nothing here.
            _ = try Self.spawn(["swift", "test", "--filter", Self.goldenSuites], in: root, environment: ["RECORD_GOLDENS": "1"])
            print("credlint-dev generate: goldens re-recorded; inspect `git diff Tests/` and keep only what you intend")
        }
    }

    /// Runs `arguments` (looked up on PATH) in `directory` with the terminal's output; its exit status.
    static func spawn(_ arguments: [String], in directory: String, environment: [String: String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        do { try p.run() } catch {
            throw CredLintError("cannot run \(arguments.joined(separator: " ")): \(error.localizedDescription)")
        }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
