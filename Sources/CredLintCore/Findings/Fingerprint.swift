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
        let joined = [ruleID, accountID, principal, slot].joined(separator: separator)
        return String(SHA256.hexDigest(joined).prefix(16)) + ":1"
    }

    /// True for strings of the shape `of` returns (16 lower-case hex digits, `:1`).
    public static func isWellFormed(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 18, u[16] == UInt8(ascii: ":"), u[17] == UInt8(ascii: "1") else { return false }
        return u[0..<16].allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
