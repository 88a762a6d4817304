import Foundation
import Testing

/// Issue 15, item 7: an input that can be read only once (a FIFO, `<(…)`, `/dev/stdin`)
/// is read once and judged from those bytes, so it lints like the same file on disk
/// instead of hanging or reading as empty. Rule files likewise.
@Suite struct CLIInputOnceTests {
    static let report = "samples/risky/GetCredentialReport.xml"

    /// The summary line of linting the report as an ordinary file, to compare with.
    static func expectedSummary() throws -> String {
        let r = try CLI.lint([report])
        #expect(r.status == 1, "\(r.err)")
        return try #require(r.out.split(separator: "\n").last.map(String.init))
    }

    @Test func processSubstitutionIsRead() throws {
        let expected = try Self.expectedSummary()
        let r = try CLI.run(["--as-of", CLI.asOf], prefix: ["bash", "-c", "exec \"$0\" lint <(cat \(Self.report)) \"$@\""])
        #expect(r.status == 1, "\(r.err)")
        #expect(r.out.split(separator: "\n").last.map(String.init) == expected)
        #expect(r.out.contains("/dev/fd/"), "findings name the path given")
    }

    /// `/dev/stdin` as a pipe and as a redirected file.
    @Test func devStdinIsRead() throws {
        let expected = try Self.expectedSummary()
        let bytes = [UInt8](try Data(contentsOf: CLI.root.appendingPathComponent(Self.report)))
        let fromPipe = try CLI.run(["lint", "/dev/stdin", "--as-of", CLI.asOf], stdin: bytes,
                                   prefix: ["sh", "-c", "cat | \"$0\" \"$@\"; exit $?"])
        #expect(fromPipe.status == 1, "\(fromPipe.err)")
        #expect(fromPipe.out.split(separator: "\n").last.map(String.init) == expected)
        let fromFile = try CLI.run(["lint", "/dev/stdin", "--as-of", CLI.asOf], stdin: bytes)
        #expect(fromFile.status == 1, "\(fromFile.err)")
        #expect(fromFile.out.split(separator: "\n").last.map(String.init) == expected)
    }

    /// A FIFO named on the command line, next to an ordinary file: read once, no hang.
    @Test func fifoIsReadOnce() throws {
        let expected = try Self.expectedSummary()
        let s = try Scratch()
        let fifo = s.path + "/report.xml"
        #expect(mkfifo(fifo, 0o600) == 0)
        let script = "cat \"$1\" > \"$2\" & exec \"$0\" lint \"$2\" --as-of \(CLI.asOf)"
        let bin = try #require(CLI.binary)
        let r = try CLI.run([], prefix: ["timeout", "60", "sh", "-c", script, bin.path, CLI.root.path + "/" + Self.report, fifo])
        #expect(r.status == 1, "\(r.err)")
        #expect(r.out.split(separator: "\n").last.map(String.init) == expected)
    }

    /// An empty pipe is the empty-input error (exit 2), like an empty file, not a clean run.
    @Test func emptyProcessSubstitutionIsAnInputError() throws {
        let r = try CLI.run(["--as-of", CLI.asOf], prefix: ["bash", "-c", "exec \"$0\" lint <(true) \"$@\""])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines.count == 1 && r.err.hasPrefix("/dev/fd/") && r.err.contains(": error: "), "\(r.err)")
    }

    /// A rule file given as a FIFO, to `check-rules` and to `--rules`.
    @Test func ruleFileFifoIsReadOnce() throws {
        let s = try Scratch()
        let name = "CL101-root-access-key-active.yml"
        let fifo = s.path + "/" + name
        #expect(mkfifo(fifo, 0o600) == 0)
        let bin = try #require(CLI.binary)
        let check = try CLI.run([], prefix: ["timeout", "60", "sh", "-c", "cat \"$1\" > \"$2\" & exec \"$0\" check-rules \"$2\"",
                                             bin.path, CLI.root.path + "/rules/" + name, fifo])
        #expect(check.status == 0, "\(check.err)")
        #expect(check.out == "1 rules, 6 examples: 6 passed, 0 failed\n")
        // --rules adds a rule file: a second CL101 is a duplicate id, which shows it was read.
        let dup = try CLI.run([], prefix: ["timeout", "60", "sh", "-c", "cat \"$1\" > \"$2\" & exec \"$0\" rules --rules \"$2\"",
                                           bin.path, CLI.root.path + "/rules/" + name, fifo])
        #expect(dup.status == 2, "\(dup.err)")
        #expect(dup.errLines.count == 1 && dup.err.contains("CL101"), "\(dup.err)")
    }
}
