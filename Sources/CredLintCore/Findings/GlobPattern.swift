/// A whole-string wildcard pattern for principal ARNs: `*` matches any run of
/// characters (including `/` and `:`), `?` exactly one character; everything
/// else is literal and case-sensitive. Anchored at both ends: `user/ci-*`
/// matches no ARN, because a pattern must cover the whole string
/// (`arn:aws:iam::111122223333:user/ci-*` does).
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
    }

    public var hasWildcards: Bool { scalars.contains { $0 == "*" || $0 == "?" } }
    public var description: String { text }

    public func matches(_ candidate: String) -> Bool {
        let s = Array(candidate.unicodeScalars)
        var p = 0, i = 0
        // Greedy scan with one backtrack point (the last `*`): linear for the
        // patterns people write, O(n·m) at worst, never exponential.
        var starP = -1, starI = 0
        while i < s.count {
            if p < scalars.count, scalars[p] == "?" || scalars[p] == s[i] && scalars[p] != "*" {
                p += 1; i += 1
            } else if p < scalars.count, scalars[p] == "*" {
                starP = p; starI = i; p += 1
            } else if starP >= 0 {
                p = starP + 1; starI += 1; i = starI
            } else {
                return false
            }
        }
        while p < scalars.count, scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }
}
