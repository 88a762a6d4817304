/// `--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`),
/// a JSON array of Code Climate issues, one per shown finding, in output order.
///
/// GitLab shows `description` but not `check_name`, so the description starts
/// with the rule. It keys issues by `fingerprint` to tell new from fixed ones
/// between pipelines and shows only the first of two equal fingerprints, so the
/// credlint fingerprint is used (stable across report regenerations) and a
/// repeat gets the next occurrence number (`…:2`).
public enum GitLabCodeQualityReporter {
    struct Issue: Codable, Equatable {
        var type: String
        var checkName: String
        var description: String
        var categories: [String]
        var fingerprint: String
        var severity: String
        var location: Location

        enum CodingKeys: String, CodingKey {
            case type, checkName = "check_name", description, categories, fingerprint, severity, location
        }
    }
    struct Location: Codable, Equatable { var path: String; var lines: Lines }
    struct Lines: Codable, Equatable { var begin: Int }

    public static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        JSONOutput.encode(issues(report, options: options))
    }

    static func issues(_ report: LintReport, options: ReportOptions) -> [Issue] {
        let view = ReportView(report, options)
        var used = Set<String>()
        return view.shownFindings.map { f in
            var description = "\(view.ruleLabel(f.ruleID)): \(oneLine(f.message)) (\(f.principal)\(f.slot.isEmpty ? "" : " [\(f.slot)]"))"
            if let label = view.accountLabel(f.accountID) { description += " Account \(f.accountID) \(label)." }
            if let s = f.suppression { description += " Suppressed until \(s.expires.iso8601): \(oneLine(s.reason))" }
            return Issue(type: "issue", checkName: f.ruleID, description: description, categories: ["Security"],
                         fingerprint: unique(f.fingerprint, &used), severity: severity(f.severity),
                         location: Location(path: path(f.location.path) ?? "credential-report/\(f.accountID).csv",
                                            lines: Lines(begin: f.location.line)))
        }
    }

    /// One GitLab level per credlint severity, in the same order.
    public static func severity(_ s: Severity) -> String {
        switch s {
        case .critical: "blocker"
        case .high: "critical"
        case .medium: "major"
        case .low: "minor"
        case .info: "info"
        }
    }

    /// `abcd:1`, or `abcd:2`, `abcd:3`... when an earlier issue already has it.
    static func unique(_ fingerprint: String, _ used: inout Set<String>) -> String {
        var candidate = fingerprint
        if used.contains(candidate) {
            let base = fingerprint.split(separator: ":").first.map(String.init) ?? fingerprint
            var n = 2
            while used.contains("\(base):\(n)") { n += 1 }
            candidate = "\(base):\(n)"
        }
        used.insert(candidate)
        return candidate
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
