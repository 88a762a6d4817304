import Foundation
import Testing
@testable import CredLintXML
@testable import CredLintModel
@testable import CredLintExpr
@testable import CredLintEngine

// The caps of issue 7 at the library level (the command-line tests in
// CredLintCLITests/HardeningCLITests.swift check exit code 2 and the message
// for the big cases): each default, and each cap firing with a clear error.

@Suite("Resource caps")
struct ResourceCapTests {
    @Test func defaultsAreFarAboveARealAccountAndFarBelowHarm() {
        // A 5,000-user credential report is about 1.7 MB and its GetAccountAuthorizationDetails
        // some tens of MB (docs/reliability.md); one record is a few hundred bytes.
        let options = InputLoader.Options()
        #expect(options.caps == .standard)
        #expect(options.caps.inputBytes == 256 << 20)
        #expect(CSVReader.defaultMaxRecordBytes == 1 << 20)
        #expect(IAMXMLReader.limits(.standard) == XMLLimits(maxDepth: 64, maxElements: 5_000_000, maxTextBytes: 8 << 20, maxFileBytes: 256 << 20))
        #expect(XMLLimits.default == XMLLimits(maxDepth: 64, maxElements: 5_000_000, maxTextBytes: 1 << 20, maxFileBytes: 256 << 20))
        #expect(JSONParser().maxDepth == 128 && JSONParser().maxStringLength == 16 << 20)
        #expect(YAMLValue.maxBytes == 1 << 20)
        #expect(ExprParser.maxDepth == 64)
        #expect(CredentialReportParser.maxBlankLinesInARow == 1_000)
    }

    @Test func csvRecordCapStopsAnEndlessField() throws {
        let reader = CSVReader(bytes: Array("user,arn\n\"".utf8) + Array(repeating: 0x61, count: 10_000), path: "r.csv",
                               chunkSize: 512, maxRecordBytes: 4_096)
        let e = try #require(throws: CredLintError.self) { try reader.forEachRecord { _ in } }
        #expect(e.description.hasPrefix("r.csv:2:1: error: record is longer than 4096 bytes (the quoted field opened at 2:1 is still open)"))
    }

    @Test func blankLinesBeforeTheHeaderAreCapped() throws {
        var notes: [Note] = []
        let blank = Array(repeating: UInt8(ascii: "\n"), count: 5_000)
        let e = try #require(throws: CredLintError.self) {
            try CredentialReportParser.parse(.bytes(blank), path: "b.csv", notes: &notes) { _ in }
        }
        #expect(e.message == "found more than 1000 blank lines in a row and no header; expected a credential report "
                + "header (user,arn,...) on the first line")
        #expect(e.location == SourceLocation(path: "b.csv"))
        #expect(throws: CredLintError.self) { try CredentialReportParser.peekAccountID(.bytes(blank), path: "b.csv") }
        // At the cap the header is still found (with a note for the skipped lines).
        let header = Array(GeneratedReport.header.joined(separator: ",").utf8) + [10]
        let ok = Array(blank.prefix(1_000)) + header
        let stats = try CredentialReportParser.parse(.bytes(ok), path: "b.csv", notes: &notes) { _ in }
        #expect(stats.rowsRead == 0)
        #expect(notes.contains { $0.message.contains("1000 blank lines before the header") })
    }

    @Test func blankLinesAfterTheHeaderAreCappedToo() throws {
        // A header and then endless line breaks: an error after 1,000 of them, not a read to the end.
        var rng = PropertyRNG(seed: 3)
        var report = GeneratedReport.make(&rng)
        while report.rows.isEmpty { report = GeneratedReport.make(&rng) }
        let header = Array((GeneratedReport.header.joined(separator: ",") + "\n").utf8)
        let endless = header + Array(repeating: UInt8(ascii: "\n"), count: 5_000)
        var notes: [Note] = []
        let e = try #require(throws: CredLintError.self) {
            try CredentialReportParser.parse(.bytes(endless), path: "h.csv", notes: &notes) { _ in }
        }
        #expect(e.description == "h.csv:2:1: error: found more than 1000 blank lines in a row; expected a report row on every line")
        #expect(throws: CredLintError.self) { try CredentialReportParser.peekAccountID(.bytes(endless), path: "h.csv") }
        // 1,000 blank lines between rows are still skipped with a note.
        let lines = report.text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        if lines.count == 2 {
            let padded = Array((lines[0] + "\n" + String(repeating: "\n", count: 1_000) + lines[1]).utf8)
            notes = []
            var rows = 0
            _ = try CredentialReportParser.parse(.bytes(padded), path: "h.csv", notes: &notes) { _ in rows += 1 }
            #expect(rows == report.rows.count)
            #expect(notes.contains { $0.message.hasPrefix("skipped 1000 blank lines") })
        }
    }

    @Test func onlyBlankLinesUnderTheCapIsStillAnError() throws {
        var notes: [Note] = []
        let e = try #require(throws: CredLintError.self) {
            try CredentialReportParser.parse(.bytes(Array("\n\r\n\n".utf8)), path: "b.csv", notes: &notes) { _ in }
        }
        #expect(e.message == "file has only blank lines; expected a credential report header")
    }

    @Test func xmlElementCountCap() throws {
        let members = String(repeating: "<member/>", count: 2_000)
        let doc = Array("<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult><Users>\(members)</Users></ListUsersResult></ListUsersResponse>".utf8)
        let e = try #require(throws: CredLintError.self) {
            try IAMXMLReader.read(bytes: doc, displayPath: "u.xml", limits: XMLLimits(maxElements: 1_000))
        }
        #expect(e.message.hasPrefix("more than 1000 elements in one document"))
        #expect(e.location?.path == "u.xml")
        #expect(throws: Never.self) { try IAMXMLReader.read(bytes: doc, displayPath: "u.xml", limits: XMLLimits(maxElements: 3_000)) }
    }

    @Test func xmlDepthAndTextCapsThroughTheIAMReader() throws {
        let deep = Array(("<GetAccountSummaryResponse>" + String(repeating: "<a>", count: 20_000)).utf8)
        let e = try #require(throws: CredLintError.self) { try IAMXMLReader.read(bytes: deep, displayPath: "d.xml") }
        #expect(e.message.hasPrefix("elements nested deeper than 64 levels; IAM responses are shallow"))
        #expect(e.location?.line == 1)
        // The IAM reader's text cap: 8 MiB by default (4x the Content of a 5,000-user report).
        let text = Array(("<GetAccountSummaryResponse>" + String(repeating: "t", count: (8 << 20) + 1) + "</GetAccountSummaryResponse>").utf8)
        let t = try #require(throws: CredLintError.self) { try IAMXMLReader.read(bytes: text, displayPath: "t.xml") }
        #expect(t.message.contains("more than the 8388608-byte limit"))
        // --max-input-size 512 doubles it; past libxml2's 10,000,000 it cannot go.
        let raised = try #require(throws: CredLintError.self) { try IAMXMLReader.read(bytes: text, displayPath: "t.xml", caps: InputCaps(maxInputMiB: 512)) }
        #expect(!raised.message.contains("byte limit"), "past the text cap, the document's own shape is judged: \(raised.message)")
        #expect(InputCaps(maxInputMiB: 4096).xmlTextBytes == 10_000_000)
    }

    @Test func jsonDepthAndStringCapsThroughTheIAMReader() throws {
        let deep = Array(("{\"Users\":" + String(repeating: "[", count: 129) + String(repeating: "]", count: 129) + "}").utf8)
        let e = try #require(throws: CredLintError.self) { try IAMJSONReader.read(bytes: deep, path: "d.json") }
        #expect(e.message == "found arrays or objects nested deeper than 128 levels, expected at most 128")
        let long = Array(("{\"Users\": \"" + String(repeating: "s", count: (16 << 20) + 1) + "\"}").utf8)
        let s = try #require(throws: CredLintError.self) { try IAMJSONReader.read(bytes: long, path: "s.json") }
        #expect(s.description == "s.json:1:11: error: found a string longer than 16777216 bytes, expected at most 16777216")
    }

    @Test func ruleFileAndExpressionCaps() throws {
        let big = "id: CL900\n# " + String(repeating: "x", count: YAMLValue.maxBytes) + "\n"
        let e = try #require(throws: CredLintError.self) { try RuleSource.parse(text: big, path: "CL900-big.yml") }
        #expect(e.message.hasPrefix("file is \(big.utf8.count) bytes; expected at most 1048576"))
        let deep = String(repeating: "(", count: 65) + "1" + String(repeating: ")", count: 65)
        let x = try #require(throws: ExprError.self) { try ExprParser.parse(deep) }
        #expect(x.message == "expression is nested more than 64 levels deep; split it up")
        #expect(throws: Never.self) { try ExprParser.parse(String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)) }
    }

    @Test func stdinIsSniffedBeforeItIsBuffered() throws {
        // The loader's own stdin reader judges the first 4 KiB; injected bytes go through the same sniffing.
        let e = try #require(throws: CredLintError.self) {
            try InputLoader().load(paths: ["-"], readStdin: { Array(repeating: 10, count: 10_000) })
        }
        #expect(e.description.hasPrefix("stdin:1:1: error: found a blank file"))
    }
}

@Suite("--keep-going in the loader")
struct KeepGoingLoaderTests {
    /// Directory `a` names account 111111111111 only through its (broken) report, and also holds a
    /// summary that names no account; directory `b` is account 222222222222. The summary must not
    /// be linted as account 222222222222's just because that is the only account left.
    @Test func aFailedFileTakesItsDirectoryWithIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-kg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for d in ["a", "b"] { try FileManager.default.createDirectory(at: dir.appendingPathComponent(d), withIntermediateDirectories: true) }
        let header = GeneratedReport.header.joined(separator: ",")
        try Data((header + "\n\"broken\n").utf8).write(to: dir.appendingPathComponent("a/report.csv"))
        let summary = "<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap><entry><key>Users</key><value>1</value></entry></SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>"
        try Data(summary.utf8).write(to: dir.appendingPathComponent("a/summary.xml"))
        var rng = PropertyRNG(seed: 7)
        var good = GeneratedReport.make(&rng)
        while good.rows.isEmpty { good = GeneratedReport.make(&rng) }
        try Data(good.text.utf8).write(to: dir.appendingPathComponent("b/report.csv"))

        #expect(throws: CredLintError.self) { try InputLoader().load(paths: [dir.path]) }

        var options = InputLoader.Options()
        options.keepGoing = true
        let result = try InputLoader(options: options).load(paths: [dir.path])
        #expect(result.accounts.map(\.accountID) == [good.accountID])
        #expect(result.accounts.first?.summary == nil)
        let failure = try #require(result.failures.first)
        #expect(result.failures.count == 1)
        #expect(failure.accountID == "unknown")
        #expect(failure.errors.count == 1)
        #expect(failure.errors.first?.message.hasPrefix("quoted field is never closed") == true)
        #expect(failure.files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["report.csv", "summary.xml"])
    }

    @Test func lintRunnerTurnsFailuresIntoCL000() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-kg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.xml")
        try Data("<GetAccountSummaryResponse>".utf8).write(to: file)
        let catalog = try PropertyTests.catalog.get()
        let report = try LintRunner(catalog: catalog, configuration: Configuration(), asOf: Timestamp(seconds: 1_764_331_200),
                                    keepGoing: true).run(paths: [file.path])
        #expect(report.inputErrors.count == 1)
        #expect(report.rules.first?.id == "CL000")
        let finding = try #require(report.allFindings.first)
        #expect(report.allFindings.count == 1)
        #expect(finding.ruleID == InputErrorRule.id && finding.ruleName == "input-error" && finding.severity == .critical)
        #expect(finding.message == report.inputErrors[0].description)
        #expect(finding.location == report.inputErrors[0].location)
        #expect(throws: CredLintError.self) {
            try LintRunner(catalog: catalog, configuration: Configuration()).run(paths: [file.path])
        }
    }
}
