import Foundation

/// Byte-level JSON in exactly the shape `JSONOutput.encode` produces (sorted
/// keys, two-space indentation, `"k": v`, `/` unescaped), for the parts of a
/// report that grow with the findings. Going through `JSONEncoder` costs
/// about 10 µs a finding; writing the bytes directly costs well under one.
///
/// Escaping matches Foundation's encoder: `"` `\` and `\b \t \n \f \r` by
/// name, other control characters as `\u00xx` (lower-case hex), everything
/// else, DEL and non-ASCII included, as it is.
/// Not to be copied: copies would share one buffer (the writers here are made,
/// filled and finished in one place).
struct JSONWriter {
    /// The output so far (since the last flush to `sink`), in a buffer of our own:
    /// appending to an `Array` byte by byte checks capacity and uniqueness every time.
    private let buffer: Buffer
    /// When set, the bytes are handed to it whenever they pass a megabyte.
    var sink: ByteSink?

    init(capacity: Int = 0) { buffer = Buffer(capacity: max(capacity, 256)) }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count)) }

    mutating func flushIfLarge() {
        guard let sink, buffer.count >= 1 << 20 else { return }
        sink.write(UnsafeRawBufferPointer(start: buffer.base, count: buffer.count))
        buffer.count = 0
    }

    /// Hands the rest to the sink; returns what is left in memory (everything without a sink).
    mutating func finish() -> [UInt8] {
        guard let sink else { return bytes }
        sink.write(UnsafeRawBufferPointer(start: buffer.base, count: buffer.count))
        buffer.count = 0
        return []
    }

    final class Buffer {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int
        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }
        deinit { base.deallocate() }

        @inline(__always) func reserve(_ n: Int) {
            if count + n > capacity { grow(count + n) }
        }
        @inline(never) func grow(_ needed: Int) {
            let newCapacity = max(needed, capacity * 2)
            let p = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            p.update(from: base, count: count)
            base.deallocate()
            base = p
            capacity = newCapacity
        }
        @inline(__always) func append(_ b: UInt8) {
            reserve(1)
            base[count] = b
            count += 1
        }
        @inline(__always) func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
            reserve(n)
            (base + count).update(from: p, count: n)
            count += n
        }
    }

    mutating func raw(_ s: StaticString) {
        buffer.append(s.utf8Start, s.utf8CodeUnitCount)
    }

    /// (Named apart from `raw(_: StaticString)`: a literal would pick the `String` overload.)
    mutating func rawText(_ s: String) {
        var s = s
        s.withUTF8 { if let b = $0.baseAddress { buffer.append(b, $0.count) } }
    }

    mutating func raw<C: Collection>(bytes c: C) where C.Element == UInt8 {
        let buffer = self.buffer
        let done: Void? = c.withContiguousStorageIfAvailable { p in
            if let b = p.baseAddress { buffer.append(b, p.count) }
        }
        if done == nil { for b in c { buffer.append(b) } }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    mutating func newline(indent: Int) {
        buffer.reserve(indent + 1)
        buffer.base[buffer.count] = 0x0A
        buffer.count += 1
        if indent <= 64 {
            Self.spaces.withUnsafeBufferPointer { buffer.append($0.baseAddress!, indent) }
        } else {
            for _ in 0..<indent { buffer.append(0x20) }
        }
    }

    mutating func int(_ v: Int) {
        if v >= 0 && v < 10 { buffer.append(UInt8(48 + v)); return }
        if v < 0 { rawText(String(v)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for any Int
        var n = v, k = 24
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 { k -= 1; d[k] = UInt8(48 + n % 10); n /= 10 }
            buffer.append(d.baseAddress!.assumingMemoryBound(to: UInt8.self) + k, 24 - k)
        }
    }

    mutating func string(_ s: String) {
        // Read in place when the string is contiguous UTF-8 (nearly always): copying it to
        // call `withUTF8` retained and released it for every string written.
        if s.utf8.withContiguousStorageIfAvailable({ escaped($0) }) != nil { return }
        var s = s
        s.withUTF8 { escaped($0) }
    }

    private func escaped(_ p: UnsafeBufferPointer<UInt8>) {
        buffer.reserve(p.count + 2)
        buffer.base[buffer.count] = 0x22
        buffer.count += 1
        guard let base = p.baseAddress else { buffer.append(0x22); return }
        var start = 0, i = 0
        let n = p.count
        while i < n {
            // Eight bytes at a time while none needs escaping (control, '"', '\\').
            if i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                let control = (w &- ones &* 0x20) & ~w & highs          // bytes < 0x20
                let q = w ^ (ones &* 0x22), b = w ^ (ones &* 0x5C)
                let special = ((q &- ones) & ~q | (b &- ones) & ~b) & highs
                if control | special == 0 { i += 8; continue }
            }
            let c = base[i]
            if c >= 0x20 && c != 0x22 && c != 0x5C { i += 1; continue }
            if start < i { buffer.append(base + start, i - start) }
            start = i + 1
            i += 1
            buffer.append(UInt8(ascii: "\\"))
            switch c {
            case 0x22: buffer.append(0x22)
            case 0x5C: buffer.append(0x5C)
            case 0x08: buffer.append(UInt8(ascii: "b"))
            case 0x09: buffer.append(UInt8(ascii: "t"))
            case 0x0A: buffer.append(UInt8(ascii: "n"))
            case 0x0C: buffer.append(UInt8(ascii: "f"))
            case 0x0D: buffer.append(UInt8(ascii: "r"))
            default:
                let hex: StaticString = "0123456789abcdef"
                buffer.append(UInt8(ascii: "u")); buffer.append(0x30); buffer.append(0x30)
                buffer.append(hex.utf8Start[Int(c >> 4)]); buffer.append(hex.utf8Start[Int(c & 0xF)])
            }
        }
        if start < n { buffer.append(base + start, n - start) }
        buffer.append(0x22)
    }

    /// `"key": ` (the key is one of ours: no escaping needed).
    mutating func key(_ k: StaticString, indent: Int) {
        newline(indent: indent)
        buffer.append(0x22)
        raw(k)
        raw("\": ")
    }

    mutating func keyText(_ k: String, indent: Int) {
        newline(indent: indent)
        string(k)
        raw(": ")
    }

    /// `{ "k": "v", ... }`: `m` with `extra`'s entries added (replacing any of `m`'s with the
    /// same key), keys sorted as `String` sorts them; `{}` when empty.
    mutating func stringMap(_ m: [String: String], adding extra: KeyValuePairs<String, String> = [:], indent: Int) {
        if m.isEmpty && extra.isEmpty { raw("{}"); return }
        raw("{")
        // Keys sorted on the stack (finding properties have two or three), with no dictionary
        // built to merge `extra` in.
        withUnsafeTemporaryAllocation(of: (key: String, value: String).self, capacity: m.count + extra.count) { items in
            var n = 0
            func insert(_ k: String, _ v: String) {
                var j = n
                while j > 0 && k < items[j - 1].key { (items.baseAddress! + j).initialize(to: (items.baseAddress! + j - 1).move()); j -= 1 }
                (items.baseAddress! + j).initialize(to: (k, v))
                n += 1
            }
            for (k, v) in extra { insert(k, v) }
            for (k, v) in m where !extra.contains(where: { $0.key == k }) { insert(k, v) }
            for i in 0..<n {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                keyText(items[i].key, indent: indent + 2)
                string(items[i].value)
            }
            _ = items.baseAddress!.deinitialize(count: n)
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
        var (w, open) = start(skeleton, key: key, indent: indent, capacity: capacity, sink: sink)
        for i in 0..<count {
            if i > 0 { w.raw(",") }
            w.newline(indent: indent + 2)
            body(&w, i, indent + 2)
            w.flushIfLarge()
        }
        w.newline(indent: indent)
        w.raw(bytes: skeleton[open...])
        return w.finish()
    }

    /// A writer holding `skeleton` up to the `]` of its empty `"key": []` list at `indent`,
    /// and that `]`'s offset.
    private static func start(_ skeleton: [UInt8], key: String, indent: Int, capacity: Int,
                              sink: ByteSink?) -> (JSONWriter, Int) {
        let marker = Array(("\n" + String(repeating: " ", count: indent) + "\"\(key)\": []").utf8)
        guard let at = find(marker, in: skeleton) else {
            preconditionFailure("JSON skeleton has no \(key) list at indent \(indent)")
        }
        var w = JSONWriter(capacity: sink == nil ? skeleton.count + capacity : 2 << 20)
        w.sink = sink
        let open = at + marker.count - 1  // the ']'
        w.raw(bytes: skeleton[..<open])
        return (w, open)
    }

    /// `splice` with the items written in blocks on `threads` threads, each block into
    /// its own buffer, the buffers joined in order. `body` must be safe to call from
    /// several threads at once (it only reads).
    /// `prepare`, when given, is called on the calling thread with each wave's item range
    /// before the wave is written (to fetch items that can only be read in order).
    static func splice(_ skeleton: [UInt8], key: String, indent: Int, count: Int, capacity: Int, sink: ByteSink?,
                       threads: Int, block: Int = 4_096, prepare: ((Range<Int>) -> Void)? = nil,
                       _ body: @Sendable (inout JSONWriter, Int, Int) -> Void) -> [UInt8] {
        guard threads > 1, count > 2 * block else {
            prepare?(0..<count)
            return splice(skeleton, key: key, indent: indent, count: count, capacity: capacity, sink: sink, body)
        }
        var (w, open) = start(skeleton, key: key, indent: indent, capacity: capacity, sink: sink)
        let blocks = (count + block - 1) / block
        var next = 0
        while next < blocks {
            // One wave: a block per thread, so memory holds `threads` blocks at most.
            let wave = min(threads, blocks - next)
            let parts = BlockResults(count: wave)
            let first = next
            prepare?((first * block)..<min(count, (first + wave) * block))
            DispatchQueue.concurrentPerform(iterations: wave) { j in
                let b = first + j
                var part = JSONWriter(capacity: block * 800)
                for i in (b * block)..<min(count, (b + 1) * block) {
                    if i > 0 { part.raw(",") }
                    part.newline(indent: indent + 2)
                    body(&part, i, indent + 2)
                }
                parts.set(j, part.bytes)
            }
            for j in 0..<wave {
                w.raw(bytes: parts.get(j))
                w.flushIfLarge()
            }
            next += wave
        }
        w.newline(indent: indent)
        w.raw(bytes: skeleton[open...])
        return w.finish()
    }

    private final class BlockResults: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [[UInt8]]
        init(count: Int) { slots = Array(repeating: [], count: count) }
        func set(_ i: Int, _ b: [UInt8]) { lock.lock(); slots[i] = b; lock.unlock() }
        func get(_ i: Int) -> [UInt8] { lock.lock(); defer { lock.unlock() }; return slots[i] }
    }

    /// Where `needle` first occurs in `hay` at or after `from`.
    static func firstIndex(of needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard needle.count <= hay.count, from <= hay.count - needle.count else { return nil }
        for i in from...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
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
