import Foundation
import Testing

/// Issue 15, item 6: every output path is checked before any input is read, outputs
/// are committed all-or-nothing, links and devices are written through, and a write
/// error anywhere (an output, standard output, standard error) is exit 3, never 0,
/// 1 or a signal. Each test states what the output directory holds afterwards.
@Suite struct CLIOutputPathTests {
    static func listing(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    static func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    static let previous = "{\"previous\": \"report\"}\n"

    /// `sh -c` with a redirection around the binary (a closed or full descriptor).
    static func redirected(_ redirection: String) -> [String] { ["sh", "-c", "exec \"$0\" \"$@\" \(redirection)"] }

    /// Whether `prefix true` runs here (namespaces, setpriv: not on every machine).
    static func works(_ prefix: [String]) -> Bool { HardeningCLI.works(prefix) }

    // MARK: validated before any input is read

    /// Two outputs on one file (also spelled differently, and the baseline) are refused,
    /// and before the input is read: the input here does not exist, yet the message is
    /// about the outputs. The existing file is untouched.
    @Test(arguments: [["--output", "sarif=D/a.sarif", "--output", "json=D/a.sarif"],
                      ["--output", "sarif=D/a.sarif", "--output", "json=D/./sub/../a.sarif"],
                      ["--output", "sarif=D/a.sarif", "--write-baseline", "D//a.sarif"],
                      ["--output", "sarif=D/link.sarif", "--output", "json=D/a.sarif"]])
    func twoOutputsOnOneFileAreRefused(_ template: [String]) throws {
        let s = try Scratch()
        try s.write("a.sarif", Self.previous)
        try s.write("sub/keep", "")
        try FileManager.default.createSymbolicLink(atPath: s.path + "/link.sarif", withDestinationPath: "a.sarif")
        let args = template.map { $0.replacingOccurrences(of: "D/", with: s.path + "/") }
        let r = try CLI.lint([s.path + "/no-such-input.csv"], args)
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines.count == 1, "\(r.err)")
        #expect(r.err.hasPrefix("error: outputs '") && r.err.contains("are the same file"), "\(r.err)")
        #expect(Self.contents(s.path + "/a.sarif") == Self.previous)
        #expect(Self.listing(s.path) == ["a.sarif", "link.sarif", "sub"])
    }

    /// Per-account templates that expand to the same files are refused the same way.
    @Test func twoAccountTemplatesOnOneFileAreRefused() throws {
        let s = try Scratch()
        let r = try CLI.lint(["samples/risky"], ["--output", "sarif=\(s.path)/{account}.out",
                                                 "--output", "json=\(s.path)/{account}.out"])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines == ["error: outputs '\(s.path)/{account}.out' and '\(s.path)/{account}.out' are the same file; give each output its own path"])
        #expect(Self.listing(s.path).isEmpty)
    }

    /// A directory, a path under a regular file, and a missing input: the output path
    /// is what is reported (it is checked first), exit 2, one line, nothing written.
    @Test func badOutputPathsAreUsageErrors() throws {
        let s = try Scratch()
        try s.write("file.txt", "x")
        try s.write("dir/keep", "")
        let missing = s.path + "/no-such-input.csv"
        let cases: [(String, String)] = [
            ("sarif=\(s.path)/dir", "error: cannot write '\(s.path)/dir': it is a directory, expected a file path"),
            // sarif=DIR/ is the SARIF layout (CLISARIFLayoutTests); other formats need a file.
            ("json=\(s.path)/dir/", "error: cannot write '\(s.path)/dir/': it is a directory, expected a file path"),
            ("sarif=\(s.path)/file.txt/out.sarif",
             "error: cannot write '\(s.path)/file.txt/out.sarif': '\(s.path)/file.txt' is not a directory; expected a path in a directory"),
        ]
        for (output, message) in cases {
            let r = try CLI.lint([missing], ["--output", output])
            #expect(r.status == 2, "\(output): \(r.err)")
            #expect(r.errLines == [message])
        }
        let baseline = try CLI.lint([missing], ["--write-baseline", s.path + "/dir"])
        #expect(baseline.status == 2)
        #expect(baseline.errLines == ["error: cannot write '\(s.path)/dir': it is a directory, expected a file path"])
        #expect(Self.listing(s.path) == ["dir", "file.txt"])
        #expect(Self.listing(s.path + "/dir") == ["keep"])
    }

    /// A directory the user cannot write to is refused up front. Root may write anywhere,
    /// so the run drops to `nobody` with setpriv (skipped where that is not allowed).
    @Test(.enabled(if: CLIOutputPathTests.works(["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"]),
                   "skipped: setpriv cannot change user here"))
    func unwritableDirectoryIsRefusedUpFront() throws {
        let s = try Scratch()
        try s.write("ro/keep", "")
        try s.copy("samples/risky/GetCredentialReport.xml", to: "in/GetCredentialReport.xml")
        chmod(s.path, 0o755)
        chmod(s.path + "/ro", 0o555)
        let r = try CLI.run(["lint", s.path + "/in", "--as-of", CLI.asOf, "--output", "sarif=\(s.path)/ro/out.sarif"],
                            prefix: ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines == ["error: cannot write '\(s.path)/ro/out.sarif': directory '\(s.path)/ro' is not writable"])
        #expect(Self.listing(s.path + "/ro") == ["keep"])
    }

    /// Missing directories of an output path are made, but only when the run succeeds:
    /// a run that fails on its input leaves no empty `out/` behind.
    @Test func missingDirectoriesAreMadeOnlyOnSuccess() throws {
        let s = try Scratch()
        let bad = try s.write("in/credential-report.csv", "user,arn\n\"unterminated\n")
        let failed = try CLI.lint([bad], ["--output", "sarif=\(s.path)/out/{account}.sarif"])
        #expect(failed.status == 2, "\(failed.err)")
        #expect(Self.listing(s.path) == ["in"])
        let ok = try CLI.lint(["samples/risky"], ["--output", "sarif=\(s.path)/out/deeper/{account}.sarif"])
        #expect(ok.status == 1, "\(ok.err)")
        #expect(Self.listing(s.path + "/out/deeper") == ["222222222222.sarif"])
    }

    // MARK: all or nothing

    /// The second output fails when it is committed (a device that is full): the first,
    /// already renamed into place, is rolled back to its previous contents, and an output
    /// that did not exist before is removed again. Exit 3 (an output error), one line.
    @Test func aFailingLaterOutputRollsBackTheEarlierOnes() throws {
        let s = try Scratch()
        let sarif = try s.write("a.sarif", Self.previous)
        let r = try CLI.lint(["samples/risky"], ["--output", "sarif=\(sarif)", "--output", "junit=\(s.path)/new.xml",
                                                 "--output", "json=/dev/full"])
        #expect(r.status == 3, "\(r.err)")
        #expect(r.errLines == ["error: cannot write '/dev/full': No space left on device"])
        #expect(Self.contents(sarif) == Self.previous)
        #expect(Self.listing(s.path) == ["a.sarif"])
    }

    /// A write error while rendering the second output (the file-size limit, as a full
    /// disk would give) leaves the first as it was: nothing is replaced before all are written.
    @Test func aWriteErrorWhileRenderingReplacesNothing() throws {
        let s = try Scratch()
        let small = try s.write("small.md", Self.previous)
        let big = try s.write("big.sarif", Self.previous)
        let limited = ["sh", "-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\""]
        let r = try CLI.run(["lint", "samples/risky", "--as-of", CLI.asOf, "--format", "github",
                             "--output", "markdown=\(small)", "--output", "sarif=\(big)"], prefix: limited)
        #expect(r.status == 3, "\(r.err)")
        #expect(r.errLines.count == 1 && r.err.hasPrefix("error: cannot write '\(big)': "), "\(r.err)")
        #expect(Self.contents(small) == Self.previous)
        #expect(Self.contents(big) == Self.previous)
        #expect(Self.listing(s.path) == ["big.sarif", "small.md"])
    }

    /// A full disk (a 64 KiB tmpfs in a private mount namespace): exit 3, the previous
    /// file intact, no temporary file left.
    @Test(.enabled(if: CLIOutputPathTests.works(["unshare", "-rm", "true"]), "skipped: no unprivileged mount namespaces here"))
    func fullDiskFailsWithThePreviousFileIntact() throws {
        let s = try Scratch()
        try s.write("mnt/keep", "")
        let mnt = s.path + "/mnt"
        let script = "mount -t tmpfs -o size=64k tmpfs \"$0\" && printf '%s' '\(Self.previous)' > \"$0/a.sarif\" && "
            + "\"$1\" lint samples/ --as-of \(CLI.asOf) --format github --output sarif=\"$0/a.sarif\" >/dev/null; "
            + "code=$?; cat \"$0/a.sarif\"; ls -A \"$0\" >&2; exit $code"
        let bin = try #require(CLI.binary)
        let r = try CLI.run([], prefix: ["unshare", "-rm", "sh", "-c", script, mnt, bin.path])
        #expect(r.status == 3, "\(r.err)")
        #expect(r.errLines.first?.hasPrefix("error: cannot write '\(mnt)/a.sarif': No space left on device") == true, "\(r.err)")
        #expect(r.out == Self.previous)
        #expect(r.errLines.dropFirst() == ["a.sarif"])
    }

    // MARK: written through

    /// A symbolic link stays a link; the file it points to gets the report.
    @Test func aSymbolicLinkIsWrittenThrough() throws {
        let s = try Scratch()
        try s.write("real/target.sarif", Self.previous)
        try FileManager.default.createSymbolicLink(atPath: s.path + "/link.sarif", withDestinationPath: "real/target.sarif")
        let r = try CLI.lint(["samples/risky"], ["--output", "sarif=\(s.path)/link.sarif"])
        #expect(r.status == 1, "\(r.err)")
        let type = try FileManager.default.attributesOfItem(atPath: s.path + "/link.sarif")[.type] as? FileAttributeType
        #expect(type == .typeSymbolicLink)
        #expect(Self.contents(s.path + "/real/target.sarif")?.contains("\"version\": \"2.1.0\"") == true)
        #expect(Self.listing(s.path) == ["link.sarif", "real"])
        #expect(Self.listing(s.path + "/real") == ["target.sarif"])
    }

    /// `/dev/stdout` is this process's standard output (here a file): the SARIF goes into
    /// it, ahead of the text summary, and the device link is left alone. `/dev/null`
    /// stays the device.
    @Test func devicesAreWrittenIntoNotReplaced() throws {
        let r = try CLI.lint(["samples/risky"], ["--output", "sarif=/dev/stdout", "--output", "json=/dev/null"])
        #expect(r.status == 1, "\(r.err)")
        #expect(r.out.hasPrefix("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\""))
        #expect(r.out.contains("\n1 account, 12 rows read: "), "the text summary follows the SARIF")
        let stdoutType = try FileManager.default.attributesOfItem(atPath: "/dev/stdout")[.type] as? FileAttributeType
        #expect(stdoutType == .typeSymbolicLink)
        let nullType = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(nullType == .typeCharacterSpecial)
    }

    // MARK: standard output and standard error

    /// Standard output on a full device, closed, or a pipe whose reader has gone: exit 3
    /// and one line naming standard output, never 0 or 1, never SIGPIPE.
    @Test(arguments: [("> /dev/full", "No space left on device"), (">&-", "Bad file descriptor")])
    func standardOutputWriteErrorsAreExitThree(_ redirection: String, _ reason: String) throws {
        let r = try CLI.run(["lint", "samples/risky", "--as-of", CLI.asOf], prefix: Self.redirected(redirection))
        #expect(r.status == 3, "\(r.err)")
        #expect(r.errLines == ["error: cannot write standard output: \(reason)"])
    }

    /// With standard output closed, the files credlint opens must not take its number:
    /// the SARIF output stays exactly the SARIF (the text report is not appended to it).
    @Test func aClosedStandardOutputDoesNotLeakIntoAnOutputFile() throws {
        let s = try Scratch()
        let r = try CLI.run(["lint", "samples/risky", "--as-of", CLI.asOf, "--output", "sarif=\(s.path)/a.sarif"],
                            prefix: Self.redirected(">&-"))
        #expect(r.status == 3, "\(r.err)")
        #expect(r.errLines == ["error: cannot write standard output: Bad file descriptor"])
        let sarif = try Data(contentsOf: URL(fileURLWithPath: s.path + "/a.sarif"))
        #expect((try? JSONSerialization.jsonObject(with: sarif)) != nil, "the SARIF is valid JSON")
        #expect(Self.listing(s.path) == ["a.sarif"])
    }

    @Test func aClosedPipeIsExitThreeNotASignal() throws {
        // The SARIF (about 180 KB) is larger than a pipe's buffer, so the write meets the closed end.
        let script = "\"$0\" \"$@\" | true; exit ${PIPESTATUS[0]}"
        let r = try CLI.run(["lint", "samples/risky", "--as-of", CLI.asOf, "--format", "sarif"], prefix: ["bash", "-c", script])
        #expect(r.status == 3, "\(r.err)")
        #expect(r.errLines == ["error: cannot write standard output: Broken pipe"])
    }

    /// Standard error closed or full, with standard output failing too: exit 3 with no
    /// message (there is nowhere to put one), not a crash. With an input error it stays 2.
    @Test(arguments: ["2>&- > /dev/full", "2>/dev/full > /dev/full"])
    func failingStandardErrorStillGivesAnExitCode(_ redirection: String) throws {
        let r = try CLI.run(["lint", "samples/risky", "--as-of", CLI.asOf], prefix: Self.redirected(redirection))
        #expect(r.status == 3)
        #expect(r.stderr.isEmpty)
        let s = try Scratch()
        let bad = try CLI.run(["lint", s.path + "/none.csv", "--as-of", CLI.asOf], prefix: Self.redirected(redirection))
        #expect(bad.status == 2)
    }

    /// Standard error closed but never needed (findings go to standard output): the
    /// run's own answer, 1, is kept and the report is complete.
    @Test func closedStandardErrorThatIsNotNeededKeepsTheAnswer() throws {
        let r = try CLI.run(["lint", "samples/risky", "--as-of", CLI.asOf], prefix: Self.redirected("2>&-"))
        #expect(r.status == 1, "exit \(r.status)")
        #expect(r.out.contains("\n1 account, 12 rows read: "))
    }

    // MARK: signals

    /// SIGTERM (a cancelled CI job) while a large report is being read or written: exit
    /// 143, and the output directory holds what it held before, with no temporary file.
    @Test func sigtermLeavesNoTemporaryFile() throws {
        let s = try Scratch()
        var csv = Inputs.header + "\n" + Inputs.rootRow + "\n"
        for i in 0..<60_000 {
            // Every third user without MFA: findings, so the outputs are several megabytes.
            let row = Inputs.userRow("user\(i)")
            csv += (i % 3 == 0 ? row.replacingOccurrences(of: ",N/A,true,false,", with: ",N/A,false,false,") : row) + "\n"
        }
        // 60,000 users is past the 20,004-row cap (4x AWS's 5,000 users): --max-input-size 1024 raises it 4x.
        let input = try s.write("in/credential-report.csv", csv)
        try s.write("out/a.sarif", Self.previous)
        let bin = try #require(CLI.binary)
        for delay in [0.3, 1.2] {
            let p = Process()
            // The test runner's children inherit SIGTERM ignored (and credlint keeps a signal
            // its parent ignores, as `nohup` expects); a CI runner's are not: restore that.
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["--default-signal=TERM", bin.path, "lint", input, "--as-of", CLI.asOf, "--max-input-size", "1024", "--format", "json", "--output", "sarif=\(s.path)/out/a.sarif",
                           "--output", "junit=\(s.path)/out/b.xml"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            p.terminate()
            p.waitUntilExit()
            // 0.3 s is well before a 60,000-user run ends: it must have been stopped.
            if delay < 1 { #expect(p.terminationStatus == 143 && p.terminationReason == .exit, "exit \(p.terminationStatus)") }
            if p.terminationStatus == 143 {
                #expect(p.terminationReason == .exit)
                let listing = Self.listing(s.path + "/out")
                if delay < 1 || listing == ["a.sarif"] {
                    // Stopped before the commit: what was there before, nothing else.
                    #expect(listing == ["a.sarif"], "after \(delay) s")
                    #expect(Self.contents(s.path + "/out/a.sarif") == Self.previous)
                } else {
                    // Stopped after the commit (while writing standard output): the whole
                    // new set is in place, and still no temporary file.
                    #expect(listing == ["a.sarif", "b.xml"], "after \(delay) s")
                    #expect(Self.contents(s.path + "/out/a.sarif") != Self.previous)
                }
                try s.write("out/a.sarif", Self.previous)
                try? FileManager.default.removeItem(atPath: s.path + "/out/b.xml")
            } else {
                // It finished first: then both outputs are complete and nothing else is there.
                #expect(p.terminationStatus == 1, "exit \(p.terminationStatus)")
                #expect(Self.listing(s.path + "/out") == ["a.sarif", "b.xml"])
                try s.write("out/a.sarif", Self.previous)
                try? FileManager.default.removeItem(atPath: s.path + "/out/b.xml")
            }
        }
    }
}
