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
    public static let defaultMaxRecordBytes = 1 << 20

    /// The path used in error locations.
    public let path: String
    public let maxRecordBytes: Int
    /// How many bytes one refill asks for (tests use tiny values so records straddle refills).
    public let chunkSize: Int

    private var fd: Int32 = -1
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
        if fd >= 0 { close(fd) }
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
    public func nextRecord<R>(_ body: (CSVRecord) throws -> R) throws -> R? {
        if !started { try start() }
        while true {
            switch try parseRecord() {
            case let .record(end, fields, lineBreaks, escapes):
                let length = end - pos
                if length > maxRecordBytes { throw tooLarge(openQuote: nil) }
                if escapes { unescape(fields: fields, recordLength: length) }
                let record = CSVRecord(spans: spans, count: fields, start: buf + pos, length: length, line: line,
                                       reader: self)
                // Advance first so a throwing body leaves the reader past the record.
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
        if filled >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { pos = 3 }
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
        let want = min(chunkSize, capacity - filled)
        var got = 0
        if fd >= 0 {
            while true {
                let n = read(fd, buf + filled, want)
                if n >= 0 { got = n; break }
                if errno == EINTR { continue }
                throw CredLintError("cannot read file: \(CSVReader.errnoText())", at: SourceLocation(path: path))
            }
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
    ///
    /// The scan is event-driven: each 8-byte word yields an exact mask of the
    /// bytes that matter (`,` LF CR `"`), and only those are visited. Word masks
    /// do not depend on the previous field's end, so the CPU can overlap them;
    /// a scanner restarted at every field start is bound by that dependency.
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
        var fieldStart = recordStart
        var lineBreaks = 0
        var escapes = false
        var inQuotes = false
        var quoteOpen = -1  // opening quote of the current field, if quoted
        var quoteClose = -1  // its closing quote, once seen
        var escaped = false
        var resume = recordStart  // events before this were consumed (second `"` of `""`)

        @inline(__always) func emit(upTo i: Int) {
            if nf == spanCap { growSpans(); sp = spans; spanCap = spanCapacity }
            if quoteOpen >= 0 {
                let flags = escaped ? CSVFieldSpan.quoted | CSVFieldSpan.escaped : CSVFieldSpan.quoted
                sp[nf] = CSVFieldSpan(base: b + (quoteOpen &+ 1), count: quoteClose &- quoteOpen &- 1,
                                      rawOffset: quoteOpen &- recordStart, flags: flags)
                escapes = escapes || escaped
                quoteOpen = -1
                escaped = false
            } else {
                sp[nf] = CSVFieldSpan(base: b + fieldStart, count: i &- fieldStart, rawOffset: fieldStart &- recordStart,
                                      flags: 0)
            }
            nf &+= 1
        }

        var w = recordStart
        while w < end {
            var m = CSVReader.specialBytes(b + w)
            if end &- w < 8 { m &= (1 &<< UInt64((end &- w) &* 8)) &- 1 }
            while m != 0 {
                let i = w &+ (m.trailingZeroBitCount &>> 3)
                m &= m &- 1
                if i < resume { continue }
                let c = b[i]
                if inQuotes {
                    if c == 0x22 {
                        if i &+ 1 == end {
                            if !atEOF { return .needMore(openQuote: quoteOpen) }
                            inQuotes = false
                            quoteClose = i
                            emit(upTo: i)
                            return .record(end: end, fields: nf, lineBreaks: lineBreaks, escapes: escapes)
                        }
                        let n = b[i &+ 1]
                        if n == 0x22 { escaped = true; resume = i &+ 2; continue }
                        if n != 0x2C && n != 0x0A && n != 0x0D { throw afterClosingQuote(at: i &+ 1) }
                        inQuotes = false
                        quoteClose = i
                    } else if c == 0x0A {
                        lineBreaks &+= 1
                    } else if c == 0x0D {
                        if i &+ 1 == end {
                            if !atEOF { return .needMore(openQuote: quoteOpen) }
                            lineBreaks &+= 1
                        } else if b[i &+ 1] != 0x0A {
                            lineBreaks &+= 1
                        }
                    }
                    continue
                }
                if c == 0x22 {
                    // Opens a quoted field only at the field's start; elsewhere it is literal.
                    if i == fieldStart { inQuotes = true; quoteOpen = i }
                    continue
                }
                emit(upTo: i)
                if c == 0x2C { fieldStart = i &+ 1; continue }
                if c == 0x0A {
                    return .record(end: i &+ 1, fields: nf, lineBreaks: lineBreaks &+ 1, escapes: escapes)
                }
                // CR, alone or as CRLF.
                if i &+ 1 == end {
                    if !atEOF { return .needMore(openQuote: nil) }
                    return .record(end: end, fields: nf, lineBreaks: lineBreaks &+ 1, escapes: escapes)
                }
                let e = b[i &+ 1] == 0x0A ? i &+ 2 : i &+ 1
                return .record(end: e, fields: nf, lineBreaks: lineBreaks &+ 1, escapes: escapes)
            }
            w &+= 8
        }
        // The data ran out inside the record.
        if inQuotes {
            if atEOF { throw unterminated(at: quoteOpen) }
            return .needMore(openQuote: quoteOpen)
        }
        if !atEOF { return .needMore(openQuote: nil) }
        emit(upTo: end)  // the last record has no terminator
        return .record(end: end, fields: nf, lineBreaks: lineBreaks, escapes: escapes)
    }

    /// A mask with 0x80 in each byte of the 8 at `p` that is `,` LF CR or `"`
    /// (exact: no false positives, so every set bit is visited as an event).
    /// Reads 8 bytes even near the end; the buffer keeps 8 bytes of slack.
    @inline(__always)
    static func specialBytes(_ p: UnsafeMutablePointer<UInt8>) -> UInt64 {
        var w = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
        #if !_endian(little)
        w = w.byteSwapped  // byte i of the text must be bits 8i..8i+7
        #endif
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // High bit of each byte set iff that byte of x is nonzero.
        @inline(__always) func nonzero(_ x: UInt64) -> UInt64 { ((x & lows) &+ lows) | x }
        let t = nonzero(w ^ (ones &* 0x2C)) & nonzero(w ^ (ones &* 0x0A)) & nonzero(w ^ (ones &* 0x0D))
            & nonzero(w ^ (ones &* 0x22))
        return ~(t | lows)
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
        if let q = openQuote {
            return CredLintError("quoted field is still open after \(maxRecordBytes) bytes; expected a closing '\"'",
                                 at: location(at: q))
        }
        return CredLintError("record is longer than \(maxRecordBytes) bytes; expected CSV lines of reasonable length",
                             at: location(at: pos))
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
