import Foundation
import Testing

/// How the CLI combines several files: skipped files, incomplete listings,
/// conflicting and duplicate reports, standard input.
@Suite struct CLIInputSetTests {
    @Test func unrelatedJSONInADirectoryIsSkippedWithANote() throws {
        let dir = try Scratch()
        try dir.write("acct/credential-report.csv", Inputs.report())
        try dir.write("acct/package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}\n")
        let acct = dir.url.appendingPathComponent("acct").path
        let clean = try CLI.lint([acct])
        #expect(clean.status == 0, "\(clean.err)")
        #expect(clean.out.contains("\(acct)/package.json:1:1: note: skipped: JSON that is not an IAM response"))
        #expect(!clean.out.contains("location:"), "the note names what was found, not a Swift value")
        // The exit code is the rest's: a console user without MFA next to it fails the gate.
        try dir.write("acct/credential-report.csv", Inputs.report([Inputs.userRow().replacingOccurrences(of: ",N/A,true,false,", with: ",N/A,false,false,")]))
        let risky = try CLI.lint([acct])
        #expect(risky.status == 1, "\(risky.err)")
        #expect(risky.out.contains("CL201"))
        #expect(risky.out.contains("package.json:1:1: note: skipped"))
    }

    @Test func truncatedAuthorizationDetailsWithoutItsContinuation() throws {
        let dir = try Scratch()
        try dir.copy("samples/risky/GetCredentialReport.xml", to: "acct/GetCredentialReport.xml")
        let page1 = try dir.copy("samples/risky/GetAccountAuthorizationDetails-page1.xml", to: "acct/GetAccountAuthorizationDetails-page1.xml")
        let acct = dir.url.appendingPathComponent("acct").path
        try CLIBadInputTests.expectInputError([acct], at: "\(page1):1:", mentions: ["truncated (IsTruncated=true", "every page"])
        // With page 2 the listing is complete.
        try dir.copy("samples/risky/GetAccountAuthorizationDetails-page2.xml", to: "acct/GetAccountAuthorizationDetails-page2.xml")
        let whole = try CLI.lint([acct], ["--fail-on", "none"])
        #expect(whole.status == 0, "\(whole.err)")
        #expect(whole.out.contains("CL301"))
    }

    @Test func twoDifferentReportsForOneAccount() throws {
        let dir = try Scratch()
        let a = try dir.write("acct/a.csv", Inputs.report())
        let b = try dir.write("acct/b.csv", Inputs.report([Inputs.userRow(), Inputs.userRow("bob")]))
        try CLIBadInputTests.expectInputError([dir.url.appendingPathComponent("acct").path], at: "\(b):1:",
                                              mentions: ["two different credential reports for account 123456789012", a, b])
    }

    @Test func csvBesideItsEnvelopeCountsOnce() throws {
        let dir = try Scratch()
        let csv = Inputs.report([Inputs.userRow(), Inputs.userRow("dev-no-mfa").replacingOccurrences(of: ",N/A,true,false,", with: ",N/A,false,false,")])
        let csvPath = try dir.write("acct/credential-report.csv", csv)
        try dir.write("acct/GetCredentialReport.xml", Inputs.envelope(text: csv, generated: "2026-11-28T09:30:00Z"))
        // --as-of report: the clock is the envelope's GeneratedTime (a bare CSV has none).
        let r = try CLI.run(["lint", dir.url.appendingPathComponent("acct").path, "--format", "json", "--as-of", "report"])
        #expect(r.status == 1, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        let accounts = try #require(json["accounts"] as? [[String: Any]])
        #expect(accounts.count == 1)
        #expect(accounts.first?["rowsRead"] as? Int == 3)
        #expect(accounts.first?["asOf"] as? String == "2026-11-28T09:30:00Z")
        #expect(accounts.first?["asOfSource"] as? String == "report GeneratedTime")
        let text = try CLI.run(["lint", dir.url.appendingPathComponent("acct").path, "--as-of", "report"])
        // One CL201, pointing at the CSV's row.
        let cl201 = text.out.split(separator: "\n").filter { $0.contains("CL201") }
        #expect(cl201.count == 1)
        #expect(cl201.first?.hasPrefix("\(csvPath):4:") == true, "\(cl201)")
    }

    @Test func standardInput() throws {
        let r = try CLI.lint(["-"], stdin: Array(Inputs.report().utf8))
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Account 123456789012"))
        #expect(r.out.contains("stdin"))
        let bad = try CLI.lint(["-"], stdin: Array("user,password\nx,y\n".utf8))
        #expect(bad.status == 2)
        #expect(bad.err.hasPrefix("stdin:1:"))
        // Not IAM data on stdin is the user's mistake (exit 2), not an internal error.
        for other in ["{\"name\": \"left-pad\"}\n", "<html><body/></html>\n"] {
            let r = try CLI.lint(["-"], stdin: Array(other.utf8))
            #expect(r.status == 2, "\(r.err)")
            #expect(r.errLines.count == 1 && r.err.hasPrefix("stdin:1:1: error: found "), "\(r.err)")
            #expect(!r.err.contains("internal error"))
        }
    }
}
