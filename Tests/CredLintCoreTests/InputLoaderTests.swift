import Foundation
import Testing
@testable import CredLintModel

/// How `InputLoader` turns paths into accounts: grouping, directory fallback,
/// walking, standard input and the AWS CLI's own output quirks.
@Suite struct InputLoaderTests {
    /// A temporary directory removed when the test ends.
    final class Tree: Sendable {
        let root: String
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-loader-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }

        @discardableResult
        func write(_ name: String, _ text: String) throws -> String {
            let path = root + "/" + name
            try FileManager.default.createDirectory(atPath: FileIO.parent(path), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    static let header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
        + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
        + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
        + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
        + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

    static func report(_ account: String, users: [String] = ["alice"]) -> String {
        ([header, "<root_account>,arn:aws:iam::\(account):root,2020-01-01T00:00:00+00:00,not_supported,N/A,not_supported,"
            + "not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"]
            + users.map { "\($0),arn:aws:iam::\(account):user/\($0),2024-01-01T00:00:00+00:00,true,2026-01-01T00:00:00+00:00,"
                + "2025-01-01T00:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A" })
            .joined(separator: "\n") + "\n"
    }

    static let summary = """
        <GetAccountSummaryResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <GetAccountSummaryResult>
            <SummaryMap>
              <entry><key>AccountMFAEnabled</key><value>1</value></entry>
            </SummaryMap>
          </GetAccountSummaryResult>
        </GetAccountSummaryResponse>

        """

    static let policy = """
        <GetAccountPasswordPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <GetAccountPasswordPolicyResult>
            <PasswordPolicy>
              <MinimumPasswordLength>16</MinimumPasswordLength>
              <PasswordReusePrevention>24</PasswordReusePrevention>
            </PasswordPolicy>
          </GetAccountPasswordPolicyResult>
        </GetAccountPasswordPolicyResponse>

        """

    static let emptyMFAList = """
        <ListMFADevicesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <ListMFADevicesResult>
            <MFADevices/>
            <IsTruncated>false</IsTruncated>
          </ListMFADevicesResult>
        </ListMFADevicesResponse>

        """

    func load(_ paths: [String], stdin: [UInt8] = []) throws -> InputLoader.Result {
        try InputLoader().load(paths: paths, readStdin: { stdin })
    }

    @Test func groupsFilesByAccountID() throws {
        let t = try Tree()
        // Both reports in one directory, and in an order that is not the id order.
        try t.write("z.csv", Self.report("111111111111"))
        try t.write("a.csv", Self.report("222222222222", users: ["bob", "carol"]))
        let result = try load([t.root])
        #expect(result.accounts.map(\.accountID) == ["111111111111", "222222222222"])
        #expect(result.accounts[0].files == [t.root + "/z.csv"])
        #expect(result.accounts[1].files == [t.root + "/a.csv"])
        #expect(result.accounts.allSatisfy { $0.report != nil && $0.present == [.credentialReport] })
    }

    @Test func summaryAndPasswordPolicyJoinTheirDirectorysAccount() throws {
        let t = try Tree()
        for (dir, account) in [("prod", "111111111111"), ("dev", "222222222222")] {
            try t.write("\(dir)/credential-report.csv", Self.report(account))
            try t.write("\(dir)/GetAccountSummary.xml", Self.summary)
        }
        try t.write("prod/GetAccountPasswordPolicy.xml", Self.policy)
        let result = try load([t.root])
        let prod = try #require(result.accounts.first { $0.accountID == "111111111111" })
        let dev = try #require(result.accounts.first { $0.accountID == "222222222222" })
        #expect(prod.summary?["AccountMFAEnabled"] == 1)
        #expect(prod.passwordPolicy?.minimumPasswordLength == 16)
        #expect(prod.files.contains(t.root + "/prod/GetAccountPasswordPolicy.xml"))
        #expect(dev.summary != nil)
        #expect(dev.passwordPolicy == nil && dev.noPasswordPolicy == nil)
        #expect(!dev.files.contains { $0.hasPrefix(t.root + "/prod/") })
    }

    @Test func lonelySummaryJoinsTheOnlyAccount() throws {
        let t = try Tree()
        try t.write("reports/credential-report.csv", Self.report("111111111111"))
        try t.write("summaries/GetAccountSummary.xml", Self.summary)
        let result = try load([t.root])
        #expect(result.accounts.count == 1)
        #expect(result.accounts.first?.summary != nil)
    }

    @Test func cannotTellWhichAccountWithTwoInOneDirectory() throws {
        let t = try Tree()
        try t.write("a.csv", Self.report("111111111111"))
        try t.write("b.csv", Self.report("222222222222"))
        let summary = try t.write("GetAccountSummary.xml", Self.summary)
        let error = try #require(throws: CredLintError.self) { try load([t.root]) }
        #expect(error.location?.path == summary)
        #expect(error.message.contains("cannot tell which account"))
        #expect(error.message.contains("111111111111, 222222222222"))
    }

    @Test func walkIsSortedAndSkipsHiddenFiles() throws {
        let t = try Tree()
        try t.write("b/credential-report.csv", Self.report("111111111111"))
        try t.write("a/GetAccountSummary.xml", Self.summary)
        try t.write("b/GetAccountPasswordPolicy.xml", Self.policy)
        // A different report for the same account would be an error if it were read.
        try t.write(".hidden.csv", Self.report("111111111111", users: ["mallory"]))
        try t.write(".git/objects/x.csv", Self.report("111111111111", users: ["mallory"]))
        try t.write("b/.DS_Store", "\u{0}\u{0}\u{0}\u{1}Bud1")
        let walked = try FileIO.walk(directory: t.root).files
        #expect(walked == [t.root + "/a/GetAccountSummary.xml", t.root + "/b/GetAccountPasswordPolicy.xml", t.root + "/b/credential-report.csv"])
        let result = try load([t.root])
        #expect(result.accounts.count == 1)
        #expect(result.accounts[0].files == walked)
        #expect(result.notes.isEmpty)
        // The same inputs in another order give the same result.
        let again = try load([t.root + "/b", t.root + "/a"])
        #expect(again.accounts[0].files == walked)
    }

    @Test func walkFollowsLinksInsideTheTreeOnceAndPassesDanglingLinksOn() throws {
        let t = try Tree()
        try t.write("exports/accounts/111111111111/credential-report.csv", Self.report("111111111111"))
        try t.write("exports/links/.keep", "")
        // A folder of links to per-account folders of the same tree, and a link back up (a cycle).
        try FileManager.default.createSymbolicLink(atPath: t.root + "/exports/links/one", withDestinationPath: "../accounts/111111111111")
        try FileManager.default.createSymbolicLink(atPath: t.root + "/exports/links/loop", withDestinationPath: t.root + "/exports/links")
        try FileManager.default.createSymbolicLink(atPath: t.root + "/exports/links/report.csv",
                                                   withDestinationPath: t.root + "/exports/accounts/111111111111/credential-report.csv")
        let walk = try FileIO.walk(directory: t.root + "/exports")
        // Each real folder once: the linked account folder is not walked a second time.
        #expect(walk.files.count == 2)
        #expect(walk.files.contains(t.root + "/exports/links/report.csv"))
        #expect(walk.files.filter { $0.hasSuffix("/credential-report.csv") }.count == 1)
        #expect(walk.notes.isEmpty)
        #expect(try load([t.root + "/exports"]).accounts.map(\.accountID) == ["111111111111"])
        // A dangling link is not skipped silently: reading it fails.
        try FileManager.default.createSymbolicLink(atPath: t.root + "/exports/links/gone.csv", withDestinationPath: t.root + "/nowhere.csv")
        #expect(try FileIO.walk(directory: t.root + "/exports").files.contains(t.root + "/exports/links/gone.csv"))
        #expect(throws: CredLintError.self) { try load([t.root + "/exports"]) }
    }

    @Test func walkNeverFollowsALinkOutOfTheTree() throws {
        let t = try Tree()
        try t.write("outside/credential-report.csv", Self.report("222222222222"))
        try t.write("tree/credential-report.csv", Self.report("111111111111"))
        try FileManager.default.createSymbolicLink(atPath: t.root + "/tree/other", withDestinationPath: "../outside")
        try FileManager.default.createSymbolicLink(atPath: t.root + "/tree/stolen.csv", withDestinationPath: t.root + "/outside/credential-report.csv")
        let walk = try FileIO.walk(directory: t.root + "/tree")
        #expect(walk.files == [t.root + "/tree/credential-report.csv"])
        #expect(walk.notes.map(\.message) == [
            "skipped: symbolic link to '../outside', which leads outside \(t.root)/tree; not followed",
            "skipped: symbolic link to '\(t.root)/outside/credential-report.csv', which leads outside \(t.root)/tree; not followed",
        ])
        let result = try load([t.root + "/tree"])
        #expect(result.accounts.map(\.accountID) == ["111111111111"])
        #expect(result.notes.count == 2)
    }

    @Test func walkSkipsBuiltInFoldersAndExcludedGlobs() throws {
        let t = try Tree()
        try t.write("a/credential-report.csv", Self.report("111111111111"))
        // A different report for the same account would be an error if it were read.
        for skipped in ["node_modules/pkg/r.csv", ".build/r.csv", ".git/r.csv", ".cache/r.csv", "a/old/r.csv", "a/r.bak.csv", "b/r.csv"] {
            try t.write(skipped, Self.report("111111111111", users: ["mallory"]))
        }
        let globs = [Glob("old"), Glob("*.bak.csv"), Glob("b/*")]
        #expect(try FileIO.walk(directory: t.root, exclude: globs).files == [t.root + "/a/credential-report.csv"])
        #expect(try FileIO.walk(directory: t.root).files.count == 4)
        // The folder given is walked even when its name is one the walk skips inside it.
        #expect(try FileIO.walk(directory: t.root + "/node_modules").files == [t.root + "/node_modules/pkg/r.csv"])
    }

    @Test func standardInputGoesThroughReadStdin() throws {
        let result = try load(["-"], stdin: Array(Self.report("333333333333").utf8))
        #expect(result.accounts.map(\.accountID) == ["333333333333"])
        #expect(result.accounts[0].files == ["stdin"])
        #expect(result.accounts[0].report?.path == "stdin")
        let error = try #require(throws: CredLintError.self) { try load(["-"], stdin: Array("{\"name\": 1}".utf8)) }
        #expect(error.location?.path == "stdin")
    }

    @Test func awsCLIErrorForThePasswordPolicyMeansNoPolicy() throws {
        let t = try Tree()
        try t.write("credential-report.csv", Self.report("111111111111"))
        let file = try t.write("password-policy.json", "\nAn error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: "
            + "The Password Policy with domain name 111111111111 cannot be found.\n")
        let account = try #require(try load([t.root]).accounts.first)
        #expect(account.passwordPolicy == nil)
        #expect(account.noPasswordPolicy?.path == file)
        #expect(account.noPasswordPolicy?.line == 2)
        #expect(account.present.contains(.passwordPolicy))
    }

    /// Any other CLI error proves the collection failed: an input error, not a note.
    @Test func otherAWSCLIErrorsAreInputErrors() throws {
        let t = try Tree()
        try t.write("credential-report.csv", Self.report("111111111111"))
        let file = try t.write("account-summary.json", "An error occurred (AccessDenied) when calling the GetAccountSummary operation: User is not authorized\n")
        let e = try #require(throws: CredLintError.self) { try load([t.root]) }
        #expect(e.location == SourceLocation(path: file, line: 1))
        #expect(e.message.hasPrefix("found the AWS CLI's error AccessDenied (from GetAccountSummary: 'User is not authorized'), not IAM data"))
    }

    /// Newer AWS CLI v2 releases print `aws: [ERROR]: ` before the line; the password policy's
    /// NoSuchEntity still means "no policy", and retries do not hide the message.
    @Test func awsCLIv2ErrorPrefixAndRetriesAreUnderstood() throws {
        let t = try Tree()
        try t.write("credential-report.csv", Self.report("111111111111"))
        let file = try t.write("password-policy.json", "\naws: [ERROR]: An error occurred (NoSuchEntity) when calling the "
            + "GetAccountPasswordPolicy operation: The Password Policy with domain name 111111111111 cannot be found.\n")
        let account = try #require(try load([t.root]).accounts.first)
        #expect(account.noPasswordPolicy == SourceLocation(path: file, line: 2))
        let parsed = AWSCLIError.serviceError("An error occurred (Throttling) when calling the GetCredentialReport operation (reached max retries: 4): Rate exceeded")
        #expect(parsed?.code == "Throttling" && parsed?.operation == "GetCredentialReport" && parsed?.message == "Rate exceeded")
        let noCreds = AWSCLIError.serviceError("An error occurred (NoCredentials): Unable to locate credentials.")
        #expect(noCreds?.code == "NoCredentials" && noCreds?.operation == nil && noCreds?.message == "Unable to locate credentials.")
    }

    @Test func emptyMFAListTakesItsUserFromTheFileName() throws {
        let t = try Tree()
        try t.write("credential-report.csv", Self.report("111111111111", users: ["bob", "carol"]))
        try t.write("ListMFADevices-bob.xml", Self.emptyMFAList)
        try t.write("mfa-devices-carol.json", "{\n    \"MFADevices\": []\n}\n")
        let account = try #require(try load([t.root]).accounts.first)
        #expect(account.mfaListedUsers == ["bob", "carol"])
        #expect(account.mfaDevices.isEmpty)
        #expect(account.present.contains(.mfaDevices))
        #expect(InputLoader.userFromFileName("a/b/ListMFADevices-dev.patel.xml") == "dev.patel")
        #expect(InputLoader.userFromFileName("list-mfa-devices-x.json") == "x")
        #expect(InputLoader.userFromFileName("ListMFADevices-.xml") == nil)
        #expect(InputLoader.userFromFileName("mfa.json") == nil)
    }

    @Test func emptyMFAListWithoutAUserInItsNameIsANote() throws {
        let t = try Tree()
        try t.write("credential-report.csv", Self.report("111111111111"))
        try t.write("devices.xml", Self.emptyMFAList)
        let account = try #require(try load([t.root]).accounts.first)
        #expect(account.mfaListedUsers.isEmpty)
        #expect(account.notes.contains { $0.message.contains("does not say for which user") })
    }

    @Test func fileNamedTwiceIsReadOnce() throws {
        let t = try Tree()
        let csv = try t.write("credential-report.csv", Self.report("111111111111"))
        let result = try load([t.root, csv])
        #expect(result.accounts.count == 1)
        #expect(result.accounts[0].files == [csv])
    }

    @Test func nonIAMFilesInADirectoryAreSkippedWithNotes() throws {
        let t = try Tree()
        try t.write("credential-report.csv", Self.report("111111111111"))
        let readme = try t.write("README.md", "# exports\n")
        let pkg = try t.write("package.json", "{\"name\": \"x\"}\n")
        let result = try load([t.root])
        #expect(result.accounts.count == 1)
        #expect(result.notes.map { $0.location?.path } == [pkg, readme].sorted())
        #expect(result.notes.allSatisfy { $0.message.hasPrefix("skipped: ") && !$0.message.contains("location:") })
        // Named explicitly, the same file is an error.
        #expect(throws: CredLintError.self) { try load([pkg]) }
    }
}
