import Foundation
import Testing

/// Issue 15 item 3, on the real binary: input that says one thing twice (two reports in one
/// envelope, one user in two rows) is refused with exit 2 at the second occurrence, naming the
/// first, instead of credlint picking one of them silently.
@Suite struct CLIAmbiguityTests {
    /// The base64 report of the healthy sample account.
    static func content() throws -> String {
        let xml = try String(contentsOf: CLI.root.appendingPathComponent("samples/healthy/GetCredentialReport.xml"), encoding: .utf8)
        let start = try #require(xml.range(of: "<Content>")), end = try #require(xml.range(of: "</Content>"))
        return String(xml[start.upperBound..<end.lowerBound])
    }

    @Test func twoContentKeysInOneJSONEnvelope() throws {
        let dir = try Scratch()
        let c = try Self.content()
        let path = try dir.write("credential-report.json", """
            {
                "Content": "\(c)",
                "ReportFormat": "text/csv",
                "GeneratedTime": "2026-11-28T09:30:00+00:00",
                "Content": "\(c)"
            }

            """)
        try CLIMissingDataTests.expectRefused(dir, [path], prefix: "\(path):5:5: error: ",
                                              mentions: ["\"Content\" a second time", "first at line 2"])
    }

    /// The rule is the JSON reader's: awscli prints Python dicts, which cannot repeat a key.
    @Test func aRepeatedKeyAnywhereInAwscliJSON() throws {
        let dir = try Scratch()
        let path = try dir.write("GetAccountSummary.json", """
            {
                "SummaryMap": {
                    "Users": 3,
                    "AccountMFAEnabled": 1,
                    "AccountMFAEnabled": 0
                }
            }

            """)
        try CLIMissingDataTests.expectRefused(dir, [path], prefix: "\(path):5:9: error: ",
                                              mentions: ["\"AccountMFAEnabled\" a second time", "first at line 4"])
    }

    @Test func twoContentElementsInOneXMLEnvelope() throws {
        let dir = try Scratch()
        let c = try Self.content()
        let path = try dir.write("GetCredentialReport.xml", """
            <GetCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <GetCredentialReportResult>
                <Content>\(c)</Content>
                <ReportFormat>text/csv</ReportFormat>
                <Content>\(c)</Content>
                <GeneratedTime>2026-11-28T09:30:00Z</GeneratedTime>
              </GetCredentialReportResult>
            </GetCredentialReportResponse>

            """)
        try CLIMissingDataTests.expectRefused(dir, [path], prefix: "\(path):5:", mentions: ["second <Content>", "line 3"])
    }

    @Test func aUserRowGivenTwice() throws {
        let dir = try Scratch()
        let csv = try String(contentsOf: CLI.root.appendingPathComponent("samples/healthy/credential-report.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        let path = try dir.write("credential-report.csv", (csv.hasSuffix("\n") ? csv : csv + "\n") + lines[3] + "\n")
        let arn = String(lines[3].split(separator: ",")[1])
        try CLIMissingDataTests.expectRefused(dir, [path], prefix: "\(path):\(lines.count + 1):1: error: ",
                                              mentions: [arn, "first on line 4", "one row per user"])
    }

    /// Big enough (over 1 MiB) to be read in parallel pieces: the repeat is in another piece.
    @Test func aUserRowGivenTwiceFarApart() throws {
        let dir = try Scratch()
        let csv = try String(contentsOf: CLI.root.appendingPathComponent("samples/healthy/credential-report.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        var text = lines[0] + "\n" + lines[1] + "\n"
        let template = lines[3]
        let name = String(template.split(separator: ",")[0])
        for i in 0..<6_000 { text += template.replacingOccurrences(of: name, with: "u\(i)") + "\n" }
        text += template.replacingOccurrences(of: name, with: "u7") + "\n"
        let path = try dir.write("credential-report.csv", text)
        try CLIMissingDataTests.expectRefused(dir, [path], prefix: "\(path):6003:1: error: ", mentions: ["u7", "first on line 10"])
    }

    /// Dates IAM cannot have written (a "last used" in 9999 hides staleness): one note per file,
    /// naming the first such cell and the count; the run is not refused.
    @Test func implausibleDatesGetOneNotePerFile() throws {
        let dir = try Scratch()
        let csv = try String(contentsOf: CLI.root.appendingPathComponent("samples/healthy/credential-report.csv"), encoding: .utf8)
        var lines = csv.split(separator: "\n").map(String.init)
        lines[3] = lines[3].replacingOccurrences(of: "2026-11-26T14:05:51+00:00", with: "9999-12-31T00:00:00+00:00")
        lines[4] = lines[4].replacingOccurrences(of: "2025-02-24T10:31:27+00:00", with: "1999-01-01T00:00:00+00:00")
        let path = try dir.write("credential-report.csv", lines.joined(separator: "\n") + "\n")
        let r = try CLI.run(["lint", path, "--as-of", CLI.asOf, "--format", "json"])
        #expect(r.status == 0 || r.status == 1, "stderr: \(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let accounts = try #require(doc["accounts"] as? [[String: Any]])
        let notes = accounts.flatMap { ($0["notes"] as? [[String: Any]]) ?? [] }
        let odd = notes.filter { ($0["message"] as? String)?.contains("outside the dates a report can hold") == true }
        #expect(odd.count == 1, "\(notes)")
        let message = odd.first?["message"] as? String ?? ""
        #expect(message.hasPrefix("password_last_used is 9999-12-31T00:00:00Z"), "\(message)")
        #expect(message.contains("2 such dates in this file"), "\(message)")
        #expect((odd.first?["location"] as? [String: Any])?["line"] as? Int == 4, "\(odd)")

        // The healthy sample has none.
        let clean = try CLI.run(["lint", "samples/healthy/credential-report.csv", "--as-of", CLI.asOf, "--format", "json"])
        #expect(!clean.out.contains("outside the dates a report can hold"))
    }
}
