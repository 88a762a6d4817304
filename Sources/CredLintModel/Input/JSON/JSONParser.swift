/// A strict RFC 8259 JSON parser over UTF-8 bytes that records the line and
/// column of every value.
///
/// Hand-written rather than Foundation's `JSONSerialization` because that one
/// gives no positions, and positions are what make an error or a finding in a
/// 5 MB `get-account-authorization-details` output usable. Deviations from the
/// RFC, both deliberate: a leading UTF-8 byte order mark is skipped, and an
/// unpaired UTF-16 surrogate escape is an error (a Swift `String` cannot hold it).
public struct JSONParser: Sendable {
    /// Deepest allowed nesting of arrays and objects (the top-level container is depth 1).
    package var maxDepth: Int
    /// Largest accepted input, in bytes.
    package var maxInputSize: Int
    /// Longest accepted string (key or value), in UTF-8 bytes after unescaping.
    package var maxStringLength: Int

    public static let defaultMaxDepth = InputCaps.standard.jsonDepth
    public static let defaultMaxInputSize = InputCaps.standard.inputBytes
    public static let defaultMaxStringLength = InputCaps.standard.jsonStringBytes

    public init(maxDepth: Int = JSONParser.defaultMaxDepth, maxInputSize: Int = JSONParser.defaultMaxInputSize,
                maxStringLength: Int = JSONParser.defaultMaxStringLength) {
        self.maxDepth = maxDepth; self.maxInputSize = maxInputSize; self.maxStringLength = maxStringLength
    }

    /// Parses one JSON text; errors are `CredLintError`s located at `path:line:column`.
    public func parse(_ bytes: [UInt8], path: String) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { try parse(buffer: $0, path: path) }
    }

    package func parse(_ text: String, path: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { try parse(buffer: $0, path: path) }
    }

    package func parse(buffer: UnsafeBufferPointer<UInt8>, path: String) throws -> JSONValue {
        if buffer.count > maxInputSize {
            throw CredLintError("found \(buffer.count) bytes of JSON, expected at most \(maxInputSize)", path: path)
        }
        var state = JSONParserState(bytes: buffer, path: path, limits: self)
        return try state.parseDocument()
    }
}

/// The cursor of one parse. Columns are derived, not stored: a column is the
/// byte offset from the line start minus the UTF-8 continuation bytes seen on
/// that line (they can only occur inside strings, which never span lines).
struct JSONParserState {
    let p: UnsafeBufferPointer<UInt8>
    let path: String
    let limits: JSONParser
    var i = 0
    var line = 1
    var lineStart = 0
    var continuationBytesOnLine = 0

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, limits: JSONParser) {
        self.p = bytes; self.path = path; self.limits = limits
    }

    var column: Int { i - lineStart - continuationBytesOnLine + 1 }

    mutating func parseDocument() throws -> JSONValue {
        if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF {
            i = 3
            lineStart = 3  // the mark is invisible: the first character is column 1
        } else if p.count >= 2, (p[0] == 0xFE && p[1] == 0xFF) || (p[0] == 0xFF && p[1] == 0xFE) {
            throw error("found a UTF-16 byte order mark, expected UTF-8 JSON")
        }
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if i < p.count {
            throw error("found \(describeHere()) after the JSON value, expected end of input")
        }
        return value
    }

    // MARK: - Values

    mutating func parseValue(depth: Int) throws -> JSONValue {
        guard i < p.count else { throw error("found end of input, expected a JSON value") }
        let line = self.line, column = self.column
        switch p[i] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1, line: line, column: column)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1, line: line, column: column)
        case UInt8(ascii: "\""): return JSONValue(.string(try parseString()), line: line, column: column)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(.number(try parseNumber()), line: line, column: column)
        case UInt8(ascii: "t"):
            try expectLiteral("true"); return JSONValue(.bool(true), line: line, column: column)
        case UInt8(ascii: "f"):
            try expectLiteral("false"); return JSONValue(.bool(false), line: line, column: column)
        case UInt8(ascii: "n"):
            try expectLiteral("null"); return JSONValue(.null, line: line, column: column)
        default:
            throw error("found \(describeHere()), expected a JSON value")
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
        if i + n <= p.count, (0..<n).allSatisfy({ p[i + $0] == w[$0] }),
           i + n == p.count || !isWordByte(p[i + n]) {
            i += n
            return
        }
        throw error("found \(describeHere()), expected a JSON value")
    }

    mutating func enter(depth: Int) throws {
        if depth > limits.maxDepth {
            throw error("found arrays or objects nested deeper than \(limits.maxDepth) levels, expected at most \(limits.maxDepth)")
        }
    }

    mutating func parseObject(depth: Int, line: Int, column: Int) throws -> JSONValue {
        try enter(depth: depth)
        i += 1  // {
        var members: [JSONMember] = []
        // Built once an object grows past a few keys, so duplicate checks stay linear overall.
        var index: [String: Int]? = nil
        skipWhitespace()
        if i < p.count, p[i] == UInt8(ascii: "}") {
            i += 1
            return JSONValue(.object(members), line: line, column: column)
        }
        while true {
            guard i < p.count, p[i] == UInt8(ascii: "\"") else {
                let what = members.isEmpty ? "a string key or '}'" : "a string key"
                throw error("found \(describeHere()), expected \(what)")
            }
            let keyLine = self.line, keyColumn = self.column
            let key = try parseString()
            skipWhitespace()
            guard i < p.count, p[i] == UInt8(ascii: ":") else {
                throw error("found \(describeHere()), expected ':' after the key \(JSONValue.quoted(key))")
            }
            i += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            let existing = index != nil ? index![key] : members.firstIndex(where: { $0.key == key })
            if let existing {
                // A key given twice is refused, never resolved: awscli and boto3 print
                // Python dicts, which cannot repeat a key, so a repeat is a hand edit or
                // a concatenation, and readers disagree on which one wins (Python keeps
                // the last, IAM's own policy parser is undocumented). Which one credlint
                // picked would decide what it checks.
                throw CredLintError("found the key \(JSONValue.quoted(key)) a second time in one object "
                    + "(first at line \(members[existing].value.line)), expected each key once",
                    at: SourceLocation(path: path, line: keyLine, column: keyColumn))
            } else {
                members.append(JSONMember(key: key, value: value))
                if index != nil {
                    index![key] = members.count - 1
                } else if members.count == 16 {
                    index = Dictionary(members.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
                }
            }
            skipWhitespace()
            guard i < p.count else { throw error("found end of input, expected ',' or '}'") }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                skipWhitespace()
            } else if p[i] == UInt8(ascii: "}") {
                i += 1
                return JSONValue(.object(members), line: line, column: column)
            } else {
                throw error("found \(describeHere()), expected ',' or '}'")
            }
        }
    }

    mutating func parseArray(depth: Int, line: Int, column: Int) throws -> JSONValue {
        try enter(depth: depth)
        i += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if i < p.count, p[i] == UInt8(ascii: "]") {
            i += 1
            return JSONValue(.array(elements), line: line, column: column)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard i < p.count else { throw error("found end of input, expected ',' or ']'") }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                skipWhitespace()
            } else if p[i] == UInt8(ascii: "]") {
                i += 1
                return JSONValue(.array(elements), line: line, column: column)
            } else {
                throw error("found \(describeHere()), expected ',' or ']'")
            }
        }
    }

    // MARK: - Numbers

    mutating func parseNumber() throws -> String {
        let start = i
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < p.count, isDigit(p[i]) else { throw error("found \(describeHere()), expected a digit") }
        if p[i] == UInt8(ascii: "0") {
            i += 1
            if i < p.count, isDigit(p[i]) {
                throw error("found a number with a leading zero, expected no leading zeros")
            }
        } else {
            while i < p.count, isDigit(p[i]) { i += 1 }
        }
        if i < p.count, p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < p.count, isDigit(p[i]) else {
                throw error("found \(describeHere()), expected a digit after '.'")
            }
            while i < p.count, isDigit(p[i]) { i += 1 }
        }
        if i < p.count, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < p.count, isDigit(p[i]) else {
                throw error("found \(describeHere()), expected a digit in the exponent")
            }
            while i < p.count, isDigit(p[i]) { i += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
    }

    // MARK: - Strings

    /// Parses a string starting at its opening quote. Validates UTF-8 and
    /// copies only when the string has escapes.
    mutating func parseString() throws -> String {
        let openLine = line, openColumn = column
        i += 1  // "
        var runStart = i
        var out: [UInt8]? = nil
        let maxLength = limits.maxStringLength
        while true {
            // Fast path: plain ASCII.
            while i < p.count, p[i] >= 0x20, p[i] < 0x80, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "\\") {
                i += 1
            }
            if (out?.count ?? 0) + (i - runStart) > maxLength {
                throw error("found a string longer than \(maxLength) bytes, expected at most \(maxLength)",
                            line: openLine, column: openColumn)
            }
            guard i < p.count else {
                throw error("found end of input, expected '\"' to close the string that starts at line \(openLine), column \(openColumn)")
            }
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: p[runStart..<i])
                i += 1
                if out != nil {
                    out!.append(contentsOf: run)
                    return String(decoding: out!, as: UTF8.self)
                }
                return String(decoding: run, as: UTF8.self)
            } else if b == UInt8(ascii: "\\") {
                if out == nil { out = [] }
                out!.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i]))
                try parseEscape(into: &out!)
                runStart = i
            } else if b < 0x20 {
                throw error("found \(describeHere()) in a string, expected it escaped (\\n, \\t or \\u00XX)")
            } else {
                let n = try validateUTF8Sequence()
                i += n
                continuationBytesOnLine += n - 1
            }
        }
    }

    /// At a backslash: appends the unescaped character's UTF-8 bytes.
    mutating func parseEscape(into out: inout [UInt8]) throws {
        let escapeStart = i
        i += 1
        guard i < p.count else { throw error("found end of input, expected an escape character after '\\'") }
        let c = p[i]
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(c); i += 1
        case UInt8(ascii: "b"): out.append(0x08); i += 1
        case UInt8(ascii: "f"): out.append(0x0C); i += 1
        case UInt8(ascii: "n"): out.append(0x0A); i += 1
        case UInt8(ascii: "r"): out.append(0x0D); i += 1
        case UInt8(ascii: "t"): out.append(0x09); i += 1
        case UInt8(ascii: "u"):
            i += 1
            var scalar = try hex4(escapeStart: escapeStart)
            if scalar >= 0xD800, scalar <= 0xDBFF {
                // A high surrogate must be followed by an escaped low one.
                let pairStart = i
                guard i + 1 < p.count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else {
                    i = escapeStart
                    throw error("found an unpaired surrogate \(escapeText(escapeStart)), expected a \\uDC00-\\uDFFF escape after it")
                }
                i += 2
                let low = try hex4(escapeStart: pairStart)
                guard low >= 0xDC00, low <= 0xDFFF else {
                    i = pairStart
                    throw error("found \(escapeText(pairStart)) after the high surrogate \(escapeText(escapeStart)), expected a \\uDC00-\\uDFFF escape")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00, scalar <= 0xDFFF {
                i = escapeStart
                throw error("found an unpaired surrogate \(escapeText(escapeStart)), expected a \\uD800-\\uDBFF escape before it")
            }
            appendUTF8(scalar, to: &out)
        default:
            i = escapeStart
            throw error("found \(escapeText(escapeStart)) in a string, expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    mutating func hex4(escapeStart: Int) throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < p.count, let h = hexValue(p[i]) else {
                i = escapeStart
                throw error("found \(escapeText(escapeStart)), expected 4 hex digits after \\u")
            }
            v = v << 4 | h
            i += 1
        }
        return v
    }

    /// The escape as written, for messages (at most `\uXXXX`, printable bytes only).
    func escapeText(_ start: Int) -> String {
        var s = ""
        var k = start
        while k < p.count, k < start + 6, p[k] >= 0x20, p[k] < 0x7F {
            if k > start, p[k] == UInt8(ascii: "\\") || p[k] == UInt8(ascii: "\"") { break }
            s.unicodeScalars.append(Unicode.Scalar(p[k]))
            k += 1
        }
        return "'\(s)'"
    }

    /// Length of the valid UTF-8 sequence at `i` (a byte ≥ 0x80); throws on anything else.
    func validateUTF8Sequence() throws -> Int {
        let b0 = p[i]
        let n: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: n = 2
        case 0xE0: n = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: n = 3
        case 0xED: n = 3; hi = 0x9F  // no encoded surrogates
        case 0xF0: n = 4; lo = 0x90
        case 0xF1...0xF3: n = 4
        case 0xF4: n = 4; hi = 0x8F  // nothing above U+10FFFF
        default: throw error("found invalid UTF-8 byte 0x\(hexByte(b0)), expected UTF-8 text")
        }
        for k in 1..<n {
            guard i + k < p.count else { throw error("found a truncated UTF-8 sequence, expected UTF-8 text") }
            let b = p[i + k]
            let (l, h) = k == 1 ? (lo, hi) : (UInt8(0x80), UInt8(0xBF))
            guard b >= l, b <= h else {
                throw error("found invalid UTF-8 sequence starting with byte 0x\(hexByte(b0)), expected UTF-8 text")
            }
        }
        return n
    }

    // MARK: - Whitespace and helpers

    mutating func skipWhitespace() {
        while i < p.count {
            switch p[i] {
            case 0x20, 0x09: i += 1
            case 0x0A: i += 1; newLine()
            case 0x0D:
                i += 1
                if i < p.count, p[i] == 0x0A { i += 1 }
                newLine()
            default: return
            }
        }
    }

    mutating func newLine() {
        line += 1
        lineStart = i
        continuationBytesOnLine = 0
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == UInt8(ascii: "_") || b >= 0x80
    }

    func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }

    func hexByte(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
    }

    func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// What sits at the cursor, for "found X" messages: a word (`'True'`), a
    /// character (`'}'`), a control character, a non-UTF-8 byte, or end of input.
    func describeHere() -> String {
        guard i < p.count else { return "end of input" }
        let b = p[i]
        if isWordByte(b), b < 0x80 {
            var k = i
            while k < p.count, k < i + 24, isWordByte(p[k]), p[k] < 0x80 { k += 1 }
            return "'" + String(decoding: UnsafeBufferPointer(rebasing: p[i..<k]), as: UTF8.self) + "'"
        }
        if b < 0x20 || b == 0x7F {
            return "control character U+00\(hexByte(b))"
        }
        if b < 0x80 { return "'\(Character(Unicode.Scalar(b)))'" }
        if let n = try? validateUTF8Sequence() {
            return "'" + String(decoding: UnsafeBufferPointer(rebasing: p[i..<(i + n)]), as: UTF8.self) + "'"
        }
        return "byte 0x\(hexByte(b))"
    }

    func error(_ message: String) -> CredLintError {
        CredLintError(message, path: path, line: line, column: column)
    }

    func error(_ message: String, line: Int, column: Int) -> CredLintError {
        CredLintError(message, path: path, line: line, column: column)
    }
}
