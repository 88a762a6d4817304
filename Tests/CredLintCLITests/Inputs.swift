import Foundation

/// Small hand-made inputs for the CLI tests.
enum Inputs {
    static let header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
        + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
        + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
        + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
        + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

    static let rootRow = "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,"
        + "2025-06-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"

    /// A console user with MFA, used recently: no findings.
    static func userRow(_ name: String = "alice", account: String = "123456789012", created: String = "2024-01-01T00:00:00+00:00",
                        passwordEnabled: String = "true") -> String {
        "\(name),arn:aws:iam::\(account):user/\(name),\(created),\(passwordEnabled),2026-11-20T00:00:00+00:00,"
            + "2026-01-01T00:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
    }

    /// A clean report of root and `users`.
    static func report(_ rows: [String] = [userRow()]) -> String {
        ([header, rootRow] + rows).joined(separator: "\n") + "\n"
    }

    /// A GetCredentialReport XML envelope around `csv`.
    static func envelope(_ csv: [UInt8], generated: String = "2026-11-28T09:30:00Z") -> String {
        """
        <GetCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <GetCredentialReportResult>
            <Content>\(Data(csv).base64EncodedString())</Content>
            <ReportFormat>text/csv</ReportFormat>
            <GeneratedTime>\(generated)</GeneratedTime>
          </GetCredentialReportResult>
        </GetCredentialReportResponse>

        """
    }

    static func envelope(text: String, generated: String = "2026-11-28T09:30:00Z") -> String {
        envelope(Array(text.utf8), generated: generated)
    }

    static let summaryXML = """
        <GetAccountSummaryResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <GetAccountSummaryResult>
            <SummaryMap>
              <entry>
                <key>Users</key>
                <value>1</value>
              </entry>
            </SummaryMap>
          </GetAccountSummaryResult>
        </GetAccountSummaryResponse>

        """
}
