/// Rule and finding severity, ordered from `info` (lowest) to `critical`.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    /// Position in `allCases` (0 for info), without building `allCases`: hot paths
    /// (the spill codec, tallies) take it for every finding.
    package var ordinal: Int {
        switch self { case .info: 0; case .low: 1; case .medium: 2; case .high: 3; case .critical: 4 }
    }
    /// The severity at `ordinal` (0...4).
    init(ordinal: Int) {
        switch ordinal { case 0: self = .info; case 1: self = .low; case 2: self = .medium; case 3: self = .high; default: self = .critical }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.ordinal < b.ordinal }

    /// SARIF `level`: critical/high → error, medium → warning, low/info → note.
    package var sarifLevel: String {
        switch self { case .critical, .high: "error"; case .medium: "warning"; case .low, .info: "note" }
    }

    /// GitHub `security-severity` (mid-band, avoiding band edges); nil for info.
    package var securitySeverity: String? {
        switch self { case .critical: "9.5"; case .high: "8.0"; case .medium: "5.5"; case .low: "2.0"; case .info: nil }
    }
}
