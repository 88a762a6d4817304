/// A view of one CSV record, valid only inside the `CSVReader` closure that
/// received it: the bytes live in the reader's reused buffer, which the next
/// refill overwrites. Copy out (`string(_:)`) anything you keep.
///
/// Field bytes are already unescaped: no surrounding quotes, `""` turned into `"`.
public struct CSVRecord {
    @usableFromInline let spans: UnsafePointer<CSVFieldSpan>
    /// The record's first raw byte and its length (terminator included).
    @usableFromInline let start: UnsafePointer<UInt8>
    @usableFromInline let length: Int
    /// Number of fields (a blank line is one empty field).
    public let count: Int
    /// 1-based line of the record's first byte.
    public let line: Int
    /// Unowned so that handing out a record costs no reference counting; a
    /// record never outlives the reader's closure.
    @usableFromInline unowned(unsafe) let reader: CSVReader

    @inlinable
    init(spans: UnsafePointer<CSVFieldSpan>, count: Int, start: UnsafePointer<UInt8>, length: Int, line: Int,
         reader: CSVReader) {
        self.spans = spans; self.count = count; self.start = start; self.length = length; self.line = line
        self.reader = reader
    }

    /// The input path used in error locations.
    package var path: String { reader.path }

    /// The unescaped bytes of field `i`.
    @inlinable
    package func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(i >= 0 && i < count, "CSV field index out of range")
        let s = spans[i]
        return UnsafeBufferPointer(start: s.base, count: Int(s.count))
    }

    /// The number of bytes in field `i` after unescaping.
    @inlinable
    public func byteCount(_ i: Int) -> Int { bytes(i).count }

    /// Field `i` as a `String` (invalid UTF-8 is repaired with U+FFFD). Allocates; keep off hot paths.
    @inlinable
    package func string(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    /// All fields as strings (for tests and diagnostics).
    public var fields: [String] { (0..<count).map { string($0) } }

    /// Whether field `i` was written in quotes (`""` is an empty but quoted field).
    @inlinable
    public func isQuoted(_ i: Int) -> Bool {
        precondition(i >= 0 && i < count, "CSV field index out of range")
        return spans[i].flags & CSVFieldSpan.quoted != 0
    }

    /// A blank line: one unquoted empty field.
    @inlinable
    package var isBlank: Bool { count == 1 && spans[0].count == 0 && spans[0].flags == 0 }

    /// Byte-exact comparison with a literal.
    @inlinable
    package func equals(_ i: Int, _ literal: StaticString) -> Bool {
        let b = bytes(i)
        let n = literal.utf8CodeUnitCount
        guard b.count == n else { return false }
        let l = literal.utf8Start
        for k in 0..<n where b[k] != l[k] { return false }
        return true
    }

    /// ASCII case-insensitive comparison with a literal (`TRUE` equals `true`).
    @inlinable
    package func equalsIgnoringCase(_ i: Int, _ literal: StaticString) -> Bool {
        CSVRecord.asciiEqualsIgnoringCase(bytes(i), literal)
    }

    /// Whether field `i` starts with the literal bytes.
    @inlinable
    package func hasPrefix(_ i: Int, _ literal: StaticString) -> Bool {
        let b = bytes(i)
        let n = literal.utf8CodeUnitCount
        guard b.count >= n else { return false }
        let l = literal.utf8Start
        for k in 0..<n where b[k] != l[k] { return false }
        return true
    }

    /// Field `i` parsed as a strict ISO 8601 timestamp; nil when it is not one.
    @inlinable
    package func timestamp(_ i: Int) -> Timestamp? { ISO8601.parse(bytes(i)) }

    /// Where field `i` starts (its opening quote, if quoted), as `path:line:column`.
    /// Columns count Unicode scalars from the start of the line.
    public func location(ofField i: Int) -> SourceLocation {
        precondition(i >= 0 && i < count, "CSV field index out of range")
        return location(atOffset: Int(spans[i].rawOffset))
    }

    /// Where the record's last field ends (before the line terminator).
    public func locationAfterLastField() -> SourceLocation {
        let s = spans[count - 1]
        var off = Int(s.rawOffset)
        if s.flags & CSVFieldSpan.quoted != 0 {
            // The raw length of a quoted field is not its unescaped length: walk to the closing quote.
            off += 1
            while off < length {
                if start[off] == 0x22 {
                    if off + 1 < length && start[off + 1] == 0x22 { off += 2; continue }
                    off += 1
                    break
                }
                off += 1
            }
        } else {
            off += Int(s.count)
        }
        return location(atOffset: off)
    }

    /// Location of a byte offset inside this record. LF, CRLF and a lone CR each end a line.
    func location(atOffset offset: Int) -> SourceLocation {
        CSVRecord.location(path: path, recordStart: start, recordLine: line, limit: length, offset: offset)
    }

    static func location(path: String, recordStart: UnsafePointer<UInt8>, recordLine: Int, limit: Int,
                         offset: Int) -> SourceLocation {
        var ln = recordLine
        var lineStart = 0
        var k = 0
        while k < offset {
            let c = recordStart[k]
            if c == 0x0A || (c == 0x0D && (k + 1 >= limit || recordStart[k + 1] != 0x0A)) {
                ln += 1
                lineStart = k + 1
            }
            k += 1
        }
        var col = 1
        k = lineStart
        while k < offset {
            if recordStart[k] & 0xC0 != 0x80 { col += 1 }  // count scalars, not UTF-8 continuation bytes
            k += 1
        }
        return SourceLocation(path: path, line: ln, column: col)
    }

    @inlinable
    static func asciiEqualsIgnoringCase(_ b: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard b.count == n else { return false }
        let l = literal.utf8Start
        for k in 0..<n {
            var x = b[k], y = l[k]
            if x >= 0x41 && x <= 0x5A { x |= 0x20 }
            if y >= 0x41 && y <= 0x5A { y |= 0x20 }
            if x != y { return false }
        }
        return true
    }
}
