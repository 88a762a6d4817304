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

    private func matchASCII(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let fold = caseInsensitive
        @inline(__always) func at(_ i: Int) -> Unicode.Scalar {
            let c = t[i]
            return Unicode.Scalar(fold && c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
        }
        var i = 0, j = 0, star = -1, mark = 0
        while i < t.count {
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
