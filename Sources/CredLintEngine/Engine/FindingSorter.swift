#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sorts findings into `Finding.outputOrder`, stably.
///
/// Comparing `Finding`s directly copies them (half a dozen references each) at
/// every step, and `String` comparison costs far more than the bytes it
/// compares. Here each finding becomes a key of integers: the few distinct
/// accounts, rules, slots and paths are ranked once, and principals are
/// compared as raw bytes (memcmp) in one arena. Keys are sorted, then the
/// findings are permuted once. Principals and the other strings compare as
/// `String` does for the ASCII (and any NFC) text IAM uses: by UTF-8 bytes.
enum FindingSorter {
    private struct Key {
        var group: UInt64      // account, severity, rule ranks
        var slotPath: UInt32   // slot and path ranks
        var offset: UInt32, length: UInt32
        var index: UInt32
        var line: Int
        var column: Int
    }

    static func sort(_ findings: inout [Finding]) {
        if findings.count < 2 { return }
        // Byte order equals `String` order only for NFC text; anything else takes the old path.
        var ascii = true
        var accounts = Ranks(), rules = Ranks(), slots = Ranks(), paths = Ranks()
        findings.withUnsafeBufferPointer { b in
            for i in b.indices {
                if ascii && !isASCII(b[i].principal) { ascii = false }
                accounts.add(b[i].accountID); rules.add(b[i].ruleID); slots.add(b[i].slot); paths.add(b[i].location.path)
            }
        }
        guard ascii else {
            findings.sort(by: Finding.outputOrder)
            return
        }
        accounts.finish(); rules.finish(); slots.finish(); paths.finish()
        guard findings.count < Int(UInt32.max), accounts.count < 1 << 20, rules.count < 1 << 20,
              slots.count < 1 << 16, paths.count < 1 << 16 else {
            findings.sort(by: Finding.outputOrder)
            return
        }

        var arena: [UInt8] = []
        var keys: [Key] = []
        keys.reserveCapacity(findings.count)
        var lastPrincipal = "", lastOffset: UInt32 = 0
        findings.withUnsafeBufferPointer { b in
            for i in b.indices {
                // Findings of one row follow each other: store their principal once.
                if i == 0 || b[i].principal != lastPrincipal {
                    lastOffset = UInt32(arena.count)
                    arena.append(contentsOf: b[i].principal.utf8)
                    lastPrincipal = b[i].principal
                }
                let group = UInt64(accounts.rank(b[i].accountID)) << 40 | UInt64(4 - b[i].severity.ordinal) << 32
                    | UInt64(rules.rank(b[i].ruleID))
                keys.append(Key(group: group, slotPath: slots.rank(b[i].slot) << 16 | paths.rank(b[i].location.path),
                                offset: lastOffset, length: UInt32(b[i].principal.utf8.count), index: UInt32(i),
                                line: b[i].location.line, column: b[i].location.column))
            }
        }
        arena.withUnsafeBufferPointer { a in
            let base = a.baseAddress
            keys.sort { x, y in
                if x.group != y.group { return x.group < y.group }
                if x.offset != y.offset || x.length != y.length {
                    let n = Int(min(x.length, y.length))
                    let c = n == 0 ? 0 : memcmp(base! + Int(x.offset), base! + Int(y.offset), n)
                    if c != 0 { return c < 0 }
                    if x.length != y.length { return x.length < y.length }
                }
                if x.slotPath != y.slotPath { return x.slotPath < y.slotPath }
                if x.line != y.line { return x.line < y.line }
                if x.column != y.column { return x.column < y.column }
                return x.index < y.index
            }
        }
        // Permute in place, moving each finding along its cycle: building a new array, or
        // `swapAt` (which copies through a temporary), would retain and release every
        // reference in every finding.
        var perm = keys.map { Int($0.index) }
        findings.withUnsafeMutableBufferPointer { b in
            let base = b.baseAddress!
            for start in perm.indices where perm[start] != start {
                let first = (base + start).move()
                var j = start
                while true {
                    let src = perm[j]
                    perm[j] = j
                    if src == start { (base + j).initialize(to: first); break }
                    (base + j).initialize(to: (base + src).move())
                    j = src
                }
            }
        }
    }

    private static func isASCII(_ s: String) -> Bool {
        if s.utf8.count <= 15 { return s.utf8.allSatisfy { $0 < 0x80 } }
        var s = s
        return s.withUTF8 { u in
            var i = 0
            while i + 8 <= u.count {
                if UnsafeRawPointer(u.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            while i < u.count { if u[i] >= 0x80 { return false }; i += 1 }
            return true
        }
    }


    /// The distinct values of a field, ranked in `String` order. Few values: a linear
    /// search over them beats hashing every finding's string.
    private struct Ranks {
        var values: [String] = []
        var ranks: [UInt32] = []
        var last = 0
        var count: Int { values.count }
        mutating func add(_ s: String) {
            if !values.isEmpty && values[last] == s { return }
            if let i = values.firstIndex(of: s) { last = i; return }
            if values.count > 64 { values.append(s); last = values.count - 1; return }
            values.append(s)
            last = values.count - 1
        }
        mutating func finish() {
            // Deduplicate (past 64 values `add` stops searching) and rank.
            let unique = Array(Set(values)).sorted()
            var index: [String: UInt32] = [:]
            for (r, v) in unique.enumerated() { index[v] = UInt32(r) }
            values = unique
            ranks = unique.map { index[$0]! }
            last = 0
        }
        mutating func rank(_ s: String) -> UInt32 {
            if values[last] == s { return ranks[last] }
            if values.count <= 64, let i = values.firstIndex(of: s) { last = i; return ranks[i] }
            // Many distinct values: binary search the sorted list.
            var lo = 0, hi = values.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if values[mid] < s { lo = mid + 1 } else { hi = mid }
            }
            last = lo
            return ranks[lo]
        }
    }
}
