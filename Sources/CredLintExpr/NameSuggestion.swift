/// "did you mean ...?" for misspelt names: the closest candidate within edit
/// distance 2, or one that shares a prefix of at least 3 characters.
enum NameSuggestion {
    static func best(for name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (score: Int, name: String)?
        for c in candidates where c != name {
            let cand = Array(c.lowercased().unicodeScalars)
            var score = Int.max
            let d = distance(target, cand, limit: 2)
            if d <= 2 && d < max(target.count, cand.count) { score = d }
            else if min(target.count, cand.count) >= 3,
                    cand.starts(with: target) || target.starts(with: cand) {
                score = 3 + abs(cand.count - target.count)
            }
            guard score != .max else { continue }
            if best == nil || score < best!.score || (score == best!.score && c < best!.name) { best = (score, c) }
        }
        return best?.name
    }

    /// `; did you mean 'x'?`, or empty.
    static func hint(for name: String, among candidates: some Sequence<String>) -> String {
        best(for: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
