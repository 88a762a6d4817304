import ArgumentParser
import CredLintCore
import Foundation

/// The `credlint` command: a thin layer over CredLintCore that parses options,
/// calls the library and maps outcomes to exit codes.
///
/// Exit codes: 0 clean, 1 findings at or above `--fail-on` (or a failing rule
/// example), 2 usage/config/rule/input error, 3 internal error.
@main
struct CredLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credlint",
        abstract: "Lint AWS IAM credential reports and IAM API exports, offline.",
        discussion: """
            Reads the IAM credential report (CSV, or the GetCredentialReport XML / awscli JSON \
            envelopes) and IAM API responses (GetAccountAuthorizationDetails, ListVirtualMFADevices, \
            ListMFADevices, GetAccountSummary, GetAccountPasswordPolicy), as XML or awscli JSON.

            `credlint PATH...` is short for `credlint lint PATH...`.
            Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration, rule or input error, 3 internal error.
            """,
        version: CredLintVersion.current,
        subcommands: [Lint.self, Inspect.self, Rules.self, Explain.self, CheckRules.self, DevGenerate.self],
        defaultSubcommand: Lint.self
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let outcome = outcome(for: error)
            if !outcome.message.isEmpty {
                if outcome.code == 0 { print(outcome.message) } else { Terminal.error(outcome.message) }
            }
            Foundation.exit(outcome.code)
        }
    }

    /// Maps anything thrown to an exit code and a message: our input errors and
    /// usage errors are 2, a deliberate `ExitCode` passes through, help is 0,
    /// and everything else is a bug in credlint (3), never mistaken for findings (1).
    static func outcome(for error: Error) -> (code: Int32, message: String) {
        if let e = error as? CredLintError { return (2, e.description) }
        if let e = error as? CredLintErrors { return (2, e.description) }
        if let e = error as? ExitCode { return (e.rawValue, "") }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success { return (0, message) }
        if code == .validationFailure || error is ValidationError { return (2, message) }
        return (3, "internal error: \(message.isEmpty ? String(describing: error) : message)")
    }
}

enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
    }
    static func out(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { p in
            var off = 0
            while off < p.count {
                let n = write(1, p.baseAddress! + off, p.count - off)
                if n < 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
    }
    static var stdoutIsTTY: Bool { isatty(1) == 1 }

    /// Standard output is `/dev/null` (benchmarks and CI steps that only want
    /// `--output` files): rendering a large report for it would be wasted work.
    static var stdoutIsDevNull: Bool {
        var out = stat(), null = stat()
        guard fstat(1, &out) == 0, stat("/dev/null", &null) == 0 else { return false }
        return (out.st_mode & S_IFMT) == S_IFCHR && out.st_rdev == null.st_rdev
    }
}
