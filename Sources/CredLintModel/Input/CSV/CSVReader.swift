#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 reader over bytes.
///
/// Reads a file with `read(2)` into one reused buffer (or copies chunks from an
/// in-memory array), so memory depends on the longest record, never on the
/// file size. Each record is handed to a closure as a `CSVRecord` view that is
/// valid only inside it.
///
/// Semantics: fields are separated by `,`; records end with LF, CRLF or a lone
/// CR; a UTF-8 BOM at the very start is skipped; the last record may lack a
/// terminator. A quoted field may hold `,`, line breaks and `""`. A quote
/// inside an unquoted field is kept literally (moto writes such names). A
/// blank line is one empty field. Errors: an unterminated quoted field, any
/// character after a closing quote other than `,` or a line break, a NUL
/// byte, and a record longer than `maxRecordBytes`.
public final class CSVReader {
    public static let defaultChunkSize = 256 * 1024
    public static let defaultMaxRecordBytes = InputCaps.standard.csvRecordBytes

    /// The path used in error locations.
    package let path: String
    package let maxRecordBytes: Int
    /// How many bytes one refill asks for (tests use tiny values so records straddle refills).
    package let chunkSize: Int

    private var fd: Int32 = -1
    /// The shared file a reader of an `InputFile` reads from (kept alive, never closed here).
    private var shared: InputFile?
    /// Where the next read starts: reads are positional, so readers sharing a descriptor
    /// (the pieces of one report on several threads) never disturb each other.
    private var fileOffset = 0
    /// Bytes of the file still to read when reading a range of it (`Int.max`: to the end).
    private var fileRemaining = Int.max
    /// A range that starts past the file's start has no BOM to skip.
    private var checkBOM = true
    private var memory: [UInt8] = []
    private var memoryOffset = 0

    private var buf: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Start of the next record in `buf`.
    private var pos = 0
    private var filled = 0
    /// Where parsing must stop: `filled`, or the first NUL byte in the buffer. NULs
    /// are found per chunk with `memchr` so the per-byte scan tests only 3 bytes.
    private var limit = 0
    private var nulAt = -1
    private var eof = false
    private var started = false
    /// 1-based line of the next record.
    private var line = 1

    private var spans: UnsafeMutablePointer<CSVFieldSpan>
    private var spanCapacity = 32
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 256

    /// Opens a file for streaming. `displayPath` (default: `filePath`) is what error locations show.
    public convenience init(fileAtPath filePath: String, displayPath: String? = nil,
                            chunkSize: Int = CSVReader.defaultChunkSize,
                            maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes) throws {
        let shown = displayPath ?? filePath
        let fd = open(filePath, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw CredLintError("cannot open file: \(CSVReader.errnoText())", at: SourceLocation(path: shown))
        }
        self.init(path: shown, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        self.fd = fd
    }

    /// Streams bytes `range` of a file as if they were the whole input (lines count from 1),
    /// for reading one large report in parallel pieces that start at line boundaries.
    package convenience init(fileAtPath filePath: String, displayPath: String? = nil, range: Range<Int>,
                            chunkSize: Int = CSVReader.defaultChunkSize,
                            maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes) throws {
        try self.init(fileAtPath: filePath, displayPath: displayPath, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        fileOffset = range.lowerBound
        fileRemaining = range.count
        checkBOM = range.lowerBound == 0
    }

    /// Streams an already-open input file (or bytes `range` of it), from its start.
    package convenience init(file: InputFile, displayPath: String, range: Range<Int>? = nil,
                            chunkSize: Int = CSVReader.defaultChunkSize,
                            maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes) {
        self.init(path: displayPath, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        self.shared = file
        self.fd = file.fd
        if let range {
            fileOffset = range.lowerBound
            fileRemaining = range.count
            checkBOM = range.lowerBound == 0
        }
    }

    /// The 1-based line of the next record (past the end: one more than the lines read).
    package var nextLine: Int { line }

    /// Reads CSV from memory (e.g. a report decoded from an XML/JSON envelope).
    public convenience init(bytes: [UInt8], path: String, chunkSize: Int = CSVReader.defaultChunkSize,
                            maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes) {
        self.init(path: path, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        self.memory = bytes
    }

    private init(path: String, chunkSize: Int, maxRecordBytes: Int) {
        self.path = path
        self.chunkSize = max(1, chunkSize)
        // Offsets inside a record are stored as Int32.
        self.maxRecordBytes = min(max(1, maxRecordBytes), Int(Int32.max) / 2)
        capacity = self.chunkSize
        buf = CSVReader.allocateBuffer(capacity)
        spans = .allocate(capacity: spanCapacity)
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit {
        if fd >= 0 && shared == nil { close(fd) }
        buf.deallocate()
        spans.deallocate()
        scratch.deallocate()
    }

    /// Calls `body` for every record, in order.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        while try nextRecord(body) != nil {}
    }

    /// Hands the next record to `body` and returns its result, or returns nil at the end of input.
    @discardableResult
    package func nextRecord<R>(_ body: (CSVRecord) throws -> R) throws -> R? {
        if !started { try start() }
        while true {
            switch try parseRecord() {
            case let .record(end, fields, lineBreaks, escapes):
                let length = end - pos
                if length > maxRecordBytes { throw tooLarge(openQuote: nil) }
                if escapes { unescape(fields: fields, recordLength: length) }
                let record = CSVRecord(spans: spans, count: fields, start: buf + pos, length: length, line: line,
                                       reader: self)
                // Advance even when the body throws, so the reader never hands out a record twice.
                let result: R
                do {
                    defer { pos = end; line += lineBreaks }
                    result = try body(record)
                }
                return result
            case .done:
                return nil
            case let .needMore(openQuote):
                // Parsing only stops short of `filled` at a NUL: the record there is broken.
                if nulAt >= 0 { throw nulByte(at: nulAt) }
                if filled - pos > maxRecordBytes { throw tooLarge(openQuote: openQuote) }
                try refill()
            }
        }
    }

    // MARK: - Buffer management

    private func start() throws {
        started = true
        while filled < 3 && !eof && nulAt < 0 { try refill() }
        if checkBOM && filled >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { pos = 3 }
    }

    /// Moves the unfinished record to the front, grows the buffer if the record fills it, and reads more.
    private func refill() throws {
        if eof || nulAt >= 0 { return }
        if pos > 0 {
            let tail = filled - pos
            if tail > 0 { memmove(buf, buf + pos, tail) }
            filled = tail
            pos = 0
        }
        if filled == capacity {
            let newCapacity = capacity * 2
            let grown = CSVReader.allocateBuffer(newCapacity)
            grown.update(from: buf, count: filled)
            buf.deallocate()
            buf = grown
            capacity = newCapacity
        }
        let want = min(chunkSize, capacity - filled, fileRemaining)
        var got = 0
        if fd >= 0 {
            while want > 0 {
                let n = pread(fd, buf + filled, want, off_t(fileOffset))
                if n >= 0 { got = n; fileOffset += n; break }
                if errno == EINTR { continue }
                throw CredLintError("cannot read file: \(CSVReader.errnoText())", at: SourceLocation(path: path))
            }
            if fileRemaining != Int.max { fileRemaining -= got }
        } else {
            got = min(want, memory.count - memoryOffset)
            if got > 0 {
                memory.withUnsafeBufferPointer { src in
                    (buf + filled).update(from: src.baseAddress! + memoryOffset, count: got)
                }
                memoryOffset += got
            }
        }
        if got == 0 { eof = true }
        if got > 0, let z = memchr(buf + filled, 0, got) {
            nulAt = UnsafeMutableRawPointer(buf).distance(to: z)
        }
        filled += got
        limit = nulAt >= 0 ? nulAt : filled
    }

    /// `capacity` bytes plus 8 of zeroed slack, so a word load at any offset below `capacity` stays in bounds.
    private static func allocateBuffer(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 8)
        p.initialize(repeating: 0, count: capacity + 8)
        return p
    }

    private func growSpans() {
        let newCapacity = spanCapacity * 2
        let grown = UnsafeMutablePointer<CSVFieldSpan>.allocate(capacity: newCapacity)
        grown.moveInitialize(from: spans, count: spanCapacity)
        spans.deallocate()
        spans = grown
        spanCapacity = newCapacity
    }

    /// Rewrites escaped fields (`""` → `"`) into the scratch buffer. Only quoted
    /// fields containing `""` get here, so the common case never copies.
    private func unescape(fields: Int, recordLength: Int) {
        if scratchCapacity < recordLength {
            scratch.deallocate()
            scratchCapacity = max(recordLength, scratchCapacity * 2)
            scratch = .allocate(capacity: scratchCapacity)
        }
        var w = 0
        for i in 0..<fields where spans[i].flags & CSVFieldSpan.escaped != 0 {
            let s = spans[i]
            let from = w
            var k = 0
            let n = Int(s.count)
            while k < n {
                let c = s.base[k]
                scratch[w] = c
                w += 1
                k += c == 0x22 ? 2 : 1  // inside a quoted field a quote is always doubled
            }
            spans[i].base = UnsafePointer(scratch + from)
            spans[i].count = Int32(w - from)
        }
    }

    // MARK: - Parsing

    private enum Step {
        /// `end` is the offset just past the record's terminator; `lineBreaks` counts them all.
        case record(end: Int, fields: Int, lineBreaks: Int, escapes: Bool)
        case needMore(openQuote: Int?)
        case done
    }

    /// Parses one record starting at `pos`. On `.needMore` nothing changes: the
    /// record is parsed again from its start after the refill.
    @inline(__always)
    private func parseRecord() throws -> Step {
        let b = buf
        let end = limit
        let recordStart = pos
        let atEOF = eof && nulAt < 0
        if recordStart >= end { return atEOF ? .done : .needMore(openQuote: nil) }
        var sp = spans
        var spanCap = spanCapacity
        var nf = 0
        var p = recordStart
        var lineBreaks = 0
        var escapes = false
        while true {
            if nf == spanCap { growSpans(); sp = spans; spanCap = spanCapacity }
            if p == end {
                // A field that starts at the end of input: the empty last field after a trailing comma.
                if !atEOF { return .needMore(openQuote: nil) }
                sp[nf] = CSVFieldSpan(base: b + p, count: 0, rawOffset: p &- recordStart, flags: 0)
                return .record(end: p, fields: nf &+ 1, lineBreaks: lineBreaks, escapes: escapes)
            }
            // Where the field ends: at its closing quote's successor, or at the first `,` LF or CR.
            let q: Int
            if b[p] == 0x22 {
                let open = p
                var i = p &+ 1
                var escaped = false
                while true {
                    if i == end {
                        if atEOF { throw unterminated(at: open) }
                        return .needMore(openQuote: open)
                    }
                    let c = b[i]
                    if c == 0x22 {
                        if i &+ 1 == end {
                            if !atEOF { return .needMore(openQuote: open) }
                            break
                        }
                        if b[i &+ 1] == 0x22 { escaped = true; i &+= 2; continue }
                        break
                    } else if c == 0x0A {
                        lineBreaks &+= 1
                    } else if c == 0x0D {
                        if i &+ 1 == end && !atEOF { return .needMore(openQuote: open) }
                        if i &+ 1 == end || b[i &+ 1] != 0x0A { lineBreaks &+= 1 }
                    }
                    i &+= 1
                }
                sp[nf] = CSVFieldSpan(base: b + (open &+ 1), count: i &- open &- 1, rawOffset: open &- recordStart,
                                      flags: escaped ? CSVFieldSpan.quoted | CSVFieldSpan.escaped : CSVFieldSpan.quoted)
                escapes = escapes || escaped
                q = i &+ 1  // past the closing quote
            } else {
                q = CSVReader.scanUnquoted(b, from: p, to: end)
                sp[nf] = CSVFieldSpan(base: b + p, count: q &- p, rawOffset: p &- recordStart, flags: 0)
            }
            nf &+= 1
            if q == end {
                if !atEOF { return .needMore(openQuote: nil) }
                return .record(end: q, fields: nf, lineBreaks: lineBreaks, escapes: escapes)
            }
            let c = b[q]
            if c == 0x2C { p = q &+ 1; continue }
            if c == 0x0A { return .record(end: q &+ 1, fields: nf, lineBreaks: lineBreaks &+ 1, escapes: escapes) }
            // Only a closing quote can be followed by anything else: an unquoted field ends at `,` LF or CR.
            guard c == 0x0D else { throw afterClosingQuote(at: q) }
            // CR, alone or as CRLF.
            if q &+ 1 == end && !atEOF { return .needMore(openQuote: nil) }
            let e = (q &+ 1 < end && b[q &+ 1] == 0x0A) ? q &+ 2 : q &+ 1
            return .record(end: e, fields: nf, lineBreaks: lineBreaks &+ 1, escapes: escapes)
        }
    }

    /// The first `,` LF or CR at or after `p`, or `end`. (NUL bytes never get
    /// here: `refill` stops `limit` at the first one.)
    @inline(__always)
    static func scanUnquoted(_ b: UnsafeMutablePointer<UInt8>, from p: Int, to end: Int) -> Int {
        var q = p
        #if _endian(little)
        // SWAR, 8 bytes at a time. The has-zero-byte test only gives false positives
        // in bytes above a true hit, so the lowest set bit is exact.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let commas = ones &* 0x2C, lfs = ones &* 0x0A, crs = ones &* 0x0D
        while q &+ 8 <= end {
            let w = UnsafeRawPointer(b + q).loadUnaligned(as: UInt64.self)
            let a = w ^ commas, l = w ^ lfs, r = w ^ crs
            let m = (((a &- ones) & ~a) | ((l &- ones) & ~l) | ((r &- ones) & ~r)) & highs
            if m != 0 { return q &+ (m.trailingZeroBitCount &>> 3) }
            q &+= 8
        }
        #endif
        while q < end {
            let c = b[q]
            if c == 0x2C || c == 0x0A || c == 0x0D { break }
            q &+= 1
        }
        return q
    }

    // MARK: - Errors

    private func location(at offset: Int) -> SourceLocation {
        CSVRecord.location(path: path, recordStart: UnsafePointer(buf + pos), recordLine: line, limit: filled - pos,
                           offset: offset - pos)
    }

    private func unterminated(at open: Int) -> CredLintError {
        CredLintError("quoted field is never closed; expected a closing '\"' before the end of the file",
                      at: location(at: open))
    }

    private func nulByte(at q: Int) -> CredLintError {
        CredLintError("NUL byte in CSV text; expected a UTF-8 text file (is this a binary file?)", at: location(at: q))
    }

    private func afterClosingQuote(at q: Int) -> CredLintError {
        let c = buf[q]
        let shown = c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
        return CredLintError("\(shown) after a closing quote; expected ',' or the end of the line "
                             + "(a quote inside a quoted field is written \"\")", at: location(at: q))
    }

    private func tooLarge(openQuote: Int?) -> CredLintError {
        var hint = ""
        if let q = openQuote {
            let at = location(at: q)
            hint = " (the quoted field opened at \(at.line):\(at.column) is still open)"
        }
        return CredLintError("record is longer than \(maxRecordBytes) bytes\(hint); expected CSV lines of reasonable "
                             + "length", at: location(at: pos))
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
