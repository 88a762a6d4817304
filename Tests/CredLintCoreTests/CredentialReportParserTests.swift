import Foundation
import Testing
@testable import CredLintModel

private let header22 = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
    + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
    + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

private let header16 = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_2_active,"
    + "access_key_2_last_rotated,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

/// A 22-column row for `name` in account 123456789012 with everything off.
private func plainRow(_ name: String, account: String = "123456789012") -> String {
    "\(name),arn:aws:iam::\(account):user/\(name),2020-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
        + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
}

/// S7 (aws-formats.md §1.4): a real 2017 report, 22 columns, LF, no newline after the last row.
private let realS7 = header22 + "\n" + """
<root_account>,arn:aws:iam::976168295228:root,2016-07-23T07:07:49+00:00,not_supported,2017-07-20T15:18:29+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
robert.jackson,arn:aws:iam::976168295228:user/robert.jackson,2017-07-18T21:41:36+00:00,true,2017-08-07T15:58:16+00:00,2017-07-18T21:58:17+00:00,2017-09-01T21:58:17+00:00,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
robert.jackson.cli,arn:aws:iam::976168295228:user/robert.jackson.cli,2017-07-19T13:34:01+00:00,false,N/A,N/A,N/A,false,true,2017-07-19T13:34:01+00:00,2017-08-10T14:16:00+00:00,us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
"""

/// S5 (aws-formats.md §1.4): AWS docs, old 16-column layout.
private let docsS5 = header16 + "\n" + """
Administrator,arn:aws:iam::123456789012:user/Administrator,2014-10-16T16:03:09+00:00,true,2015-04-20T15:18:32+00:00,2014-10-16T16:06:00+00:00,N/A,false,true,2014-12-03T18:53:41+00:00,true,2015-03-25T20:38:14+00:00,false,N/A,false,N/A
Bill,arn:aws:iam::123456789012:user/Bill,2015-04-15T18:27:44+00:00,false,N/A,N/A,N/A,false,false,N/A,false,N/A,false,2015-04-20T20:00:12+00:00,false,N/A

"""

/// moto 5.2.1 (notes/samples/moto/credential-report.decoded.csv), byte for byte.
private let motoSample = header22 + "\n" + """
alice.admin,arn:aws:iam::123456789012:user/alice.admin,2026-11-29T05:13:46+00:00,true,no_information,2026-11-29T05:13:46+00:00,not_supported,true,false,N/A,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A
bob.groupadmin,arn:aws:iam::123456789012:user/bob.groupadmin,2026-11-29T05:13:46+00:00,true,no_information,2026-11-29T05:13:46+00:00,not_supported,false,false,N/A,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A
carol.inline,arn:aws:iam::123456789012:user/carol.inline,2026-11-29T05:13:46+00:00,false,not_supported,2026-11-29T05:13:46+00:00,not_supported,false,true,2026-11-29T05:13:46+00:00,2026-11-29T05:13:46+00:00,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A
dave.console,arn:aws:iam::123456789012:user/eng/dave.console,2026-11-29T05:13:46+00:00,true,no_information,2026-11-29T05:13:46+00:00,not_supported,false,false,N/A,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A
erin.mfa,arn:aws:iam::123456789012:user/eng/erin.mfa,2026-11-29T05:13:46+00:00,true,no_information,2026-11-29T05:13:46+00:00,not_supported,true,false,N/A,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A
frank.twokeys,arn:aws:iam::123456789012:user/frank.twokeys,2026-11-29T05:13:46+00:00,false,not_supported,2026-11-29T05:13:46+00:00,not_supported,false,true,2026-11-29T05:13:46+00:00,2026-11-29T05:13:47+00:00,not_supported,not_supported,false,2026-11-29T05:13:46+00:00,N/A,not_supported,not_supported,false,N/A,false,N/A
breakglass,arn:aws:iam::123456789012:user/emergency/breakglass,2026-11-29T05:13:46+00:00,false,not_supported,2026-11-29T05:13:46+00:00,not_supported,false,true,2026-11-29T05:13:46+00:00,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A

"""

/// moto's comma-in-username capture (notes/samples/moto/credential-report.comma-in-username.decoded.csv).
private let motoCommaSample = header22 + "\n" + """
comma,user,arn:aws:iam::123456789012:user/we"ird,path/comma,user,2026-11-29T05:18:11+00:00,false,not_supported,2026-11-29T05:18:11+00:00,not_supported,false,false,N/A,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A
plain.user,arn:aws:iam::123456789012:user/plain.user,2026-11-29T05:18:11+00:00,false,not_supported,2026-11-29T05:18:11+00:00,not_supported,false,false,N/A,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A

"""

private struct Parsed {
    var rows: [CredentialReportRow]
    var stats: CredentialReportStats
    var notes: [Note]
}

private func parse(_ text: String, path: String = "report.csv", chunk: Int = CSVReader.defaultChunkSize) throws -> Parsed {
    try parse(Array(text.utf8), path: path, chunk: chunk)
}

private func parse(_ bytes: [UInt8], path: String = "report.csv", chunk: Int = CSVReader.defaultChunkSize) throws -> Parsed {
    var rows: [CredentialReportRow] = []
    var notes: [Note] = []
    let reader = CSVReader(bytes: bytes, path: path, chunkSize: chunk)
    let stats = try CredentialReportParser.parse(reader, notes: &notes) { rows.append($0) }
    return Parsed(rows: rows, stats: stats, notes: notes)
}

/// The printed error (`path:line:column: error: ...`) a parse throws, or nil.
private func parseError(_ text: String, chunk: Int = CSVReader.defaultChunkSize) -> String? {
    parseError(Array(text.utf8), chunk: chunk)
}

private func parseError(_ bytes: [UInt8], chunk: Int = CSVReader.defaultChunkSize) -> String? {
    do {
        _ = try parse(bytes, chunk: chunk)
        return nil
    } catch let e as CredLintError {
        return e.description
    } catch {
        return "unexpected error type: \(error)"
    }
}

private func ts(_ s: String) -> Cell<Timestamp> { .value(ISO8601.parse(s)!) }

@Suite struct CredentialReportParserTests {
    @Test(arguments: [1, 3, 7, 64, CSVReader.defaultChunkSize])
    func realReportS7(chunk: Int) throws {
        let p = try parse(realS7, chunk: chunk)
        #expect(p.stats.layout == .current)
        #expect(p.stats.rowsRead == 3)
        #expect(p.stats.firstAccountID == "976168295228")
        #expect(p.notes.isEmpty)
        let root = p.rows[0]
        #expect(root.isRoot && root.user == "<root_account>" && root.line == 2)
        #expect(root.passwordEnabled == .unknown && root.passwordLastChanged == .unknown)
        #expect(root.passwordLastUsed == ts("2017-07-20T15:18:29Z"))
        #expect(root.mfaActive == .value(true) && !root.accessKey1.exists)
        let rj = p.rows[1]
        #expect(!rj.isRoot && rj.arn == "arn:aws:iam::976168295228:user/robert.jackson" && rj.line == 3)
        #expect(rj.passwordEnabled == .value(true))
        #expect(rj.passwordNextRotation == ts("2017-09-01T21:58:17Z"))
        let cli = p.rows[2]
        #expect(cli.accessKey1.active == .value(true))
        #expect(cli.accessKey1.lastUsedDate == ts("2017-08-10T14:16:00Z"))
        #expect(cli.accessKey1.lastUsedRegion == .value("us-east-1") && cli.accessKey1.lastUsedService == .value("iam"))
        #expect(cli.accessKey2.active == .value(false) && cli.accessKey2.lastRotated == .notApplicable)
        #expect(cli.passwordLastUsed == .notApplicable)
    }

    @Test func legacySixteenColumnLayout() throws {
        let p = try parse(docsS5)
        #expect(p.stats.layout == .legacy && p.stats.columns.count == 16)
        #expect(p.rows.count == 2 && p.notes.isEmpty)
        let admin = p.rows[0]
        #expect(admin.accessKey1.active == .value(true) && admin.accessKey2.active == .value(true))
        #expect(admin.accessKey2.lastRotated == ts("2015-03-25T20:38:14Z"))
        // Columns the old layout lacks are "not applicable", never "false" or a date.
        #expect(admin.accessKey1.lastUsedDate == .notApplicable && admin.accessKey1.lastUsedRegion == .notApplicable)
        #expect(admin.accessKey2.lastUsedService == .notApplicable)
        let bill = p.rows[1]
        #expect(bill.cert1.active == .value(false) && bill.cert1.lastRotated == ts("2015-04-20T20:00:12Z"))
        #expect(bill.cert1.exists)
    }

    @Test func motoSampleAndNotSupportedAnywhere() throws {
        let p = try parse(motoSample)
        #expect(p.rows.map(\.user) == ["alice.admin", "bob.groupadmin", "carol.inline", "dave.console", "erin.mfa",
                                       "frank.twokeys", "breakglass"])
        #expect(p.rows.allSatisfy { !$0.isRoot })  // moto writes no root row
        #expect(p.notes.isEmpty)  // the trailing newline is not a blank line
        let carol = p.rows[2]
        #expect(carol.passwordLastUsed == .unknown && carol.passwordNextRotation == .unknown)
        #expect(carol.accessKey1.lastUsedRegion == .unknown && carol.accessKey1.lastUsedService == .unknown)
        #expect(p.rows[0].passwordLastUsed == .noInformation)
        let frank = p.rows[5]
        #expect(frank.accessKey2.active == .value(false) && frank.accessKey2.exists)
        #expect(p.rows[3].arn == "arn:aws:iam::123456789012:user/eng/dave.console")
    }

    @Test func motoUnquotedCommasAreRepairedWithANote() throws {
        let p = try parse(motoCommaSample)
        #expect(p.rows.count == 2)
        #expect(p.rows[0].user == "comma,user")
        #expect(p.rows[0].arn == "arn:aws:iam::123456789012:user/we\"ird,path/comma,user")
        #expect(p.rows[0].userCreationTime == ts("2026-11-29T05:18:11Z"))
        #expect(p.rows[0].passwordEnabled == .value(false) && p.rows[0].passwordLastUsed == .unknown)
        #expect(p.rows[1].user == "plain.user")
        #expect(p.stats.repairedRows == 1)
        #expect(p.notes.map(\.description) == [
            "report.csv:2:1: note: row has 25 fields, expected 22: user name 'comma,user' and ARN "
                + "'arn:aws:iam::123456789012:user/we\"ird,path/comma,user' contain unquoted commas (moto writes "
                + "them so); rejoined them",
        ])
    }

    @Test func commaOnlyInTheUserNameIsRepairedToo() throws {
        let row = "smith,john,arn:aws:iam::123456789012:user/smith,john,2020-01-01T00:00:00+00:00,false,N/A,N/A,N/A,"
            + "false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        let p = try parse(header22 + "\n" + row + "\n")
        #expect(p.rows.map(\.user) == ["smith,john"])
        #expect(p.rows[0].arn == "arn:aws:iam::123456789012:user/smith,john")
        #expect(p.notes.count == 1)
        // Properly quoted, the same row needs no repair.
        let quoted = "\"smith,john\",\"arn:aws:iam::123456789012:user/smith,john\",2020-01-01T00:00:00+00:00,false,"
            + "N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        let q = try parse(header22 + "\n" + quoted)
        #expect(q.rows.map(\.user) == ["smith,john"] && q.notes.isEmpty && q.stats.repairedRows == 0)
    }

    @Test func rootIsFoundByNameOrByARNAnywhere() throws {
        let byARN = "someone,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,no_information,"
            + "not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        let htmlName = "root_account,arn:aws:iam::123456789012:user/x,2020-01-01T00:00:00+00:00,false,N/A,N/A,N/A,"
            + "false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        let p = try parse([header22, plainRow("a"), byARN, htmlName, plainRow("z")].joined(separator: "\n"))
        #expect(p.rows.map(\.isRoot) == [false, true, true, false])
        #expect(try parse(realS7).rows.map(\.isRoot) == [true, false, false])
        // `:root` must be the whole resource.
        let notRoot = plainRow("x").replacingOccurrences(of: "user/x,", with: "user/root,")
        #expect(try parse(header22 + "\n" + notRoot).rows[0].isRoot == false)
    }

    @Test func headerNamesAreCaseInsensitiveAndOrderFree() throws {
        let cols = header16.split(separator: ",").map(String.init)
        let shuffled = [cols[1], "User"] + cols[2...]  // moto may write `User`
        let values = plainRow("x").split(separator: ",").map(String.init)
        let legacyValues = Array(values[0..<10]) + Array(values[13..<15]) + Array(values[18...])
        let row = [legacyValues[1], legacyValues[0]] + legacyValues[2...]
        let p = try parse(shuffled.joined(separator: ",") + "\n" + row.joined(separator: ","))
        #expect(p.stats.layout == .custom)
        #expect(p.rows[0].user == "x" && p.rows[0].arn == "arn:aws:iam::123456789012:user/x")
        #expect(p.stats.columns.index(of: .user) == 1)
    }

    @Test func unknownExtraColumnsGetOneNote() throws {
        let p = try parse(header22 + ",tags,owner\n" + plainRow("a") + ",t,o\n")
        #expect(p.rows.count == 1 && p.stats.layout == .custom)
        #expect(p.notes.map(\.description) == ["report.csv:1:459: note: header has unknown columns 'tags', 'owner'; ignored"])
    }

    @Test func missingRequiredColumnIsAnError() {
        let noARN = header22.replacingOccurrences(of: "user,arn,", with: "user,")
        #expect(parseError(noARN + "\n") == "report.csv:1:1: error: header has no 'arn' column; expected the IAM "
            + "credential report header (user,arn,user_creation_time,...)")
        #expect(parseError("name,email\nx,y\n") == "report.csv:1:1: error: header has no 'user', 'arn', "
            + "'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', "
            + "'password_next_rotation', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', "
            + "'access_key_2_active', 'access_key_2_last_rotated', 'cert_1_active', 'cert_1_last_rotated', "
            + "'cert_2_active', 'cert_2_last_rotated' columns; expected the IAM credential report header "
            + "(user,arn,user_creation_time,...)")
    }

    @Test func duplicatedColumnIsAnError() {
        #expect(parseError(header22 + ",MFA_ACTIVE\n") == "report.csv:1:459: error: header has 'MFA_ACTIVE' twice "
            + "(columns 8 and 23); expected each column once")
    }

    @Test func fieldCountMustMatchTheHeader() {
        let short = plainRow("a").replacingOccurrences(of: ",false,N/A,false,N/A", with: ",false,N/A,false")
        #expect(parseError(header22 + "\n" + plainRow("ok") + "\n" + short + "\n")
            == "report.csv:3:1: error: row has 21 fields; expected 22, one per header column")
        let long = plainRow("a") + ",extra"
        #expect(parseError(header22 + "\n" + long + "\n")
            == "report.csv:2:150: error: row has 23 fields; expected 22, one per header column (quote values that "
            + "contain commas)")
        #expect(parseError(header22 + "\n" + "lonely\n")
            == "report.csv:2:1: error: row has 1 field; expected 22, one per header column")
    }

    @Test func badBooleanNamesLineColumnAndValue() {
        let bad = plainRow("a").replacingOccurrences(of: "00+00:00,false,", with: "00+00:00,yes,")
        #expect(parseError(header22 + "\n" + bad)
            == "report.csv:2:62: error: password_enabled is 'yes'; expected true, false, N/A, no_information or "
            + "not_supported")
        // Any case is fine for true/false.
        let upper = plainRow("a").replacingOccurrences(of: "00+00:00,false,", with: "00+00:00,TRUE,")
        #expect((try? parse(header22 + "\n" + upper))?.rows.first?.passwordEnabled == .value(true))
    }

    @Test func impossibleDateIsAnError() {
        let bad = plainRow("a").replacingOccurrences(of: "2020-01-01T00:00:00+00:00", with: "2020-13-45T00:00:00+00:00")
        #expect(parseError(header22 + "\n" + plainRow("b") + "\r\n" + bad + "\r\n")
            == "report.csv:3:36: error: user_creation_time is '2020-13-45T00:00:00+00:00', which is not a valid "
            + "timestamp; expected YYYY-MM-DDTHH:MM:SS+00:00, N/A, no_information or not_supported")
        let feb29 = plainRow("a").replacingOccurrences(of: "2020-01-01T", with: "2023-02-29T")
        #expect(parseError(header22 + "\n" + feb29)?.hasPrefix("report.csv:2:36: error: user_creation_time is "
            + "'2023-02-29T00:00:00+00:00'") == true)
    }

    @Test func otherTimestampFormsAreAccepted() throws {
        var row = plainRow("a")
        row = row.replacingOccurrences(of: "2020-01-01T00:00:00+00:00", with: "2020-01-01T00:00:00.250Z")
        #expect(try parse(header22 + "\n" + row).rows[0].userCreationTime == .value(Timestamp(micros: 1_577_836_800_250_000)))
        let zulu = plainRow("a").replacingOccurrences(of: "2020-01-01T00:00:00+00:00", with: "2020-01-01T05:30:00+05:30")
        #expect(try parse(header22 + "\n" + zulu).rows[0].userCreationTime == ts("2020-01-01T00:00:00Z"))
    }

    @Test func csvErrorsComeThroughWithLocations() {
        #expect(parseError(header22 + "\n\"unterminated,arn") == "report.csv:2:1: error: quoted field is never closed; "
            + "expected a closing '\"' before the end of the file")
        #expect(parseError(Array((header22 + "\n" + plainRow("a")).utf8) + [0, 0x0A])?
            .hasPrefix("report.csv:2:149: error: NUL byte in CSV text") == true)
    }

    @Test func accountMustBeTheSameOnEveryRow() {
        #expect(parseError([header22, plainRow("a"), plainRow("b", account: "999999999999")].joined(separator: "\n"))
            == "report.csv:3:3: error: arn 'arn:aws:iam::999999999999:user/b' is in account 999999999999, but earlier "
            + "rows are in account 123456789012; expected one account per credential report")
        let noAccount = plainRow("a").replacingOccurrences(of: "arn:aws:iam::123456789012:user/a", with: "not-an-arn")
        #expect(parseError(header22 + "\n" + noAccount)
            == "report.csv:2:3: error: arn is 'not-an-arn'; expected an IAM ARN (arn:aws:iam::123456789012:user/NAME)")
    }

    @Test func otherPartitionsAndLeadingZeroAccounts() throws {
        let gov = plainRow("a", account: "012345678901").replacingOccurrences(of: "arn:aws:", with: "arn:aws-us-gov:")
        let p = try parse(header22 + "\n" + gov)
        #expect(p.stats.firstAccountID == "012345678901")
        #expect(try CredentialReportParser.peekAccountID(.bytes(Array((header22 + "\n" + gov).utf8)), path: "r")
            == "012345678901")
    }

    @Test func blankLinesBetweenRowsGetANoteTrailingOnesDoNot() throws {
        let p = try parse(header22 + "\n" + plainRow("a") + "\n\n\n" + plainRow("b") + "\n\n" + plainRow("c") + "\n\n\n")
        #expect(p.rows.map(\.user) == ["a", "b", "c"])
        #expect(p.rows.map(\.line) == [2, 5, 7])
        #expect(p.stats.skippedBlankLines == 3)
        #expect(p.notes.map(\.description) == [
            "report.csv:3:1: note: skipped 2 blank lines between rows (lines 3-4)",
            "report.csv:6:1: note: skipped a blank line between rows (line 6)",
        ])
    }

    @Test func emptyAndHeaderOnlyFiles() throws {
        #expect(parseError("") == "report.csv:1:1: error: empty file; expected a credential report header")
        #expect(parseError([0xEF, 0xBB, 0xBF]) == "report.csv:1:1: error: empty file; expected a credential report header")
        #expect(parseError("\n\n") == "report.csv:1:1: error: file has only blank lines; expected a credential report header")
        let p = try parse(header22 + "\n")
        #expect(p.rows.isEmpty && p.stats.rowsRead == 0 && p.stats.firstAccountID == nil && p.stats.layout == .current)
        #expect(try CredentialReportParser.peekAccountID(.bytes(Array(header22.utf8)), path: "r") == nil)
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let text = "\u{FEFF}" + realS7.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        let p = try parse(text)
        #expect(p.rows.count == 3 && p.rows.map(\.line) == [2, 3, 4] && p.notes.isEmpty)
        #expect(p.rows[0].isRoot)
    }

    @Test(arguments: 0..<30)
    func randomBinaryIsALocatedError(seed: Int) {
        var rng = PropertyRNG(seed: 0xB1A5 &+ UInt64(seed))
        let bytes = (0..<(1 + rng.below(3000))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let error = parseError(bytes, chunk: 1 + rng.below(100))
        #expect(error?.hasPrefix("report.csv:") == true, "\(error ?? "no error")")
        #expect(error?.contains(": error: ") == true)
    }

    @Test func fileContentAndPeek() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-report-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try realS7.write(to: url, atomically: true, encoding: .utf8)
        var notes: [Note] = []
        var users: [String] = []
        let stats = try CredentialReportParser.parse(.file(path: url.path), path: "in/report.csv", notes: &notes) {
            users.append($0.user)
        }
        #expect(users == ["<root_account>", "robert.jackson", "robert.jackson.cli"] && stats.rowsRead == 3)
        #expect(try CredentialReportParser.peekAccountID(.file(path: url.path), path: "x") == "976168295228")
        #expect(try CredentialReportParser.peekAccountID(.bytes(Array(motoCommaSample.utf8)), path: "x") == "123456789012")
        var n2: [Note] = []
        #expect(throws: CredLintError("cannot open file: No such file or directory", path: "gone.csv")) {
            _ = try CredentialReportParser.parse(.file(path: "/nonexistent/r.csv"), path: "gone.csv", notes: &n2) { _ in }
        }
        #expect(throws: CredLintError("empty file; expected a credential report header", path: "e.csv")) {
            _ = try CredentialReportParser.peekAccountID(.bytes([]), path: "e.csv")
        }
    }

    @Test func errorsFromTheRowClosurePropagate() {
        struct Stop: Error {}
        var notes: [Note] = []
        #expect(throws: Stop.self) {
            _ = try CredentialReportParser.parse(.bytes(Array(realS7.utf8)), path: "r", notes: &notes) { _ in throw Stop() }
        }
    }

    // MARK: - Fast timestamp path agrees with ISO8601.parse

    @Test func canonicalTimestampMatchesTheGeneralParser() {
        var rng = PropertyRNG(seed: 2026)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var checked = 0, accepted = 0
        for _ in 0..<20_000 {
            let year = [1969, 1970, 1999, 2000, 2016, 2024, 2100, 2400, 9999][rng.below(9)]
            var s = "\(year)-\(two(rng.below(14)))-\(two(rng.below(33)))T\(two(rng.below(25)))"
                + ":\(two(rng.below(61))):\(two(rng.below(62)))+00:00"
            if rng.below(10) == 0 {  // corrupt one byte
                var u = Array(s.utf8)
                u[rng.below(u.count)] = [0x2F, 0x3A, 0x41, 0x20, 0x2D, 0x30][rng.below(6)]
                s = String(decoding: u, as: UTF8.self)
            }
            let bytes = Array(s.utf8)
            let fast = bytes.withUnsafeBufferPointer { CredentialReportParser.canonicalTimestamp($0) }
            let general = ISO8601.parse(s)
            // The fast path may decline (nil) but must never disagree.
            if let f = fast { #expect(f == general, "\(s)"); accepted += 1 }
            checked += 1
        }
        #expect(checked == 20_000 && accepted > 5_000)
    }
}
