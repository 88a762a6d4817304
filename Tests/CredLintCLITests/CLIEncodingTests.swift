import Foundation
import Testing

/// Issue 15, item 2: a report saved as UTF-16 (PowerShell's `>`), gzip-compressed, or
/// under a file name that is not UTF-8 lints exactly like its plain form, instead of
/// being skipped as binary while the gate passes.
@Suite struct CLIEncodingTests {
    static let csv = Inputs.report([Inputs.userRow("alice"), Inputs.userRow("bob").replacingOccurrences(of: ",N/A,true,false,", with: ",N/A,false,false,")])

    /// `gzip -c` of `bytes`.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let s = try Scratch()
        let input = try s.write("in", bytes)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-c", "-n", input]
        let out = s.url.appendingPathComponent("out")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: out)
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return [UInt8](try Data(contentsOf: out))
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for u in text.utf16 { out += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
        return out
    }

    /// The text output without the file name, to compare a wrapped report with the plain one.
    static func findings(_ r: CLI.Result, _ path: String) -> String { r.out.replacingOccurrences(of: path, with: "REPORT") }

    static var forms: [(String, () throws -> [UInt8])] {
        let plain = Array(csv.utf8)
        return [
            ("utf16-le-crlf.csv", { utf16(csv.replacingOccurrences(of: "\n", with: "\r\n"), bigEndian: false) }),
            ("utf16-be.csv", { utf16(csv, bigEndian: true) }),
            ("report.csv.gz", { try gzip(plain) }),
            ("envelope.xml.gz", { try gzip(Array(Inputs.envelope(plain).utf8)) }),
            ("utf16-in-gzip.csv.gz", { try gzip(utf16(csv, bigEndian: false)) }),
            ("concatenated.csv.gz", { try gzip(Array(plain.prefix(300))) + gzip(Array(plain.dropFirst(300))) }),
        ]
    }

    @Test(arguments: 0..<6)
    func wrappedReportLintsLikeThePlainOne(_ index: Int) throws {
        let (name, make) = Self.forms[index]
        let s = try Scratch()
        let plainPath = name.contains(".xml")
            ? try s.write("plain/GetCredentialReport.xml", Inputs.envelope(text: Self.csv))
            : try s.write("plain/credential-report.csv", Self.csv)
        let path = try s.write("wrapped/\(name)", try make())
        let plain = try CLI.lint([plainPath])
        let wrapped = try CLI.lint([path])
        #expect(plain.status == 1, "\(plain.err)")
        #expect(wrapped.status == plain.status, "\(name): \(wrapped.err)")
        #expect(Self.findings(wrapped, path) == Self.findings(plain, plainPath), "\(name)")
        #expect(wrapped.out.contains("1 account, 3 rows read: "))
        // Standard input too (it is read once, then decoded the same way).
        let piped = try CLI.run(["lint", "-", "--as-of", CLI.asOf], stdin: try make())
        #expect(piped.status == plain.status, "\(name) on stdin: \(piped.err)")
    }

    /// Damaged wrappings are input errors (exit 2, one line naming what was expected).
    @Test func damagedWrappingsAreInputErrors() throws {
        let s = try Scratch()
        let whole = try Self.gzip(Array(Self.csv.utf8))
        let cut = try s.write("cut.csv.gz", Array(whole.prefix(whole.count / 2)))
        let odd = try s.write("odd.csv", Self.utf16(Self.csv, bigEndian: false) + [0x41])
        let lone = try s.write("lone.csv", Self.utf16(Self.csv, bigEndian: false) + [0x00, 0xD8, 0x41, 0x00])
        let cases = [(cut, "gzip input ends early; expected a complete gzip file"),
                     (odd, "UTF-16 input has an odd number of bytes; expected whole 16-bit units"),
                     (lone, "UTF-16 input has an unpaired surrogate; expected valid UTF-16")]
        for (path, message) in cases {
            let r = try CLI.lint([path])
            #expect(r.status == 2, "\(path): \(r.err)")
            #expect(r.errLines == ["\(path):1:1: error: \(message)"])
        }
    }

    /// A small gzip that expands past the size cap (a decompression bomb) is refused at the
    /// cap, which `--max-input-size` sets, without expanding the rest.
    @Test func decompressionBombStopsAtTheCap() throws {
        let s = try Scratch()
        let bomb = Array(Self.csv.utf8) + [UInt8](repeating: UInt8(ascii: "\n"), count: 3 << 20)
        let path = try s.write("bomb.csv.gz", try Self.gzip(bomb))
        #expect(try fileSize(path) < 64 << 10)
        let r = try CLI.lint([path], ["--max-input-size", "1"])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines == ["\(path):1:1: error: input is larger than 1048576 bytes once decompressed (raise it with --max-input-size)"])
    }

    /// An archive that is not IAM data, in an export folder, is skipped with a note like
    /// any other file there (it is judged from its first bytes, not unpacked).
    @Test func unrelatedArchiveInAFolderIsSkipped() throws {
        let s = try Scratch()
        try s.write("acct/credential-report.csv", Self.csv)
        try s.write("acct/logs.gz", try Self.gzip(Array("2026-11-28 12:00:00 started\n".utf8)))
        let r = try CLI.lint([s.path + "/acct"])
        #expect(r.status == 1, "\(r.err)")
        #expect(r.out.contains("logs.gz"), "the skipped file is named in a note")
    }

    /// A file name that is not UTF-8, in a folder and on the command line: read, and shown
    /// with the byte escaped.
    @Test func fileNameThatIsNotUTF8IsReadAndEscaped() throws {
        let s = try Scratch()
        let dir = s.path + "/acct"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var name = Array((dir + "/rep").utf8) + [0xFF] + Array("ort.csv".utf8)
        name.append(0)
        let fd = name.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(fd >= 0)
        _ = Array(Self.csv.utf8).withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        let shown = "\(dir)/rep\\xFFort.csv"
        let inFolder = try CLI.lint([dir], ["--format", "github"])
        #expect(inFolder.status == 1, "\(inFolder.err)")
        #expect(inFolder.out.contains("file=\(shown),line="), "\(inFolder.out)")
        #expect(inFolder.out.contains("1 account, 3 rows read: "))
        // On the command line the argument's raw bytes are used (bash's $'…' passes them as they are).
        let bin = try #require(CLI.binary)
        let direct = try CLI.run([], prefix: ["bash", "-c", "exec \"$0\" lint \"$1\"/rep$'\\xff'ort.csv --as-of \(CLI.asOf) --format github",
                                              bin.path, dir])
        #expect(direct.status == 1, "\(direct.err)")
        #expect(direct.out.contains("file=\(shown),line="), "\(direct.out)")
    }
}

private func fileSize(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
}
