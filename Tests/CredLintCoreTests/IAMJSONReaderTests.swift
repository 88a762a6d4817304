import Foundation
import Testing
@testable import CredLintModel

/// The shared research samples, found as `../shared/notes/samples` beside the repository.
/// Tests that use them are skipped when that folder is absent (a fresh clone).
enum JSONSamples {
    static let directory: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/CredLintCoreTests/<file>.swift
        return parts.joined(separator: "/") + "/../shared/notes/samples"
    }()

    static var available: Bool { FileManager.default.fileExists(atPath: directory + "/moto/awscli") }

    static func bytes(_ relative: String) throws -> [UInt8] {
        let path = directory + "/" + relative
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CredLintError("cannot read sample \(path)")
        }
        return [UInt8](data)
    }

    /// The example output embedded in an awscli `.rst` page: the indented block after `Output::`.
    static func rstOutput(_ name: String) throws -> [UInt8] {
        let text = String(decoding: try bytes("aws-docs/awscli-examples/\(name).rst"), as: UTF8.self)
        var lines: [Substring] = []
        var inOutput = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !inOutput {
                inOutput = line.hasPrefix("Output::")
                continue
            }
            if line.isEmpty || line.allSatisfy({ $0 == " " }) {
                if !lines.isEmpty { lines.append("") }
            } else if line.hasPrefix("    ") {
                lines.append(line.dropFirst(4))
            } else {
                break
            }
        }
        return Array(lines.joined(separator: "\n").utf8)
    }
}

@Suite struct IAMJSONReaderTests {
    func read(_ text: String, path: String = "out.json") throws -> IAMDocument {
        try IAMJSONReader.read(bytes: Array(text.utf8), path: path)
    }

    func readError(_ text: String) -> CredLintError? {
        do {
            _ = try read(text)
            return nil
        } catch let e as CredLintError {
            return e
        } catch {
            return CredLintError("unexpected \(error)")
        }
    }

    func gaad(_ doc: IAMDocument) throws -> AuthorizationDetailsPage {
        guard case .authorizationDetails(let page) = doc else { throw CredLintError("not GAAD: \(doc)") }
        return page
    }

    func ts(_ s: String) -> Timestamp? { ISO8601.parse(s) }

    // MARK: - Samples

    @Test(.enabled(if: JSONSamples.available))
    func motoAuthorizationDetails() throws {
        let path = "get-account-authorization-details__filtered.json"
        let page = try gaad(try IAMJSONReader.read(bytes: try JSONSamples.bytes("moto/awscli/" + path), path: path))
        #expect(page.users.map(\.name) == ["alice.admin", "bob.groupadmin", "carol.inline", "dave.console", "erin.mfa",
                                           "frank.twokeys", "breakglass"])
        #expect(page.isTruncated == false)
        #expect(page.marker == nil)

        let alice = page.users[0]
        #expect(alice.arn == "arn:aws:iam::123456789012:user/alice.admin")
        #expect(alice.id == "tmsw9v8stqrtm1qx4faz")
        #expect(alice.createDate == ts("2026-11-29T05:13:46.563738Z"))
        #expect(alice.attachedPolicies == [AttachedPolicy(name: "AdministratorAccess",
                                                          arn: "arn:aws:iam::aws:policy/AdministratorAccess")])
        #expect(alice.tags == ["team": "platform"])
        #expect(alice.location == SourceLocation(path: path, line: 3, column: 9))
        #expect(page.users[1].groups == ["Admins"])
        let carol = page.users[2]
        #expect(carol.inlinePolicies.map(\.name) == ["AllowEverything"])
        #expect(carol.inlinePolicies.first?.document.statements
                == [PolicyStatement(effect: .allow, actions: ["*"], resources: ["*"])])
        #expect(page.users[3].path == "/eng/")
        #expect(page.users[6].arn == "arn:aws:iam::123456789012:user/emergency/breakglass")

        #expect(page.groups.map(\.name) == ["Admins", "Developers"])
        let developers = page.groups[1]
        #expect(developers.inlinePolicies.first?.document.statements.first?.effect == .deny)
        #expect(developers.attachedPolicies.map(\.arn) == ["arn:aws:iam::123456789012:policy/custom/s3-read-reports"])

        let role = try #require(page.roles.first)
        #expect(page.roles.count == 1)
        #expect(role.name == "ci-deploy")
        #expect(role.path == "/service/")
        #expect(role.trustPolicy?.statements.first?.principals == ["Service": ["ec2.amazonaws.com"]])
        #expect(role.inlinePolicies.first?.document.statements.first?.actions == ["cloudformation:*", "iam:PassRole"])
        #expect(role.lastUsed == nil)

        let policy = try #require(page.policies.first)
        #expect(policy.name == "s3-read-reports")  // moto sends no PolicyName
        #expect(policy.path == "/custom/")
        #expect(policy.defaultVersionID == "v2")
        #expect(policy.attachmentCount == 2)
        #expect(policy.defaultDocument?.statements.first?.sid == "Read")
        #expect(policy.defaultDocument?.statements.first?.hasCondition == true)
    }

    @Test(.enabled(if: JSONSamples.available))
    func awsDocsAuthorizationDetails() throws {
        let page = try gaad(try IAMJSONReader.read(bytes: try JSONSamples.rstOutput("get-account-authorization-details"),
                                                    path: "gaad.json"))
        #expect(page.isTruncated)
        #expect(page.marker?.hasPrefix("EXAMPLEkakv9BCuUNFDtxWSyfzetYwEx2ADc8dnzfvERF5S6") == true)
        #expect(page.users.map(\.name) == ["Alice", "Bob", "Charlie"])
        #expect(page.users.map(\.groups) == [["Admins"], ["Admins"], ["Dev"]])
        // Bob's inline policy has a single Statement object, not a list.
        let deny = try #require(page.users[1].inlinePolicies.first)
        #expect(deny.name == "DenyBillingAndIAMPolicy")
        #expect(deny.document.statements == [PolicyStatement(effect: .deny, actions: ["aws-portal:*", "iam:*"],
                                                              resources: ["*"])])
        // The example prints AttachedManagedPolicies as a bare object for two groups.
        #expect(page.groups.map(\.name) == ["Admins", "Dev", "Finance"])
        #expect(page.groups[0].attachedPolicies.map(\.name) == ["AdministratorAccess"])
        #expect(page.groups[2].inlinePolicies.first?.document.statements.first?.actions == ["aws-portal:*"])
        let role = try #require(page.roles.first)
        #expect(role.name == "EC2role")
        #expect(role.lastUsed == ts("2019-11-13T17:30:00Z"))
        #expect(role.attachedPolicies.map(\.name) == ["AmazonS3FullAccess", "AmazonDynamoDBFullAccess"])
        #expect(page.policies.map(\.name) == ["create-update-delete-set-managed-policies",
                                              "S3-read-only-specific-bucket", "AmazonEC2FullAccess"])
        #expect(page.policies[2].defaultDocument?.statements.count == 4)
        #expect(page.policies[0].defaultDocument?.statements.first?.actions.count == 9)
    }

    @Test(.enabled(if: JSONSamples.available), arguments: [
        ("get-credential-report.json", 2),
        ("get-credential-report__cli_timestamp_format_iso8601.json", 2),
    ])
    func motoCredentialReport(file: String, contentLine: Int) throws {
        let doc = try IAMJSONReader.read(bytes: try JSONSamples.bytes("moto/awscli/" + file), path: file)
        guard case .credentialReport(let report) = doc else { Issue.record("not a report: \(doc)"); return }
        #expect(report.container == .json)
        #expect(report.path == file)
        #expect(report.generatedTime == ts("2015-02-02T20:02:02Z"))
        #expect(report.contentLocation == SourceLocation(path: file, line: contentLine, column: 16))
        #expect(report.accountID == nil)
        guard case .bytes(let csv) = report.content else { Issue.record("not bytes"); return }
        #expect(csv == (try JSONSamples.bytes("moto/credential-report.decoded.csv")))
    }

    @Test(.enabled(if: JSONSamples.available))
    func motoVirtualMFADevices() throws {
        let file = "list-virtual-mfa-devices.json"
        guard case .virtualMFADevices(let list) = try IAMJSONReader.read(
            bytes: try JSONSamples.bytes("moto/awscli/" + file), path: file) else { Issue.record("wrong kind"); return }
        #expect(list.devices.map(\.serialNumber) == ["arn:aws:iam::123456789012:mfa/alice.admin",
                                                     "arn:aws:iam::123456789012:mfa/erin.mfa",
                                                     "arn:aws:iam::123456789012:mfa/spare-token"])
        #expect(list.devices.allSatisfy { $0.secretPresent && $0.kind == .virtual })
        #expect(list.devices.map(\.userName) == ["alice.admin", "erin.mfa", nil])
        #expect(list.devices[1].userARN == "arn:aws:iam::123456789012:user/eng/erin.mfa")
        #expect(list.devices[0].enableDate == ts("2026-11-29T05:13:46.583948Z"))
        #expect(list.devices[2].isAssigned == false)
        #expect(list.devices[2].location == SourceLocation(path: file, line: 35, column: 9))
        #expect(list.isTruncated == false)
    }

    @Test(.enabled(if: JSONSamples.available))
    func awsDocsVirtualMFADevicesWithoutSecrets() throws {
        guard case .virtualMFADevices(let list) = try IAMJSONReader.read(
            bytes: try JSONSamples.rstOutput("list-virtual-mfa-devices"), path: "v.json") else {
            Issue.record("wrong kind"); return
        }
        #expect(list.devices.map(\.serialNumber) == ["arn:aws:iam::123456789012:mfa/ExampleMFADevice",
                                                     "arn:aws:iam::123456789012:mfa/Fred"])
        #expect(list.devices.allSatisfy { !$0.secretPresent && !$0.isAssigned })
    }

    @Test(.enabled(if: JSONSamples.available))
    func awsDocsMFADevices() throws {
        guard case .mfaDevices(let list) = try IAMJSONReader.read(
            bytes: try JSONSamples.rstOutput("list-mfa-devices"), path: "m.json") else { Issue.record("wrong kind"); return }
        #expect(list.devices.map(\.kind) == [.virtual, .hardware, .fido, .fido])
        #expect(list.devices.allSatisfy { $0.userName == "Bob" })
        #expect(list.devices[0].enableDate == ts("2019-10-28T20:37:09Z"))
        #expect(list.devices[1].serialNumber == "GAKT12345678")
    }

    @Test(.enabled(if: JSONSamples.available))
    func accountSummaryAndPasswordPolicy() throws {
        guard case .accountSummary(let summary) = try IAMJSONReader.read(
            bytes: try JSONSamples.bytes("moto/awscli/get-account-summary.json"), path: "s.json") else {
            Issue.record("wrong kind"); return
        }
        #expect(summary.values.count == 33)
        #expect(summary["AccountMFAEnabled"] == 0)
        #expect(summary["Users"] == 7)
        #expect(summary["AccountPasswordPresent"] == nil)  // moto leaves it out
        #expect(summary.location == SourceLocation(path: "s.json", line: 2, column: 19))

        guard case .accountSummary(let docs) = try IAMJSONReader.read(
            bytes: try JSONSamples.rstOutput("get-account-summary"), path: "d.json") else { Issue.record("kind"); return }
        #expect(docs["AccountMFAEnabled"] == 1)

        guard case .passwordPolicy(let policy) = try IAMJSONReader.read(
            bytes: try JSONSamples.bytes("moto/awscli/get-account-password-policy.json"), path: "p.json") else {
            Issue.record("wrong kind"); return
        }
        #expect(policy == PasswordPolicy(
            minimumPasswordLength: 14, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true,
            requireLowercaseCharacters: true, allowUsersToChangePassword: true, expirePasswords: true,
            maxPasswordAge: 90, passwordReusePrevention: 24, hardExpiry: false,
            location: SourceLocation(path: "p.json", line: 2, column: 23)))

        guard case .passwordPolicy(let short) = try IAMJSONReader.read(
            bytes: try JSONSamples.rstOutput("get-account-password-policy"), path: "d.json") else { Issue.record("kind"); return }
        #expect(short.minimumPasswordLength == 8)
        #expect(short.maxPasswordAge == nil)
        #expect(short.allowUsersToChangePassword == false)
    }

    /// Not the report, and not ignorable either: the loader makes it an input error.
    @Test(.enabled(if: JSONSamples.available))
    func generateCredentialReportIsItsState() throws {
        guard case .credentialReportState(let state, let description, let location) = try IAMJSONReader.read(
            bytes: try JSONSamples.bytes("moto/awscli/generate-credential-report.json"), path: "x.json") else {
            Issue.record("not a report state"); return
        }
        #expect(state == "COMPLETE" && description == nil)
        #expect(location == SourceLocation(path: "x.json"))
        guard case .credentialReportState(let started, let said, _) = try read(#"{"State": "STARTED", "Description": "No report exists."}"#)
        else { Issue.record("not a report state"); return }
        #expect(started == "STARTED" && said == "No report exists.")
    }

    /// An SDK error saved as JSON (boto3's `ClientError.response`) is an IAM error, or "no policy".
    @Test func sdkErrorSavedAsJSONIsAnIAMError() throws {
        guard case .iamError(let e) = try read(#"{"Error": {"Code": "ReportNotPresent", "Message": "Unknown", "Type": "Sender"}, "ResponseMetadata": {}}"#)
        else { Issue.record("not an IAM error"); return }
        #expect(e.code == "ReportNotPresent" && e.message == "Unknown" && e.type == "Sender")
        guard case .iamError(let wrapped) = try read(#"{"ErrorResponse": {"Error": {"Code": "AccessDenied"}}}"#)
        else { Issue.record("not an IAM error"); return }
        #expect(wrapped.code == "AccessDenied")
        guard case .noPasswordPolicy = try read(#"{"Error": {"Code": "NoSuchEntity", "Message": "The Password Policy with domain name 1 cannot be found."}}"#)
        else { Issue.record("NoSuchEntity for the password policy means no policy"); return }
    }

    @Test(.enabled(if: JSONSamples.available), arguments: [
        ("moto/awscli/list-users__max-items1__cli_timestamp_format_iso8601.json", "list-users"),
        ("moto/awscli/list-access-keys__frank.twokeys.json", "list-access-keys"),
        ("moto/awscli/get-access-key-last-used.json", "get-access-key-last-used"),
    ])
    func outputsWithNothingToLintAreIgnorable(file: String, kind: String) throws {
        guard case .ignorable(let found, let location) = try IAMJSONReader.read(bytes: try JSONSamples.bytes(file),
                                                                                path: "x.json") else {
            Issue.record("not ignorable"); return
        }
        #expect(found == kind)
        #expect(location == SourceLocation(path: "x.json"))
    }

    @Test(.enabled(if: JSONSamples.available))
    func awsDocsCredentialReportWithoutContentIsAnError() throws {
        #expect(throws: CredLintError(
            "found an awscli output without \"Content\", expected the base64-encoded report in \"Content\" "
                + "(AWS's documentation example leaves it out; real output has it)", path: "r.json", line: 1, column: 1)) {
            try IAMJSONReader.read(bytes: try JSONSamples.rstOutput("get-credential-report"), path: "r.json")
        }
    }

    // MARK: - Built inputs

    @Test func credentialReportEnvelopes() throws {
        let csv = "\u{FEFF}USER,ARN,user_creation_time\n"
        let b64 = Array(csv.utf8).base64
        let doc = try read("{\"GeneratedTime\": \"2024-01-02T03:04:05.123456+00:00\",\n \"Content\": \"\(b64)\"}")
        guard case .credentialReport(let report) = doc, case .bytes(let bytes) = report.content else {
            Issue.record("wrong kind"); return
        }
        #expect(bytes == Array(csv.utf8))
        #expect(report.generatedTime?.iso8601 == "2024-01-02T03:04:05.123456Z")
        #expect(report.contentLocation == SourceLocation(path: "out.json", line: 2, column: 13))

        #expect(readError("{\"ReportFormat\": \"text/csv\", \"Content\": \"dXNlcixhcm4=!\"}")
                == CredLintError("found a \"Content\" that is not valid base64, expected the base64-encoded credential report",
                                 path: "out.json", line: 1, column: 41))
        // "aGVsbG8sIHdvcmxk" is "hello, world".
        #expect(readError("{\"ReportFormat\": \"text/csv\",\n\"Content\": \"aGVsbG8sIHdvcmxk\"}")
                == CredLintError("found a \"Content\" that decodes to \"hello, world\", expected a credential report CSV "
                                 + "starting with \"user,arn\"", path: "out.json", line: 2, column: 12))
        #expect(readError("{\"ReportFormat\": \"text/csv\", \"Content\": \"\"}")?.message.hasPrefix("found a \"Content\" that decodes to \"\",") == true)
        #expect(readError("{\"ReportFormat\": \"text/csv\", \"Content\": 5}")?.message == "found the number 5 for \"Content\", expected a base64 string")
        #expect(readError("{\"Content\": \"dXNlcixhcm4K\", \"ReportFormat\": \"text/html\"}")?.message
                == "found the string \"text/html\" for \"ReportFormat\", expected \"text/csv\"")
        #expect(readError("{\"ReportFormat\": \"text/csv\", \"Content\": \"dXNlcixhcm4K\",\n \"GeneratedTime\": \"2015-02-30T00:00:00Z\"}")
                == CredLintError("found the string \"2015-02-30T00:00:00Z\" for \"GeneratedTime\", expected an ISO 8601 timestamp",
                                 path: "out.json", line: 2, column: 19))
    }

    @Test func base64Variants() throws {
        func content(_ b64: String) throws -> [UInt8]? {
            guard case .credentialReport(let r) = try read("{\"ReportFormat\": \"text/csv\", \"Content\": \"\(b64)\"}"),
                  case .bytes(let b) = r.content else { return nil }
            return b
        }
        #expect(try content("dXNlcixhcm4K") == Array("user,arn\n".utf8))
        #expect(try content("dXNlcixhcm4sYQ==") == Array("user,arn,a".utf8))
        #expect(try content("dXNlcixhcm4sYQ") == Array("user,arn,a".utf8))
        #expect(try content("dXNlcixh\\ncm4sYWI=") == Array("user,arn,ab".utf8))
        #expect(readError("{\"ReportFormat\": \"text/csv\", \"Content\": \"dXNlcixhcm4sY\"}") != nil)  // a lone sixth bit group
        #expect(readError("{\"ReportFormat\": \"text/csv\", \"Content\": \"dXNlcixhcm4=K\"}") != nil)  // data after padding
    }

    @Test func authorizationDetailsShapes() throws {
        let text = """
            {
              "UserDetailList": [
                {"UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u", "CreateDate": "2019-10-28T20:37:09+00:00",
                 "PermissionsBoundary": {"PermissionsBoundaryType": "Policy",
                                         "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/b"},
                 "UserPolicyList": [{"PolicyName": "enc",
                   "PolicyDocument": "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"},
                   {"PolicyName": "raw", "PolicyDocument": " {\\"Statement\\": []} "}],
                 "AttachedManagedPolicies": [{"PolicyArn": "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"}],
                 "Tags": [{"Key": "break-glass", "Value": "true"}, {"Key": "empty"}]}
              ],
              "RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r",
                "AssumeRolePolicyDocument": "%7B%22Statement%22%3A%5B%5D%7D", "RoleLastUsed": {"Region": "us-east-1"}}],
              "Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::111122223333:policy/p", "DefaultVersionId": "v2",
                "PolicyVersionList": [{"VersionId": "v1", "Document": {"Statement": []}},
                                      {"VersionId": "v2", "Document": {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}}]}],
              "NextToken": "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="
            }
            """
        let page = try gaad(try read(text))
        #expect(page.isTruncated)  // NextToken: --max-items cut the output
        #expect(page.marker == nil)
        let u = try #require(page.users.first)
        #expect(u.path == "/")
        #expect(u.createDate == ts("2019-10-28T20:37:09Z"))
        #expect(u.permissionsBoundaryARN == "arn:aws:iam::111122223333:policy/b")
        #expect(u.inlinePolicies.map(\.name) == ["enc", "raw"])
        #expect(u.inlinePolicies[0].document.statements.first?.actions == ["*"])
        #expect(u.inlinePolicies[0].location == SourceLocation(path: "out.json", line: 6, column: 25))
        #expect(u.inlinePolicies[1].document.statements.isEmpty)
        #expect(u.attachedPolicies == [AttachedPolicy(name: "ViewOnlyAccess",
                                                      arn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")])
        #expect(u.tags == ["break-glass": "true", "empty": ""])
        #expect(page.roles.first?.trustPolicy?.statements.isEmpty == true)
        #expect(page.roles.first?.lastUsed == nil)
        // No IsDefaultVersion: DefaultVersionId picks the version.
        #expect(page.policies.first?.defaultDocument?.statements.first?.effect == .deny)
        #expect(page.groups.isEmpty)
    }

    @Test func onlyPoliciesWithVersionsIsAuthorizationDetails() throws {
        let filtered = try gaad(try read(#"{"Policies": [{"Arn": "arn:aws:iam::1:policy/p", "PolicyVersionList": []}], "IsTruncated": false}"#))
        #expect(filtered.policies.map(\.name) == ["p"])
        #expect(filtered.policies.first?.defaultDocument == nil)
        guard case .ignorable(let kind, _) = try read(#"{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p"}]}"#)
        else { Issue.record("list-policies should be ignorable"); return }
        #expect(kind == "list-policies")
    }

    @Test(arguments: [
        ("{\"UserDetailList\": [{\"Arn\": \"arn:aws:iam::1:user/x\"}]}", 1, 21,
         "found a user without \"UserName\", expected a \"UserName\" string"),
        ("{\"UserDetailList\": [\n  {\"UserName\": \"x\", \"Arn\": \"a\", \"CreateDate\": \"2020-13-01T00:00:00Z\"}]}", 2, 47,
         "found the string \"2020-13-01T00:00:00Z\" for \"CreateDate\", expected an ISO 8601 timestamp"),
        ("{\"UserDetailList\": {\"UserName\": 1}}", 1, 33,
         "found the number 1 for \"UserName\", expected a string"),
        ("{\"UserDetailList\": [7]}", 1, 21, "found the number 7 in \"UserDetailList\", expected a user object"),
        ("{\"UserDetailList\": \"x\"}", 1, 20, "found the string \"x\" for \"UserDetailList\", expected a list of objects"),
        ("{\"GroupDetailList\": [{\"GroupName\": \"g\", \"Arn\": \"a\", \"GroupPolicyList\": [{\"PolicyName\": \"p\"}]}]}", 1, 73,
         "found an inline policy without \"PolicyDocument\", expected a \"PolicyDocument\" object or string"),
        ("{\"RoleDetailList\": [{\"RoleName\": \"r\", \"Arn\": \"a\", \"AssumeRolePolicyDocument\": \"%7B%ZZ\"}]}", 1, 79,
         "found \"%ZZ\" at offset 3 of the URL-encoded policy document, expected '%' followed by two hex digits"),
        ("{\"RoleDetailList\": [{\"RoleName\": \"r\", \"Arn\": \"a\", \"AssumeRolePolicyDocument\": 3}]}", 1, 79,
         "found the number 3 for \"AssumeRolePolicyDocument\", expected a policy document object or string"),
        ("{\"UserDetailList\": [], \"IsTruncated\": \"no\"}", 1, 39, "found the string \"no\" for \"IsTruncated\", expected true or false"),
        ("{\"SummaryMap\": {\"Users\": 1.5}}", 1, 26, "found the number 1.5 for \"Users\", expected an integer"),
        ("{\"SummaryMap\": []}", 1, 16, "found an array for \"SummaryMap\", expected an object"),
        ("{\"PasswordPolicy\": {\"MinimumPasswordLength\": \"14\"}}", 1, 46,
         "found the string \"14\" for \"MinimumPasswordLength\", expected an integer"),
        ("{\"MFADevices\": [{\"UserName\": \"u\"}]}", 1, 17, "found an MFA device without \"SerialNumber\", expected a \"SerialNumber\" string"),
        ("{\"MFADevices\": {}}", 1, 16, "found an object for \"MFADevices\", expected a list of devices"),
        ("{\"VirtualMFADevices\": [{\"SerialNumber\": \"s\", \"EnableDate\": 1540408180}]}", 1, 60,
         "found the number 1540408180 for \"EnableDate\", expected an ISO 8601 timestamp string"),
        ("{\"UserDetailList\": [}", 1, 21, "found '}', expected a JSON value"),
    ])
    func malformedIAMDataIsAnErrorAtItsLine(text: String, line: Int, column: Int, message: String) {
        #expect(readError(text) == CredLintError(message, path: "out.json", line: line, column: column))
    }

    @Test(arguments: [
        ("{\"name\": \"credlint\", \"version\": 1}", "an object with keys \"name\", \"version\""),
        ("{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"f\": 6}", "an object with keys \"a\", \"b\", \"c\", \"d\", \"e\", …"),
        ("{}", "an empty object"),
        ("[{\"UserName\": \"x\"}]", "an array"),
        ("\"text\"", "the string \"text\""),
        ("{\"State\": \"running\"}", "an object with keys \"State\""),
        ("{\"Content\": \"dXNlcixhcm4K\"}", "an object with keys \"Content\""),
    ])
    func unrelatedJSONIsNotIAMData(text: String, found: String) throws {
        #expect(throws: IAMJSONReader.Failure.notIAMData(found)) {
            try read(text)
        }
    }

    @Test func notIAMDataExplainsWhatWasExpected() {
        let failure = IAMJSONReader.Failure.notIAMData("an array")
        #expect(failure.error(path: "package.json").location == SourceLocation(path: "package.json"))
        #expect(failure.error(path: "package.json").description.hasPrefix(
            "package.json:1:1: error: found an array, expected the JSON output of an 'aws iam' command"))
        #expect(failure.description.hasPrefix("found an array, expected"))
    }

    @Test func paginationOfDeviceLists() throws {
        guard case .mfaDevices(let list) = try read(#"{"MFADevices": [], "IsTruncated": true, "Marker": "m1"}"#) else {
            Issue.record("wrong kind"); return
        }
        #expect(list.isTruncated)
        #expect(list.marker == "m1")
        #expect(list.devices.isEmpty)
        #expect(list.location == SourceLocation(path: "out.json", line: 1, column: 16))
    }

    @Test func rootVirtualMFADevice() throws {
        let text = #"{"VirtualMFADevices": [{"SerialNumber": "arn:aws:iam::123456789012:mfa/root-account-mfa-device", "User": {"Arn": "arn:aws:iam::123456789012:root"}, "EnableDate": "2020-01-01T00:00:00Z"}]}"#
        guard case .virtualMFADevices(let list) = try read(text), let d = list.devices.first else {
            Issue.record("wrong kind"); return
        }
        #expect(d.userName == nil)
        #expect(d.userARN == "arn:aws:iam::123456789012:root")
        #expect(d.isAssigned)
        #expect(d.secretPresent == false)
    }
}

fileprivate extension Array where Element == UInt8 {
    /// Standard padded base64, for building test inputs.
    var base64: String {
        let alphabet = [Character]("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < count {
            let b0 = Int(self[i]), b1 = i + 1 < count ? Int(self[i + 1]) : 0, b2 = i + 2 < count ? Int(self[i + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[(b0 & 3) << 4 | b1 >> 4])
            out.append(i + 1 < count ? alphabet[(b1 & 15) << 2 | b2 >> 6] : "=")
            out.append(i + 2 < count ? alphabet[b2 & 63] : "=")
            i += 3
        }
        return out
    }
}
