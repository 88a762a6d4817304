import Foundation
import Testing

/// Issue 15, "a gate that never goes green by accident", on the real binary: when the
/// collection step failed, what it left behind (an IAM or CLI error, GenerateCredentialReport's
/// state, an empty file, a report without rows, or no report at all) is an input error, exit 2,
/// one located line on stderr, and no output file; YAML alias bombs are refused before they
/// expand. Time and memory are measured by hand (the commit messages), not asserted here.
@Suite struct CLIMissingDataTests {
    // MARK: inputs

    static let reportNotPresent = errorResponse("ReportNotPresent", "Unknown")

    static func errorResponse(_ code: String, _ message: String, type: String = "Sender") -> String {
        """
        <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <Error>
            <Type>\(type)</Type>
            <Code>\(code)</Code>
            <Message>\(message)</Message>
          </Error>
          <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
        </ErrorResponse>

        """
    }

    static let generateXML = """
        <GenerateCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <GenerateCredentialReportResult>
            <Description>No report exists. Starting a new report generation task</Description>
            <State>STARTED</State>
          </GenerateCredentialReportResult>
          <ResponseMetadata>
            <RequestId>29f47818-99f5-11e1-a4c3-27EXAMPLE804</RequestId>
          </ResponseMetadata>
        </GenerateCredentialReportResponse>

        """

    /// The healthy sample account without its credential report (GAAD, MFA lists, summary, policy).
    static let healthyWithoutReport = ["GetAccountAuthorizationDetails.xml", "GetAccountPasswordPolicy.xml", "GetAccountSummary.xml",
                                       "ListMFADevices-breakglass-admin.xml", "ListMFADevices-dev.chen.xml",
                                       "ListMFADevices-dev.okafor.xml", "ListMFADevices-dev.patel.xml",
                                       "ListMFADevices-maria.garcia.xml", "ListMFADevices-tom.nakamura.xml",
                                       "ListVirtualMFADevices.xml"]

    /// Copies the healthy account's other files into `dir`/`folder`.
    static func otherFiles(_ dir: Scratch, into folder: String) throws {
        for f in healthyWithoutReport { try dir.copy("samples/healthy/\(f)", to: "\(folder)/\(f)") }
    }

    // MARK: the checks every refused run must pass

    /// Runs `lint args` with two SARIF outputs in `dir`: one that does not exist (must not be
    /// created) and one that does (must be left as it was). Checks exit 2, nothing on stdout,
    /// and exactly one stderr line `PATH:LINE:COLUMN: error: ...` that starts with `prefix`
    /// and contains every `mention`.
    @discardableResult
    static func expectRefused(_ dir: Scratch, _ args: [String], prefix: String, mentions: [String], cwd: URL = CLI.root,
                              runPrefix: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        let fresh = dir.url.appendingPathComponent("out/fresh.sarif").path
        let kept = try dir.write("out/kept.sarif", "{\"previous\": \"run\"}\n")
        let r = try CLI.run(["lint"] + args + ["--as-of", CLI.asOf, "--output", "sarif=\(fresh)", "--output", "sarif=\(kept)"],
                            prefix: runPrefix, cwd: cwd, sourceLocation: sourceLocation)
        #expect(r.status == 2, "exit \(r.status), stderr: \(r.err)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "stdout: \(r.out.prefix(300))", sourceLocation: sourceLocation)
        let lines = r.err.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines.last == "", "expected exactly one line on stderr, got: \(r.err)", sourceLocation: sourceLocation)
        let line = String(lines.first ?? "")
        #expect(line.range(of: #"^[^\n]+:\d+:\d+: error: \S"#, options: .regularExpression) != nil,
                "not PATH:LINE:COLUMN: error: ...: \(line)", sourceLocation: sourceLocation)
        #expect(line.hasPrefix(prefix), "'\(line)' should start with '\(prefix)'", sourceLocation: sourceLocation)
        for m in mentions { #expect(line.contains(m), "'\(line)' should mention '\(m)'", sourceLocation: sourceLocation) }
        #expect(!FileManager.default.fileExists(atPath: fresh), "an exit-2 run must not create its SARIF", sourceLocation: sourceLocation)
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "{\"previous\": \"run\"}\n",
                "an exit-2 run must leave an existing SARIF as it was", sourceLocation: sourceLocation)
        return line
    }

    // MARK: A.1-A.4: a file that proves the collection failed, wherever it sits

    struct FailedCollection: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var text: String
        var line: Int
        var mentions: [String]
        var testDescription: String { name }
    }

    static let generate = "aws iam generate-credential-report"

    static let failedCollections: [FailedCollection] = [
        // A.1: IAM ErrorResponse (XML) for the report, and any other IAM error.
        FailedCollection(name: "ErrorResponse ReportNotPresent", file: "GetCredentialReport.xml", text: reportNotPresent, line: 2,
                         mentions: ["IAM ErrorResponse ReportNotPresent", "not a credential report", generate, "aws iam get-credential-report"]),
        FailedCollection(name: "ErrorResponse ReportExpired", file: "GetCredentialReport.xml",
                         text: errorResponse("ReportExpired", "The report has expired. Reports are only retained for 4 hours."), line: 2,
                         mentions: ["IAM ErrorResponse ReportExpired", "expired", "not a credential report", generate]),
        FailedCollection(name: "ErrorResponse ReportInProgress", file: "GetCredentialReport.xml",
                         text: errorResponse("ReportInProgress", "Report generation in progress."), line: 2,
                         mentions: ["IAM ErrorResponse ReportInProgress", "still being generated", generate]),
        FailedCollection(name: "ErrorResponse AccessDenied in place of another response", file: "GetAccountSummary.xml",
                         text: errorResponse("AccessDenied", "User: arn:aws:iam::111111111111:user/audit is not authorized to perform: iam:GetAccountSummary"),
                         line: 2, mentions: ["IAM ErrorResponse AccessDenied", "not IAM data", generate]),
        FailedCollection(name: "SDK error saved as JSON", file: "credential-report.json",
                         text: #"{"Error": {"Code": "ReportNotPresent", "Message": "Unknown"}, "ResponseMetadata": {"HTTPStatusCode": 410}}"# + "\n",
                         line: 1, mentions: ["ReportNotPresent", "not a credential report", generate]),
        // A.2: GenerateCredentialReport's answer saved instead of the report.
        FailedCollection(name: "generate-credential-report JSON, STARTED", file: "credential-report.json",
                         text: "{\n    \"State\": \"STARTED\",\n    \"Description\": \"No report exists. Starting a new report generation task\"\n}\n",
                         line: 1, mentions: [generate, "State STARTED", "not a credential report", "aws iam get-credential-report"]),
        FailedCollection(name: "generate-credential-report JSON, COMPLETE", file: "credential-report.json",
                         text: "{\n    \"State\": \"COMPLETE\"\n}\n", line: 1, mentions: [generate, "State COMPLETE", "not a credential report"]),
        FailedCollection(name: "GenerateCredentialReport XML", file: "GetCredentialReport.xml", text: generateXML, line: 1,
                         mentions: [generate, "State STARTED", "not a credential report"]),
        // A.3: the AWS CLI's own error text.
        FailedCollection(name: "CLI AccessDenied", file: "credential-report.json",
                         text: "\nAn error occurred (AccessDenied) when calling the GetCredentialReport operation: User: "
                            + "arn:aws:iam::111111111111:user/ci is not authorized to perform: iam:GetCredentialReport\n",
                         line: 2, mentions: ["AccessDenied", "GetCredentialReport", "not a credential report", generate]),
        FailedCollection(name: "CLI throttling after retries", file: "credential-report.json",
                         text: "\nAn error occurred (Throttling) when calling the GetCredentialReport operation (reached max retries: 4): Rate exceeded\n",
                         line: 2, mentions: ["Throttling", "Rate exceeded", generate]),
        FailedCollection(name: "CLI v2 with its aws: [ERROR] prefix", file: "credential-report.json",
                         text: "\naws: [ERROR]: An error occurred (ExpiredToken) when calling the GetCredentialReport operation: "
                            + "The security token included in the request is expired\n",
                         line: 2, mentions: ["ExpiredToken", "not a credential report", generate]),
        FailedCollection(name: "CLI expired SSO token", file: "credential-report.json",
                         text: "Error when retrieving token from sso: Token has expired and refresh failed\n", line: 1,
                         mentions: ["Token has expired and refresh failed", "AWS CLI", generate]),
        FailedCollection(name: "CLI without credentials", file: "credential-report.json",
                         text: "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n", line: 1,
                         mentions: ["Unable to locate credentials", generate]),
        FailedCollection(name: "CLI error after a warning line", file: "credential-report.csv",
                         text: "/usr/lib/python3/dist-packages/botocore/x.py:1: PythonDeprecationWarning: upgrade\n"
                            + "Could not connect to the endpoint URL: \"https://iam.amazonaws.com/\"\n", line: 2,
                         mentions: ["Could not connect to the endpoint URL", generate]),
        // A.4: nothing in the file.
        FailedCollection(name: "empty report file", file: "credential-report.csv", text: "", line: 1,
                         mentions: ["empty file", generate]),
        FailedCollection(name: "report file of only whitespace", file: "credential-report.json", text: " \n\t\n\n", line: 1,
                         mentions: ["blank file", generate]),
    ]

    /// In an account folder beside the account's other files (where such files used to be
    /// skipped with a note and the run passed on "0 rows read").
    @Test(arguments: failedCollections)
    func failedCollectionInAFolderIsAnInputError(_ c: FailedCollection) throws {
        let dir = try Scratch()
        try Self.otherFiles(dir, into: "111111111111")
        let path = try dir.write("111111111111/\(c.file)", c.text)
        try Self.expectRefused(dir, [dir.url.appendingPathComponent("111111111111").path], prefix: "\(path):\(c.line):", mentions: c.mentions)
    }

    /// Beside a good credential report too: the error is in the folder, so the collection failed.
    @Test(arguments: failedCollections)
    func failedCollectionBesideAGoodReportIsAnInputError(_ c: FailedCollection) throws {
        let dir = try Scratch()
        try dir.copy("samples/healthy/credential-report.csv", to: "acct/credential-report.csv")
        let path = try dir.write("acct/broken-\(c.file)", c.text)
        try Self.expectRefused(dir, [dir.url.appendingPathComponent("acct").path], prefix: "\(path):\(c.line):", mentions: c.mentions)
    }

    /// Named on the command line, or piped in.
    @Test(arguments: failedCollections)
    func failedCollectionGivenDirectlyIsAnInputError(_ c: FailedCollection) throws {
        let dir = try Scratch()
        let path = try dir.write(c.file, c.text)
        try Self.expectRefused(dir, [path], prefix: "\(path):\(c.line):", mentions: c.mentions)
        let piped = try CLI.lint(["-"], stdin: Array(c.text.utf8))
        #expect(piped.status == 2, "stderr: \(piped.err)")
        #expect(piped.errLines.count == 1 && piped.err.hasPrefix("stdin:\(c.line):"), "stderr: \(piped.err)")
    }

    /// The opt-out allows an absent report, not a present one that proves the collection failed.
    @Test(arguments: failedCollections)
    func allowMissingDoesNotExcuseAFailedCollection(_ c: FailedCollection) throws {
        let dir = try Scratch()
        try Self.otherFiles(dir, into: "acct")
        let path = try dir.write("acct/\(c.file)", c.text)
        try Self.expectRefused(dir, [dir.url.appendingPathComponent("acct").path, "--allow-missing", "credential_report"],
                               prefix: "\(path):\(c.line):", mentions: c.mentions)
    }

    /// The one IAM error that is data: NoSuchEntity for the password policy means "no policy".
    @Test func noSuchEntityForThePasswordPolicyStillMeansNoPolicy() throws {
        let dir = try Scratch()
        try dir.copy("samples/healthy/credential-report.csv", to: "acct/credential-report.csv")
        let xml = try dir.write("acct/GetAccountPasswordPolicy.xml",
                                Self.errorResponse("NoSuchEntity", "The Password Policy with domain name 111111111111 cannot be found."))
        try dir.write("acct/password-policy.json", "\nAn error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy "
                      + "operation: The Password Policy with domain name 111111111111 cannot be found.\n")
        let r = try CLI.lint([dir.url.appendingPathComponent("acct").path], ["--fail-on", "none"])
        #expect(r.status == 0, "stderr: \(r.err)")
        #expect(r.err.isEmpty, "stderr: \(r.err)")
        #expect(r.out.contains(": medium CL501 password-policy-weak"), "\(r.out)")
        // The XML alone says the same.
        try FileManager.default.removeItem(atPath: dir.url.appendingPathComponent("acct/password-policy.json").path)
        let xmlOnly = try CLI.lint([dir.url.appendingPathComponent("acct").path], ["--fail-on", "none"])
        #expect(xmlOnly.status == 0 && xmlOnly.err.isEmpty, "stderr: \(xmlOnly.err)")
        #expect(xmlOnly.out.contains("\(xml):2: medium CL501 password-policy-weak"), "\(xmlOnly.out)")
    }

    // MARK: A.5: no credential report in the inputs

    @Test func folderWithoutAReportIsAnInputError() throws {
        let dir = try Scratch()
        try Self.otherFiles(dir, into: "exports/111111111111")
        let folder = dir.url.appendingPathComponent("exports/111111111111").path
        try Self.expectRefused(dir, [dir.url.appendingPathComponent("exports").path], prefix: "\(folder):1:1: error: ",
                               mentions: ["no credential report", "account 111111111111", folder, Self.generate,
                                          "aws iam get-credential-report", "--allow-missing credential_report"])
    }

    @Test func folderWithOnlyAPasswordPolicyIsAnInputError() throws {
        let dir = try Scratch()
        try dir.copy("samples/healthy/GetAccountPasswordPolicy.xml", to: "acct/GetAccountPasswordPolicy.xml")
        let folder = dir.url.appendingPathComponent("acct").path
        try Self.expectRefused(dir, [folder], prefix: "\(folder):1:1: error: ",
                               mentions: ["no credential report", "names no account", folder, Self.generate])
    }

    @Test func folderWithOnlyOtherIAMFilesIsAnInputError() throws {
        let dir = try Scratch()
        try dir.copy("samples/healthy/GetAccountAuthorizationDetails.xml", to: "acct/GetAccountAuthorizationDetails.xml")
        try dir.copy("samples/healthy/ListVirtualMFADevices.xml", to: "acct/ListVirtualMFADevices.xml")
        let folder = dir.url.appendingPathComponent("acct").path
        try Self.expectRefused(dir, [folder], prefix: "\(folder):1:1: error: ",
                               mentions: ["no credential report", "account 111111111111", "2 files", Self.generate])
    }

    @Test func emptyFolderIsAnInputError() throws {
        let dir = try Scratch()
        let folder = dir.url.appendingPathComponent("exports").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try dir.write("exports/README.md", "# nothing was collected\n")
        try Self.expectRefused(dir, [folder], prefix: "\(folder):1:1: error: ", mentions: ["no IAM data found", Self.generate])
    }

    /// One account of two has no report: the run fails and names that account, not the other.
    @Test func oneAccountWithoutAReportFailsTheRun() throws {
        let dir = try Scratch()
        try dir.copy("samples/risky/GetCredentialReport.xml", to: "exports/222222222222/GetCredentialReport.xml")
        try Self.otherFiles(dir, into: "exports/111111111111")
        let folder = dir.url.appendingPathComponent("exports/111111111111").path
        let line = try Self.expectRefused(dir, [dir.url.appendingPathComponent("exports").path], prefix: "\(folder):1:1: error: ",
                                          mentions: ["account 111111111111"])
        #expect(!line.contains("222222222222"))
    }

    /// With --keep-going the account without a report is a CL000 finding, the other is linted, and the run still exits 2.
    @Test func keepGoingReportsTheMissingReportAsCL000() throws {
        let dir = try Scratch()
        try dir.copy("samples/risky/GetCredentialReport.xml", to: "exports/222222222222/GetCredentialReport.xml")
        try Self.otherFiles(dir, into: "exports/111111111111")
        let json = dir.url.appendingPathComponent("out.json").path
        let r = try CLI.lint([dir.url.appendingPathComponent("exports").path], ["--keep-going", "--output", "json=\(json)"])
        #expect(r.status == 2, "stderr: \(r.err)")
        #expect(r.errLines.count == 1 && r.err.contains("no credential report for account 111111111111"), "stderr: \(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let cl000 = findings.filter { $0["ruleId"] as? String == "CL000" }
        #expect(cl000.count == 1)
        #expect((cl000.first?["message"] as? String)?.contains("no credential report") == true)
        #expect(findings.contains { $0["ruleId"] as? String != "CL000" && ($0["principal"] as? String)?.contains("222222222222") == true })
    }

    // MARK: A.6: a report with a header and no rows

    @Test func headerOnlyReportIsAnInputError() throws {
        let dir = try Scratch()
        try Self.otherFiles(dir, into: "acct")
        let path = try dir.write("acct/credential-report.csv", Inputs.header + "\n")
        try Self.expectRefused(dir, [dir.url.appendingPathComponent("acct").path], prefix: "\(path):1:1: error: ",
                               mentions: ["header and no rows", "<root_account>", Self.generate])
    }

    @Test func headerOnlyReportInAnEnvelopeIsAnInputError() throws {
        let dir = try Scratch()
        let path = try dir.write("GetCredentialReport.xml", Inputs.envelope(text: Inputs.header))
        try Self.expectRefused(dir, [path], prefix: "\(path):3:", mentions: ["header and no rows", Self.generate])
    }

    @Test func headerOnlyReportIsAnInputErrorEvenWithAllowMissing() throws {
        let dir = try Scratch()
        let path = try dir.write("credential-report.csv", Inputs.header + "\n\n")
        try Self.expectRefused(dir, [path, "--allow-missing", "credential_report"], prefix: "\(path):1:1: error: ",
                               mentions: ["header and no rows"])
    }

    /// What moto writes: user rows and no root row. Readable, with a note naming the root rules
    /// it could not judge; the exit code follows the findings.
    @Test func reportWithoutARootRowIsReadWithANoteNamingTheRootRules() throws {
        let dir = try Scratch()
        let path = try dir.write("credential-report.csv", [Inputs.header, Inputs.userRow("alice"), Inputs.userRow("bob")]
            .joined(separator: "\n") + "\n")
        let r = try CLI.lint([path])
        #expect(r.status == 0, "stderr: \(r.err)")
        #expect(r.err.isEmpty, "stderr: \(r.err)")
        #expect(r.out.contains("2 rows read"), "\(r.out)")
        let note = try #require(r.out.split(separator: "\n").first { $0.contains("no root row") }, "\(r.out)")
        #expect(note.contains("\(path):1:1: note:"))
        for rule in ["CL101 root-access-key-active", "CL102 root-mfa-disabled", "CL104 root-used-recently",
                     "CL105 root-signing-certificate-active"] {
            #expect(note.contains(rule), "\(note)")
        }
        // CL103 needs the MFA lists, not given: it is listed as skipped, not as unjudged.
        #expect(!note.contains("CL103"), "\(note)")
        #expect(r.out.contains("skipped: CL103 root-mfa-not-hardware: needs mfa_devices"), "\(r.out)")
        // A finding still fails the gate.
        let risky = try dir.write("risky.csv", [Inputs.header, Inputs.userRow("carol").replacingOccurrences(of: ",N/A,true,false,", with: ",N/A,false,false,")]
            .joined(separator: "\n") + "\n")
        let failing = try CLI.lint([risky])
        #expect(failing.status == 1, "stdout: \(failing.out) stderr: \(failing.err)")
        #expect(failing.out.contains("CL201"), "\(failing.out)")
    }

    // MARK: the opt-out

    @Test func allowMissingLintsAnAccountWithoutAReportAndSaysSo() throws {
        let dir = try Scratch()
        try Self.otherFiles(dir, into: "acct")
        let sarif = dir.url.appendingPathComponent("out.sarif").path
        let r = try CLI.lint([dir.url.appendingPathComponent("acct").path],
                             ["--allow-missing", "credential_report", "--output", "sarif=\(sarif)"])
        #expect(r.status == 0, "stderr: \(r.err)")
        #expect(r.err.isEmpty, "stderr: \(r.err)")
        #expect(r.out.contains("note: credential report missing (allowed by --allow-missing credential_report)"), "\(r.out)")
        let summary = try #require(r.out.split(separator: "\n").last)
        #expect(summary.hasPrefix("1 account, 0 rows read: no findings"), "\(summary)")
        #expect(summary.contains("Credential report missing for account 111111111111 (allowed by --allow-missing credential_report)."))
        #expect(r.out.contains("skipped: CL101 root-access-key-active: needs credential_report"), "\(r.out)")
        #expect(FileManager.default.fileExists(atPath: sarif))
    }

    @Test func allowMissingStillFailsTheGateOnFindings() throws {
        let dir = try Scratch()
        for f in try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("samples/risky").path)
        where f != "GetCredentialReport.xml" {
            try dir.copy("samples/risky/\(f)", to: "acct/\(f)")
        }
        let r = try CLI.lint([dir.url.appendingPathComponent("acct").path], ["--allow-missing", "credential_report", "--fail-on", "medium"])
        #expect(r.status == 1, "stderr: \(r.err)")
        #expect(r.out.contains("medium CL304 custom-full-admin-policy"), "\(r.out)")
        #expect(r.out.contains("Credential report missing for account 222222222222 (allowed by --allow-missing credential_report)."))
    }

    @Test func allowMissingFromTheConfigurationFile() throws {
        let dir = try Scratch()
        try Self.otherFiles(dir, into: "acct")
        try dir.write(".credlint.yml", "allow_missing: [credential_report]\n")
        let r = try CLI.run(["lint", dir.url.appendingPathComponent("acct").path, "--as-of", CLI.asOf], cwd: dir.url)
        #expect(r.status == 0, "stderr: \(r.err)")
        #expect(r.out.contains("Credential report missing for account 111111111111 (allowed by allow_missing in .credlint.yml)."), "\(r.out)")
        // The same file does not excuse an error document.
        try dir.write("acct/credential-report.json", Self.reportNotPresent)
        let refused = try CLI.run(["lint", dir.url.appendingPathComponent("acct").path, "--as-of", CLI.asOf], cwd: dir.url)
        #expect(refused.status == 2 && refused.err.contains("ReportNotPresent"), "stderr: \(refused.err)")
    }

    @Test func allowMissingWithAnUnknownKeyIsAUsageError() throws {
        let dir = try Scratch()
        let sarif = dir.url.appendingPathComponent("out.sarif").path
        let r = try CLI.lint(["samples/healthy"], ["--allow-missing", "password_policy", "--output", "sarif=\(sarif)"])
        #expect(r.status == 2, "stderr: \(r.err)")
        #expect(r.err.contains("--allow-missing takes credential_report"), "stderr: \(r.err)")
        #expect(r.err.contains("'password_policy'"), "stderr: \(r.err)")
        #expect(!r.err.contains("did you mean"), "stderr: \(r.err)")
        #expect(!FileManager.default.fileExists(atPath: sarif))
    }

    @Test func allowMissingInTheConfigurationWithAnUnknownValueIsLocated() throws {
        let dir = try Scratch()
        try dir.write(".credlint.yml", "fail_on: high\nallow_missing:\n  - credential_report\n  - credential_reprot\n")
        try Self.expectRefused(dir, [CLI.root.appendingPathComponent("samples/healthy").path], prefix: ".credlint.yml:4:5: error: ",
                               mentions: ["allow_missing", "'credential_reprot'", "credential_report"], cwd: dir.url)
    }

    // MARK: B: YAML alias bombs

    /// `a: &a ["x" x9]`, `b: &b [*a x9]`, ...: 9^levels scalars once expanded, in a few hundred bytes.
    static func aliasBomb(levels: Int) -> String {
        let names = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        var lines = ["a: &a [" + Array(repeating: "\"x\"", count: 9).joined(separator: ",") + "]"]
        for i in 1..<levels {
            lines.append("\(names[i]): &\(names[i]) [" + Array(repeating: "*\(names[i - 1])", count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An address-space cap for the bomb runs: not a measurement, a guard so that a regression
    /// fails the test (the process is killed) instead of taking the machine's memory.
    static let memoryGuard = ["prlimit", "--as=\(1 << 30)", "--"]
    static var runPrefix: [String] { HardeningCLI.works(memoryGuard) ? memoryGuard : [] }

    @Test(arguments: [7, 9])
    func aliasBombInTheWorkingDirectoryConfigIsRefusedAtItsFirstAnchor(levels: Int) throws {
        let dir = try Scratch()
        #expect(Self.aliasBomb(levels: levels).utf8.count < 400)
        try dir.write(".credlint.yml", Self.aliasBomb(levels: levels))
        try Self.expectRefused(dir, [CLI.root.appendingPathComponent("samples/healthy").path],
                               prefix: ".credlint.yml:1:4: error: YAML anchors and aliases are not allowed here",
                               mentions: [], cwd: dir.url, runPrefix: Self.runPrefix)
    }

    @Test(arguments: [7, 9])
    func aliasBombInARulesFileIsRefusedAtItsFirstAnchor(levels: Int) throws {
        let dir = try Scratch()
        let rule = try dir.write("rules/CL900-bomb.yml", Self.aliasBomb(levels: levels))
        try Self.expectRefused(dir, ["samples/healthy", "--rules", dir.url.appendingPathComponent("rules").path],
                               prefix: "\(rule):1:4: error: YAML anchors and aliases are not allowed here",
                               mentions: [], runPrefix: Self.runPrefix)
        let check = try CLI.run(["check-rules", dir.url.appendingPathComponent("rules").path], prefix: Self.runPrefix)
        #expect(check.status == 2, "stderr: \(check.err)")
        #expect(check.errLines == ["\(rule):1:4: error: YAML anchors and aliases are not allowed here"], "stderr: \(check.err)")
    }

    /// An alias used as a mapping key (which Yams would hash, whole, while composing) and a merge key.
    @Test(arguments: ["? *k\n: 1\n", "x: {a: 1}\ny:\n  <<: *x\n"])
    func aliasesAnywhereAreRefused(text: String) throws {
        let dir = try Scratch()
        try dir.write(".credlint.yml", text)
        try Self.expectRefused(dir, [CLI.root.appendingPathComponent("samples/healthy").path], prefix: ".credlint.yml:",
                               mentions: ["YAML anchors and aliases are not allowed here"], cwd: dir.url)
    }
}
