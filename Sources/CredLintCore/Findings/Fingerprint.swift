/// A finding's stable identity, used as SARIF `partialFingerprints` and as the
/// baseline key. Built only from what the finding is about (rule, account,
/// principal, credential slot), never from line numbers, dates or messages:
/// credential-report row order is not stable and ages change every day.
public enum Fingerprint {
    /// U+241F SYMBOL FOR UNIT SEPARATOR: cannot occur in rule ids, account ids, ARNs or slots,
    /// so joined fields can never collide ("a␟bc" vs "ab␟c").
    public static let separator = "\u{241F}"

    /// First 16 hex digits of SHA-256 over the four fields joined by U+241F, plus `:1`
    /// (GitHub's `primaryLocationLineHash` shape: hash, then an occurrence number).
    public static func of(ruleID: String, accountID: String, principal: String, slot: String) -> String {
        // Same bytes as hashing `[ruleID, accountID, principal, slot].joined(separator: separator)`,
        // assembled in one buffer: every finding gets a fingerprint, so this stays allocation-light.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ruleID.utf8.count + accountID.utf8.count + principal.utf8.count + slot.utf8.count + 9)
        bytes.append(contentsOf: ruleID.utf8); bytes.append(contentsOf: separatorBytes)
        bytes.append(contentsOf: accountID.utf8); bytes.append(contentsOf: separatorBytes)
        bytes.append(contentsOf: principal.utf8); bytes.append(contentsOf: separatorBytes)
        bytes.append(contentsOf: slot.utf8)
        let h = bytes.withUnsafeBytes { SHA256.prefix64($0) }
        return String(unsafeUninitializedCapacity: 18) { out in
            let digits: StaticString = "0123456789abcdef"
            let d = digits.utf8Start
            for i in 0..<16 { out[i] = d[Int((h >> UInt64(60 - 4 * i)) & 0xF)] }
            out[16] = UInt8(ascii: ":"); out[17] = UInt8(ascii: "1")
            return 18
        }
    }

    private static let separatorBytes: [UInt8] = Array(separator.utf8)

    /// True for strings of the shape `of` returns (16 lower-case hex digits, `:1`).
    public static func isWellFormed(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 18, u[16] == UInt8(ascii: ":"), u[17] == UInt8(ascii: "1") else { return false }
        return u[0..<16].allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
