import Foundation
import Testing

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage/config/rule/input error
/// (and then no output file), as README promises.
@Suite struct CLIExitCodeTests {
    // MARK: 0 and 1: the gate

    @Test func healthyIsClean() throws {
        let r = try CLI.lint(["samples/healthy"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("no findings"))
    }

    @Test func riskyFailsTheDefaultGate() throws {
        let r = try CLI.lint(["samples/risky"])
        #expect(r.status == 1, "\(r.err)")
        #expect(r.out.contains("critical CL101"))
    }

    @Test func failOnNoneNeverFails() throws {
        let r = try CLI.lint(["samples/risky"], ["--fail-on", "none"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("critical CL101"), "findings are still reported")
    }

    @Test func failOnCriticalFailsOnTheRootKey() throws {
        let r = try CLI.lint(["samples/risky"], ["--fail-on", "critical"])
        #expect(r.status == 1, "\(r.err)")
        // Without the critical findings (CL101 on root's key, CL302 on the break-glass admin key
        // without MFA) nothing is at or above critical.
        let dir = try Scratch()
        let config = try dir.write("c.yml", "rules:\n  CL101: { enabled: false }\n  CL302: { enabled: false }\n")
        let without = try CLI.lint(["samples/risky"], ["--fail-on", "critical", "--config", config])
        #expect(without.status == 0, "\(without.err)")
    }

    @Test func failOnInfoOnHealthyIsClean() throws {
        let r = try CLI.lint(["samples/healthy"], ["--fail-on", "info"])
        #expect(r.status == 0, "\(r.err)")
    }

    @Test func failOnFromTheConfigFile() throws {
        let dir = try Scratch()
        let config = try dir.write("c.yml", "fail_on: none\n")
        #expect(try CLI.lint(["samples/risky"], ["--config", config]).status == 0)
        // The flag wins over the file.
        #expect(try CLI.lint(["samples/risky"], ["--config", config, "--fail-on", "high"]).status == 1)
    }

    // MARK: 2: usage, configuration, rule and input errors

    struct UsageError: Sendable, CustomTestStringConvertible {
        var name: String
        var args: [String]
        /// Substrings of stderr.
        var expect: [String]
        var testDescription: String { name }
    }

    static let usageErrors: [UsageError] = [
        UsageError(name: "unknown flag", args: ["lint", "samples/risky", "--frobnicate"], expect: ["--frobnicate"]),
        UsageError(name: "bad --fail-on", args: ["lint", "samples/risky", "--fail-on", "severe"],
                   expect: ["--fail-on", "severe", "critical, high, medium, low, info, none"]),
        UsageError(name: "missing path", args: ["lint", "samples/no-such-dir"],
                   expect: ["samples/no-such-dir:1:1: error: no such file or directory"]),
        UsageError(name: "no path", args: ["lint"], expect: ["no input paths"]),
        UsageError(name: "bad --output", args: ["lint", "samples/risky", "--output", "pdf=x.pdf"], expect: ["--output FORMAT 'pdf': expected one of text, json, sarif"]),
        UsageError(name: "bad --as-of", args: ["lint", "samples/risky", "--as-of", "2026-13-01"], expect: ["--as-of"]),
        UsageError(name: "input error", args: ["lint", "samples/risky/GetAccountAuthorizationDetails-page1.xml"],
                   expect: ["samples/risky/GetAccountAuthorizationDetails-page1.xml:1:1: error:", "IsTruncated=true"]),
        UsageError(name: "missing config", args: ["lint", "samples/risky", "--config", "no-such.yml"],
                   expect: ["no-such.yml:1:1: error: configuration file not found"]),
        UsageError(name: "missing baseline", args: ["lint", "samples/risky", "--baseline", "no-such.json"],
                   expect: ["no-such.json:1:1: error: baseline file not found"]),
        UsageError(name: "explain unknown rule", args: ["explain", "CL2O3"], expect: ["no rule 'CL2O3'", "did you mean 'CL203'"]),
    ]

    @Test(arguments: usageErrors)
    func usageErrorExitsTwoAndWritesNothing(_ c: UsageError) throws {
        let dir = try Scratch()
        let sarif = dir.url.appendingPathComponent("out.sarif").path
        let args = c.args.first == "lint" ? c.args + ["--output", "sarif=\(sarif)"] : c.args
        let r = try CLI.run(args)
        #expect(r.status == 2, "\(r.err)")
        for s in c.expect { #expect(r.err.contains(s), "stderr: \(r.err)") }
        #expect(r.stdout.count == 0, "stdout: \(r.out.prefix(200))")
        #expect(!FileManager.default.fileExists(atPath: sarif), "an exit-2 run must not write its SARIF")
    }

    /// An output that cannot be written fails the run before any other output is written.
    @Test func unwritableOutputWritesNoOtherOutput() throws {
        let dir = try Scratch()
        let blocker = try dir.write("not-a-dir", "a file where a directory is needed\n")
        let sarif = "\(dir.path)/ok.sarif"
        let r = try CLI.lint(["samples/risky"], ["--output", "sarif=\(sarif)", "--output", "junit=\(blocker)/junit.xml"])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines.count == 1 && r.err.contains("not-a-dir"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: sarif), "exit 2 must leave no SARIF behind")
    }

    @Test func badConfigNamesFileLineColumnAndSuggestsTheKey() throws {
        let dir = try Scratch()
        let config = try dir.write("credlint.yml", "rules:\n  CL203: { params: { days: 30 } }\nbreak_glas:\n  users: [ops-*]\n")
        let sarif = dir.url.appendingPathComponent("out.sarif").path
        let r = try CLI.lint(["samples/risky"], ["--config", config, "--output", "sarif=\(sarif)"])
        #expect(r.status == 2)
        #expect(r.errLines == ["\(config):3:1: error: unknown key 'break_glas' in the configuration (did you mean 'break_glass'?)"])
        #expect(r.stdout.count == 0, "stdout: \(r.out.prefix(200))")
        #expect(!FileManager.default.fileExists(atPath: sarif))
    }

    /// A copy of CL203 with its id and name changed and one field misspelled.
    static func misspelledRuleDirectory(_ dir: Scratch) throws -> (dir: String, file: String) {
        var text = try String(contentsOf: CLI.root.appendingPathComponent("rules/CL203-access-key-unused.yml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "id: CL203", with: "id: XX203")
            .replacingOccurrences(of: "name: access-key-unused", with: "name: my-access-key-unused")
        let range = try #require(text.range(of: "age(key.last_used ?? key.last_rotated) > days"))
        text.replaceSubrange(range, with: "age(key.last_usd ?? key.last_rotated) > days")
        let file = try dir.write("rules/XX203-my-access-key-unused.yml", text)
        return (dir.url.appendingPathComponent("rules").path, file)
    }

    @Test func misspelledFieldInARuleDirectory() throws {
        let dir = try Scratch()
        let (rules, file) = try Self.misspelledRuleDirectory(dir)
        let sarif = dir.url.appendingPathComponent("out.sarif").path
        let r = try CLI.lint(["samples/risky"], ["--rules", rules, "--output", "sarif=\(sarif)"])
        #expect(r.status == 2)
        #expect(r.errLines.count == 1, "\(r.err)")
        let line = try #require(r.errLines.first)
        #expect(line.hasPrefix("\(file):14:"), "\(line)")
        #expect(line.range(of: #"^[^:]+:\d+:\d+: error: "#, options: .regularExpression) != nil, "\(line)")
        #expect(line.contains("did you mean 'last_used'"))
        #expect(!FileManager.default.fileExists(atPath: sarif))
    }

    @Test func checkRulesOnTheMisspelledDirectoryExitsTwo() throws {
        let dir = try Scratch()
        let (rules, file) = try Self.misspelledRuleDirectory(dir)
        let r = try CLI.run(["check-rules", rules])
        #expect(r.status == 2)
        #expect(r.err.hasPrefix("\(file):14:"))
        #expect(r.err.contains("did you mean 'last_used'"))
    }

    @Test func checkRulesOnTheCatalogueExitsZero() throws {
        let r = try CLI.run(["check-rules", "rules/"])
        #expect(r.status == 0, "\(r.err)")
        // As many rules as files in rules/ (adding a rule needs no test edit).
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("rules").path)
        #expect(r.out.hasPrefix("\(files.filter { $0.hasSuffix(".yml") }.count) rules, "))
        #expect(r.out.contains(" 0 failed"))
    }

    @Test func checkRulesWithAWrongExampleExitsOne() throws {
        let dir = try Scratch()
        var text = try String(contentsOf: CLI.root.appendingPathComponent("rules/CL206-multiple-active-access-keys.yml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "id: CL206", with: "id: XX206")
            .replacingOccurrences(of: "name: multiple-active-access-keys", with: "name: my-multiple-active-access-keys")
        let range = try #require(text.range(of: "    count: 1\n"))
        text.replaceSubrange(range, with: "    count: 2\n")
        let file = try dir.write("rules/XX206-my-multiple-active-access-keys.yml", text)
        let r = try CLI.run(["check-rules", dir.url.appendingPathComponent("rules").path])
        #expect(r.status == 1, "\(r.err)")
        #expect(r.errLines.count == 1)
        #expect(r.err.hasPrefix("\(file):"))
        #expect(r.err.contains("XX206 example 'both keys active' expected 2 finding(s), got 1"))
        #expect(r.out.contains("1 failed"))
    }

    /// A copy of CL206 as rule XX206 in a scratch rules directory, after `edit`; (directory, file).
    static func editedCL206(_ dir: Scratch, _ edit: (inout String) throws -> Void) throws -> (rules: String, file: String) {
        var text = try String(contentsOf: CLI.root.appendingPathComponent("rules/CL206-multiple-active-access-keys.yml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "id: CL206", with: "id: XX206")
            .replacingOccurrences(of: "name: multiple-active-access-keys", with: "name: my-multiple-active-access-keys")
        try edit(&text)
        let file = try dir.write("rules/XX206-my-multiple-active-access-keys.yml", text)
        return (dir.url.appendingPathComponent("rules").path, file)
    }

    /// 1-based line of the first line of `text` that starts with `prefix`.
    static func line(of prefix: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(prefix) }.map { $0 + 1 }
    }

    @Test func checkRulesWithAWrongPinnedMessageExitsOneAtTheMessage() throws {
        let dir = try Scratch()
        var edited = ""
        let (rules, file) = try Self.editedCL206(dir) { text in
            let range = try #require(text.range(of: "IAM user 'alice' has 2 active access keys"))
            text.replaceSubrange(range, with: "IAM user 'alice' has two active access keys")
            edited = text
        }
        let line = try #require(Self.line(of: "    message: \"IAM user 'alice' has two", in: edited))
        let r = try CLI.run(["check-rules", rules])
        #expect(r.status == 1, "\(r.err)")
        #expect(r.errLines.count == 1)
        #expect(r.err.hasPrefix("\(file):\(line):14: error: XX206 example 'both keys active' expected the message "
                                + "'IAM user 'alice' has two active access keys"), "\(r.err)")
        #expect(r.err.contains(", got 'IAM user 'alice' has 2 active access keys (key 1 created"))
        #expect(r.out.contains("1 failed"))
    }

    @Test func aPinnedMessageOnAnExampleThatDoesNotFireIsAnError() throws {
        let dir = try Scratch()
        var edited = ""
        let (rules, file) = try Self.editedCL206(dir) { text in
            let range = try #require(text.range(of: "    fires: false\n"))
            text.replaceSubrange(range, with: "    fires: false\n    message: nothing\n")
            edited = text
        }
        let line = try #require(Self.line(of: "    message: nothing", in: edited))
        let r = try CLI.run(["check-rules", rules])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.err.hasPrefix("\(file):\(line):14: error: 'message' pins the findings' message; an example with 'fires: false' has none"), "\(r.err)")
    }
}
