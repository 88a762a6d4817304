import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine

/// moto writes `GeneratedTime` 2015-02-02T20:02:02Z into reports about users created today;
/// credlint must say that ages measured from it are negative instead of reporting them silently.
@Suite struct ReportClockTests {
    static let header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n"
    // As moto writes it: no root row, not_supported where AWS writes N/A, every row ends with a newline.
    static let row = "breakglass,arn:aws:iam::123456789012:user/emergency/breakglass,2026-11-29T06:49:15+00:00,false,not_supported,2026-11-29T06:49:15+00:00,not_supported,false,true,2026-11-29T06:49:17+00:00,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A\n"

    static func lint(generated: String, asOf: Timestamp?) throws -> LintReport {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-clock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let content = Data((header + row).utf8).base64EncodedString()
        let envelope = "{\n    \"Content\": \"\(content)\",\n    \"ReportFormat\": \"text/csv\",\n    \"GeneratedTime\": \"\(generated)\"\n}\n"
        try Data(envelope.utf8).write(to: dir.appendingPathComponent("credential-report.json"))
        let catalog = try RuleCatalog.standard(configuration: Configuration())
        return try LintRunner(catalog: catalog, configuration: Configuration(), asOf: asOf, jobs: 1)
            .run(paths: [dir.path], clock: { Timestamp(seconds: 0) })
    }

    static func clockNotes(_ report: LintReport) -> [String] {
        report.accounts.flatMap(\.notes).map(\.message).filter { $0.contains("GeneratedTime") }
    }

    @Test func generatedTimeBeforeTheRowsIsNoted() throws {
        let report = try Self.lint(generated: "2015-02-02T20:02:02Z", asOf: nil)
        #expect(report.accounts.first?.asOfSource == .report)
        #expect(Self.clockNotes(report) == [
            "the report's GeneratedTime 2015-02-02T20:02:02Z is earlier than dates inside it (up to 2026-11-29T06:49:17Z), so ages measured from it are negative; give --as-of",
        ])
        // The row is still linted: the untested break-glass key is reported.
        #expect(report.allFindings.contains { $0.ruleID == "CL403" })
    }

    @Test func asOfFlagSilencesTheNote() throws {
        let report = try Self.lint(generated: "2015-02-02T20:02:02Z", asOf: ISO8601.parseDateOrTimestamp("2026-11-30T00:00:00Z"))
        #expect(Self.clockNotes(report).isEmpty)
    }

    @Test func consistentReportHasNoNote() throws {
        #expect(Self.clockNotes(try Self.lint(generated: "2026-11-29T07:00:00Z", asOf: nil)).isEmpty)
        // A report generated the very second of its latest date is consistent too.
        #expect(Self.clockNotes(try Self.lint(generated: "2026-11-29T06:49:17Z", asOf: nil)).isEmpty)
    }

    @Test func latestPastDateIgnoresTheNextRotation() throws {
        var notes: [Note] = []
        var rows: [CredentialReportRow] = []
        let csv = Self.header + Self.row.replacingOccurrences(of: ",not_supported,false,true,", with: ",2030-01-01T00:00:00+00:00,false,true,")
        _ = try CredentialReportParser.parse(.bytes(Array(csv.utf8)), path: "r.csv", notes: &notes) { rows.append($0) }
        let row = try #require(rows.first)
        #expect(row.passwordNextRotation.value != nil)
        #expect(AccountLinter.latestPastDate(row) == ISO8601.parseDateOrTimestamp("2026-11-29T06:49:17Z"))
    }
}
