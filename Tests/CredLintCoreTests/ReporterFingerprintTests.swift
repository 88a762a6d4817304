import Testing
@testable import CredLintModel
@testable import CredLintEngine

@Suite struct ReporterFingerprintTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ("h\u{e9}llo \u{2713}", "5657cdef8a85a584e0e961e6f8247cf5d3f8ed21496ed6fdbcfd43a761e94245"),
    ])
    func sha256KnownVectors(input: String, digest: String) {
        #expect(SHA256.hexDigest(input) == digest)
    }

    @Test func sha256MillionAs() {
        var h = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { h.update(chunk) }
        #expect(SHA256.hex(h.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the 55/56/64-byte padding boundaries (digests from Python's hashlib).
    @Test(arguments: [
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
    ])
    func sha256PaddingBoundaries(length: Int, digest: String) {
        let bytes = (0..<length).map { UInt8(($0 * 7 + 3) % 256) }
        #expect(SHA256.hex(SHA256.hash(bytes)) == digest)
        // Fed in odd-sized pieces, the digest is the same.
        var h = SHA256()
        var i = 0
        while i < bytes.count { h.update(bytes[i..<min(i + 7, bytes.count)]); i += 7 }
        #expect(SHA256.hex(h.finalize()) == digest)
    }

    /// prefix64 (fingerprints' allocation-free path) against the first 8 bytes of `hash`, for
    /// every length from empty to past three blocks, so each padding case of both is exercised.
    @Test func prefix64MatchesHashForEveryLength() {
        for length in 0...200 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ length) }
            let expected = SHA256.hash(bytes).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(bytes.withUnsafeBytes { SHA256.prefix64($0) } == expected, "length \(length)")
        }
    }

    @Test func fingerprintKnownValues() {
        // python3: hashlib.sha256("\u241f".join([...]).encode()).hexdigest()[:16]
        #expect(Fingerprint.of(ruleID: "CL203", accountID: "123456789012",
                               principal: "arn:aws:iam::123456789012:user/alice", slot: "access_key_1")
                == "b813d758f850a3ef:1")
        #expect(Fingerprint.of(ruleID: "CL001", accountID: "123456789012", principal: "account:123456789012", slot: "")
                == "77838d8637509e0e:1")
    }

    @Test func fingerprintIgnoresLineMessageSeverityAndDates() {
        let a = ReporterFixtures.finding("CL203", "access-key-unused", .medium, "Last used 61 days ago.",
                                         user: "alice", slot: "access_key_1", line: 3, props: ["days_unused": "61"])
        var b = a
        b.location = SourceLocation(path: "other.csv", line: 99)
        b = b.with(message: "Last used 62 days ago.")
        b.severity = .high
        b = b.with(properties: ["days_unused": "62"])
        #expect(a.fingerprint == b.fingerprint)
        var c = a
        c.slot = "access_key_2"
        #expect(a.fingerprint != c.fingerprint)
    }

    @Test func separatorPreventsFieldCollisions() {
        #expect(Fingerprint.of(ruleID: "CL1", accountID: "23", principal: "p", slot: "")
                != Fingerprint.of(ruleID: "CL12", accountID: "3", principal: "p", slot: ""))
    }

    @Test(arguments: [("b813d758f850a3ef:1", true), ("b813d758f850a3ef", false), ("B813D758F850A3EF:1", false),
                      ("b813d758f850a3eg:1", false), ("b813d758f850a3ef:2", false), ("", false)])
    func wellFormed(value: String, ok: Bool) {
        #expect(Fingerprint.isWellFormed(value) == ok)
    }
}
