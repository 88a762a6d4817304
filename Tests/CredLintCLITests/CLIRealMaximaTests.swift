import Foundation
import Testing

/// Issue 15 item 4, on the real binary: a credential report at IAM's real maximum (5,000 users)
/// is read with default settings in every envelope, the XML one included (its ~1.7 MB of base64
/// Content used to hit a 1 MiB text cap while the JSON form of the same report passed).
@Suite struct CLIRealMaximaTests {
    static func report(users: Int) throws -> String {
        let csv = try String(contentsOf: CLI.root.appendingPathComponent("samples/healthy/credential-report.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        var text = lines[0] + "\n" + lines[1] + "\n"
        let template = lines[3]
        let name = String(template.split(separator: ",")[0])
        for i in 0..<(users - 1) { text += template.replacingOccurrences(of: name, with: "user-\(i)") + "\n" }
        return text
    }

    @Test func fiveThousandUsersInEveryEnvelope() throws {
        let dir = try Scratch()
        let csv = try Self.report(users: 5_000)
        let content = Data(csv.utf8).base64EncodedString()
        #expect(content.utf8.count > 1 << 20, "the Content must exceed the old 1 MiB text cap")
        let xml = try dir.write("xml/GetCredentialReport.xml", """
            <GetCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <GetCredentialReportResult>
                <Content>\(content)</Content>
                <ReportFormat>text/csv</ReportFormat>
                <GeneratedTime>2026-11-28T09:30:00Z</GeneratedTime>
              </GetCredentialReportResult>
            </GetCredentialReportResponse>

            """)
        let json = try dir.write("json/credential-report.json", """
            {"Content": "\(content)", "ReportFormat": "text/csv", "GeneratedTime": "2026-11-28T09:30:00+00:00"}

            """)
        let plain = try dir.write("csv/credential-report.csv", csv)
        for path in [xml, json, plain] {
            let r = try CLI.run(["lint", path, "--as-of", CLI.asOf, "--format", "json"])
            #expect(r.status == 0 || r.status == 1, "\(path): exit \(r.status), stderr: \(r.err)")
            let doc = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
            let accounts = doc?["accounts"] as? [[String: Any]] ?? []
            #expect(accounts.count == 1, "\(path): \(r.out.prefix(300))")
            #expect(r.out.contains("\"rowsRead\": 5000") || r.out.contains("\"rowsRead\":5000"), "\(path): \(r.out.prefix(600))")
        }
    }
}
