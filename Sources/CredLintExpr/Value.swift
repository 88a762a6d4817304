import CredLintModel

/// A run-time value of the rule language.
///
/// `null` (AWS `N/A`, `no_information`, or an input that was not given) and
/// `unknown` (AWS `not_supported`) belong to every type; see
/// `docs/rule-language.md` for how operators treat them.
public enum Value: Sendable, Equatable, CustomStringConvertible {
    case null
    case unknown
    case bool(Bool)
    case int(Int64)
    case string(String)
    case timestamp(Timestamp)
    case duration(TimeSpan)
    case list([Value])
    case object(ObjectRef)

    /// Neither `null` nor `unknown`.
    @inlinable
    package var isPresent: Bool {
        switch self {
        case .null, .unknown: false
        default: true
        }
    }

    /// Structural equality for tests and tools (objects by identity, `null == null`).
    /// The language's own `==` is stricter: see `docs/rule-language.md`.
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null), (.unknown, .unknown): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.timestamp(let x), .timestamp(let y)): x == y
        case (.duration(let x), .duration(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.object(let x), .object(let y)): x.isSame(as: y)
        default: false
        }
    }

    /// The value written as an expression (`'text'`, `45d`, `[1, 2]`), for diagnostics.
    public var description: String {
        switch self {
        case .null: return "null"
        case .unknown: return "unknown"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .string(let s): return "'" + s.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
        case .timestamp(let t): return "timestamp('\(t.iso8601)')"
        case .duration(let d): return d.description
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let r): return "<\(type(of: r.object))>"
        }
    }

    /// The text a message placeholder `{x}` renders: strings as they are,
    /// timestamps as `YYYY-MM-DDTHH:MM:SSZ`, durations in whole days (`45 days`,
    /// or hours, minutes, seconds under a day), `null` as `n/a`, lists joined by `, `.
    public var messageText: String {
        switch self {
        case .null: return "n/a"
        case .unknown: return "unknown"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .string(let s): return s
        case .timestamp(let t): return t.iso8601
        case .duration(let d): return Value.durationText(d)
        case .list(let items): return items.map(\.messageText).joined(separator: ", ")
        case .object(let r): return "<\(type(of: r.object))>"
        }
    }

    static func durationText(_ d: TimeSpan) -> String {
        let s = d.wholeSeconds
        let mag = s.magnitude
        func unit(_ n: Int64, _ name: String) -> String { "\(n) \(name)" + (n == 1 || n == -1 ? "" : "s") }
        if mag >= 86_400 { return unit(s / 86_400, "day") }
        if mag >= 3_600 { return unit(s / 3_600, "hour") }
        if mag >= 60 { return unit(s / 60, "minute") }
        return unit(s, "second")
    }

    /// The static type of a constant (a rule parameter): lists take their first
    /// present element's type; `null` and `unknown` are of type `null`.
    package var staticType: ExprType {
        switch self {
        case .null, .unknown: return .null
        case .bool: return .bool
        case .int: return .int
        case .string: return .string
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .list(let items):
            var t = ExprType.null
            for i in items { if let j = t.joined(with: i.staticType) { t = j } }
            return .list(t)
        case .object: return .null
        }
    }

    /// A rule parameter as written in YAML: `true`/`false` → bool, `45` → int,
    /// `45d`/`1d12h` → duration, anything else → string.
    package static func param(_ text: String) -> Value {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: break
        }
        let negative = text.hasPrefix("-")
        var lexer = ExprLexer(negative ? String(text.dropFirst()) : text)
        if let tok = try? lexer.next(), let end = try? lexer.next(), end.kind == .eof {
            switch tok.kind {
            case .int(let i): return .int(negative ? -i : i)
            case .duration(let d): return .duration(negative ? TimeSpan(micros: -d.micros) : d)
            default: break
            }
        }
        return .string(text)
    }
}

extension String {
    /// Foundation-free `replacingOccurrences`.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 4)
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
