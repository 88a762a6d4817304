/// Shell-style wildcard matching (`*` any run, `?` one character) over the
/// whole string — anchored, unlike Prowler's mutelist substring regexes.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    public let caseInsensitive: Bool
    private let p: [Unicode.Scalar]

    public init(_ pattern: String, caseInsensitive: Bool = false) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
        self.p = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
    }

    public func matches(_ text: String) -> Bool {
        let t = Array((caseInsensitive ? text.lowercased() : text).unicodeScalars)
        // Iterative matcher with single backtrack point: linear in practice, no recursion.
        var i = 0, j = 0, star = -1, mark = 0
        while i < t.count {
            if j < p.count, p[j] == "?" || p[j] == t[i] {
                i += 1; j += 1
            } else if j < p.count, p[j] == "*" {
                star = j; mark = i; j += 1
            } else if star >= 0 {
                j = star + 1; mark += 1; i = mark
            } else {
                return false
            }
        }
        while j < p.count, p[j] == "*" { j += 1 }
        return j == p.count
    }

    public static func hasWildcards(_ s: String) -> Bool { s.contains("*") || s.contains("?") }
}
