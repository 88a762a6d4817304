import CredLintModel

/// One token of an expression, with the UTF-8 offset where it starts.
struct ExprToken {
    enum Kind: Equatable {
        case ident(String), int(Int64), duration(TimeSpan), string(String)
        case kwTrue, kwFalse, kwNull, kwIn
        case lparen, rparen, lbracket, rbracket, lbrace, rbrace, comma, dot, question, colon, coalesce
        case not, notEqual, equal, less, lessEqual, greater, greaterEqual, and, or, plus, minus, star
        case eof
    }
    var kind: Kind
    var offset: Int
}

/// Turns expression text into tokens on demand, so that a message template
/// can stop lexing at the `}` that closes a placeholder.
struct ExprLexer {
    let source: String
    let bytes: [UInt8]
    var offset: Int

    init(_ source: String, offset: Int = 0) {
        self.source = source
        self.bytes = Array(source.utf8)
        self.offset = offset
    }

    func error(_ at: Int, _ message: String) -> ExprError { ExprError.at(at, in: source, message) }

    private func peekByte(_ k: Int = 0) -> UInt8? { offset + k < bytes.count ? bytes[offset + k] : nil }

    static func isIdentStart(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 }
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func isIdentPart(_ b: UInt8) -> Bool { isIdentStart(b) || isDigit(b) }

    mutating func next() throws(ExprError) -> ExprToken {
        while let b = peekByte(), b == 32 || b == 9 || b == 10 || b == 13 { offset += 1 }
        let start = offset
        guard let b = peekByte() else { return ExprToken(kind: .eof, offset: start) }
        func tok(_ k: ExprToken.Kind, _ n: Int) -> ExprToken { offset += n; return ExprToken(kind: k, offset: start) }
        let b1 = peekByte(1)
        switch b {
        case 40: return tok(.lparen, 1)
        case 41: return tok(.rparen, 1)
        case 91: return tok(.lbracket, 1)
        case 93: return tok(.rbracket, 1)
        case 123: return tok(.lbrace, 1)
        case 125: return tok(.rbrace, 1)
        case 44: return tok(.comma, 1)
        case 46: return tok(.dot, 1)
        case 58: return tok(.colon, 1)
        case 43: return tok(.plus, 1)
        case 45: return tok(.minus, 1)
        case 42: return tok(.star, 1)
        case 63: return b1 == 63 ? tok(.coalesce, 2) : tok(.question, 1)
        case 33: return b1 == 61 ? tok(.notEqual, 2) : tok(.not, 1)
        case 61:
            if b1 == 61 { return tok(.equal, 2) }
            throw error(start, "found '=', expected '==' (expressions compare, they do not assign)")
        case 60: return b1 == 61 ? tok(.lessEqual, 2) : tok(.less, 1)
        case 62: return b1 == 61 ? tok(.greaterEqual, 2) : tok(.greater, 1)
        case 38:
            if b1 == 38 { return tok(.and, 2) }
            throw error(start, "found '&', expected '&&'")
        case 124:
            if b1 == 124 { return tok(.or, 2) }
            throw error(start, "found '|', expected '||'")
        case 39, 34: return try lexString(quote: b)
        default:
            if Self.isDigit(b) { return try lexNumber() }
            if Self.isIdentStart(b) {
                while let c = peekByte(), Self.isIdentPart(c) { offset += 1 }
                let word = String(decoding: bytes[start..<offset], as: UTF8.self)
                let kind: ExprToken.Kind = switch word {
                case "true": .kwTrue
                case "false": .kwFalse
                case "null": .kwNull
                case "in": .kwIn
                default: .ident(word)
                }
                return ExprToken(kind: kind, offset: start)
            }
            let idx = source.utf8.index(source.utf8.startIndex, offsetBy: start)
            let ch = source[idx...].unicodeScalars.first.map { String($0) } ?? "?"
            throw error(start, "found unexpected character '\(ch)', expected an operator, a name, a number or a string")
        }
    }

    /// `42`, or a duration `45d`, `24h`, `30m`, `10s`, `1d12h` (units largest first, each once).
    private mutating func lexNumber() throws(ExprError) -> ExprToken {
        let start = offset
        var micros: Int64 = 0
        var lastRank = -1
        var isDuration = false
        while true {
            let numStart = offset
            var n: Int64 = 0
            while let c = peekByte(), Self.isDigit(c) {
                let (m, o1) = n.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int64(c - 48))
                if o1 || o2 { throw error(numStart, "number too large (the maximum is \(Int64.max))") }
                n = s
                offset += 1
            }
            guard let c = peekByte(), Self.isIdentStart(c) else {
                if isDuration {
                    throw error(numStart, "found a number without a unit inside a duration, expected d, h, m or s after it (1d12h)")
                }
                return ExprToken(kind: .int(n), offset: start)
            }
            let unitStart = offset
            while let c = peekByte(), Self.isIdentStart(c) { offset += 1 }
            let unit = String(decoding: bytes[unitStart..<offset], as: UTF8.self)
            let (rank, size): (Int, Int64) = switch unit {
            case "d": (0, 86_400_000_000)
            case "h": (1, 3_600_000_000)
            case "m": (2, 60_000_000)
            case "s": (3, 1_000_000)
            default: (-1, 0)
            }
            if rank < 0 {
                throw error(unitStart, "found '\(String(decoding: bytes[start..<offset], as: UTF8.self))', expected a number or a duration such as 45d, 24h, 30m, 10s")
            }
            if rank <= lastRank {
                throw error(unitStart, "duration units must go from largest to smallest, each at most once (1d12h)")
            }
            lastRank = rank
            let (part, o1) = n.multipliedReportingOverflow(by: size)
            let (sum, o2) = micros.addingReportingOverflow(part)
            if o1 || o2 { throw error(start, "duration too large") }
            micros = sum
            isDuration = true
            guard let d = peekByte(), Self.isDigit(d) else { break }
        }
        return ExprToken(kind: .duration(TimeSpan(micros: micros)), offset: start)
    }

    /// `'...'` or `"..."`; escapes `\\ \' \" \n \t \r \u{HEX}`.
    private mutating func lexString(quote: UInt8) throws(ExprError) -> ExprToken {
        let start = offset
        offset += 1
        var out: [UInt8] = []
        while true {
            guard let c = peekByte(), c != 10 else { throw error(start, "unterminated string: expected a closing \(quote == 39 ? "'" : "\"") on the same line") }
            offset += 1
            if c == quote { break }
            if c != 92 { out.append(c); continue }
            guard let e = peekByte() else { continue }
            let escStart = offset - 1
            offset += 1
            switch e {
            case 92, 39, 34: out.append(e)
            case 110: out.append(10)
            case 116: out.append(9)
            case 114: out.append(13)
            case 117:  // \u{HEX}
                guard peekByte() == 123 else { throw error(escStart, "found '\\u' without '{', expected \\u{HEX}") }
                offset += 1
                var v: UInt32 = 0
                var digits = 0
                while let h = peekByte(), h != 125 {
                    let d: UInt32
                    switch h {
                    case 48...57: d = UInt32(h - 48)
                    case 97...102: d = UInt32(h - 87)
                    case 65...70: d = UInt32(h - 55)
                    default: throw error(escStart, "found a non-hex digit in \\u{...}, expected 1 to 6 hex digits")
                    }
                    v = v * 16 + d
                    digits += 1
                    offset += 1
                    if digits > 6 { throw error(escStart, "found too many digits in \\u{...}, expected 1 to 6 hex digits") }
                }
                guard peekByte() == 125, digits > 0, let scalar = Unicode.Scalar(v) else {
                    throw error(escStart, "found an invalid \\u{...} escape, expected a Unicode scalar such as \\u{e9}")
                }
                offset += 1
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error(escStart, "found unknown escape '\\\(String(decoding: [e], as: UTF8.self))', expected one of \\\\ \\' \\\" \\n \\t \\r \\u{HEX}")
            }
        }
        return ExprToken(kind: .string(String(decoding: out, as: UTF8.self)), offset: start)
    }
}
