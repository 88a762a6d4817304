/// A finding's stable identity, used as SARIF `partialFingerprints` and as the
/// baseline key. Built only from what the finding is about (rule, account,
/// principal, credential slot), never from line numbers, dates or messages:
/// credential-report row order is not stable and ages change every day.
package enum Fingerprint {
    /// U+241F SYMBOL FOR UNIT SEPARATOR: cannot occur in rule ids, account ids, ARNs or slots,
    /// so joined fields can never collide ("a␟bc" vs "ab␟c").
    package static let separator = "\u{241F}"

    /// First 16 hex digits of SHA-256 over the four fields joined by U+241F, plus `:1`
    /// (GitHub's `primaryLocationLineHash` shape: hash, then an occurrence number).
    package static func of(ruleID: String, accountID: String, principal: String, slot: String) -> String {
        // Same bytes as hashing `[ruleID, accountID, principal, slot].joined(separator: separator)`,
        // assembled in one buffer: every finding gets a fingerprint, so this stays allocation-light.
        let total = ruleID.utf8.count + accountID.utf8.count + principal.utf8.count + slot.utf8.count + 9
        let h = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: total) { buf -> UInt64 in
            var n = 0
            func add(_ s: String) {
                var s = s
                s.withUTF8 { u in
                    if let b = u.baseAddress { (buf.baseAddress! + n).update(from: b, count: u.count) }
                    n += u.count
                }
            }
            func separator() {  // U+241F in UTF-8
                buf[n] = 0xE2; buf[n + 1] = 0x90; buf[n + 2] = 0x9F
                n += 3
            }
            add(ruleID); separator(); add(accountID); separator(); add(principal); separator(); add(slot)
            return SHA256.prefix64(UnsafeRawBufferPointer(start: buf.baseAddress, count: n))
        }
        return String(unsafeUninitializedCapacity: 18) { out in
            let digits: StaticString = "0123456789abcdef"
            let d = digits.utf8Start
            for i in 0..<16 { out[i] = d[Int((h >> UInt64(60 - 4 * i)) & 0xF)] }
            out[16] = UInt8(ascii: ":"); out[17] = UInt8(ascii: "1")
            return 18
        }
    }


    /// True for strings of the shape `of` returns (16 lower-case hex digits, `:1`).
    package static func isWellFormed(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 18, u[16] == UInt8(ascii: ":"), u[17] == UInt8(ascii: "1") else { return false }
        return u[0..<16].allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
