/// Shell-style wildcard matching (`*` any run, `?` one character) over the
/// whole string — anchored, unlike Prowler's mutelist substring regexes.
package struct Glob: Sendable, Hashable {
    package let pattern: String
    package let caseInsensitive: Bool
    private let p: [Unicode.Scalar]

    package init(_ pattern: String, caseInsensitive: Bool = false) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
        self.p = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
    }

    package func matches(_ text: String) -> Bool {
        // ASCII text (every IAM name): match the bytes in place, folding case on the fly.
        // Same answer as below, since a lower-cased ASCII string is its bytes with A-Z folded.
        var text = text
        if let r = text.withUTF8({ b -> Bool? in
            var ascii = true
            for c in b where c >= 0x80 { ascii = false; break }
            return ascii ? matchASCII(b) : nil
        }) {
            return r
        }
        let t = Array((caseInsensitive ? text.lowercased() : text).unicodeScalars)
        return match(count: t.count) { t[$0] }
    }

    private func matchASCII(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let fold = caseInsensitive
        return match(count: t.count) { i in
            let c = t[i]
            return Unicode.Scalar(fold && c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
        }
    }

    /// Iterative matcher with a single backtrack point over `count` characters read by `at`:
    /// linear in practice, no recursion.
    @inline(__always)
    private func match(count: Int, _ at: (Int) -> Unicode.Scalar) -> Bool {
        var i = 0, j = 0, star = -1, mark = 0
        while i < count {
            if j < p.count, p[j] == "?" || p[j] == at(i) {
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

    package static func hasWildcards(_ s: String) -> Bool { s.contains("*") || s.contains("?") }
}
