import CredLintModel

/// The clock every age is measured against (`--as-of`, `as_of` in the configuration).
///
/// `now` (the default) is what a user means by "is this stale?", so CL503 fires on an
/// old report; `report` measures from the credential report's `GeneratedTime` (else now),
/// as credlint did before; a date fixes the clock, for reproducible runs and tests.
package enum AsOfSetting: Sendable, Equatable {
    case now
    case report
    case fixed(Timestamp)

    /// `now`, `report` (case-insensitive), `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`.
    package init?(_ text: String) {
        switch text.lowercased() {
        case "now": self = .now
        case "report": self = .report
        default:
            guard let t = ISO8601.parseDateOrTimestamp(text) else { return nil }
            self = .fixed(t)
        }
    }

    package static let expected = "now, report, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"

    /// The runner's fixed time and what it is, or nil (the report's `GeneratedTime`, else now).
    /// `now` is read once, to the second, so every account of a run shares it.
    package func resolve(clock: () -> Timestamp = LintRunner.wallClock) -> (Timestamp, AccountResult.AsOfSource)? {
        switch self {
        case .now:
            let t = clock()
            return (Timestamp(micros: t.micros - t.micros % 1_000_000), .clock)
        case .report: return nil
        case .fixed(let t): return (t, .flag)
        }
    }
}
