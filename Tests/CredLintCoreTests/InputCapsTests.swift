import Foundation
import Testing
@testable import CredLintModel

/// Issue 15, item 4: one definition of the caps, derived from AWS's limits with at least
/// 4x headroom, raised together by `--max-input-size`; and each input opened once.
@Suite struct InputCapsTests {
    @Test func everyCapHasAtLeastFourTimesItsAWSFigure() {
        for row in InputCaps.table {
            guard let figure = row.awsFigure else { continue }
            #expect(row.value(.standard) >= 4 * figure, "\(row.input): \(row.value(.standard)) against AWS's \(figure)")
        }
        // The structural caps without an AWS figure are the only ones that do not scale.
        #expect(InputCaps.table.filter { $0.awsFigure == nil }.allSatisfy { !$0.scales })
    }

    @Test func theDocumentedFiguresAreAWSsQuotas() {
        let s = InputCaps.standard
        #expect(s.reportRows == 4 * 5_001)
        #expect(s.users == 4 * 5_000 && s.roles == 4 * 5_000 && s.groups == 4 * 300)
        #expect(s.attachedPoliciesPerIdentity == 4 * 20 && s.groupsPerUser == 4 * 10)
        #expect(s.mfaDevicesPerUser == 4 * 8 && s.virtualMFADevices == 4 * 8 * 5_001)
        #expect(s.policyVersions == 4 * 5 && s.policyDocumentBytes == 4 * 131_072)
    }

    @Test func maxInputSizeRaisesEverySizeAndCountCapTogether() {
        let s = InputCaps.standard, twice = InputCaps(maxInputMiB: 512)
        for row in InputCaps.table {
            let a = row.value(s), b = row.value(twice)
            if !row.scales {
                #expect(a == b, "\(row.input) must not scale")
            } else if row.input.hasPrefix("XML text") {
                #expect(b == InputCaps.libxml2TextCeiling, "libxml2 refuses longer text nodes")
            } else {
                #expect(b == 2 * a, "\(row.input): \(a) -> \(b)")
            }
        }
        // What scripts/bench.sh passes for a 200,000-user report (200,001 rows).
        #expect(InputCaps(maxInputMiB: (200_001 * 256 + 20_003) / 20_004).reportRows >= 200_001)
        // Lowering it lowers the file size only.
        let small = InputCaps(maxInputMiB: 1)
        #expect(small.inputBytes == 1 << 20 && small.reportRows == s.reportRows && small.xmlElements == s.xmlElements)
        #expect(InputCaps(maxInputMiB: InputCaps.maxMaxInputMiB).reportRows == 20_004 * 4_096)
    }

    @Test func theXMLReaderAndJSONParserTakeTheirCapsFromHere() {
        let c = InputCaps(maxInputMiB: 1_024)
        let x = IAMXMLReader.limits(c)
        #expect(x.maxElements == c.xmlElements && x.maxTextBytes == c.xmlTextBytes && x.maxFileBytes == c.inputBytes && x.maxDepth == 64)
        #expect(c.jsonParser.maxStringLength == 4 * (16 << 20) && c.jsonParser.maxDepth == 128)
        #expect(JSONParser().maxStringLength == InputCaps.standard.jsonStringBytes)
        #expect(CSVReader.defaultMaxRecordBytes == InputCaps.standard.csvRecordBytes)
    }

    @Test func tooManyUsersInOneDocumentIsRefusedAtTheFirstOnePast() throws {
        let users = (0...20_000).map { i in
            IAMUser(name: "u\(i)", arn: "arn:aws:iam::123456789012:user/u\(i)", location: SourceLocation(path: "g.xml", line: i + 5))
        }
        let page = AuthorizationDetailsPage(users: users, location: SourceLocation(path: "g.xml", line: 1))
        let e = try #require(throws: CredLintError.self) { try InputCaps.standard.check(.authorizationDetails(page)) }
        #expect(e.description == "g.xml:20005:1: error: found more than 20000 users in one GetAccountAuthorizationDetails, "
                + "more than AWS allows (5,000 IAM users per account); the limit is 20000 (raise it with --max-input-size)")
        #expect(throws: Never.self) { try InputCaps(maxInputMiB: 512).check(.authorizationDetails(page)) }
    }

    @Test func tooManyGroupsForOneUserIsRefused() throws {
        let u = IAMUser(name: "dave", arn: "arn:aws:iam::123456789012:user/dave", groups: (0..<41).map { "g\($0)" },
                        location: SourceLocation(path: "g.json", line: 3, column: 5))
        let page = AuthorizationDetailsPage(users: [u], location: SourceLocation(path: "g.json", line: 1))
        let e = try #require(throws: CredLintError.self) { try InputCaps.standard.check(.authorizationDetails(page)) }
        #expect(e.description.hasPrefix("g.json:3:5: error: found 41 groups for user 'dave', more than AWS allows (10 groups per user); the limit is 40"))
    }

    @Test func tooManyPolicyVersionsInJSONAreRefused() throws {
        let versions = (1...21).map { "{\"VersionId\": \"v\($0)\", \"IsDefaultVersion\": \($0 == 1), \"Document\": {\"Statement\": []}}" }
        let json = "{\"Policies\": [{\"Arn\": \"arn:aws:iam::123456789012:policy/p\", \"PolicyVersionList\": [\(versions.joined(separator: ", "))]}]}"
        let e = try #require(throws: CredLintError.self) { try IAMJSONReader.read(bytes: Array(json.utf8), path: "p.json") }
        #expect(e.description.hasPrefix("p.json:1:15: error: found 21 versions of policy arn:aws:iam::123456789012:policy/p"))
        #expect(e.message.hasSuffix("; the limit is 20 (raise it with --max-input-size)"))
    }

    @Test func aReportPastTheRowCapIsRefusedAtItsRow() throws {
        var csv = InputLoaderTests.header + "\n"
        let row = ",arn:aws:iam::123456789012:user/NAME,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
        for i in 0...20_004 { csv += "u\(i)" + row.replacingOccurrences(of: "NAME", with: "u\(i)") }
        var notes: [Note] = []
        let e = try #require(throws: CredLintError.self) {
            try CredentialReportParser.parse(.bytes(Array(csv.utf8)), path: "r.csv", notes: &notes) { _ in }
        }
        #expect(e.location?.line == 20_006)
        #expect(e.message.hasPrefix("found more than 20004 rows in one credential report"))
        let stats = try CredentialReportParser.parse(.bytes(Array(csv.utf8)), path: "r.csv", caps: InputCaps(maxInputMiB: 512), notes: &notes) { _ in }
        #expect(stats.rowsRead == 20_005)
    }

    /// Item 7: sniffing, peeking at the account and reading (and later streaming the report)
    /// share one open per file. (`CLICapsTests` checks the same with strace on the binary.)
    @Test func loadingOpensEachFileOnce() throws {
        let tree = try InputLoaderTests.Tree()
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples/healthy")
        var files: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path).sorted() {
            files.append(try tree.write("acct/" + name, try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)))
        }
        let result = try InputLoader().load(paths: [tree.root + "/acct"])
        let report = try #require(result.accounts.first?.report)
        var notes: [Note] = []
        let stats = try CredentialReportParser.parse(report.content, path: report.path, caps: report.caps, notes: &notes) { _ in }
        #expect(stats.rowsRead > 0)
        #expect(files.count == 12)
        for f in files { #expect(InputFile.openCount(f) == 1, "\(f) opened \(InputFile.openCount(f)) times") }
    }
}
