#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import CredLintModel

/// One large credential report evaluated in pieces on several threads.
///
/// The file is cut at line boundaries into `threads` byte ranges; each range is
/// parsed and evaluated by its own `RowEvaluator`, and the pieces are joined in
/// file order with their line numbers shifted. A cut is only a record boundary
/// if the piece before it ends there without an open quoted field, which the
/// piece before's own parse proves: it would fail otherwise. So anything out of
/// the ordinary (any error, a note from a later piece, rows of two accounts)
/// returns nil and the caller reads the report serially, which gives exactly
/// the serial errors and notes.
enum ParallelReport {
    /// Reports smaller than this are read serially: a thread costs more than it saves.
    static let minimumBytes = 1 << 20

    struct Piece {
        var evaluator: RowEvaluator
        var lineBreaks: Int
        var accountID: String?
        var rowsRead: Int
        var notes: [Note]
        var arnLines: [UInt64: Int32]
    }

    /// The evaluated pieces in file order (lines already shifted), the header's notes,
    /// and the report's stats; nil when the report should be read serially.
    /// The pieces share `file`'s one descriptor (positional reads). `caps` bound record size
    /// and rows; a report past the row cap is left to the serial read, which names the row.
    static func evaluate(file: InputFile, shownPath: String, threads: Int, minimumBytes: Int = ParallelReport.minimumBytes,
                         caps: InputCaps = .standard,
                         makeEvaluator: () -> RowEvaluator) -> (pieces: [RowEvaluator], notes: [Note], rowsRead: Int)? {
        guard threads > 1 else { return nil }
        let size = file.size
        guard size >= minimumBytes else { return nil }
        guard let cuts = cuts(file: file, size: size, pieces: threads), cuts.count > 2 else { return nil }

        // The header, for the pieces after the first.
        let record = caps.csvRecordBytes
        let headerReader = CSVReader(file: file, displayPath: shownPath, maxRecordBytes: record)
        guard let header = try? CredentialReportParser.header(headerReader) else { return nil }

        let n = cuts.count - 1
        let evaluators = (0..<n).map { _ in makeEvaluator() }
        let box = Box(count: n)
        DispatchQueue.concurrentPerform(iterations: n) { k in
            let range = cuts[k]..<cuts[k + 1]
            do {
                let reader = CSVReader(file: file, displayPath: shownPath, range: range, maxRecordBytes: record)
                var notes: [Note] = []
                let ev = evaluators[k]
                if k == 0 {
                    let stats = try CredentialReportParser.parse(reader, maxRows: caps.reportRows, notes: &notes) { ev.evaluate($0) }
                    box.set(k, Piece(evaluator: ev, lineBreaks: reader.nextLine - 1, accountID: stats.firstAccountID,
                                     rowsRead: stats.rowsRead, notes: notes, arnLines: stats.arnLines))
                } else {
                    let stats = try CredentialReportParser.parseRows(reader, columns: header, maxRows: caps.reportRows,
                                                                    notes: &notes) { ev.evaluate($0) }
                    box.set(k, Piece(evaluator: ev, lineBreaks: stats.lineBreaks, accountID: stats.accountID,
                                     rowsRead: stats.rowsRead, notes: notes, arnLines: stats.arnLines))
                }
            } catch {
                box.set(k, nil)
            }
        }
        let pieces = box.pieces
        guard pieces.allSatisfy({ $0 != nil }) else { return nil }
        let all = pieces.map { $0! }
        // Notes past the first piece carry line numbers in their text; and every row
        // must be in the first row's account (the serial parse says where it is not).
        guard all.map(\.rowsRead).reduce(0, +) <= caps.reportRows,
              all.dropFirst().allSatisfy({ $0.notes.isEmpty }),
              all.allSatisfy({ $0.accountID == nil || $0.accountID == all[0].accountID }) else { return nil }
        // A user in two pieces: the serial read names both lines.
        var arns = Set(all[0].arnLines.keys)
        for p in all.dropFirst() {
            for k in p.arnLines.keys where !arns.insert(k).inserted { return nil }
        }
        var offset = 0
        for p in all {
            p.evaluator.shiftLines(by: offset)
            offset += p.lineBreaks
        }
        return (all.map(\.evaluator), all[0].notes, all.map(\.rowsRead).reduce(0, +))
    }

    /// Byte offsets 0 = c0 < c1 < ... < size: each inner cut is just after a line break,
    /// with a non-empty line on either side of it (so no run of blank lines is split).
    static func cuts(file: InputFile, size: Int, pieces: Int) -> [Int]? {
        let fd = file.fd
        var out = [0]
        let window = 1 << 16
        var buf = [UInt8](repeating: 0, count: window)
        for i in 1..<pieces {
            var at = max(size * i / pieces, out.last! + 1)
            var found: Int?
            search: while found == nil && at < size - 1 && at - size * i / pieces < 4 << 20 {
                let start = max(0, at - 3)
                let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, window, off_t(start)) }
                guard n > 4 else { break }
                for j in (at - start)..<(n - 1) where buf[j] == 0x0A && j >= 2 {
                    let before = buf[j - 1] == 0x0D ? (j >= 3 ? buf[j - 2] : 0x0A) : buf[j - 1]
                    let after = buf[j + 1]
                    if before != 0x0A && before != 0x0D && after != 0x0A && after != 0x0D {
                        found = start + j + 1
                        break search
                    }
                }
                at = start + n - 1
            }
            if let f = found, f > out.last!, f < size { out.append(f) }
        }
        out.append(size)
        return out
    }

    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Piece?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ p: Piece?) { lock.lock(); slots[i] = p; lock.unlock() }
        var pieces: [Piece?] { lock.lock(); defer { lock.unlock() }; return slots }
    }
}
