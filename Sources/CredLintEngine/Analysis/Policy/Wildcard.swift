/// IAM's wildcard matching on UTF-8 bytes: `*` matches any run (including none),
/// `?` exactly one byte, everything else itself. Callers lower-case both sides
/// first where IAM compares case-insensitively (actions); resources compare as written.
enum Wildcard {
    static func matches(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var pi = pattern.startIndex, ti = text.startIndex
        var star = -1, mark = ti
        while ti < text.endIndex {
            if pi < pattern.endIndex, pattern[pi] == UInt8(ascii: "?") || pattern[pi] == text[ti] {
                pi += 1; ti += 1
            } else if pi < pattern.endIndex, pattern[pi] == UInt8(ascii: "*") {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < pattern.endIndex, pattern[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == pattern.endIndex
    }

    static func matches(_ pattern: [UInt8], _ text: [UInt8]) -> Bool { matches(pattern[...], text[...]) }

    /// ASCII lower-casing (IAM service prefixes and action names are ASCII).
    static func lowercased(_ s: String) -> [UInt8] {
        s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    static func isAllStars(_ b: ArraySlice<UInt8>) -> Bool { !b.isEmpty && b.allSatisfy { $0 == UInt8(ascii: "*") } }
}
