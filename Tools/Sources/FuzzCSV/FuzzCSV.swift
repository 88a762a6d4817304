import CredLintModel
import CredLintExpr
import CredLintEngine
import CredLintReport
import FuzzSupport

// libFuzzer entry point for the credential report CSV: `CSVReader` and
// `CredentialReportParser`. Built with scripts/fuzz.sh; under a plain
// `swift build` this is an executable that does nothing.
//
// Oracles, besides "no crash, no hang, no leak, only our own located errors":
// - the reader yields the same records (or the same error) whatever its chunk
//   size, so the refill/needMore logic is checked against the one-chunk parse;
// - the parser's rows, notes and stats do not depend on the chunk size either;
// - record and row lines start at 1 and only grow;
// - when the report parses, `peekAccountID` agrees with the parser's first account.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    // One chunk holding the whole input (cheaper than the 256 KiB default buffer,
    // and the same single-refill parse), against a small chunk size taken from the
    // input, so records straddle refills at varying points.
    let chunk = 1 + Int(bytes.last ?? 0) % 17

    let whole = CSVOutcome(bytes, chunkSize: bytes.count + 1)
    let pieces = CSVOutcome(bytes, chunkSize: chunk)
    FuzzCheck.require(whole == pieces, "CSVReader",
                      "chunk size \(chunk) gives \(pieces), one chunk gives \(whole)")

    let report = ReportOutcome(bytes, chunkSize: bytes.count + 1)
    let reportPieces = ReportOutcome(bytes, chunkSize: chunk)
    FuzzCheck.require(report == reportPieces, "CredentialReportParser",
                      "chunk size \(chunk) gives \(reportPieces), one chunk gives \(report)")

    if case .parsed(_, _, let stats) = report {
        let peeked = FuzzCheck.run("peekAccountID") {
            try CredentialReportParser.peekAccountID(.bytes(bytes), path: "fuzz.csv")
        }
        FuzzCheck.require(peeked != nil, "peekAccountID", "threw on a report that parses")
        FuzzCheck.require(peeked! == stats.firstAccountID, "peekAccountID",
                          "peeked \(String(describing: peeked!)), parse saw \(String(describing: stats.firstAccountID))")
    }
    return 0
}

/// Every record as strings plus quoting and line, or the error text.
enum CSVOutcome: Equatable, CustomStringConvertible {
    case records([[String]], quoted: [[Bool]], lines: [Int])
    case failed(String)

    init(_ bytes: [UInt8], chunkSize: Int) {
        let reader = CSVReader(bytes: bytes, path: "fuzz.csv", chunkSize: chunkSize)
        var fields: [[String]] = [], quoted: [[Bool]] = [], lines: [Int] = []
        do {
            try reader.forEachRecord { r in
                FuzzCheck.require(r.count >= 1, "CSVReader", "record with no fields at line \(r.line)")
                FuzzCheck.require(r.line >= 1 && r.line > (lines.last ?? 0), "CSVReader",
                                  "record line \(r.line) after \(lines.last ?? 0)")
                fields.append(r.fields)
                quoted.append((0..<r.count).map { r.isQuoted($0) })
                lines.append(r.line)
                _ = r.location(ofField: r.count - 1)
                _ = r.locationAfterLastField()
            }
            self = .records(fields, quoted: quoted, lines: lines)
        } catch {
            FuzzCheck.expectOurs(error, "CSVReader")
            self = .failed("\(error)")
        }
    }

    var description: String {
        switch self {
        case .records(let f, _, let l): return "\(f.count) records \(f.prefix(4)) at lines \(l.prefix(4))"
        case .failed(let e): return "error \(e)"
        }
    }
}

/// The parser's rows, notes and stats, or its error text.
enum ReportOutcome: Equatable, CustomStringConvertible {
    case parsed([CredentialReportRow], [Note], CredentialReportStats)
    case failed(String)

    init(_ bytes: [UInt8], chunkSize: Int) {
        var rows: [CredentialReportRow] = []
        var notes: [Note] = []
        do {
            let reader = CSVReader(bytes: bytes, path: "fuzz.csv", chunkSize: chunkSize)
            let stats = try CredentialReportParser.parse(reader, notes: &notes) { row in
                FuzzCheck.require(row.line >= 1 && row.line > (rows.last?.line ?? 0), "CredentialReportParser",
                                  "row line \(row.line) after \(rows.last?.line ?? 0)")
                rows.append(row)
            }
            FuzzCheck.require(stats.rowsRead == rows.count, "CredentialReportParser",
                              "stats say \(stats.rowsRead) rows, \(rows.count) were handed out")
            self = .parsed(rows, notes, stats)
        } catch {
            FuzzCheck.expectOurs(error, "CredentialReportParser")
            self = .failed("\(error)")
        }
    }

    var description: String {
        switch self {
        case .parsed(let r, let n, let s): return "\(r.count) rows, \(n.count) notes, \(s)"
        case .failed(let e): return "error \(e)"
        }
    }
}
