/// Helpers for IAM ARNs (`arn:PARTITION:iam::ACCOUNT:user/PATH/NAME`).
package enum ARN {
    /// The account field of an ARN when it is 12 digits; `nil` otherwise
    /// (AWS-managed policy ARNs have `aws` there).
    package static func accountID(_ arn: String) -> String? {
        // `arn:P:S:R:ACCOUNT:resource`: the field between the 4th and 5th colons, read in
        // place (this runs for every ARN of every input file).
        var copy = arn
        return copy.withUTF8 { b -> String? in
            guard b.count >= 18, b[0] == 0x61, b[1] == 0x72, b[2] == 0x6E, b[3] == 0x3A else { return nil }
            var colons = 1, start = -1
            var i = 4
            while i < b.count {
                if b[i] == 0x3A {
                    colons += 1
                    if colons == 4 { start = i + 1 } else if colons == 5 { break }
                }
                i += 1
            }
            guard colons == 5, start >= 0, i - start == 12 else { return nil }
            for k in start..<i where b[k] < 48 || b[k] > 57 { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        }
    }

    /// The partition (`aws`, `aws-us-gov`, `aws-cn`).
    package static func partition(_ arn: String) -> String? {
        // Read in place, like `accountID`: the policy analysis asks this of every principal.
        var copy = arn
        return copy.withUTF8 { b -> String? in
            guard b.count >= 4, b[0] == 0x61, b[1] == 0x72, b[2] == 0x6E, b[3] == 0x3A else { return nil }
            var i = 4
            while i < b.count && b[i] != 0x3A { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[4..<i]), as: UTF8.self)
        }
    }

    /// The resource part after `ACCOUNT:` (`user/eng/dave`, `root`, `mfa/x`).
    package static func resource(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        return String(parts[5])
    }

    package static func isRoot(_ arn: String) -> Bool { resource(arn) == "root" }

    /// An AWS-managed policy: `arn:PARTITION:iam::aws:policy/...` (the text
    /// `:iam::aws:policy/` anywhere in it, as before). Bytes compared in place: Foundation's
    /// `contains` cost about 12,000 instructions a call, 4 % of a one-account lint.
    package static func isAWSManagedPolicy(_ arn: String) -> Bool {
        let needle: StaticString = ":iam::aws:policy/"
        var copy = arn
        return copy.withUTF8 { b in
            let n = needle.utf8CodeUnitCount
            guard b.count >= n else { return false }
            let p = needle.utf8Start
            var i = 0
            while i + n <= b.count {
                if b[i] == p[0] {
                    var k = 1
                    while k < n && b[i + k] == p[k] { k += 1 }
                    if k == n { return true }
                }
                i += 1
            }
            return false
        }
    }
}
