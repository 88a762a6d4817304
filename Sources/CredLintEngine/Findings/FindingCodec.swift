#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CredLintModel

/// A compact binary form of `Finding` for `FindingSpill`: varint integers, length-prefixed
/// UTF-8 strings, properties sorted by key. Private to one run (never persisted), so it
/// carries no version.
enum FindingCodec {
    static func encode(_ f: Finding, into out: inout [UInt8]) {
        withUnsafePointer(to: f) { encode($0, into: &out) }
    }

    /// Reads the finding in place (passing a `Finding` out of an array copies it, retaining
    /// every field).
    static func encode(_ p: UnsafePointer<Finding>, into out: inout [UInt8]) {
        string(p.pointee.ruleID, &out); string(p.pointee.ruleName, &out)
        out.append(UInt8(p.pointee.severity.ordinal))
        string(p.pointee.message, &out); string(p.pointee.accountID, &out); string(p.pointee.principal, &out)
        string(p.pointee.principalName, &out); string(p.pointee.slot, &out)
        location(p.pointee.location, &out)
        varint(UInt64(p.pointee.properties.count), &out)
        if p.pointee.properties.count == 1 {
            for (k, v) in p.pointee.properties { string(k, &out); string(v, &out) }
        } else if !p.pointee.properties.isEmpty {
            for (k, v) in p.pointee.properties.sorted(by: { $0.key < $1.key }) { string(k, &out); string(v, &out) }
        }
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
        var at = 0
        /// Strings met before: records repeat rule ids, accounts, slots, paths and property
        /// keys, and sharing them saves an allocation each. A direct-mapped cache on a cheap
        /// hash, checked byte for byte: hashing each one into a `Dictionary` cost more.
        private var seen = [(bytes: [UInt8], string: String)?](repeating: nil, count: 64)

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { at == bytes.count }

        mutating func finding() -> Finding {
            let ruleID = string(shared: true), ruleName = string(shared: true)
            let severity = Severity(ordinal: Int(byte()))
            let message = string(shared: false), accountID = string(shared: true)
            let principal = string(shared: false), principalName = string(shared: false), slot = string(shared: true)
            let loc = location()
            var properties: [String: String] = [:]
            let n = Int(varint())
            properties.reserveCapacity(n)
            for _ in 0..<n {
                let k = string(shared: true)
                properties[k] = string(shared: false)
            }
            var f = Finding(ruleID: ruleID, ruleName: ruleName, severity: severity, message: message, accountID: accountID,
                            principal: principal, principalName: principalName, slot: slot, location: loc,
                            properties: properties)
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
