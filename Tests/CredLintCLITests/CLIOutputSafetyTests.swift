import Foundation
import Testing

/// Outputs are all-or-nothing across a run: a SARIF that code scanning will upload
/// is either the previous one or this run's complete one, never a mix.
@Suite struct CLIOutputSafetyTests {
    static func listing(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    /// A run whose second output cannot be written fails (exit 2) and leaves the first
    /// output's previous file untouched, with no temporary file beside it.
    @Test func failedRunLeavesPreviousOutputIntact() throws {
        let s = try Scratch()
        let previous = "{\"previous\": \"report\"}\n"
        let sarif = try s.write("credlint.sarif", previous)
        let dir = s.url.appendingPathComponent("reports").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)

        let failed = try CLI.run(["lint", "samples/risky", "--as-of", CLI.asOf,
                                  "--output", "sarif=\(sarif)", "--output", "json=\(dir)/"])
        #expect(failed.status == 2, "\(failed.err)")
        #expect(failed.errLines.count == 1, "\(failed.err)")
        #expect(try String(contentsOfFile: sarif, encoding: .utf8) == previous)
        #expect(Self.listing(s.path) == ["credlint.sarif", "reports"])
        #expect(Self.listing(dir).isEmpty)

        // Without the failing output the same run replaces it (so the checks above can fail).
        let ok = try CLI.run(["lint", "samples/risky", "--as-of", CLI.asOf, "--output", "sarif=\(sarif)"])
        #expect(ok.status == 1, "\(ok.err)")
        #expect(try String(contentsOfFile: sarif, encoding: .utf8).contains("\"version\": \"2.1.0\""))
        #expect(Self.listing(s.path) == ["credlint.sarif", "reports"])
    }

    /// An input error (exit 2) writes no output at all: an existing SARIF stays, and none
    /// is created where there was none (an empty SARIF would close every open alert).
    @Test func inputErrorWritesNoOutput() throws {
        let s = try Scratch()
        let previous = "{\"previous\": \"report\"}\n"
        let sarif = try s.write("old.sarif", previous)
        let bad = try s.write("in/credential-report.csv", "user,arn\n\"unterminated\n")
        let r = try CLI.run(["lint", bad, "--as-of", CLI.asOf, "--output", "sarif=\(sarif)",
                             "--output", "json=\(s.path)/new.json"])
        #expect(r.status == 2, "\(r.err)")
        #expect(try String(contentsOfFile: sarif, encoding: .utf8) == previous)
        #expect(!s.exists("new.json"))
        #expect(Self.listing(s.path) == ["in", "old.sarif"])
    }

    /// A write error on an output file (here: the file-size limit, as a full disk would
    /// give) fails the run with a message, never exit 0 or 1, and leaves the previous
    /// file as it was. SIGXFSZ is ignored so that the write returns EFBIG instead.
    @Test func writeErrorOnAnOutputFailsTheRun() throws {
        let s = try Scratch()
        let previous = "{\"previous\": \"report\"}\n"
        let sarif = try s.write("credlint.sarif", previous)
        let limited = ["sh", "-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\""]
        let r = try CLI.run(["lint", "samples/", "--as-of", CLI.asOf, "--format", "github", "--output", "sarif=\(sarif)"],
                            prefix: limited)
        #expect(r.status != 0 && r.status != 1, "exit \(r.status): \(r.err)")
        #expect(r.err.contains("cannot write '\(sarif)'"), "\(r.err)")
        #expect(try String(contentsOfFile: sarif, encoding: .utf8) == previous)
        #expect(Self.listing(s.path) == ["credlint.sarif"])
    }
}
