import CredLintModel
import CredLintEngine

/// `--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`),
/// a JSON array of Code Climate issues, one per shown finding, in output order.
///
/// GitLab shows `description` but not `check_name`, so the description starts
/// with the rule. It keys issues by `fingerprint` to tell new from fixed ones
/// between pipelines and shows only the first of two equal fingerprints, so the
/// credlint fingerprint is used (stable across report regenerations) and a
/// repeat gets the next occurrence number (`…:2`).
package enum GitLabCodeQualityReporter {
    package static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        render(report, options: options, sink: nil)
    }

    /// The issues, streamed from the findings in output order (read back from disk a block at
    /// a time when spilled): memory holds the fingerprints seen, not the issues.
    static func render(_ report: LintReport, options: ReportOptions, sink: ByteSink?) -> [UInt8] {
        let view = ReportView(report, options)
        var w = JSONWriter(sink: sink)
        var used = UsedFingerprints(expected: view.shownCount)
        var cursor = ReportView.FindingCursor(view)
        w.beginArray()
        for k in 0..<view.shownCount {
            let f = cursor.finding(k)
            var description = "\(view.ruleLabel(f.ruleID)): \(oneLine(f.message)) (\(f.principal)\(f.slot.isEmpty ? "" : " [\(f.slot)]"))"
            if let label = view.accountLabel(f.accountID) { description += " Account \(f.accountID) \(label)." }
            if let s = f.suppression { description += " Suppressed until \(s.expires.iso8601): \(oneLine(s.reason))" }
            w.beginObject()
            w.key("categories"); w.beginArray(); w.literal("Security"); w.endArray()
            w.key("check_name"); w.string(f.ruleID)
            w.key("description"); w.string(description)
            w.key("fingerprint"); w.string(used.unique(f.fingerprint))
            w.key("location"); w.beginObject()
            w.key("lines"); w.beginObject()
            w.key("begin"); w.int(f.location.line)
            w.endObject()
            w.key("path"); w.string(path(f.location.path) ?? "credential-report/\(f.accountID).csv")
            w.endObject()
            w.key("severity"); w.string(severity(f.severity))
            w.key("type"); w.literal("issue")
            w.endObject()
        }
        w.endArray()
        w.endDocument()
        return w.finish()
    }

    /// One GitLab level per credlint severity, in the same order.
    package static func severity(_ s: Severity) -> String {
        switch s {
        case .critical: "blocker"
        case .high: "critical"
        case .medium: "major"
        case .low: "minor"
        case .info: "info"
        }
    }

    /// The fingerprints given out so far. Nearly all are credlint's own, 16 hex digits and
    /// `:1`: those are kept as one number each (a `String` of 18 bytes is a heap object),
    /// so a run of a million findings holds megabytes here, not a hundred.
    struct UsedFingerprints {
        private var first: NumberSet
        private var others = Set<String>()

        /// `expected`: how many will be given out (the shown findings), so the numbers'
        /// table is made once at its final size.
        init(expected: Int = 0) { first = NumberSet(expected: expected) }

        /// `abcd:1`, or `abcd:2`, `abcd:3`... when an earlier issue already has it.
        mutating func unique(_ fingerprint: String) -> String {
            var candidate = fingerprint
            if contains(candidate) {
                let base = fingerprint.split(separator: ":").first.map(String.init) ?? fingerprint
                var n = 2
                while contains("\(base):\(n)") { n += 1 }
                candidate = "\(base):\(n)"
            }
            if let v = Self.firstOccurrence(candidate) { first.insert(v) } else { others.insert(candidate) }
            return candidate
        }

        private func contains(_ s: String) -> Bool {
            if let v = Self.firstOccurrence(s) { return first.contains(v) }
            return others.contains(s)
        }

        /// The 16 hex digits of `hhhhhhhhhhhhhhhh:1` (lower-case, as credlint writes them) as a number.
        static func firstOccurrence(_ s: String) -> UInt64? {
            var v: UInt64 = 0, n = 0
            var tail = false
            for b in s.utf8 {
                if tail { return nil }
                if n == 16 {
                    guard b == UInt8(ascii: ":") else { return nil }
                    n += 1
                    continue
                }
                if n == 17 {
                    guard b == UInt8(ascii: "1") else { return nil }
                    tail = true
                    continue
                }
                let d: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
                default: return nil
                }
                v = v << 4 | UInt64(d)
                n += 1
            }
            return tail ? v : nil
        }
    }

    /// A set of 64-bit numbers in one flat table (open addressing, linear probing), sized
    /// once from the count expected: a `Set<UInt64>` of the 813,055 fingerprints of a
    /// 200,000-user report took 16 MB plus its old table while growing (24 MB at the peak);
    /// this takes 8 MB, which keeps GitLab output under 64 MB.
    struct NumberSet {
        /// 0 marks an empty cell; the number 0 itself is `hasZero`.
        private var cells: [UInt64]
        private var hasZero = false
        private var count = 0

        init(expected: Int) {
            var capacity = 16
            while capacity * 4 < max(expected, 1) * 5 { capacity *= 2 }  // load at most 0.8
            cells = [UInt64](repeating: 0, count: capacity)
        }

        /// Fingerprints are hashes already; the multiply spreads any other numbers.
        private func home(_ v: UInt64) -> Int { Int(truncatingIfNeeded: (v &* 0x9E37_79B9_7F4A_7C15) >> 20) & (cells.count - 1) }

        func contains(_ v: UInt64) -> Bool {
            if v == 0 { return hasZero }
            var i = home(v)
            while cells[i] != 0 {
                if cells[i] == v { return true }
                i = (i + 1) & (cells.count - 1)
            }
            return false
        }

        mutating func insert(_ v: UInt64) {
            if v == 0 { hasZero = true; return }
            if (count + 1) * 5 > cells.count * 4 { grow() }
            var i = home(v)
            while cells[i] != 0 {
                if cells[i] == v { return }
                i = (i + 1) & (cells.count - 1)
            }
            cells[i] = v
            count += 1
        }

        private mutating func grow() {
            let old = cells
            cells = [UInt64](repeating: 0, count: old.count * 2)
            count = 0
            for v in old where v != 0 { insert(v) }
        }
    }

    /// Repository-relative: forward slashes, no `.` or empty segments, `..` resolved, no leading `/`.
    /// GitLab links the path into the repository, so it is not percent-encoded.
    static func path(_ raw: String) -> String? {
        var segments: [Substring] = []
        let slashed = String(decoding: raw.utf8.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
        for segment in slashed.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    private static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
