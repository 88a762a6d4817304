import Foundation
import Testing
@testable import CredLintModel

/// Reads every record of `text` as strings, with the given refill size.
private func records(_ text: String, chunk: Int = CSVReader.defaultChunkSize, maxRecordBytes: Int = 1 << 20)
    throws -> [[String]] {
    try records(Array(text.utf8), chunk: chunk, maxRecordBytes: maxRecordBytes).map(\.fields)
}

private func records(_ bytes: [UInt8], chunk: Int = CSVReader.defaultChunkSize, maxRecordBytes: Int = 1 << 20)
    throws -> [(line: Int, fields: [String])] {
    let reader = CSVReader(bytes: bytes, path: "in.csv", chunkSize: chunk, maxRecordBytes: maxRecordBytes)
    var out: [(line: Int, fields: [String])] = []
    try reader.forEachRecord { out.append(($0.line, $0.fields)) }
    return out
}

/// The error a read throws, as printed (`path:line:column: error: ...`).
private func readError(_ text: String, chunk: Int = CSVReader.defaultChunkSize, maxRecordBytes: Int = 1 << 20) -> String? {
    readError(Array(text.utf8), chunk: chunk, maxRecordBytes: maxRecordBytes)
}

private func readError(_ bytes: [UInt8], chunk: Int = CSVReader.defaultChunkSize, maxRecordBytes: Int = 1 << 20) -> String? {
    do {
        _ = try records(bytes, chunk: chunk, maxRecordBytes: maxRecordBytes)
        return nil
    } catch let e as CredLintError {
        return e.description
    } catch {
        return "unexpected error type: \(error)"
    }
}

/// Refill sizes: 1-7 make every record straddle refills (and force buffer growth).
private let chunkSizes = [1, 2, 3, 7, 16, 64, CSVReader.defaultChunkSize]

@Suite struct CSVReaderTests {
    @Test(arguments: chunkSizes)
    func plainFieldsAndLineEndings(chunk: Int) throws {
        #expect(try records("a,b,c\n1,2,3\n", chunk: chunk) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try records("a,b\r\n1,2\r\n", chunk: chunk) == [["a", "b"], ["1", "2"]])
        #expect(try records("a,b\n1,2", chunk: chunk) == [["a", "b"], ["1", "2"]])  // no final newline
        #expect(try records("a,b\r\n1,2", chunk: chunk) == [["a", "b"], ["1", "2"]])
        #expect(try records("a\rb\r", chunk: chunk) == [["a"], ["b"]])  // lone CR ends a line too
    }

    @Test(arguments: chunkSizes)
    func quotedFields(chunk: Int) throws {
        #expect(try records(#""a,b","say ""hi""",c"# + "\n", chunk: chunk) == [["a,b", #"say "hi""#, "c"]])
        #expect(try records(#""",x,"""""# + "\n", chunk: chunk) == [["", "x", "\""]])
        #expect(try records("\"quoted at EOF\"", chunk: chunk) == [["quoted at EOF"]])
        #expect(try records("\"\"\"\"", chunk: chunk) == [["\""]])
        // A quote inside an unquoted field is literal (moto writes such paths).
        #expect(try records("we\"ird,x\"\n", chunk: chunk) == [["we\"ird", "x\""]])
    }

    @Test(arguments: chunkSizes)
    func emptyFieldsAndBlankLines(chunk: Int) throws {
        #expect(try records("a,,c,\n,\n", chunk: chunk) == [["a", "", "c", ""], ["", ""]])
        #expect(try records("a,", chunk: chunk) == [["a", ""]])
        // A blank line is one empty field; the record view says so.
        let reader = CSVReader(bytes: Array("a\n\n\"\"\nb".utf8), path: "in.csv", chunkSize: chunk)
        var blanks: [Bool] = []
        try reader.forEachRecord { blanks.append($0.isBlank) }
        #expect(blanks == [false, true, false, false])
        #expect(try records("", chunk: chunk).isEmpty)
        #expect(try records("\n", chunk: chunk) == [[""]])
    }

    @Test(arguments: chunkSizes)
    func byteOrderMarkIsSkipped(chunk: Int) throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("user,arn\r\nx,y\r\n".utf8)
        let got = try records(bytes, chunk: chunk)
        #expect(got.map(\.fields) == [["user", "arn"], ["x", "y"]])
        #expect(got.map(\.line) == [1, 2])
        // Only at the very start, and a lone BOM is an empty input.
        #expect(try records([0xEF, 0xBB, 0xBF], chunk: chunk).isEmpty)
        #expect(try records(Array("a\n".utf8) + [0xEF, 0xBB, 0xBF], chunk: chunk).map(\.fields) == [["a"], ["\u{FEFF}"]])
    }

    @Test(arguments: chunkSizes)
    func lineNumbersCountBreaksInsideQuotes(chunk: Int) throws {
        let text = "h1,h2\n\"multi\nline\r\nvalue\",x\nnext,row\r\n\"a\rb\",c\nlast,1"
        let got = try records(Array(text.utf8), chunk: chunk)
        #expect(got.map(\.line) == [1, 2, 5, 6, 8])  // the lone CR inside quotes counts too
        #expect(got[1].fields == ["multi\nline\r\nvalue", "x"])
        #expect(got[3].fields == ["a\rb", "c"])
    }

    @Test func fieldAccessors() throws {
        let text = "TRUE,true,N/A,2017-07-18T21:41:36+00:00,\"q\",caf\u{E9},arn:aws:iam::1:root\n"
        let reader = CSVReader(bytes: Array(text.utf8), path: "in.csv")
        var checked = false
        try reader.forEachRecord { r in
            #expect(r.count == 7)
            #expect(r.equals(1, "true") && !r.equals(0, "true"))
            #expect(r.equalsIgnoringCase(0, "true") && r.equalsIgnoringCase(1, "TRUE") && !r.equalsIgnoringCase(2, "n/a "))
            #expect(r.equals(2, "N/A"))
            #expect(r.timestamp(3) == ISO8601.parse("2017-07-18T21:41:36Z"))
            #expect(r.timestamp(2) == nil)
            #expect(r.isQuoted(4) && !r.isQuoted(5))
            #expect(r.string(5) == "caf\u{E9}" && r.byteCount(5) == 5)
            #expect(r.hasPrefix(6, "arn:") && !r.hasPrefix(5, "arn:"))
            #expect(ISO8601.parse(r.bytes(3))?.iso8601 == "2017-07-18T21:41:36Z")
            checked = true
        }
        #expect(checked)
    }

    @Test func fieldLocationsCountScalarsAndLines() throws {
        let text = "a,b\n\u{65E5}\u{672C},\"x\ny\",z\n"
        let reader = CSVReader(bytes: Array(text.utf8), path: "r.csv")
        var locations: [String] = []
        try reader.forEachRecord { r in
            for i in 0..<r.count { locations.append(r.location(ofField: i).description) }
        }
        #expect(locations == ["r.csv:1:1", "r.csv:1:3", "r.csv:2:1", "r.csv:2:4", "r.csv:3:4"])
    }

    // MARK: - Errors

    @Test(arguments: chunkSizes)
    func unterminatedQuotePointsAtTheOpeningQuote(chunk: Int) {
        #expect(readError("a,b\nc,\"open\nstill open", chunk: chunk)
            == "in.csv:2:3: error: quoted field is never closed; expected a closing '\"' before the end of the file")
    }

    @Test(arguments: chunkSizes)
    func characterAfterClosingQuote(chunk: Int) {
        #expect(readError("a\n\"ab\"c,d\n", chunk: chunk)
            == "in.csv:2:5: error: 'c' after a closing quote; expected ',' or the end of the line "
            + "(a quote inside a quoted field is written \"\")")
        #expect(readError("\"x\" \n", chunk: chunk)?.hasPrefix("in.csv:1:4: error: ' ' after a closing quote") == true)
    }

    @Test(arguments: chunkSizes)
    func nulByteIsAnError(chunk: Int) {
        let msg = "error: NUL byte in CSV text; expected a UTF-8 text file (is this a binary file?)"
        #expect(readError(Array("a,b\nc,d".utf8) + [0] + Array("e\n".utf8), chunk: chunk) == "in.csv:2:4: " + msg)
        #expect(readError(Array("a,\"b".utf8) + [0] + Array("\"\n".utf8), chunk: chunk) == "in.csv:1:5: " + msg)
        #expect(readError([0], chunk: chunk) == "in.csv:1:1: " + msg)
        #expect(readError(Array("ok\n".utf8) + [0], chunk: chunk) == "in.csv:2:1: " + msg)
    }

    @Test func recordsBeforeABadByteAreStillDelivered() throws {
        let reader = CSVReader(bytes: Array("a\nb\n".utf8) + [0], path: "in.csv", chunkSize: 2)
        var seen: [String] = []
        #expect(throws: CredLintError.self) { try reader.forEachRecord { seen.append($0.string(0)) } }
        #expect(seen == ["a", "b"])
    }

    @Test(arguments: [1, 7, 64, 4096])
    func recordLongerThanTheLimit(chunk: Int) {
        let long = String(repeating: "x", count: 200)
        #expect(readError("a\n\(long)\n", chunk: chunk, maxRecordBytes: 100)
            == "in.csv:2:1: error: record is longer than 100 bytes; expected CSV lines of reasonable length")
        // When the limit is hit before the quote closes, the message says where it opened.
        let open = readError("a\nb,\"\(long)\"\n", chunk: chunk, maxRecordBytes: 100)
        #expect(open == "in.csv:2:1: error: record is longer than 100 bytes"
            + (chunk < 100 ? " (the quoted field opened at 2:3 is still open)" : "")
            + "; expected CSV lines of reasonable length")
        // Exactly at the limit is fine (terminator included).
        #expect((try? records(String(repeating: "y", count: 99) + "\n", chunk: chunk, maxRecordBytes: 100))?.count == 1)
    }

    @Test func memoryStaysBoundedOnHugeRecords() throws {
        // 5 MB without a line break must fail at the limit, not buffer the whole input.
        let bytes = [UInt8](repeating: 0x61, count: 5_000_000)
        #expect(readError(bytes, chunk: 65536)?.contains("record is longer than 1048576 bytes") == true)
    }

    @Test func readsFilesAndReportsMissingOnes() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "user,arn\n"
        for i in 0..<5000 { text += "u\(i),\"arn:aws:iam::123456789012:user/u,\(i)\"\n" }
        try text.write(to: url, atomically: true, encoding: .utf8)
        let reader = try CSVReader(fileAtPath: url.path, displayPath: "shown.csv", chunkSize: 4096)
        var count = 0, last: [String] = []
        try reader.forEachRecord { r in count += 1; last = r.fields }
        #expect(count == 5001)
        #expect(last == ["u4999", "arn:aws:iam::123456789012:user/u,4999"])
        #expect(throws: CredLintError("cannot open file: No such file or directory", path: "nope.csv")) {
            try CSVReader(fileAtPath: "/nonexistent/credlint/x.csv", displayPath: "nope.csv")
        }
    }

    @Test func nextRecordAllowsStoppingEarly() throws {
        let reader = CSVReader(bytes: Array("h\n1\n2\n".utf8), path: "in.csv", chunkSize: 1)
        #expect(try reader.nextRecord { $0.string(0) } == "h")
        #expect(try reader.nextRecord { $0.line } == 2)
        #expect(try reader.nextRecord { $0.string(0) } == "2")
        #expect(try reader.nextRecord { $0.string(0) } == nil)
    }

    @Test(arguments: 0..<40)
    func randomBytesNeverCrash(seed: Int) {
        var rng = PropertyRNG(seed: UInt64(seed))
        let alphabet: [UInt8] = [0x2C, 0x22, 0x0A, 0x0D, 0x61, 0x20, 0xC3, 0xA9, 0xFF, 0x00]
        let bytes = (0..<rng.below(400)).map { _ in
            rng.below(4) == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[rng.below(alphabet.count - 1)]
        }
        for chunk in [1, 5, 4096] {
            // Either records or a located CredLintError: nothing else, and the same answer for every chunk size.
            let outcome: String
            do { outcome = "\(try records(bytes, chunk: chunk).map(\.fields))" } catch let e as CredLintError {
                outcome = e.description
            } catch { outcome = "other: \(error)" }
            let reference: String
            do { reference = "\(try records(bytes).map(\.fields))" } catch { reference = "\(error)" }
            #expect(outcome == reference)
            #expect(!outcome.hasPrefix("other"))
        }
    }

    // MARK: - Differential: write random documents with RFC 4180 quoting, read them back.

    @Test(arguments: 0..<25)
    func randomDocumentsRoundTrip(seed: Int) throws {
        var rng = PropertyRNG(seed: 0xC5F0 &+ UInt64(seed))
        for _ in 0..<20 {
            let doc = RandomCSV.make(&rng)
            for chunk in [1, 3, 7, 13, 64, 65536] {
                let got = try records(doc.bytes, chunk: chunk)
                #expect(got.map(\.fields) == doc.records, "seed \(seed), chunk \(chunk)")
                #expect(got.map(\.line) == doc.lines, "seed \(seed), chunk \(chunk)")
            }
        }
    }
}

/// Random RFC 4180 documents together with the records and start lines they must read back as.
enum RandomCSV {
    struct Document { var bytes: [UInt8]; var records: [[String]]; var lines: [Int] }

    private static let pieces = ["a", "b", "Z", "0", "9", " ", ",", "\"", "\n", "\r", "\r\n", "\u{E9}", "\u{65E5}",
                                 "\u{1F511}", "N/A", "arn:aws:iam::1:user/x", "true", "-", "."]

    static func make(_ rng: inout PropertyRNG) -> Document {
        var records: [[String]] = []
        for _ in 0..<rng.below(12) {
            var fields: [String] = []
            for _ in 0..<(1 + rng.below(6)) {
                var f = ""
                for _ in 0..<rng.below(rng.below(4) == 0 ? 40 : 6) { f += pieces[rng.below(pieces.count)] }
                fields.append(f)
            }
            records.append(fields)
        }
        var text = rng.below(5) == 0 ? "\u{FEFF}" : ""
        var lines: [Int] = []
        var line = 1
        for (n, fields) in records.enumerated() {
            lines.append(line)
            var row = ""
            for (i, f) in fields.enumerated() {
                if i > 0 { row += "," }
                let special = f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                // A lone empty field must be quoted, or it reads back as a blank line (which it also is,
                // but then the writer could not tell a blank record from no record at the end).
                if special || (fields.count == 1 && f.isEmpty) || rng.below(4) == 0 {
                    row += "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                } else {
                    row += f
                }
            }
            line += lineBreaks(in: row)
            let last = n == records.count - 1
            if !last || rng.below(2) == 0 {
                row += rng.below(2) == 0 ? "\n" : "\r\n"
                line += 1
            }
            text += row
        }
        return Document(bytes: Array(text.utf8), records: records, lines: lines)
    }

    /// LF, CRLF and a lone CR each count once (the reader's rule).
    private static func lineBreaks(in s: String) -> Int {
        let u = Array(s.utf8)
        var n = 0
        for (i, c) in u.enumerated() where c == 0x0A || (c == 0x0D && (i + 1 == u.count || u[i + 1] != 0x0A)) { n += 1 }
        return n
    }
}
