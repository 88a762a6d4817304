#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CredLintModel
import CredLintExpr

/// A compact binary form of `Finding` for `FindingSpill`: the rule as an index into the
/// spill's table of rules, varint integers, length-prefixed UTF-8 strings, and the captured
/// values tagged by kind (no message or properties: they are rendered when written).
/// Private to one run (never persisted), so it carries no version.
enum FindingCodec {
    private enum Tag: UInt8 {
        case null, unknown, bool, int, string, timestamp, duration
    }

    /// Reads the finding in place (passing a `Finding` out of an array copies it, retaining
    /// every field). `rule` is its rule's index in the spill's table.
    static func encode(_ p: UnsafePointer<Finding>, rule: Int, into out: inout [UInt8]) {
        varint(UInt64(rule), &out)
        out.append(UInt8(p.pointee.severity.ordinal))
        string(p.pointee.accountID, &out); string(p.pointee.principal, &out)
        string(p.pointee.principalName, &out); string(p.pointee.slot, &out)
        location(p.pointee.location, &out)
        varint(UInt64(p.pointee.values.count), &out)
        for v in p.pointee.values { value(v, &out) }
        if let s = p.pointee.suppression {
            out.append(1)
            string(s.reason, &out)
            varint(UInt64(bitPattern: s.expires.micros), &out)
            location(s.source, &out)
        } else {
            out.append(0)
        }
        switch p.pointee.baselineState {
        case nil: out.append(0)
        case .new?: out.append(1)
        case .unchanged?: out.append(2)
        }
    }

    private static func value(_ v: Value, _ out: inout [UInt8]) {
        switch v {
        case .null: out.append(Tag.null.rawValue)
        case .unknown: out.append(Tag.unknown.rawValue)
        case .bool(let b): out.append(Tag.bool.rawValue); out.append(b ? 1 : 0)
        case .int(let i): out.append(Tag.int.rawValue); varint(UInt64(bitPattern: i), &out)
        case .string(let s): out.append(Tag.string.rawValue); string(s, &out)
        case .timestamp(let t): out.append(Tag.timestamp.rawValue); varint(UInt64(bitPattern: t.micros), &out)
        case .duration(let d): out.append(Tag.duration.rawValue); varint(UInt64(bitPattern: d.micros), &out)
        // A finding keeps neither (`Captures.kept`); kept as their text all the same.
        case .list, .object: out.append(Tag.string.rawValue); string(v.messageText, &out)
        }
    }

    private static func varint(_ value: UInt64, _ out: inout [UInt8]) {
        var v = value
        while v >= 0x80 { out.append(UInt8(v & 0x7f) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    private static func string(_ s: String, _ out: inout [UInt8]) {
        var s = s
        s.withUTF8 { b in
            varint(UInt64(b.count), &out)
            out.append(contentsOf: b)
        }
    }

    private static func location(_ l: SourceLocation, _ out: inout [UInt8]) {
        string(l.path, &out)
        varint(UInt64(l.line), &out)
        varint(UInt64(l.column), &out)
    }

    struct Reader {
        let bytes: [UInt8]
        /// The spill's table of rules, as it was when the block was read.
        let rules: [FindingRule]
        var at = 0
        /// Strings met before: records repeat accounts, slots and paths, and sharing them
        /// saves an allocation each. A direct-mapped cache on a cheap hash, checked byte for
        /// byte: hashing each one into a `Dictionary` cost more.
        private var seen = [(bytes: [UInt8], string: String)?](repeating: nil, count: 64)

        init(bytes: [UInt8], rules: [FindingRule]) { self.bytes = bytes; self.rules = rules }

        var atEnd: Bool { at == bytes.count }

        mutating func finding() -> Finding {
            let rule = rules[Int(varint())]
            let severity = Severity(ordinal: Int(byte()))
            let accountID = string(shared: true)
            let principal = string(shared: false), principalName = string(shared: false), slot = string(shared: true)
            let loc = location()
            let n = Int(varint())
            var values: [Value] = []
            values.reserveCapacity(n)
            for _ in 0..<n { values.append(value()) }
            var f = Finding(rule: rule, severity: severity, accountID: accountID, principal: principal,
                            principalName: principalName, slot: slot, location: loc, values: values)
            if byte() == 1 {
                let reason = string(shared: true)
                let expires = Timestamp(micros: Int64(bitPattern: varint()))
                f.suppression = Suppression(reason: reason, expires: expires, source: location())
            }
            switch byte() {
            case 1: f.baselineState = .new
            case 2: f.baselineState = .unchanged
            default: break
            }
            return f
        }

        private mutating func value() -> Value {
            switch Tag(rawValue: byte()) {
            case .null?: return .null
            case .unknown?: return .unknown
            case .bool?: return .bool(byte() == 1)
            case .int?: return .int(Int64(bitPattern: varint()))
            case .string?: return .string(string(shared: false))
            case .timestamp?: return .timestamp(Timestamp(micros: Int64(bitPattern: varint())))
            case .duration?: return .duration(TimeSpan(micros: Int64(bitPattern: varint())))
            case nil: preconditionFailure("findings record with an unknown value tag")
            }
        }

        private mutating func byte() -> UInt8 {
            defer { at += 1 }
            return bytes[at]
        }

        private mutating func varint() -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = byte()
                v |= UInt64(b & 0x7f) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }

        private mutating func string(shared: Bool) -> String {
            let n = Int(varint())
            let slice = bytes[at..<at + n]
            at += n
            guard shared else { return String(decoding: slice, as: UTF8.self) }
            let slot = n == 0 ? 0 : Int((UInt(n) &* 31 &+ UInt(slice.first!) &* 7 &+ UInt(slice.last!)) & 63)
            if let hit = seen[slot], hit.bytes.count == n,
               n == 0 || hit.bytes.withUnsafeBytes({ a in bytes.withUnsafeBytes { memcmp(a.baseAddress!, $0.baseAddress! + (at - n), n) == 0 } }) {
                return hit.string
            }
            let s = String(decoding: slice, as: UTF8.self)
            seen[slot] = (Array(slice), s)
            return s
        }

        private mutating func location() -> SourceLocation {
            let path = string(shared: true)
            let line = Int(varint()), column = Int(varint())
            return SourceLocation(path: path, line: line, column: column)
        }
    }
}
