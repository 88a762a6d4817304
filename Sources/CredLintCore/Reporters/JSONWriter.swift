/// Byte-level JSON in exactly the shape `JSONOutput.encode` produces (sorted
/// keys, two-space indentation, `"k": v`, `/` unescaped), for the parts of a
/// report that grow with the findings. Going through `JSONEncoder` costs
/// about 10 µs a finding; writing the bytes directly costs well under one.
///
/// Escaping matches Foundation's encoder: `"` `\` and `\b \t \n \f \r` by
/// name, other control characters as `\u00xx` (lower-case hex), everything
/// else, DEL and non-ASCII included, as it is.
struct JSONWriter {
    var bytes: [UInt8] = []
    /// When set, `bytes` is handed to it whenever it grows past a megabyte.
    var sink: ByteSink?

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func flushIfLarge() {
        guard let sink, bytes.count >= 1 << 20 else { return }
        sink.write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Hands the rest to the sink; returns what is left in memory (everything without a sink).
    mutating func finish() -> [UInt8] {
        guard let sink else { return bytes }
        sink.write(bytes)
        bytes.removeAll()
        return []
    }

    mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func newline(indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { bytes.append(UInt8(ascii: " ")) }
    }

    mutating func int(_ v: Int) {
        if v >= 0 && v < 10 { bytes.append(UInt8(48 + v)); return }
        bytes.append(contentsOf: String(v).utf8)
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { p in
            var start = 0
            for i in 0..<p.count {
                let c = p[i]
                if c >= 0x20 && c != 0x22 && c != 0x5C { continue }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i])) }
                start = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch c {
                case 0x22: bytes.append(0x22)
                case 0x5C: bytes.append(0x5C)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    bytes.append(UInt8(ascii: "u")); bytes.append(0x30); bytes.append(0x30)
                    bytes.append(hex.utf8Start[Int(c >> 4)]); bytes.append(hex.utf8Start[Int(c & 0xF)])
                }
            }
            if start < p.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<p.count])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"key": ` (the key is one of ours: no escaping needed).
    mutating func key(_ k: StaticString, indent: Int) {
        newline(indent: indent)
        bytes.append(UInt8(ascii: "\""))
        raw(k)
        raw("\": ")
    }

    mutating func key(_ k: String, indent: Int) {
        newline(indent: indent)
        string(k)
        raw(": ")
    }

    /// `{ "k": "v", ... }` with keys sorted as `String` sorts them; `{}` when empty.
    mutating func stringMap(_ m: [String: String], indent: Int) {
        if m.isEmpty { raw("{}"); return }
        raw("{")
        var first = true
        for k in m.keys.sorted() {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            key(k, indent: indent + 2)
            string(m[k]!)
        }
        newline(indent: indent)
        raw("}")
    }

    /// `{ "column": c, "line": l, "path": p }`
    mutating func location(_ l: SourceLocation, indent: Int) {
        raw("{")
        key("column", indent: indent + 2); int(l.column); raw(",")
        key("line", indent: indent + 2); int(l.line); raw(",")
        key("path", indent: indent + 2); string(l.path)
        newline(indent: indent)
        raw("}")
    }

    /// Replaces the first `"key": []` that sits at `indent` in `skeleton` (the
    /// pretty-printed document rendered with an empty list there) by `count` items,
    /// item `i` written by `body(&writer, i, indent + 2)`, comma-separated.
    static func splice(_ skeleton: [UInt8], key: String, indent: Int, count: Int, capacity: Int, sink: ByteSink? = nil,
                       _ body: (inout JSONWriter, Int, Int) -> Void) -> [UInt8] {
        guard count > 0 else {
            if let sink { sink.write(skeleton); return [] }
            return skeleton
        }
        let marker = Array(("\n" + String(repeating: " ", count: indent) + "\"\(key)\": []").utf8)
        guard let at = find(marker, in: skeleton) else {
            preconditionFailure("JSON skeleton has no \(key) list at indent \(indent)")
        }
        var w = JSONWriter(capacity: sink == nil ? skeleton.count + capacity : 2 << 20)
        w.sink = sink
        let open = at + marker.count - 1  // the ']'
        w.bytes.append(contentsOf: skeleton[..<open])
        for i in 0..<count {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.newline(indent: indent + 2)
            body(&w, i, indent + 2)
            w.flushIfLarge()
        }
        w.newline(indent: indent)
        w.bytes.append(contentsOf: skeleton[open...])
        return w.finish()
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard needle.count <= hay.count else { return nil }
        let first = needle[0]
        var i = 0
        while i <= hay.count - needle.count {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
