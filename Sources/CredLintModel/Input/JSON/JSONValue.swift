/// A parsed JSON value that remembers where it started in its input, so that
/// findings and errors about awscli JSON point at the right line.
///
/// Numbers are kept as their source text: IAM outputs hold counts and quotas,
/// and keeping the text avoids deciding on a numeric type before a reader asks.
public struct JSONValue: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// Members in input order; `JSONParser` refuses a key given twice.
        case object([JSONMember])
        case array([JSONValue])
        case string(String)
        /// The number exactly as written (`-1.5e3`); see `int` and `double`.
        case number(String)
        case bool(Bool)
        case null
    }

    package var kind: Kind
    // 32-bit positions keep a value at 32 bytes instead of 40; the input cap (256 MiB)
    // keeps lines and columns far below 2^31.
    private var storedLine: Int32
    private var storedColumn: Int32

    /// 1-based line of the value's first character.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    /// 1-based column of the value's first character, counted in Unicode scalars.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    package init(_ kind: Kind, line: Int = 1, column: Int = 1) {
        self.kind = kind; self.storedLine = Int32(clamping: line); self.storedColumn = Int32(clamping: column)
    }

    package func location(path: String) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }

    /// The member value for `key` of an object; nil for a missing key or a non-object.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    package var members: [JSONMember]? { if case .object(let m) = kind { return m }; return nil }
    package var elements: [JSONValue]? { if case .array(let a) = kind { return a }; return nil }
    package var string: String? { if case .string(let s) = kind { return s }; return nil }
    package var bool: Bool? { if case .bool(let b) = kind { return b }; return nil }
    package var isNull: Bool { kind == .null }
    package var numberText: String? { if case .number(let t) = kind { return t }; return nil }

    /// The number as an `Int` when it is written as an integer (no fraction or
    /// exponent) and fits; nil otherwise.
    package var int: Int? {
        guard let t = numberText, !t.utf8.contains(where: { $0 == 46 || $0 == 101 || $0 == 69 }) else { return nil }
        return Int(t)
    }

    /// The number as a `Double` (nearest representable value).
    package var double: Double? { numberText.flatMap { Double($0) } }

    /// How error messages name this value: `an object`, `a string "x"`, `the number 3`, `true`, `null`.
    package var foundDescription: String {
        switch kind {
        case .object: return "an object"
        case .array: return "an array"
        case .string(let s): return "the string \(JSONValue.quoted(s))"
        case .number(let t): return "the number \(t)"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    /// A short, printable quotation of a string for messages (control characters escaped, long text cut).
    static func quoted(_ s: String, limit: Int = 40) -> String {
        var out = "\""
        var count = 0
        for scalar in s.unicodeScalars {
            if count == limit { out += "…"; break }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16, uppercase: true)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return out + "\""
    }
}

/// One `"key": value` pair of a JSON object.
package struct JSONMember: Sendable, Equatable {
    package var key: String
    package var value: JSONValue
    package init(key: String, value: JSONValue) { self.key = key; self.value = value }
}
