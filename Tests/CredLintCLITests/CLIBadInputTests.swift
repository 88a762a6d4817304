import Foundation
import Testing

/// Malformed and hostile inputs through the CLI: exit 2, one located line on
/// stderr that says what was expected, no output file, and quickly.
@Suite struct CLIBadInputTests {
    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var bytes: [UInt8]
        /// The line the error must point at.
        var line: Int
        /// Substrings of the error line besides "expected".
        var mentions: [String]
        var testDescription: String { name }

        init(_ name: String, _ file: String, _ bytes: [UInt8], line: Int, _ mentions: [String] = []) {
            self.name = name; self.file = file; self.bytes = bytes; self.line = line; self.mentions = mentions
        }
        init(_ name: String, _ file: String, _ text: String, line: Int, _ mentions: [String] = []) {
            self.init(name, file, Array(text.utf8), line: line, mentions)
        }
    }

    static let row = Inputs.userRow()
    static var report: String { Inputs.report() }

    static func sample(_ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: CLI.root.appendingPathComponent(path)))) ?? []
    }

    /// Reproducible noise with NUL bytes in it (a linear congruential generator).
    static let noise: [UInt8] = {
        var x: UInt32 = 12_345
        return (0..<2048).map { _ in x = x &* 1_103_515_245 &+ 12_345; return UInt8((x >> 16) & 0xFF) }
    }()

    static let laughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
        \((2...9).map { n in " <!ENTITY lol\(n) \"" + String(repeating: "&lol\(n == 2 ? "" : String(n - 1));", count: 10) + "\">" }.joined(separator: "\n"))
        ]>
        <GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap><entry><key>Users</key><value>&lol9;</value></entry></SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>

        """

    static let xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap><entry><key>&xxe;</key><value>1</value></entry></SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>

        """

    static let cases: [BadInput] = {
        let h = Inputs.header, root = Inputs.rootRow
        let gaad = String(decoding: sample("samples/healthy/GetAccountAuthorizationDetails.xml"), as: UTF8.self)
        let policyLine = gaad.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("<PolicyDocument>") }.map { $0 + 1 } ?? 0
        let badPolicy = gaad.replacingOccurrences(of: #"<PolicyDocument>[^<]*</PolicyDocument>"#,
                                                  with: "<PolicyDocument>this%20is%20not%20json</PolicyDocument>",
                                                  options: .regularExpression, range: gaad.range(of: "<PolicyDocument>").map { $0.lowerBound..<gaad.endIndex })
        // A NUL past the first 4 KiB, where the sniffer does not look: the CSV reader must catch it.
        var lateNul = Array(Inputs.report((0..<40).map { Inputs.userRow("u\($0)") }).utf8)
        let lateNulAt = lateNul.count - 50
        lateNul[lateNulAt] = 0
        let lateNulLine = lateNul[..<lateNulAt].filter { $0 == 10 }.count + 1
        let summary = sample("samples/healthy/GetAccountSummary.xml")
        return [
            BadInput("empty file", "empty.csv", "", line: 1, ["empty"]),
            BadInput("header without arn", "no-arn.csv", Inputs.report().replacingOccurrences(of: "user,arn,", with: "user,"), line: 1, ["arn"]),
            BadInput("too few fields", "few.csv", [h, root, String(row.dropLast(4))].joined(separator: "\n") + "\n", line: 3, ["21 fields", "22"]),
            BadInput("too many fields", "many.csv", [h, root, row + ",extra"].joined(separator: "\n") + "\n", line: 3, ["23 fields", "22"]),
            BadInput("unterminated quote", "quote.csv", [h, root, "\"" + row].joined(separator: "\n") + "\n", line: 3, ["quote"]),
            BadInput("impossible date", "date.csv",
                     [h, root, row.replacingOccurrences(of: "2024-01-01T00:00:00+00:00", with: "2020-13-45T00:00:00+00:00")].joined(separator: "\n") + "\n",
                     line: 3, ["user_creation_time", "2020-13-45T00:00:00+00:00"]),
            BadInput("boolean neither true nor false", "bool.csv",
                     [h, root, row.replacingOccurrences(of: "+00:00,true,", with: "+00:00,yes,")].joined(separator: "\n") + "\n",
                     line: 3, ["password_enabled", "'yes'"]),
            BadInput("NUL byte", "nul.csv", Array(([h, root].joined(separator: "\n") + "\nal").utf8) + [0] + Array((String(row.dropFirst(2)) + "\n").utf8),
                     line: 1, ["binary"]),
            BadInput("NUL byte after the first 4 KiB", "late-nul.csv", lateNul, line: lateNulLine, ["NUL"]),
            BadInput("random binary given explicitly", "random.bin", noise, line: 1, ["binary"]),
            // Cut inside an <entry>: the last line of what is left.
            BadInput("truncated XML", "truncated.xml", Array(summary.prefix(summary.count / 2)),
                     line: summary.prefix(summary.count / 2).filter { $0 == 10 }.count + 1, ["ends inside <entry>", "truncated"]),
            BadInput("not well-formed XML", "mismatch.xml", "<GetAccountSummaryResponse>\n  <A></B>\n</GetAccountSummaryResponse>\n", line: 2, ["well-formed"]),
            BadInput("billion laughs", "laughs.xml", laughs, line: 2, ["DOCTYPE"]),
            BadInput("XXE", "xxe.xml", xxe, line: 2, ["DOCTYPE"]),
            BadInput("external DTD", "dtd.xml",
                     "<?xml version=\"1.0\"?>\n<!DOCTYPE GetAccountSummaryResponse SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<GetAccountSummaryResponse/>\n",
                     line: 2, ["DOCTYPE"]),
            BadInput("20,000-deep nesting", "deep.xml",
                     "<GetAccountSummaryResponse>\n" + String(repeating: "<a>", count: 20_000) + String(repeating: "</a>", count: 20_000) + "\n</GetAccountSummaryResponse>\n",
                     line: 2, ["nested"]),
            BadInput("base64 that does not decode", "bad-base64.xml",
                     Inputs.envelope(text: "x").replacingOccurrences(of: "<Content>eA==</Content>", with: "<Content>!!not*base64!!</Content>"),
                     line: 3, ["base64"]),
            BadInput("base64 of something that is not a report", "not-a-report.xml", Inputs.envelope(text: "hello, world\nthis is not a report\n"),
                     line: 3, ["credential report"]),
            BadInput("policy document that is not JSON", "gaad.xml", badPolicy, line: policyLine, ["policy document", "JSON"]),
            BadInput("unrelated JSON given explicitly", "package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}\n", line: 1,
                     ["JSON that is not an IAM response", "\"name\", \"version\""]),
        ]
    }()

    @Test(arguments: cases)
    func rejected(_ c: BadInput) throws {
        let dir = try Scratch()
        let path = try dir.write(c.file, c.bytes)
        try Self.expectInputError([path], at: "\(path):\(c.line):", mentions: c.mentions)
    }

    /// Lints `paths` with `--output sarif=...` and checks the issue's requirements for
    /// bad input: exit 2, no output at all, and one stderr line starting `path:line:` that
    /// says what was expected. (How fast hostile input is refused is measured by hand and
    /// in docs/reliability.md, not asserted: wall time on a shared 2-core machine is noise.)
    static func expectInputError(_ paths: [String], at prefix: String, mentions: [String],
                                 sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let dir = try Scratch()
        let sarif = dir.url.appendingPathComponent("out.sarif").path
        let r = try CLI.lint(paths, ["--output", "sarif=\(sarif)"], sourceLocation: sourceLocation)

        #expect(r.status == 2, "stderr: \(r.err)", sourceLocation: sourceLocation)
        #expect(r.stdout.count == 0, "stdout: \(r.out.prefix(200))", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: sarif), "an exit-2 run must not write its SARIF", sourceLocation: sourceLocation)
        #expect(r.errLines.count == 1, "expected one line on stderr, got: \(r.err)", sourceLocation: sourceLocation)
        let line = r.errLines.first ?? ""
        #expect(line.hasPrefix(prefix), "'\(line)' should start with '\(prefix)'", sourceLocation: sourceLocation)
        #expect(line.range(of: #"^[^:]+:\d+:(\d+:)? error: "#, options: .regularExpression) != nil, "\(line)", sourceLocation: sourceLocation)
        #expect(line.contains("expected"), "the message should say what was expected: \(line)", sourceLocation: sourceLocation)
        for m in mentions { #expect(line.contains(m), "'\(line)' should mention '\(m)'", sourceLocation: sourceLocation) }
    }

    @Test func xxeLeaksNothing() throws {
        let dir = try Scratch()
        let path = try dir.write("xxe.xml", Self.xxe)
        for format in CLIGoldenTests.formats {
            let r = try CLI.lint([path], ["--format", format, "--output", "json=\(dir.path)/out.json"])
            #expect(r.status == 2)
            for text in [r.out, r.err] {
                #expect(!text.contains("root:x:0:0"))
                #expect(!text.contains("/bin/"))
            }
            #expect(!dir.exists("out.json"))
        }
        // Inside a directory next to good data the file is not skipped silently either.
        try dir.write("acct/credential-report.csv", Inputs.report())
        try dir.write("acct/xxe.xml", Self.xxe)
        let r = try CLI.lint([dir.url.appendingPathComponent("acct").path])
        #expect(r.status == 2)
        #expect(r.err.contains("xxe.xml:2:"))
        #expect(!r.out.contains("root:x:0:0") && !r.err.contains("root:x:0:0"))
    }
}
