import Foundation
import Testing

/// Issue 15, item 4, on the real binary: the caps derived from AWS's limits (`InputCaps`)
/// end the run with one located line and exit 2, and `--max-input-size` raises them.
@Suite struct CLICapsTests {
    static let hint = "(raise it with --max-input-size)"

    static func gaad(users: String) -> String {
        """
        <GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <GetAccountAuthorizationDetailsResult>
            <IsTruncated>false</IsTruncated>
            <UserDetailList>
        \(users)
            </UserDetailList>
          </GetAccountAuthorizationDetailsResult>
        </GetAccountAuthorizationDetailsResponse>

        """
    }

    static func user(_ name: String, extra: String) -> String {
        """
              <member>
                <UserName>\(name)</UserName><UserId>AIDAEXAMPLE\(name.count)</UserId><Path>/</Path>
                <Arn>arn:aws:iam::123456789012:user/\(name)</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate>
                \(extra)
              </member>
        """
    }

    /// 20,005 users (4 times AWS's 5,000 users and root, plus one): refused at the first row
    /// past the cap, whether the report is read in parallel pieces or serially.
    @Test(arguments: ["1", "2"])
    func reportPastTheRowCapIsRefusedAtThatRow(jobs: String) throws {
        let s = try Scratch()
        let path = try s.write("credential-report.csv", try CLIRealMaximaTests.report(users: 20_005))
        let r = try CLI.lint([path], ["--jobs", jobs])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines == ["\(path):20006:1: error: found more than 20004 rows in one credential report, more than AWS allows "
                               + "(5,000 IAM users per account, plus the root row); the limit is 20004 \(Self.hint)"])
        #expect(r.out.isEmpty)
        // Twice the file-size cap: twice the rows.
        let raised = try CLI.lint([path], ["--jobs", jobs, "--max-input-size", "512", "--format", "json"])
        #expect(raised.status == 0 || raised.status == 1, "\(raised.err)")
        #expect(raised.out.contains("\"rowsRead\": 20005") || raised.out.contains("\"rowsRead\":20005"))
    }

    /// A policy document longer than 4 times the IAM API's longest (131,072 characters).
    @Test func hugePolicyDocumentIsRefusedWhereItIs() throws {
        let s = try Scratch()
        let statement = "%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22%2A%22%7D"
        let body = Array(repeating: statement, count: 6_000).joined(separator: "%2C")
        let doc = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B\(body)%5D%7D"
        #expect(doc.utf8.count > 512 << 10)
        let extra = "<UserPolicyList><member><PolicyName>big</PolicyName>\n<PolicyDocument>\(doc)</PolicyDocument></member></UserPolicyList>"
        let path = try s.write("GetAccountAuthorizationDetails.xml", Self.gaad(users: Self.user("alice", extra: extra)))
        let r = try CLI.lint([path])
        #expect(r.status == 2, "\(r.err)")
        let line = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("<PolicyDocument>") }) + 1
        #expect(r.errLines == ["\(path):\(line):1: error: found a policy document of \(doc.utf8.count) bytes, more than AWS allows "
                               + "(131,072 characters in the IAM API; 10,240 at most in IAM's quotas); the limit is 524288 \(Self.hint)"])
        let raised = try CLI.lint([path], ["--max-input-size", "1024"])
        #expect(!raised.err.contains("the limit is"), "\(raised.err)")
    }

    /// 81 managed policies on one user (AWS allows 20).
    @Test func tooManyAttachedPoliciesAreRefusedAtTheUser() throws {
        let s = try Scratch()
        let attached = (0..<81).map { "<member><PolicyName>p\($0)</PolicyName><PolicyArn>arn:aws:iam::123456789012:policy/p\($0)</PolicyArn></member>" }
        let extra = "<AttachedManagedPolicies>\(attached.joined())</AttachedManagedPolicies>"
        let path = try s.write("GetAccountAuthorizationDetails.xml", Self.gaad(users: Self.user("bob", extra: extra)))
        let r = try CLI.lint([path])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines == ["\(path):5:1: error: found 81 managed policies attached to user 'bob', more than AWS allows "
                               + "(20 managed policies per user at most); the limit is 80 \(Self.hint)"])
    }

    /// 33 MFA devices for one user (AWS allows 8).
    @Test func tooManyMFADevicesAreRefusedAtTheDevice() throws {
        let s = try Scratch()
        let devices = (0..<33).map { "      <member><UserName>carol</UserName><SerialNumber>arn:aws:iam::123456789012:mfa/carol-\($0)</SerialNumber><EnableDate>2024-01-01T00:00:00Z</EnableDate></member>" }
        let xml = """
            <ListMFADevicesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <ListMFADevicesResult>
                <MFADevices>
            \(devices.joined(separator: "\n"))
                </MFADevices>
                <IsTruncated>false</IsTruncated>
              </ListMFADevicesResult>
            </ListMFADevicesResponse>

            """
        let path = try s.write("ListMFADevices-carol.xml", xml)
        let r = try CLI.lint([path])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines == ["\(path):36:1: error: found more than 32 MFA devices in one ListMFADevices response, more than AWS allows "
                               + "(8 MFA devices per user); the limit is 32 \(Self.hint)"])
    }

    /// A gzip bomb: 4 KiB that expands to 4 GiB (256 concatenated gzip members of 16 MiB of
    /// zeros each, which gunzip reads as one stream) stops at the default 256 MiB cap.
    @Test func gzipBombStopsAtTheDefaultCap() throws {
        let s = try Scratch()
        let member = try CLIEncodingTests.gzip([UInt8](repeating: 0x0A, count: 16 << 20))
        var bomb: [UInt8] = []
        for _ in 0..<256 { bomb += member }
        #expect(bomb.count < 8 << 20)
        let path = try s.write("credential-report.csv.gz", bomb)
        let r = try CLI.lint([path])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.errLines == ["\(path):1:1: error: input is larger than 268435456 bytes once decompressed \(Self.hint)"])
    }
}
