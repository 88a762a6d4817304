import Foundation
import Testing
@testable import CredLintModel

/// Shell completions, `--version` and the man page, from the built `credlint` binary.
@Suite struct CompletionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs the binary with `args` (`CLI.run`); returns (status, stdout).
    static func run(_ args: [String]) throws -> (status: Int32, out: String) {
        let r = try CLI.run(args)
        return (r.status, r.out)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptCoversLintAndItsOptions(shell: String) throws {
        let (status, script) = try Self.run(["--generate-completion-script", shell])
        #expect(status == 0)
        #expect(script.contains("lint"))
        #expect(script.contains("fail-on"))
        #expect(script.contains("check-rules"))
        for added in ["config", "schema", "exclude", "quiet", "skip-unrecognized", "explain-exemptions"] {
            #expect(script.contains(added), "\(shell) completion lacks \(added)")
        }
        // The developer commands live in Tools/ (credlint-dev), not in the product.
        #expect(!script.contains("dev-generate"))
        #expect(!script.contains("record-goldens"))
    }

    @Test func bashCompletionOffersTheFailOnLevels() throws {
        let script = try Self.run(["--generate-completion-script", "bash"]).out
        // The `'--fail-on')` case of the script completes the six gate levels; `--format` the reporters.
        for (option, values) in [("--fail-on", ["critical", "high", "medium", "low", "info", "none"]),
                                 ("--as-of", ["now", "report"]),
                                 ("--format", ["text", "sarif", "gitlab"])] {
            let start = try #require(script.range(of: "'\(option)')"), "no case for \(option)")
            let end = script.range(of: ";;", range: start.upperBound..<script.endIndex)?.lowerBound ?? script.endIndex
            let body = script[start.upperBound..<end]
            for v in values { #expect(body.contains("'\(v)'"), "\(option) does not complete \(v)") }
        }
        // It is valid bash.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-bash-\(UUID().uuidString).sh")
        try Data(script.utf8).write(to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["bash", "-n", dir.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func versionIsTheOneSARIFCarries() throws {
        let (status, out) = try Self.run(["--version"])
        #expect(status == 0)
        // A test build comes from a clone: the version, then why no commit is named.
        #expect(out == CredLintVersion.current + " (commit unknown: built from a clone, not a release archive)\n")
        #expect(CredLintVersion.commit == nil)
        let sarif = try Self.run(["lint", "samples/healthy", "--as-of", "2026-11-28T12:00:00Z", "--format", "sarif"])
        #expect(sarif.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(sarif.out.utf8)) as? [String: Any])
        let runs = try #require(doc["runs"] as? [[String: Any]])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["semanticVersion"] as? String == CredLintVersion.current)
    }

    @Test func manPageMatchesTheCommandsHelp() throws {
        // docs/credlint.1 is generated (scripts/gen-manpage.sh); it must list every visible subcommand and lint's options.
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/credlint.1"), encoding: .utf8)
        for command in ["lint", "inspect", "rules", "explain", "config", "schema", "check-rules"] {
            #expect(page.contains(".It Em \(command)"), "man page lacks \(command)")
        }
        for option in ["fail-on", "min-severity", "as-of", "baseline", "output", "format", "exclude",
                       "explain-exemptions", "skip-unrecognized"] {
            #expect(page.contains("Fl -\(option)"), "man page lacks --\(option)")
        }
        #expect(page.contains("Fl q , -quiet"), "man page lacks -q, --quiet")
        #expect(page.contains("gitlab"))
        #expect(!page.contains("dev-generate"))
        #expect(!page.contains("Em dev") && !page.contains("record-goldens"))
    }

    /// `dev`, a likely name for a folder of exports, is a path to lint, never a command.
    @Test func aDirectoryNamedDevIsLinted() throws {
        let dir = try Scratch()
        let csv = try Data(contentsOf: Self.root.appendingPathComponent("samples/healthy/credential-report.csv"))
        _ = try dir.write("dev/credential-report.csv", [UInt8](csv))
        let r = try CLI.run(["dev", "--as-of", CLI.asOf, "--fail-on", "none"], cwd: dir.url)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("1 account, 7 rows read"), "\(r.out)")
    }
}
