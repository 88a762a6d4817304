/// A UTC instant with microsecond precision.
///
/// Kept as an integer so that ages are exact ("more than 45 days" is
/// `age > 45 * 86_400 s`, never a floating-point near miss) and so that
/// parsing and comparing stay allocation-free in the hot path.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    package var micros: Int64

    public init(micros: Int64) { self.micros = micros }
    public init(seconds: Int64) { self.micros = seconds * 1_000_000 }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.micros < b.micros }

    package static func - (a: Timestamp, b: Timestamp) -> TimeSpan { TimeSpan(micros: a.micros - b.micros) }
    package static func + (a: Timestamp, b: TimeSpan) -> Timestamp { Timestamp(micros: a.micros + b.micros) }
    package static func - (a: Timestamp, b: TimeSpan) -> Timestamp { Timestamp(micros: a.micros - b.micros) }

    /// `YYYY-MM-DDTHH:MM:SSZ`, with `.ffffff` only when the fraction is non-zero.
    package var iso8601: String { ISO8601.format(self) }
    public var description: String { iso8601 }
}

/// A signed length of time with microsecond precision (`45d`, `24h` in rule expressions).
public struct TimeSpan: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var micros: Int64
    package init(micros: Int64) { self.micros = micros }
    package static func seconds(_ s: Int64) -> TimeSpan { TimeSpan(micros: s * 1_000_000) }
    public static func days(_ d: Int64) -> TimeSpan { .seconds(d * 86_400) }
    package static func hours(_ h: Int64) -> TimeSpan { .seconds(h * 3_600) }
    public static func < (a: TimeSpan, b: TimeSpan) -> Bool { a.micros < b.micros }
    package static func + (a: TimeSpan, b: TimeSpan) -> TimeSpan { TimeSpan(micros: a.micros + b.micros) }
    package static func - (a: TimeSpan, b: TimeSpan) -> TimeSpan { TimeSpan(micros: a.micros - b.micros) }

    /// Whole days, rounded towards zero (for messages only; rules compare exact spans).
    package var wholeDays: Int64 { micros / 86_400_000_000 }
    package var wholeSeconds: Int64 { micros / 1_000_000 }

    /// Compact human form: `45d`, `3d4h`, `90s`.
    public var description: String {
        var s = wholeSeconds
        if s == 0 { return micros == 0 ? "0s" : "\(micros)us" }
        var out = s < 0 ? "-" : ""
        s = abs(s)
        let d = s / 86_400, h = (s % 86_400) / 3_600, m = (s % 3_600) / 60, sec = s % 60
        if d > 0 { out += "\(d)d" }
        if h > 0 { out += "\(h)h" }
        if m > 0 { out += "\(m)m" }
        if sec > 0 { out += "\(sec)s" }
        return out
    }
}
