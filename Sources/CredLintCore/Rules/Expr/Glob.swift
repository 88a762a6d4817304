/// A `*`/`?` wildcard pattern (`glob()`, `iglob()`): `*` matches any run of
/// characters, `?` exactly one; everything else matches itself.
struct Glob: Sendable {
    private let pattern: [Unicode.Scalar]
    let caseInsensitive: Bool

    init(_ pattern: String, caseInsensitive: Bool) {
        self.caseInsensitive = caseInsensitive
        self.pattern = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
    }

    func matches(_ subject: String) -> Bool {
        let s = Array((caseInsensitive ? subject.lowercased() : subject).unicodeScalars)
        let p = pattern
        // Linear-time matching with one backtrack point: the latest '*'.
        var i = 0, j = 0
        var star = -1, mark = 0
        while i < s.count {
            if j < p.count && (p[j] == "?" || p[j] == s[i]) {
                i += 1; j += 1
            } else if j < p.count && p[j] == "*" {
                star = j; mark = i; j += 1
            } else if star >= 0 {
                j = star + 1; mark += 1; i = mark
            } else {
                return false
            }
        }
        while j < p.count && p[j] == "*" { j += 1 }
        return j == p.count
    }
}
