import Foundation
import Testing
@testable import CredLintXML
@testable import CredLintModel

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

    /// Not the report, and not ignorable either: the loader makes it an input error.
    @Test(arguments: [("moto/GenerateCredentialReport__1_first_call.xml", "STARTED"),
                      ("moto/GenerateCredentialReport__2_second_call.xml", "COMPLETE"),
                      ("aws-docs/API_GenerateCredentialReport.sample-response.xml", "STARTED")])
    func generateCredentialReportIsItsState(path: String, state: String) throws {
        guard case .credentialReportState(let found, let description, let location) = try Samples.read(path) else {
            Issue.record("wrong kind"); return
        }
        #expect(found == state)
        #expect((description != nil) == (state == "STARTED"))
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

// MARK: - Inline documents and hostile input (no samples needed)

@Suite struct IAMXMLReaderTests {
    @Test func anyChildOrderUnknownElementsNoNamespaceAndEmptyLists() throws {
        let xml = """
            <GetAccountAuthorizationDetailsResponse>
              <GetAccountAuthorizationDetailsResult>
                <Unknown><Deep>x</Deep></Unknown>
                <UserDetailList>
                  <member>
                    <AttachedManagedPolicies/>
                    <Arn> arn:aws:iam::123456789012:user/u1 </Arn>
                    <Future>ignored</Future>
                    <UserName>
                      u1
                    </UserName>
                  </member>
                  <member><UserName>u2</UserName><Arn>arn:aws:iam::123456789012:user/u2</Arn><GroupList/></member>
                  <notAMember/>
                </UserDetailList>
                <IsTruncated>TRUE</IsTruncated>
                <Marker>  m-1  </Marker>
              </GetAccountAuthorizationDetailsResult>
            </GetAccountAuthorizationDetailsResponse>
            """
        guard case .authorizationDetails(let page) = try parse(xml) else { Issue.record("not GAAD"); return }
        #expect(page.users.map(\.name) == ["u1", "u2"])
        #expect(page.users[0].arn == "arn:aws:iam::123456789012:user/u1")
        #expect(page.users[0].path == "/")
        #expect(page.users[0].location == SourceLocation(path: "t.xml", line: 5))
        #expect(page.users[1].location?.line == 13)
        #expect(page.users.allSatisfy { $0.groups.isEmpty && $0.attachedPolicies.isEmpty && $0.inlinePolicies.isEmpty })
        #expect(page.groups.isEmpty && page.roles.isEmpty && page.policies.isEmpty)
        #expect(page.isTruncated)
        #expect(page.marker == "m-1")
    }

    @Test func rolesUnderInstanceProfilesAreNotTopLevelRoles() throws {
        let nested = "<InstanceProfileList><member><Roles><member><RoleName>ghost</RoleName><Arn>arn:aws:iam::1:role/ghost</Arn>"
            + "<RoleLastUsed><LastUsedDate>2019-11-20T17:09:20Z</LastUsedDate></RoleLastUsed></member></Roles></member></InstanceProfileList>"
        let xml = gaad("<RoleDetailList><member>\(nested)<RoleName>real</RoleName><Arn>arn:aws:iam::1:role/real</Arn>"
            + "<RoleLastUsed><LastUsedDate>2020-01-02T03:04:05Z</LastUsedDate><Region>us-east-1</Region></RoleLastUsed>"
            + "<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>"
            + "<PermissionsBoundaryArn>arn:aws:iam::1:policy/pb</PermissionsBoundaryArn></PermissionsBoundary>"
            + "<Tags><member><Key>k</Key><Value>v</Value></member></Tags></member></RoleDetailList>")
        guard case .authorizationDetails(let page) = try parse(xml) else { Issue.record("not GAAD"); return }
        #expect(page.roles.map(\.name) == ["real"])
        #expect(page.roles[0].lastUsed == ISO8601.parse("2020-01-02T03:04:05Z"))
        #expect(page.roles[0].permissionsBoundaryARN == "arn:aws:iam::1:policy/pb")
        #expect(page.roles[0].tags == ["k": "v"])
        #expect(page.roles[0].trustPolicy == nil)
    }

    @Test func defaultVersionFallsBackToDefaultVersionId() throws {
        let doc = "%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22NotAction%22%3A%22iam%3A%2A%22%2C%22NotResource%22%3A%22%2A%22%7D%7D"
        let xml = gaad("<Policies><member><PolicyName>p</PolicyName><Arn>arn:aws:iam::1:policy/p</Arn><DefaultVersionId>v2</DefaultVersionId>"
            + "<PolicyVersionList><member><Document>\(allowAllEncoded)</Document><VersionId>v1</VersionId></member>"
            + "<member><Document>\(doc)</Document><VersionId>v2</VersionId></member></PolicyVersionList></member></Policies>")
        guard case .authorizationDetails(let page) = try parse(xml) else { Issue.record("not GAAD"); return }
        #expect(page.policies.first?.defaultDocument?.statements == [PolicyStatement(effect: .allow, notActions: ["iam:*"], notResources: ["*"])])
    }

    @Test func plusInAPolicyDocumentStaysAPlus() throws {
        // {"Statement":[{"Effect":"Allow","Action":"s3:Get+","Resource":"a+b"}]}, URL-encoded with '+' left as is
        let doc = "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGet+%22%2C%22Resource%22%3A%22a+b%22%7D%5D%7D"
        let xml = gaad("<UserDetailList><member><UserName>u</UserName><Arn>arn:aws:iam::1:user/u</Arn><UserPolicyList><member>"
            + "<PolicyName>p</PolicyName><PolicyDocument>\(doc)</PolicyDocument></member></UserPolicyList></member></UserDetailList>")
        guard case .authorizationDetails(let page) = try parse(xml) else { Issue.record("not GAAD"); return }
        #expect(page.users.first?.inlinePolicies.first?.document.statements.first?.resources == ["a+b"])
    }

    @Test func policyDocumentThatIsNotJSONFailsAtItsLine() {
        let xml = gaad("\n<UserDetailList>\n<member><UserName>u</UserName><Arn>arn:aws:iam::1:user/u</Arn>\n<UserPolicyList><member>"
            + "<PolicyName>p</PolicyName>\n<PolicyDocument>%3Chtml%3E</PolicyDocument></member></UserPolicyList></member></UserDetailList>")
        let e = failure(xml)
        #expect(e?.location?.line == 5)
        #expect(e?.location?.path == "t.xml")
        #expect(e?.message.hasPrefix("policy document is not ") == true && e?.message.contains("JSON") == true)
    }

    @Test func missingRequiredFieldFailsAtTheMember() {
        let e = failure(gaad("<UserDetailList>\n<member><Arn>arn:aws:iam::1:user/u</Arn></member></UserDetailList>"))
        #expect(e?.location?.line == 2)
        #expect(e?.message.contains("UserName") == true)
    }

    @Test func unparseableDateFailsAtItsLine() {
        let xml = "<ListMFADevicesResponse>\n<ListMFADevicesResult>\n<MFADevices>\n<member>\n<UserName>bob</UserName>\n"
            + "<SerialNumber>GAKT1</SerialNumber>\n<EnableDate>20112-11-17T12:31:16Z</EnableDate>\n</member>\n</MFADevices>\n"
            + "</ListMFADevicesResult>\n</ListMFADevicesResponse>"
        let e = failure(xml)
        #expect(e?.location?.line == 7)
        #expect(e?.message.contains("'20112-11-17T12:31:16Z' is not an ISO 8601 timestamp") == true)
    }

    @Test func badBooleanAndIntegerFailAtTheirLines() {
        let bool = "<GetAccountPasswordPolicyResponse><GetAccountPasswordPolicyResult><PasswordPolicy>\n<RequireSymbols>yes</RequireSymbols>"
            + "</PasswordPolicy></GetAccountPasswordPolicyResult></GetAccountPasswordPolicyResponse>"
        #expect(failure(bool)?.location?.line == 2)
        let int = "<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap><entry><key>Users</key>\n\n<value>many</value>"
            + "</entry></SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>"
        #expect(failure(int)?.location?.line == 3)
    }

    @Test func mfaDeviceKindsAndSecretPresence() throws {
        let xml = """
            <ListVirtualMFADevicesResponse \(ns)><ListVirtualMFADevicesResult><VirtualMFADevices>
            <member><SerialNumber>arn:aws:iam::123456789012:mfa/root-account-mfa-device</SerialNumber>
              <User><Arn>arn:aws:iam::123456789012:root</Arn></User><Base32StringSeed>SEKRETSEEDVALUE</Base32StringSeed></member>
            <member><SerialNumber>arn:aws:iam::123456789012:mfa/x</SerialNumber><QRCodePNG>SEKRETPNGVALUE</QRCodePNG></member>
            <member><SerialNumber>arn:aws:iam::123456789012:mfa/y</SerialNumber></member>
            </VirtualMFADevices><IsTruncated>true</IsTruncated><Marker>next</Marker></ListVirtualMFADevicesResult></ListVirtualMFADevicesResponse>
            """
        let doc = try parse(xml)
        guard case .virtualMFADevices(let list) = doc else { Issue.record("wrong kind"); return }
        #expect(list.devices.map(\.secretPresent) == [true, true, false])
        #expect(list.devices[0].userARN == "arn:aws:iam::123456789012:root")
        #expect(list.devices[0].userName == nil)
        #expect(list.devices[0].isAssigned)
        #expect(list.devices.map(\.location?.line) == [2, 4, 5])
        #expect(list.isTruncated && list.marker == "next")
        let kept = String(reflecting: doc)
        #expect(!kept.contains("SEKRET"))

        let hw = "<ListMFADevicesResponse><ListMFADevicesResult><MFADevices>"
            + "<member><UserName>a</UserName><SerialNumber>arn:aws:iam::1:u2f/user/a/key-ABC</SerialNumber></member>"
            + "<member><UserName>b</UserName><SerialNumber>GAKT12345678</SerialNumber></member>"
            + "</MFADevices></ListMFADevicesResult></ListMFADevicesResponse>"
        guard case .mfaDevices(let l2) = try parse(hw) else { Issue.record("wrong kind"); return }
        #expect(l2.devices.map(\.kind) == [.fido, .hardware])
        #expect(l2.userName == nil)
    }

    @Test func credentialReportContent() throws {
        let csv = "\u{FEFF}USER,ARN,user_creation_time\n<root_account>,arn:aws:iam::123456789012:root,2014-08-28T21:42:50+00:00\n"
        let b64 = Data(csv.utf8).base64EncodedString(options: .lineLength64Characters)
        guard case .credentialReport(let r) = try parse(report(b64)) else { Issue.record("wrong kind"); return }
        guard case .bytes(let bytes) = r.content else { Issue.record("not bytes"); return }
        #expect(bytes == Array(csv.utf8))
        #expect(r.contentLocation?.line == 3)
        #expect(r.generatedTime == ISO8601.parse("2014-08-28T21:42:50Z"))
        // Unpadded base64 is accepted too.
        let unpadded = Data("user,arn\n".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        guard case .credentialReport = try parse(report(unpadded)) else { Issue.record("wrong kind"); return }
    }

    @Test(arguments: ["BASE-64 ENCODED FILE CONTENTS", "dXNlcixhcm4=x", "dXNlcixhcm4=====", "A", "dXNlcixh\u{00E9}cm4="])
    func invalidBase64FailsAtTheContentLine(content: String) {
        let e = failure(report(content))
        #expect(e?.location?.line == 3)
        #expect(e?.message.contains("not valid base64") == true)
    }

    @Test func base64OfSomethingElseIsNotAReport() {
        for payload in ["<html>hello</html>", "", "use", "username,arn\n"] {
            let e = failure(report(Data(payload.utf8).base64EncodedString()))
            #expect(e?.location?.line == 3)
            #expect(e?.message.contains("Content does not decode to a credential report") == true)
        }
    }

    @Test func badGeneratedTimeAndReportFormat() {
        let ok = Data("user,arn\n".utf8).base64EncodedString()
        #expect(failure(report(ok, generated: "yesterday"))?.location?.line == 5)
        let json = report(ok).replacingOccurrences(of: "text/csv", with: "application/json")
        #expect(failure(json)?.message.contains("ReportFormat") == true)
    }

    @Test func errorResponses() throws {
        func err(_ code: String, _ message: String) -> String {
            "<ErrorResponse \(ns)>\n<Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message><message>dup</message></Error></ErrorResponse>"
        }
        guard case .noPasswordPolicy(let l) = try parse(err("NoSuchEntity", "The Password Policy with domain name 123456789012 cannot be found."))
        else { Issue.record("wrong kind"); return }
        #expect(l == SourceLocation(path: "t.xml", line: 2))
        guard case .iamError(let e) = try parse(err("ReportExpired", "expired")) else { Issue.record("wrong kind"); return }
        #expect(e == IAMErrorResponse(type: "Sender", code: "ReportExpired", message: "expired", location: SourceLocation(path: "t.xml", line: 2)))
        guard case .iamError(let u) = try parse(err("NoSuchEntity", "The user with name x cannot be found.")) else { Issue.record("wrong kind"); return }
        #expect(u.code == "NoSuchEntity")
        #expect(failure("<ErrorResponse><Error><Message>no code</Message></Error></ErrorResponse>")?.message.contains("Code") == true)
    }

    @Test func notIAMData() {
        for (xml, root) in [("<html><body/></html>", "html"), ("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>", "project"),
                            ("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"/>", "DescribeInstancesResponse")] {
            do {
                _ = try parse(xml)
                Issue.record("\(root) was accepted")
            } catch let f as IAMXMLReader.Failure {
                #expect(f == .notIAMData(root))
                #expect(f.description == "root element <\(root)> is not an IAM API response")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func missingResultWrapperIsAnError() {
        #expect(failure("<GetAccountSummaryResponse/>")?.message.contains("GetAccountSummaryResult") == true)
        #expect(failure("<GetAccountAuthorizationDetailsResponse/>")?.message.contains("GetAccountAuthorizationDetailsResult") == true)
    }

    @Test func concurrentReads() async throws {
        let xml = gaad("<UserDetailList>" + (0..<500).map { "<member><UserName>u\($0)</UserName><Arn>arn:aws:iam::1:user/u\($0)</Arn>"
            + "<UserPolicyList><member><PolicyName>p</PolicyName><PolicyDocument>\(allowAllEncoded)</PolicyDocument></member></UserPolicyList></member>" }.joined()
            + "</UserDetailList>")
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    guard case .authorizationDetails(let p) = try? parse(xml) else { return -1 }
                    return p.users.filter { $0.inlinePolicies.count == 1 }.count
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 500, count: 8))
    }

    // MARK: hostile input, end to end

    @Test func xxeIsRefusedAndNeverRead() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
            + "<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap><entry><key>&xxe;</key><value>1</value></entry>"
            + "</SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>"
        var e: CredLintError?
        let t = seconds { e = failure(xml) }
        #expect(e?.message.hasPrefix("DOCTYPE is not allowed in IAM responses; expected ") == true)
        #expect(e?.location == SourceLocation(path: "t.xml", line: 2))
        #expect(e?.description.contains("root:") == false)
        #expect(t < 2)
    }

    @Test func billionLaughsIsRefusedFast() {
        var xml = "<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 { xml += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n" }
        xml += "]>\n<GetAccountSummaryResponse>&lol9;</GetAccountSummaryResponse>"
        var e: CredLintError?
        let t = seconds { e = failure(xml) }
        #expect(e?.location?.line == 1)
        #expect(e?.message.contains("DOCTYPE") == true)
        #expect(t < 2)
    }

    @Test func deepNestingIsRefusedFast() {
        let xml = "<GetAccountAuthorizationDetailsResponse>\n" + String(repeating: "<a>\n", count: 20_000)
        var e: CredLintError?
        let t = seconds { e = failure(xml) }
        #expect(e?.location?.line == 65)
        #expect(e?.message.contains("nested deeper than 64") == true)
        #expect(t < 2)
    }

    @Test func truncatedDocumentFailsAtItsLastLine() {
        let xml = gaad("<UserDetailList>\n<member>\n<UserName>u</UserName>\n<Arn>arn:aws:iam::1:user/u</Arn>\n</member>\n</UserDetailList>")
        let cut = String(xml.prefix(xml.count - 60))
        let e = failure(cut)
        #expect(e?.location?.line == 6)
        #expect(e?.message.hasPrefix("not well-formed XML") == true)
    }

    @Test func mismatchedTagsFailAtTheirLine() {
        let e = failure("<ListMFADevicesResponse>\n<ListMFADevicesResult>\n<MFADevices>\n<member><UserName>a</Username></member>")
        #expect(e?.location?.line == 4)
        #expect(e?.message.contains("mismatch") == true)
    }

    @Test func nulAndBinaryInputFail() {
        var bytes = Array("<GetAccountSummaryResponse>\n<GetAccountSummaryResult>".utf8)
        bytes.append(0)
        #expect(failure(bytes: bytes)?.location?.line == 2)
        let binary: [UInt8] = (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        #expect(failure(bytes: binary) != nil)
    }

    @Test func textNodeOverTheCapFails() {
        let huge = String(repeating: "%41", count: 400_000)  // 1.2 MB of URL-encoded text
        let xml = gaad("<UserDetailList>\n<member><UserName>u</UserName><Arn>arn:aws:iam::1:user/u</Arn><UserPolicyList><member>"
            + "<PolicyName>p</PolicyName>\n<PolicyDocument>\(huge)</PolicyDocument></member></UserPolicyList></member></UserDetailList>")
        var e: CredLintError?
        let t = seconds { e = failure(xml) }
        #expect(e?.location?.line == 3)
        #expect(e?.message.contains("1048576-byte limit") == true)
        #expect(t < 5)
    }

    @Test func smallerLimitsAreHonoured() {
        let xml = gaad("<UserDetailList>" + String(repeating: "<member><UserName>u</UserName><Arn>a</Arn></member>", count: 50) + "</UserDetailList>")
        #expect(failure(bytes: Array(xml.utf8), limits: XMLLimits(maxElements: 100))?.message.contains("more than 100 elements") == true)
        #expect(failure(bytes: Array(xml.utf8), limits: XMLLimits(maxFileBytes: 100))?.message.contains("100-byte limit") == true)
    }

    @Test func publicSizeLimit() {
        let xml = Array(gaad("<IsTruncated>false</IsTruncated>").utf8)
        #expect(throws: CredLintError.self) { _ = try IAMXMLReader.read(bytes: xml, displayPath: "t.xml", maxDocumentBytes: 100) }
        #expect(throws: Never.self) { _ = try IAMXMLReader.read(bytes: xml, displayPath: "t.xml", maxDocumentBytes: 1_000) }
    }

    @Test func missingFileIsALocatedError() {
        do {
            _ = try IAMXMLReader.read(path: "/nonexistent/x.xml", displayPath: "x.xml")
            Issue.record("accepted")
        } catch let e as CredLintError {
            #expect(e.location?.path == "x.xml")
            #expect(e.message.contains("cannot open file"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
