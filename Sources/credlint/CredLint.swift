import ArgumentParser
import Foundation
import CredLintModel
import CredLintReport

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
        version: CredLintVersion.description,
        subcommands: subcommands,
        defaultSubcommand: Lint.self
    )

    static let subcommands: [ParsableCommand.Type] = [Lint.self, Inspect.self, Rules.self, Explain.self, ConfigCommand.self,
                                                      SchemaCommand.self, CheckRules.self]

    static func main() {
        Terminal.prepare()
        var code: Int32 = 0
        do {
            try refuseMistypedCommand(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let outcome = outcome(for: error)
            if !outcome.message.isEmpty {
                if outcome.code == 0 { Terminal.out(Array((outcome.message + "\n").utf8)) } else { Terminal.error(outcome.message) }
            }
            code = outcome.code
        }
        Foundation.exit(Terminal.finish(code))
    }

    /// `credlint lnt` would otherwise lint a path named `lnt` (lint is the default command)
    /// and fail with "no such file". A first argument that is not a command, not an
    /// existing path, and close to a command's name is a mistyped command.
    static func refuseMistypedCommand(_ args: [String]) throws {
        // An existing path first: the usual `credlint lint PATH` then never asks each command for
        // its name (a name derived by reflection was a tenth of a small lint's CPU time).
        guard let first = args.first, !first.hasPrefix("-"), !FileManager.default.fileExists(atPath: first) else { return }
        let names = configuration.subcommands.filter { $0.configuration.shouldDisplay }.compactMap { $0._commandName } + ["help"]
        guard !names.contains(first), let near = Suggest.closest(to: first, among: names) else { return }
        throw CredLintError("unknown command '\(first)' (did you mean '\(near)'?); 'credlint --help' lists the commands, and a path to lint must exist")
    }

    /// Maps anything thrown to an exit code and a message: our input errors and
    /// usage errors are 2, a deliberate `ExitCode` passes through, help is 0,
    /// and everything else is a bug in credlint (3), never mistaken for findings (1).
    static func outcome(for error: Error) -> (code: Int32, message: String) {
        if let e = error as? CredLintError { return (2, e.description) }
        if let e = error as? OutputError { return (3, e.description) }
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
    /// The first failed write to standard output or standard error, if any.
    nonisolated(unsafe) static var stdoutFailure: Int32?
    nonisolated(unsafe) static var stderrFailed = false

    /// Before anything else: a closed pipe is a write error to report, not a signal
    /// to die of; a closed standard descriptor is replaced by an unwritable one, so the
    /// first file credlint opens cannot take its number (and receive the report);
    /// signals remove staged temporary files.
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0 && null != fd { dup2(null, fd); close(null) }
        }
        TempFileRegistry.installSignalHandlers()
    }

    /// The exit code once everything is written: a run whose result could not be
    /// written to standard output or standard error exits 3, never 0 or 1 (the reader
    /// did not get it). A failing standard error gets no message: the code alone says it.
    static func finish(_ code: Int32) -> Int32 {
        guard code == 0 || code == 1 else { return code }
        if let e = stdoutFailure {
            error("error: cannot write standard output: \(String(cString: strerror(e)))")
            return 3
        }
        return stderrFailed ? 3 : code
    }

    static func error(_ line: String) {
        let bytes = Array((line.hasSuffix("\n") ? line : line + "\n").utf8)
        if let e = writeAll(2, bytes) { _ = e; stderrFailed = true }
    }

    /// A hint on standard error that is not part of the run's answer (the closing line
    /// on exit 1): written when it can be, and its failure does not turn the answer into
    /// exit 3, because the findings themselves went to standard output or the outputs.
    static func hint(_ line: String) {
        _ = writeAll(2, Array((line.hasSuffix("\n") ? line : line + "\n").utf8))
    }

    static func out(_ bytes: [UInt8]) {
        guard stdoutFailure == nil else { return }
        stdoutFailure = writeAll(1, bytes)
    }

    /// Writes all of `bytes`, retrying interrupted and short writes; the errno of a failure.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { p -> Int32? in
            var off = 0
            while off < p.count {
                let n = write(fd, p.baseAddress! + off, p.count - off)
                if n < 0 { if errno == EINTR { continue }; return errno }
                off += n
            }
            return nil
        }
    }

    static var stdoutIsTTY: Bool { isatty(1) == 1 }

    /// Standard output is `/dev/null` (benchmarks and CI steps that only want
    /// `--output` files): rendering a large report for it would be wasted work.
    static var stdoutIsDevNull: Bool {
        var out = stat(), null = stat()
        // A standard output opened read-only (a closed one, replaced in `prepare()`) must
        // still be written to, so that the failure is seen and reported.
        guard fcntl(1, F_GETFL) & O_ACCMODE != O_RDONLY else { return false }
        guard fstat(1, &out) == 0, stat("/dev/null", &null) == 0 else { return false }
        return (out.st_mode & S_IFMT) == S_IFCHR && out.st_rdev == null.st_rdev
    }
}
