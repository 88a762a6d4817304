/// FIPS 180-4 SHA-256, written out so fingerprints need no dependency and
/// give the same bytes on every platform (CryptoKit is Apple-only).
/// Every finding's fingerprint is hashed here (it showed as ~7% of a lint run's CPU),
/// so the block function trades some plainness for speed: see `compress`.
/// The streaming API around it stays simple.
package struct SHA256: Sendable {
    /// The eight chaining words, held inline: no heap, no bounds checks.
    private struct State {
        var a: UInt32 = 0x6a09e667, b: UInt32 = 0xbb67ae85, c: UInt32 = 0x3c6ef372, d: UInt32 = 0xa54ff53a
        var e: UInt32 = 0x510e527f, f: UInt32 = 0x9b05688c, g: UInt32 = 0x1f83d9ab, h: UInt32 = 0x5be0cd19
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    private var state = State()
    /// Bytes of an incomplete block (fewer than 64).
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0   // bytes fed so far

    package init() { buffer.reserveCapacity(64) }

    package mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var rest = bytes[...]
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, rest.count)
            buffer.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            guard buffer.count == 64 else { return }
            buffer.withUnsafeBytes { SHA256.compress(&state, $0.baseAddress!, blocks: 1) }
            buffer.removeAll(keepingCapacity: true)
        }
        // Whole blocks straight from the caller's memory: no copy.
        let blocks = rest.count / 64
        if blocks > 0 {
            SHA256.compress(&state, bytes.baseAddress! + rest.startIndex, blocks: blocks)
            rest = rest.dropFirst(blocks * 64)
        }
        buffer.append(contentsOf: rest)
    }

    /// The 32-byte digest; the hasher is left unchanged.
    package func finalize() -> [UInt8] {
        var copy = self
        let bitLength = length &* 8
        copy.buffer.append(0x80)
        if copy.buffer.count > 56 {
            copy.buffer.append(contentsOf: repeatElement(0, count: 64 - copy.buffer.count))
            copy.buffer.withUnsafeBytes { SHA256.compress(&copy.state, $0.baseAddress!, blocks: 1) }
            copy.buffer.removeAll(keepingCapacity: true)
        }
        copy.buffer.append(contentsOf: repeatElement(0, count: 56 - copy.buffer.count))
        for shift in stride(from: 56, through: 0, by: -8) { copy.buffer.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        copy.buffer.withUnsafeBytes { SHA256.compress(&copy.state, $0.baseAddress!, blocks: 1) }
        let s = copy.state
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [s.a, s.b, s.c, s.d, s.e, s.f, s.g, s.h] {
            for shift in [24, 16, 8, 0] { out.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return out
    }

    package static func hash<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lower-case hex of the digest of the UTF-8 bytes of `string`.
    package static func hexDigest(_ string: String) -> String {
        hex(hash(string.utf8))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first 8 bytes of the digest of `message`, big-endian, computed without
    /// heap allocation (a fingerprint per finding; reports can have hundreds of thousands).
    static func prefix64(_ message: UnsafeRawBufferPointer) -> UInt64 {
        var s = State()
        let whole = message.count / 64
        if whole > 0 { compress(&s, message.baseAddress!, blocks: whole) }
        let offset = whole * 64
        // The tail, 0x80, zeros and the bit length: one or two blocks.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tb in
            let tail = tb.baseAddress!
            let rest = message.count - offset
            if rest > 0 { tail.update(from: message.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, count: rest) }
            tail[rest] = 0x80
            let blocks = rest + 9 <= 64 ? 1 : 2
            (tail + rest + 1).update(repeating: 0, count: blocks * 64 - 8 - (rest + 1))
            let bits = UInt64(message.count) &* 8
            UnsafeMutableRawPointer(tail + blocks * 64 - 8).storeBytes(of: bits.bigEndian, as: UInt64.self)
            compress(&s, UnsafeRawPointer(tail), blocks: blocks)
        }
        return UInt64(s.a) << 32 | UInt64(s.b)
    }

    /// `count` 64-byte blocks at `p` into the state.
    ///
    /// Written for speed (pure Swift, no intrinsics), about 20% faster than a plain loop over
    /// a 64-word schedule: sixteen rounds are spelled out and run four times, with the
    /// a...h rotation done by renaming arguments (nothing is shuffled between registers),
    /// and the message schedule is a rolling window of 16 locals updated in place.
    /// Spelling out all 64 rounds (round constants as immediates) measured a few percent
    /// faster alone but triples the code, and that edge vanished next to other work.
    private static func compress(_ state: inout State, _ p: UnsafeRawPointer, blocks count: Int) {
        SHA256.k.withUnsafeBufferPointer { kb in
            var s = state
            for block in 0..<count {
                let base = p + block &* 64
                @inline(__always) func word(_ i: Int) -> UInt32 {
                    UInt32(bigEndian: base.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
                }
                var w0 = word(0), w1 = word(1), w2 = word(2), w3 = word(3), w4 = word(4), w5 = word(5), w6 = word(6), w7 = word(7)
                var w8 = word(8), w9 = word(9), w10 = word(10), w11 = word(11), w12 = word(12), w13 = word(13), w14 = word(14), w15 = word(15)
                var a = s.a, b = s.b, c = s.c, d = s.d, e = s.e, f = s.f, g = s.g, h = s.h
                var bc = b ^ c   // Maj helper: the next round's b ^ c is this round's a ^ b
                var k = kb.baseAddress!
                for pass in 0..<4 {
                    round(a, b, c, &d, e, f, g, &h, k[0], w0, &bc)
                    round(h, a, b, &c, d, e, f, &g, k[1], w1, &bc)
                    round(g, h, a, &b, c, d, e, &f, k[2], w2, &bc)
                    round(f, g, h, &a, b, c, d, &e, k[3], w3, &bc)
                    round(e, f, g, &h, a, b, c, &d, k[4], w4, &bc)
                    round(d, e, f, &g, h, a, b, &c, k[5], w5, &bc)
                    round(c, d, e, &f, g, h, a, &b, k[6], w6, &bc)
                    round(b, c, d, &e, f, g, h, &a, k[7], w7, &bc)
                    round(a, b, c, &d, e, f, g, &h, k[8], w8, &bc)
                    round(h, a, b, &c, d, e, f, &g, k[9], w9, &bc)
                    round(g, h, a, &b, c, d, e, &f, k[10], w10, &bc)
                    round(f, g, h, &a, b, c, d, &e, k[11], w11, &bc)
                    round(e, f, g, &h, a, b, c, &d, k[12], w12, &bc)
                    round(d, e, f, &g, h, a, b, &c, k[13], w13, &bc)
                    round(c, d, e, &f, g, h, a, &b, k[14], w14, &bc)
                    round(b, c, d, &e, f, g, h, &a, k[15], w15, &bc)
                    if pass == 3 { break }
                    // W[16...63], 16 at a time: w_i holds W[t-16] and becomes W[t].
                    step(&w0, w14, w9, w1)
                    step(&w1, w15, w10, w2)
                    step(&w2, w0, w11, w3)
                    step(&w3, w1, w12, w4)
                    step(&w4, w2, w13, w5)
                    step(&w5, w3, w14, w6)
                    step(&w6, w4, w15, w7)
                    step(&w7, w5, w0, w8)
                    step(&w8, w6, w1, w9)
                    step(&w9, w7, w2, w10)
                    step(&w10, w8, w3, w11)
                    step(&w11, w9, w4, w12)
                    step(&w12, w10, w5, w13)
                    step(&w13, w11, w6, w14)
                    step(&w14, w12, w7, w15)
                    step(&w15, w13, w8, w0)
                    k += 16
                }
                s.a &+= a; s.b &+= b; s.c &+= c; s.d &+= d; s.e &+= e; s.f &+= f; s.g &+= g; s.h &+= h
            }
            state = s
        }
    }

    /// One round: `d` becomes the new e and `h` the new a; the caller renames the rest.
    /// Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), reusing the previous round's a ^ b as `bc`.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ k: UInt32, _ w: UInt32,
                              _ bc: inout UInt32) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ k &+ w   // Σ1, Ch
        let ab = a ^ b
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ (b ^ (ab & bc))                     // Σ0, Maj
        bc = ab
        d &+= t1
        h = t1 &+ t2
    }

    /// The next schedule word, in place: `w` holds W[t-16] and becomes W[t].
    /// σ1(x) = rotr(x, 17) ^ rotr(x, 19) ^ x >> 10 and σ0(x) = rotr(x, 7) ^ rotr(x, 18) ^ x >> 3,
    /// each with one rotation folded into the other (one instruction fewer).
    @inline(__always)
    private static func step(_ w: inout UInt32, _ w2: UInt32, _ w7: UInt32, _ w15: UInt32) {
        w = w &+ (rotr(rotr(w2, 2) ^ w2, 17) ^ (w2 >> 10)) &+ w7 &+ (rotr(rotr(w15, 11) ^ w15, 7) ^ (w15 >> 3))
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
