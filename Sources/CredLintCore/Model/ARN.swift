/// Helpers for IAM ARNs (`arn:PARTITION:iam::ACCOUNT:user/PATH/NAME`).
public enum ARN {
    /// The account field of an ARN when it is 12 digits; `nil` otherwise
    /// (AWS-managed policy ARNs have `aws` there).
    public static func accountID(_ arn: String) -> String? {
        let parts = arn.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0].elementsEqual("arn".utf8) else { return nil }
        let acct = parts[4]
        guard acct.count == 12, acct.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return String(decoding: acct, as: UTF8.self)
    }

    /// The partition (`aws`, `aws-us-gov`, `aws-cn`).
    public static func partition(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "arn" else { return nil }
        return String(parts[1])
    }

    /// The resource part after `ACCOUNT:` (`user/eng/dave`, `root`, `mfa/x`).
    public static func resource(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        return String(parts[5])
    }

    public static func isRoot(_ arn: String) -> Bool { resource(arn) == "root" }
}
