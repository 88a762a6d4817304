import Foundation

/// The one JSON writer: every JSON credlint writes (`--format json`, SARIF, GitLab Code
/// Quality, the baseline file, `rules --format json`, `inspect`, `schema`) goes through it,
/// so all of it has one layout and one string escaper.
///
/// Layout: two-space indentation, `"key": value`, `{}` and `[]` when empty, `/` unescaped,
/// a final newline (`endDocument`). Strings are escaped as RFC 8259 §7 recommends: `"` `\`
/// and `\b \f \n \r \t` by their short names, the other control characters as `\u00xx`
/// (lower-case hex), everything else, DEL and non-ASCII included, as it is.
///
/// The writer streams: with a `sink`, the bytes go to it whenever a megabyte has built up
/// (checked as each object or array closes), so no format needs its whole document in memory.
///
/// Keys are written in sorted order (UTF-8 byte order, which is what `String` sorting gives
/// for the keys credlint writes) by the callers; the writer does not sort, it checks. In debug
/// builds every object's keys are checked as they arrive and an out-of-order or repeated key
/// stops the program (`KeyOrder.trap`); `KeyOrder.record` collects the violations instead,
/// so tests can see the check fire. Release builds skip the check.
///
/// Not to be copied: copies would share one buffer (the writers here are made, filled and
/// finished in one place).
package struct JSONWriter {
    /// What to do with an object key that does not sort after the one before it.
    package enum KeyOrder {
        case off
        /// Stop the program (the default in debug builds).
        case trap
        /// Collect the violation in `keyOrderViolations` and go on.
        case record

        static var buildDefault: KeyOrder {
            #if DEBUG
            .trap
            #else
            .off
            #endif
        }
    }

    /// The output so far (since the last flush to `sink`), in a buffer of our own:
    /// appending to an `Array` byte by byte checks capacity and uniqueness every time.
    private let buffer: Buffer
    /// When set, the bytes are handed to it whenever they pass a megabyte.
    let sink: ByteSink?
    /// Containers open around the write position; the indentation is twice this.
    package private(set) var depth = 0
    /// Whether the innermost open container has no member yet.
    private var empty = true
    /// `empty` of each enclosing container, innermost in the lowest bit.
    private var emptyStack: UInt64 = 0
    /// A key was written and its value is next.
    private var afterKey = false

    let keyOrder: KeyOrder
    /// The last key of each open container (arrays hold an unused entry), when checking.
    private var lastKeys: [[UInt8]] = []
    /// Each violation as `previous key, key` (with `KeyOrder.record`).
    private(set) var keyOrderViolations: [String] = []

    package init(sink: ByteSink? = nil, capacity: Int = 0, keyOrder: KeyOrder = .buildDefault) {
        buffer = Buffer(capacity: max(capacity, sink == nil ? 256 : 2 << 20))
        self.sink = sink
        self.keyOrder = keyOrder
    }

    /// A writer for items of an array that another writer has open at `depth` (blocks of
    /// items written on other threads, joined with `appendItems`); `first` when the block
    /// holds the array's first item.
    init(itemsAt depth: Int, first: Bool, capacity: Int, keyOrder: KeyOrder = .buildDefault) {
        self.init(capacity: capacity, keyOrder: keyOrder)
        self.depth = depth
        empty = first
        if keyOrder != .off { lastKeys = Array(repeating: [], count: depth) }
    }

    /// A writer for the value of a key that another writer has open at `depth` (a value
    /// written once and placed many times with `rawValue`).
    package init(valueAt depth: Int, keyOrder: KeyOrder = .buildDefault) {
        self.init(capacity: 0, keyOrder: keyOrder)
        self.depth = depth
        afterKey = true
        if keyOrder != .off { lastKeys = Array(repeating: [], count: depth) }
    }

    /// The bytes in memory (all of them without a sink).
    package var bytes: [UInt8] { Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count)) }

    /// Hands the bytes to the sink once a megabyte has built up.
    @inline(__always) mutating func flushIfLarge() {
        if buffer.count >= 1 << 20, let sink { flush(sink) }
    }

    private func flush(_ sink: ByteSink) {
        sink.write(UnsafeRawBufferPointer(start: buffer.base, count: buffer.count))
        buffer.count = 0
    }

    /// Ends a top-level value with the final newline.
    package mutating func endDocument() {
        precondition(depth == 0 && !afterKey, "JSON document ended inside a container")
        buffer.append(0x0A)
    }

    /// Hands the rest to the sink; returns what is left in memory (everything without a sink).
    package mutating func finish() -> [UInt8] {
        guard let sink else { return bytes }
        flush(sink)
        return []
    }

    // MARK: - Structure

    /// Before a value: the comma and line break of an array item, nothing after a key.
    @inline(__always) private mutating func beginValue() {
        if afterKey { afterKey = false; return }
        guard depth > 0 else { return }
        if !empty { buffer.append(UInt8(ascii: ",")) }
        empty = false
        newline(indent: 2 * depth)
    }

    @inline(__always) private mutating func open(_ bracket: UInt8) {
        beginValue()
        buffer.append(bracket)
        precondition(depth < 63, "JSON nested too deeply")
        emptyStack = emptyStack << 1 | (empty ? 1 : 0)
        empty = true
        depth += 1
        if keyOrder != .off { lastKeys.append([]) }
    }

    @inline(__always) private mutating func close(_ bracket: UInt8) {
        precondition(depth > 0 && !afterKey, "JSON container closed out of turn")
        depth -= 1
        if !empty { newline(indent: 2 * depth) }
        buffer.append(bracket)
        empty = emptyStack & 1 == 1
        emptyStack >>= 1
        if keyOrder != .off { lastKeys.removeLast() }
        flushIfLarge()
    }

    package mutating func beginObject() { open(UInt8(ascii: "{")) }
    package mutating func endObject() { close(UInt8(ascii: "}")) }
    package mutating func beginArray() { open(UInt8(ascii: "[")) }
    package mutating func endArray() { close(UInt8(ascii: "]")) }

    /// `"key": ` for a key of ours (plain ASCII: no escaping needed).
    package mutating func key(_ k: StaticString) {
        if keyOrder != .off { checkKey(UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount)) }
        beginKey()
        buffer.append(0x22)
        buffer.append(k.utf8Start, k.utf8CodeUnitCount)
        buffer.append(0x22)
        raw(": ")
        afterKey = true
    }

    /// `"key": ` for a key from the data (escaped). (Named apart from `key(_: StaticString)`:
    /// a literal would pick the `String` overload.)
    package mutating func keyText(_ k: String) {
        if keyOrder != .off { var k = k; k.withUTF8 { checkKey($0) } }
        beginKey()
        escape(k)
        raw(": ")
        afterKey = true
    }

    @inline(__always) private mutating func beginKey() {
        precondition(depth > 0 && !afterKey, "JSON key outside an object")
        if !empty { buffer.append(UInt8(ascii: ",")) }
        empty = false
        newline(indent: 2 * depth)
    }

    private mutating func checkKey(_ k: UnsafeBufferPointer<UInt8>) {
        guard !lastKeys.isEmpty else { return }
        let previous = lastKeys[lastKeys.count - 1]
        if let violation = Self.keyOrderViolation(previous: previous, next: k) {
            switch keyOrder {
            case .trap: preconditionFailure("JSON keys out of order: \(violation)")
            case .record: keyOrderViolations.append(violation)
            case .off: break
            }
        }
        lastKeys[lastKeys.count - 1] = Array(k)
    }

    /// Why `next` may not follow `previous` in one object (nil when it may): keys must be
    /// strictly increasing in UTF-8 byte order. `previous` is empty for an object's first key.
    static func keyOrderViolation(previous: [UInt8], next: UnsafeBufferPointer<UInt8>) -> String? {
        if previous.isEmpty && !next.isEmpty { return nil }
        if previous.lexicographicallyPrecedes(next) { return nil }
        let a = String(decoding: previous, as: UTF8.self), b = String(decoding: next, as: UTF8.self)
        return previous.elementsEqual(next) ? "\"\(b)\" repeated" : "\"\(b)\" after \"\(a)\""
    }

    // MARK: - Values

    package mutating func string(_ s: String) {
        beginValue()
        escape(s)
    }

    private func escape(_ s: String) {
        // Read in place when the string is contiguous UTF-8 (nearly always): copying it to
        // call `withUTF8` retained and released it for every string written.
        if s.utf8.withContiguousStorageIfAvailable({ escaped($0) }) != nil { return }
        var s = s
        s.withUTF8 { escaped($0) }
    }

    /// A string of ours that needs no escaping (checked in debug builds).
    package mutating func literal(_ s: StaticString) {
        assert(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
            .allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }, "\(s) needs escaping")
        beginValue()
        buffer.reserve(s.utf8CodeUnitCount + 2)
        buffer.append(0x22)
        buffer.append(s.utf8Start, s.utf8CodeUnitCount)
        buffer.append(0x22)
    }

    /// The string, or `null`.
    package mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    package mutating func int(_ v: Int) {
        beginValue()
        if v >= 0 && v < 10 { buffer.append(UInt8(48 + v)); return }
        if v < 0 { rawText(String(v)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for any Int
        var n = v, k = 24
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 { k -= 1; d[k] = UInt8(48 + n % 10); n /= 10 }
            buffer.append(d.baseAddress!.assumingMemoryBound(to: UInt8.self) + k, 24 - k)
        }
    }

    /// The number, or `null`.
    package mutating func int(_ v: Int?) {
        if let v { int(v) } else { null() }
    }

    package mutating func bool(_ b: Bool) {
        beginValue()
        if b { raw("true") } else { raw("false") }
    }

    /// The boolean, or `null`.
    package mutating func bool(_ b: Bool?) {
        if let b { bool(b) } else { null() }
    }

    package mutating func null() {
        beginValue()
        raw("null")
    }

    /// An array of strings.
    package mutating func strings<S: Sequence>(_ items: S) where S.Element == String {
        beginArray()
        for s in items { string(s) }
        endArray()
    }

    /// An object of string values from a dictionary, its keys sorted here.
    package mutating func stringMap(_ m: [String: String]) {
        beginObject()
        for k in m.keys.sorted(by: Self.keyPrecedes) { keyText(k); string(m[k]!) }
        endObject()
    }

    /// The order the key check wants: UTF-8 byte order (for callers that sort keys they
    /// did not write themselves, such as a dictionary's).
    package static func keyPrecedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// `{ "k": "v", ... }`: `m` with `extra`'s entries added (replacing any of `m`'s with the
    /// same key), keys sorted; `{}` when empty. For finding properties (`Finding.propertyPairs`,
    /// unique keys): two or three keys, sorted on the stack with no dictionary built.
    ///
    /// An array, not any collection: a generic here is not specialized for the reporters'
    /// module and went through protocol witnesses per item (2 % of a JSON run).
    package mutating func stringMap(_ m: [(key: String, value: String)], adding extra: KeyValuePairs<String, String>) {
        beginObject()
        withUnsafeTemporaryAllocation(of: (key: String, value: String).self, capacity: m.count + extra.count) { items in
            var n = 0
            func insert(_ k: String, _ v: String) {
                var j = n
                while j > 0 && Self.keyPrecedes(k, items[j - 1].key) {
                    (items.baseAddress! + j).initialize(to: (items.baseAddress! + j - 1).move()); j -= 1
                }
                (items.baseAddress! + j).initialize(to: (k, v))
                n += 1
            }
            for (k, v) in extra { insert(k, v) }
            for (k, v) in m where !extra.contains(where: { $0.key == k }) { insert(k, v) }
            for i in 0..<n {
                keyText(items[i].key)
                string(items[i].value)
            }
            _ = items.baseAddress!.deinitialize(count: n)
        }
        endObject()
    }

    /// `{ "column": c, "line": l, "path": p }`
    package mutating func location(_ l: SourceLocation) {
        beginObject()
        key("column"); int(l.column)
        key("line"); int(l.line)
        key("path"); string(l.path)
        endObject()
    }

    /// A value written before by a writer at the same depth (a value a run of many shares).
    package mutating func rawValue(_ bytes: [UInt8]) {
        beginValue()
        raw(bytes: bytes)
    }

    /// The items of a block written by `init(itemsAt:first:)` into the array open here.
    mutating func appendItems(_ block: [UInt8]) {
        precondition(depth > 0 && !afterKey)
        guard !block.isEmpty else { return }
        raw(bytes: block)
        empty = false
        flushIfLarge()
    }

    /// `count` items into the array open here, item `i` written by `body(&writer, i)`. With
    /// `threads` > 1 they are written in blocks on that many threads, each block into its own
    /// buffer, the buffers joined in order; `body` must then be safe to call from several
    /// threads at once (it only reads). `prepare`, when given, is called on this thread with
    /// each wave's item range before the wave is written (to fetch items that can only be
    /// read in order).
    package mutating func items(count: Int, threads: Int, block: Int = 4_096, prepare: ((Range<Int>) -> Void)? = nil,
                        _ body: @Sendable (inout JSONWriter, Int) -> Void) {
        precondition(depth > 0 && !afterKey, "items outside an array")
        guard threads > 1, count > 2 * block else {
            // One thread: still a block at a time, so `prepare` never holds more than a block.
            var start = 0
            while start < count {
                let end = prepare == nil ? count : min(count, start + block)
                prepare?(start..<end)
                for i in start..<end { body(&self, i) }
                start = end
            }
            return
        }
        let blocks = (count + block - 1) / block
        let depth = self.depth, keyOrder = self.keyOrder, startsEmpty = empty
        var next = 0
        while next < blocks {
            // One wave: a block per thread, so memory holds `threads` blocks at most.
            let wave = min(threads, blocks - next)
            let parts = BlockResults(count: wave)
            let first = next
            prepare?((first * block)..<min(count, (first + wave) * block))
            DispatchQueue.concurrentPerform(iterations: wave) { j in
                let b = first + j
                var part = JSONWriter(itemsAt: depth, first: b == 0 && startsEmpty, capacity: block * 800, keyOrder: keyOrder)
                for i in (b * block)..<min(count, (b + 1) * block) { body(&part, i) }
                parts.set(j, part.bytes)
            }
            for j in 0..<wave { appendItems(parts.get(j)) }
            next += wave
        }
    }

    private final class BlockResults: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [[UInt8]]
        init(count: Int) { slots = Array(repeating: [], count: count) }
        func set(_ i: Int, _ b: [UInt8]) { lock.lock(); slots[i] = b; lock.unlock() }
        func get(_ i: Int) -> [UInt8] { lock.lock(); defer { lock.unlock() }; return slots[i] }
    }

    // MARK: - Bytes

    private mutating func raw(_ s: StaticString) {
        buffer.append(s.utf8Start, s.utf8CodeUnitCount)
    }

    private mutating func rawText(_ s: String) {
        var s = s
        s.withUTF8 { if let b = $0.baseAddress { buffer.append(b, $0.count) } }
    }

    private mutating func raw<C: Collection>(bytes c: C) where C.Element == UInt8 {
        let buffer = self.buffer
        let done: Void? = c.withContiguousStorageIfAvailable { p in
            if let b = p.baseAddress { buffer.append(b, p.count) }
        }
        if done == nil { for b in c { buffer.append(b) } }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 128)

    private mutating func newline(indent: Int) {
        buffer.reserve(indent + 1)
        buffer.base[buffer.count] = 0x0A
        buffer.count += 1
        Self.spaces.withUnsafeBufferPointer { buffer.append($0.baseAddress!, indent) }
    }

    /// The one string escaper (see the type's comment).
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
}
