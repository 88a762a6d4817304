/// FIPS 180-4 SHA-256, written out so fingerprints need no dependency and
/// give the same bytes on every platform (CryptoKit is Apple-only).
/// Fingerprints hash a few hundred bytes, so clarity wins over speed here.
public struct SHA256: Sendable {
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

    private var h: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]
    /// Bytes of an incomplete block (fewer than 64).
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0   // bytes fed so far

    public init() { buffer.reserveCapacity(64) }

    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var rest = bytes[...]
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, rest.count)
            buffer.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            guard buffer.count == 64 else { return }
            buffer.withUnsafeBytes { compress($0) }
            buffer.removeAll(keepingCapacity: true)
        }
        // Whole blocks straight from the caller's memory: no copy.
        while rest.count >= 64 {
            compress(UnsafeRawBufferPointer(rebasing: rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        buffer.append(contentsOf: rest)
    }

    /// The 32-byte digest; the hasher is left unchanged.
    public func finalize() -> [UInt8] {
        var copy = self
        let bitLength = length &* 8
        copy.buffer.append(0x80)
        if copy.buffer.count > 56 {
            copy.buffer.append(contentsOf: repeatElement(0, count: 64 - copy.buffer.count))
            copy.buffer.withUnsafeBytes { copy.compress($0) }
            copy.buffer.removeAll(keepingCapacity: true)
        }
        copy.buffer.append(contentsOf: repeatElement(0, count: 56 - copy.buffer.count))
        for shift in stride(from: 56, through: 0, by: -8) { copy.buffer.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        copy.buffer.withUnsafeBytes { copy.compress($0) }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in copy.h { for shift in [24, 16, 8, 0] { out.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) } }
        return out
    }

    public static func hash<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lower-case hex of the digest of the UTF-8 bytes of `string`.
    public static func hexDigest(_ string: String) -> String {
        hex(hash(string.utf8))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func compress(_ block: UnsafeRawBufferPointer) {
        h.withUnsafeMutableBufferPointer { SHA256.compress($0.baseAddress!, block) }
    }

    /// One 64-byte block into the eight state words at `h`.
    private static func compress(_ h: UnsafeMutablePointer<UInt32>, _ block: UnsafeRawBufferPointer) {
        SHA256.k.withUnsafeBufferPointer { k in compress(h, block.baseAddress!, k.baseAddress!) }
    }

    /// The same with the round constants at hand (callers hashing several blocks fetch them once).
    @inline(__always)
    private static func compress(_ h: UnsafeMutablePointer<UInt32>, _ block: UnsafeRawPointer, _ k: UnsafePointer<UInt32>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { wb in
            let w = wb.baseAddress!
            for i in 0..<16 { w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)) }
            for i in 16..<64 {
                let a = w[i &- 15], b = w[i &- 2]
                let s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >> 3)
                let s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >> 10)
                w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
            }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7]
            for i in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
            }
            h[0] &+= a; h[1] &+= b; h[2] &+= c; h[3] &+= d; h[4] &+= e; h[5] &+= f; h[6] &+= g; h[7] &+= hh
        }
    }

    /// The first 8 bytes of the digest of `message`, big-endian, computed without
    /// heap allocation (a fingerprint per finding; reports can have hundreds of thousands).
    static func prefix64(_ message: UnsafeRawBufferPointer) -> UInt64 {
        SHA256.k.withUnsafeBufferPointer { kb in
            let k = kb.baseAddress!
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { hb in
                let h = hb.baseAddress!
                h[0] = 0x6a09e667; h[1] = 0xbb67ae85; h[2] = 0x3c6ef372; h[3] = 0xa54ff53a
                h[4] = 0x510e527f; h[5] = 0x9b05688c; h[6] = 0x1f83d9ab; h[7] = 0x5be0cd19
                var offset = 0
                while message.count - offset >= 64 {
                    compress(h, message.baseAddress! + offset, k)
                    offset += 64
                }
                // The tail, 0x80, zeros and the bit length: one or two blocks.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tb in
                    let tail = tb.baseAddress!
                    let rest = message.count - offset
                    if rest > 0 { tail.update(from: message.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, count: rest) }
                    tail[rest] = 0x80
                    let blocks = rest + 9 <= 64 ? 1 : 2
                    (tail + rest + 1).update(repeating: 0, count: blocks * 64 - 8 - (rest + 1))
                    let bits = UInt64(message.count) &* 8
                    for i in 0..<8 { tail[blocks * 64 - 8 + i] = UInt8(truncatingIfNeeded: bits >> UInt64(56 - 8 * i)) }
                    compress(h, UnsafeRawPointer(tail), k)
                    if blocks == 2 { compress(h, UnsafeRawPointer(tail + 64), k) }
                }
                return UInt64(h[0]) << 32 | UInt64(h[1])
            }
        }
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    @inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
