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
}
