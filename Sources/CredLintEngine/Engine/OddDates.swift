import CredLintModel

/// Dates in a credential report that cannot be true: before 2006 (IAM did not exist) or more
/// than a day after the report was generated. A "last used" in year 9999 would otherwise make
/// a stale key look fresh, silently (issue 15 item 3). Counted per file, so a report full of
/// them gives one note, naming the first.
struct OddDates: Sendable, Equatable {
    var count: Int
    var line: Int
    var column: String
    var value: Timestamp

    /// 2006-01-01T00:00:00Z.
    static let earliest = Timestamp(seconds: 1_136_073_600)

    /// From 2006 to a day after `latest` (the report's GeneratedTime, or the as-of date of a bare CSV).
    static func bounds(latest: Timestamp) -> ClosedRange<Timestamp> {
        earliest...Timestamp(micros: max(earliest.micros, latest.micros &+ 86_400_000_000))
    }

    static func scan(_ row: CredentialReportRow, line: Int, bounds: ClosedRange<Timestamp>, into found: inout OddDates?) {
        func see(_ c: Cell<Timestamp>, _ column: String) {
            guard let t = c.value, !bounds.contains(t) else { return }
            if found == nil { found = OddDates(count: 1, line: line, column: column, value: t) } else { found!.count += 1 }
        }
        see(row.userCreationTime, "user_creation_time"); see(row.passwordLastUsed, "password_last_used")
        see(row.passwordLastChanged, "password_last_changed")
        see(row.accessKey1.lastRotated, "access_key_1_last_rotated"); see(row.accessKey1.lastUsedDate, "access_key_1_last_used_date")
        see(row.accessKey2.lastRotated, "access_key_2_last_rotated"); see(row.accessKey2.lastUsedDate, "access_key_2_last_used_date")
        see(row.cert1.lastRotated, "cert_1_last_rotated"); see(row.cert2.lastRotated, "cert_2_last_rotated")
    }

    /// `latestName`: what the upper bound is a day after ("the report's GeneratedTime …").
    func note(path: String, latestName: String) -> Note {
        let others = count == 1 ? "" : "; \(count) such dates in this file, this is the first"
        return Note("\(column) is \(value.iso8601), outside the dates a report can hold (from 2006, when IAM began, "
                    + "to a day after \(latestName))\(others); ages measured from it mean nothing",
                    at: SourceLocation(path: path, line: line))
    }
}
