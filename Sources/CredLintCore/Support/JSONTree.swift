/// A JSON value that serialises deterministically: object keys sorted,
/// two-space indentation, no trailing spaces, a final newline.
public indirect enum JSONTree: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    public static func from(_ t: Timestamp?) -> JSONTree { t.map { .string($0.iso8601) } ?? .null }
    public static func from(_ s: String?) -> JSONTree { s.map { .string($0) } ?? .null }
    public static func from(_ b: Bool?) -> JSONTree { b.map { .bool($0) } ?? .null }
    public static func from(_ i: Int?) -> JSONTree { i.map { .int(Int64($0)) } ?? .null }
    public static func strings(_ a: [String]) -> JSONTree { .array(a.map { .string($0) }) }

    public func render() -> String {
        var out = ""
        write(&out, indent: 0)
        out += "\n"
        return out
    }

    private func write(_ out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): Self.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(&out, indent: indent + 2)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted()
            for (i, k) in keys.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                Self.escape(k, into: &out)
                out += ": "
                members[k]!.write(&out, indent: indent + 2)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
