import Foundation
import Testing
@testable import CredLintCore
import CredLintXML

/// `/work/shared/notes/samples`, found from this file: repo/../shared.
private enum Samples {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/notes/samples")
    static let available = FileManager.default.fileExists(atPath: root.appendingPathComponent("moto").path)

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func read(_ relative: String) throws -> IAMDocument {
        try IAMXMLReader.read(path: path(relative), displayPath: relative)
    }

    /// The error a sample is expected to produce.
    static func failure(_ relative: String) -> CredLintError? {
        do {
            _ = try read(relative)
            return nil
        } catch let e as CredLintError {
            return e
        } catch {
            return nil
        }
    }
}

private func parse(_ xml: String, path: String = "t.xml") throws -> IAMDocument {
    try IAMXMLReader.read(bytes: Array(xml.utf8), displayPath: path)
}

/// The `CredLintError` reading `xml` throws, or nil.
private func failure(_ xml: String) -> CredLintError? {
    failure(bytes: Array(xml.utf8))
}

private func failure(bytes: [UInt8], limits: XMLLimits = .default) -> CredLintError? {
    do {
        _ = try IAMXMLReader.read(bytes: bytes, displayPath: "t.xml", limits: limits)
        return nil
    } catch let e as CredLintError {
        return e
    } catch {
        Issue.record("expected a CredLintError, got \(error)")
        return nil
    }
}

private func seconds(_ body: () -> Void) -> Double {
    let d = ContinuousClock().measure(body)
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

private let ns = #"xmlns="https://iam.amazonaws.com/doc/2010-05-08/""#

private func gaad(_ inner: String) -> String {
    "<GetAccountAuthorizationDetailsResponse \(ns)><GetAccountAuthorizationDetailsResult>\(inner)</GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>"
}

private func report(_ content: String, generated: String = "2014-08-28T21:42:50Z") -> String {
    """
    <GetCredentialReportResponse \(ns)>
      <GetCredentialReportResult>
        <Content>\(content)</Content>
        <ReportFormat>text/csv</ReportFormat>
        <GeneratedTime>\(generated)</GeneratedTime>
      </GetCredentialReportResult>
    </GetCredentialReportResponse>
    """
}

private let allowAllEncoded = "%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Allow%22%2C%20%22Action%22%3A%20%22%2A%22%2C%20%22Resource%22%3A%20%22%2A%22%7D%5D%7D"

// MARK: - Real samples

@Suite(.enabled(if: Samples.available, "needs ../shared/notes/samples")) struct IAMXMLSampleTests {
    @Test func motoAuthorizationDetails() throws {
        guard case .authorizationDetails(let page) = try Samples.read("moto/GetAccountAuthorizationDetails__filtered.xml")
        else { Issue.record("not GAAD"); return }
        #expect(page.users.map(\.name) == ["alice.admin", "bob.groupadmin", "carol.inline", "dave.console", "erin.mfa",
                                           "frank.twokeys", "breakglass"])
        let users = Dictionary(uniqueKeysWithValues: page.users.map { ($0.name, $0) })
        let alice = try #require(users["alice.admin"])
        #expect(alice.attachedPolicies == [AttachedPolicy(name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess")])
        #expect(alice.tags == ["team": "platform"])
        #expect(alice.createDate == ISO8601.parse("2026-11-29T05:13:46.563738Z"))
        #expect(alice.location == SourceLocation(path: "moto/GetAccountAuthorizationDetails__filtered.xml", line: 1))
        #expect(users["bob.groupadmin"]?.groups == ["Admins"])
        let carol = try #require(users["carol.inline"]?.inlinePolicies.first)
        #expect(carol.name == "AllowEverything")
        #expect(carol.document.statements == [PolicyStatement(effect: .allow, actions: ["*"], resources: ["*"])])
        #expect(users["dave.console"]?.path == "/eng/")
        #expect(users["breakglass"]?.attachedPolicies.map(\.name) == ["AdministratorAccess"])

        #expect(page.groups.map(\.name) == ["Admins", "Developers"])
        #expect(page.groups[0].attachedPolicies.map(\.arn) == ["arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(page.groups[1].inlinePolicies.first?.document.statements.first?.effect == .deny)
        #expect(page.groups[1].inlinePolicies.first?.document.statements.first?.actions == ["iam:*"])

        // The role nested under InstanceProfileList/Roles is the same role, not a second one.
        #expect(page.roles.count == 1)
        let role = try #require(page.roles.first)
        #expect(role.name == "ci-deploy")
        #expect(role.path == "/service/")
        #expect(role.trustPolicy?.statements.first?.principals == ["Service": ["ec2.amazonaws.com"]])
        #expect(role.inlinePolicies.map(\.name) == ["deploy-anything"])
        #expect(role.inlinePolicies.first?.document.statements.first?.actions == ["cloudformation:*", "iam:PassRole"])
        #expect(role.attachedPolicies.map(\.name) == ["s3-read-reports"])
        #expect(role.lastUsed == nil)

        // moto leaves out PolicyName: it comes from the ARN. v2 is the default version.
        #expect(page.policies.count == 1)
        let policy = try #require(page.policies.first)
        #expect(policy.name == "s3-read-reports")
        #expect(policy.path == "/custom/")
        #expect(policy.defaultVersionID == "v2")
        #expect(policy.attachmentCount == 2)
        #expect(policy.defaultDocument?.statements.first?.sid == "Read")
        #expect(policy.defaultDocument?.statements.first?.hasCondition == true)
        #expect(policy.defaultDocument?.statements.first?.resources == ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"])
        #expect(page.isTruncated == false)
        #expect(page.marker == nil)
    }

    @Test func motoAuthorizationDetailsUserFilter() throws {
        guard case .authorizationDetails(let page) = try Samples.read("moto/GetAccountAuthorizationDetails__filter_User_MaxItems2_ignored.xml")
        else { Issue.record("not GAAD"); return }
        #expect(page.users.count == 7)
        #expect(page.groups.isEmpty && page.roles.isEmpty && page.policies.isEmpty)
    }

    @Test func motoUnfilteredAuthorizationDetails() throws {
        let gz = Samples.path("moto/GetAccountAuthorizationDetails__unfiltered_MaxItems2_ignored.xml.gz")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-dc", gz]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0)
        var doc: IAMDocument?
        let t = seconds { doc = try? IAMXMLReader.read(bytes: [UInt8](data), displayPath: "unfiltered.xml") }
        guard case .authorizationDetails(let page) = doc else { Issue.record("not GAAD"); return }
        #expect(page.users.count == 7)
        #expect(page.roles.map(\.name) == ["ci-deploy"])
        #expect(page.policies.count > 1_000)
        let admin = try #require(page.policies.first { $0.arn == "arn:aws:iam::aws:policy/AdministratorAccess" })
        #expect(admin.isAWSManaged)
        #expect(admin.defaultDocument?.statements == [PolicyStatement(effect: .allow, actions: ["*"], resources: ["*"])])
        #expect(page.policies.contains { $0.name == "s3-read-reports" && !$0.isAWSManaged })
        #expect(t < 30)
    }

    @Test func motoVirtualMFADevices() throws {
        let path = "moto/ListVirtualMFADevices.xml"
        guard case .virtualMFADevices(let list) = try Samples.read(path) else { Issue.record("wrong kind"); return }
        #expect(list.devices.map(\.serialNumber) == ["arn:aws:iam::123456789012:mfa/alice.admin",
                                                     "arn:aws:iam::123456789012:mfa/erin.mfa",
                                                     "arn:aws:iam::123456789012:mfa/spare-token"])
        #expect(list.devices.allSatisfy { $0.kind == .virtual && $0.secretPresent })
        #expect(list.devices.map(\.userName) == ["alice.admin", "erin.mfa", nil])
        #expect(list.devices[0].userARN == "arn:aws:iam::123456789012:user/alice.admin")
        #expect(list.devices[0].enableDate == ISO8601.parse("2026-11-29T05:13:46.583948Z"))
        #expect(list.devices[2].enableDate == nil && !list.devices[2].isAssigned)
        #expect(list.isTruncated == false)
        // The secrets are in the file but nowhere in what we keep.
        let raw = try String(contentsOfFile: Samples.path(path), encoding: .utf8)
        #expect(raw.contains("R1ozNTRWQkxPWFlMRlhRUk81VENTSkdTQk1MU082VFU3NDdDU1FaUEM3TlE2RUJBQkNFNUlDT0xQTEwySkg0TQ=="))
        let kept = String(reflecting: list)
        #expect(!kept.contains("R1ozNTRW") && !kept.contains("gypGGJNT"))
    }

    @Test func motoUnassignedVirtualMFADevices() throws {
        guard case .virtualMFADevices(let list) = try Samples.read("moto/ListVirtualMFADevices__Unassigned.xml")
        else { Issue.record("wrong kind"); return }
        #expect(list.devices.count == 1)
        #expect(list.devices.first?.serialNumber.hasSuffix(":mfa/spare-token") == true)
        #expect(list.devices.first?.isAssigned == false)
    }

    @Test func motoMFADevices() throws {
        guard case .mfaDevices(let list) = try Samples.read("moto/ListMFADevices__alice.admin.xml")
        else { Issue.record("wrong kind"); return }
        #expect(list.userName == "alice.admin")
        #expect(list.devices.map(\.kind) == [.virtual])
        #expect(list.devices.first?.secretPresent == false)
        #expect(list.devices.first?.enableDate == ISO8601.parse("2026-11-29T05:13:46.583970Z"))
    }

    @Test func motoAccountSummary() throws {
        guard case .accountSummary(let s) = try Samples.read("moto/GetAccountSummary.xml") else { Issue.record("wrong kind"); return }
        #expect(s["Users"] == 7)
        #expect(s["AccountMFAEnabled"] == 0)
        #expect(s["AccountAccessKeysPresent"] == 0)
        #expect(s["MFADevicesInUse"] == 2)
        #expect(s["AccountPasswordPresent"] == nil)
        #expect(s.values.count == 33)
    }

    @Test func motoPasswordPolicy() throws {
        guard case .passwordPolicy(let p) = try Samples.read("moto/GetAccountPasswordPolicy.xml") else { Issue.record("wrong kind"); return }
        #expect(p.minimumPasswordLength == 14)
        #expect(p.requireSymbols == true && p.requireNumbers == true)
        #expect(p.maxPasswordAge == 90)
        #expect(p.passwordReusePrevention == 24)
        #expect(p.hardExpiry == false)
    }

    @Test func motoCredentialReport() throws {
        guard case .credentialReport(let r) = try Samples.read("moto/GetCredentialReport.xml") else { Issue.record("wrong kind"); return }
        guard case .bytes(let bytes) = r.content else { Issue.record("not bytes"); return }
        #expect(bytes.starts(with: Array("user,arn,".utf8)))
        let csv = try Data(contentsOf: URL(fileURLWithPath: Samples.path("moto/credential-report.decoded.csv")))
        #expect(bytes == [UInt8](csv))
        #expect(r.container == .xml)
        #expect(r.generatedTime == ISO8601.parse("2015-02-02T20:02:02Z"))
        #expect(r.contentLocation == SourceLocation(path: "moto/GetCredentialReport.xml", line: 1))
        #expect(r.path == "moto/GetCredentialReport.xml")
        #expect(r.accountID == nil)
    }

    @Test(arguments: ["moto/GenerateCredentialReport__1_first_call.xml", "moto/GenerateCredentialReport__2_second_call.xml",
                      "aws-docs/API_GenerateCredentialReport.sample-response.xml"])
    func generateCredentialReportIsIgnorable(path: String) throws {
        guard case .ignorable(let kind, let location) = try Samples.read(path) else { Issue.record("wrong kind"); return }
        #expect(kind == "GenerateCredentialReport")
        #expect(location.line == 1)
    }

    @Test(arguments: [
        ("moto/ListUsers.xml", "ListUsers"), ("moto/ListAccessKeys__frank.twokeys.xml", "ListAccessKeys"),
        ("moto/GetAccessKeyLastUsed__used.xml", "GetAccessKeyLastUsed"), ("moto/GetLoginProfile__dave.console.xml", "GetLoginProfile"),
        ("moto/ListGroupsForUser__dave.console.xml", "ListGroupsForUser"),
        ("aws-docs/API_ListUsers.sample-response.xml", "ListUsers"),
        ("aws-docs/API_ListAccessKeys.sample-response.xml", "ListAccessKeys"),
        ("aws-docs/API_GetAccessKeyLastUsed.sample-response.xml", "GetAccessKeyLastUsed"),
    ])
    func otherIAMResponsesAreIgnorable(path: String, kind: String) throws {
        guard case .ignorable(let k, _) = try Samples.read(path) else { Issue.record("wrong kind"); return }
        #expect(k == kind)
    }

    @Test func motoNoPasswordPolicy() throws {
        guard case .noPasswordPolicy(let location) = try Samples.read("moto/error__GetAccountPasswordPolicy_NoSuchEntity.xml")
        else { Issue.record("wrong kind"); return }
        #expect(location.line == 1)
    }

    @Test func motoErrors() throws {
        guard case .iamError(let e) = try Samples.read("moto/error__GetCredentialReport_ReportNotPresent.xml")
        else { Issue.record("wrong kind"); return }
        #expect(e.code == "ReportNotPresent")
        #expect(e.type == "Sender")
        #expect(e.message == "Credential report not present")
        guard case .iamError(let u) = try Samples.read("moto/error__GetUser_NoSuchEntity.xml") else { Issue.record("wrong kind"); return }
        #expect(u.code == "NoSuchEntity")
        #expect(u.message == "The user with name nobody cannot be found.")
    }

    @Test func awsDocsAuthorizationDetails() throws {
        let path = "aws-docs/API_GetAccountAuthorizationDetails.sample-response.xml"
        guard case .authorizationDetails(let page) = try Samples.read(path) else { Issue.record("not GAAD"); return }
        #expect(page.users.map(\.name) == ["Alice", "Bob", "Charlie", "Danielle", "Elaine"])
        #expect(page.users[0].location?.line == 5)
        #expect(page.users[0].id == "AIDACKCEVSQ6C2EXAMPLE")
        #expect(page.users[0].groups == ["Admins"])
        #expect(page.users[2].groups == ["Dev"])  // the stray <AttachedManagedPolicies/> inside GroupList is ignored
        let bob = try #require(page.users[1].inlinePolicies.first)
        #expect(bob.name == "DenyBillingAndIAMPolicy")
        #expect(bob.document.statements == [PolicyStatement(effect: .deny, actions: ["aws-portal:*", "iam:*"], resources: ["*"])])
        #expect(page.groups.map(\.name) == ["Admins", "Dev", "Finance"])
        #expect(page.groups[0].attachedPolicies.map(\.name) == ["AdministratorAccess"])
        #expect(page.groups[1].attachedPolicies.map(\.name) == ["PowerUserAccess"])
        #expect(page.groups[2].inlinePolicies.first?.document.statements.first?.actions == ["aws-portal:*"])
        // One role; the RoleLastUsed under InstanceProfileList/Roles belongs to the nested copy.
        #expect(page.roles.map(\.name) == ["EC2role"])
        #expect(page.roles[0].lastUsed == nil)
        #expect(page.roles[0].trustPolicy?.statements.first?.principals == ["Service": ["ec2.amazonaws.com"]])
        #expect(page.roles[0].attachedPolicies.map(\.name) == ["AmazonS3FullAccess", "AmazonDynamoDBFullAccess"])
        #expect(page.policies.map(\.name) == ["create-update-delete-set-managed-policies", "S3-read-only-specific-bucket",
                                              "AWSOpsWorksRole", "AmazonEC2FullAccess"])
        #expect(page.policies[0].arn == "arn:aws:iam::123456789012:policy/create-update-delete-set-managed-policies")
        #expect(page.policies[2].path == "/service-role/")
        #expect(page.policies[2].isAWSManaged)
        #expect(page.policies[3].defaultDocument?.statements.count == 4)
        #expect(page.isTruncated)
        #expect(page.marker?.hasPrefix("EXAMPLEkakv9BCuUNFDtxWSyfzetYwEx2ADc8dnzfvERF5S6YMvXKx41t6gCl/eeaCX3Jo94/") == true)
        #expect(page.marker?.hasSuffix("bKqezEAg8TEVS99EKFLxm3jtbpl25FDWEXAMPLE") == true)
    }

    @Test func awsDocsPasswordPolicy() throws {
        guard case .passwordPolicy(let p) = try Samples.read("aws-docs/API_GetAccountPasswordPolicy.sample-response.xml")
        else { Issue.record("wrong kind"); return }
        #expect(p.minimumPasswordLength == 12)
        #expect(p.passwordReusePrevention == 12)
        #expect(p.expirePasswords == false)
        #expect(p.location?.line == 3)
    }

    @Test func awsDocsMFADevicesWithoutNamespace() throws {
        guard case .mfaDevices(let list) = try Samples.read("aws-docs/API_ListMFADevices.sample-response.xml")
        else { Issue.record("wrong kind"); return }
        #expect(list.devices.map(\.serialNumber) == ["R1234"])
        #expect(list.devices.first?.kind == .hardware)
        #expect(list.devices.first?.userName == "Bob")
        #expect(list.devices.first?.enableDate == nil)
    }

    /// The doc sample's Content is a placeholder, not base64.
    @Test func awsDocsCredentialReportPlaceholderIsRejected() {
        let e = Samples.failure("aws-docs/API_GetCredentialReport.sample-response.xml")
        #expect(e?.location?.line == 3)
        #expect(e?.message.contains("not valid base64") == true)
    }

    /// `</entry` lacks its `>` on line 43; libxml2 notices at the next tag, line 44.
    @Test func awsDocsAccountSummaryIsNotWellFormed() {
        let e = Samples.failure("aws-docs/API_GetAccountSummary.sample-response.xml")
        #expect(e?.location?.path == "aws-docs/API_GetAccountSummary.sample-response.xml")
        #expect(e?.location?.line == 44)
        #expect(e?.message.contains("expected '>'") == true)
    }

    /// `<Arn>…:user</MyCustomUser>` on line 11.
    @Test func awsDocsVirtualMFADevicesIsNotWellFormed() {
        let e = Samples.failure("aws-docs/API_ListVirtualMFADevices.sample-response.xml")
        #expect(e?.location?.line == 11)
        #expect(e?.message.contains("mismatch") == true)
    }

    @Test func pathAndBytesAgree() throws {
        let rel = "moto/ListVirtualMFADevices.xml"
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Samples.path(rel))))
        guard case .virtualMFADevices(let a) = try Samples.read(rel),
              case .virtualMFADevices(let b) = try IAMXMLReader.read(bytes: bytes, displayPath: rel)
        else { Issue.record("wrong kind"); return }
        #expect(a == b)
    }
}
