/// Turns IAM credential report CSV into typed `CredentialReportRow`s, one at a time.
///
/// Streaming: rows are handed to a closure and not kept, so memory does not
/// grow with the report. Per row only `user` and `arn` become `String`s;
/// booleans, tokens and timestamps are read straight from the CSV bytes.
public enum CredentialReportParser {
    /// Blank lines tolerated in a row (a real report has none but a final one). A file
    /// of nothing but line breaks, or a header followed by 1 GB of them, then fails
    /// after a few KB instead of being read to the end.
    package static let maxBlankLinesInARow = InputCaps.standard.blankLinesInARow

    /// Parses a whole report, calling `row` for every data row in file order.
    ///
    /// Throws `CredLintError` (with `path:line:column`) for anything that is not
    /// a well-formed credential report; appends notes for what it tolerated
    /// (unknown columns, blank lines between rows, rows repaired from moto's
    /// unquoted commas).
    /// `caps` bound the rows and the record size (`InputCaps.reportRows`, `csvRecordBytes`).
    public static func parse(_ content: CredentialReportInput.Content, path: String, caps: InputCaps = .standard,
                             notes: inout [Note],
                             row: (CredentialReportRow) throws -> Void) throws -> CredentialReportStats {
        try parse(reader(for: content, path: path, caps: caps), maxRows: caps.reportRows, notes: &notes, row: row)
    }

    /// Same as `parse(_:path:notes:row:)` over a reader you configured (chunk size, record limit).
    public static func parse(_ reader: CSVReader, maxRows: Int = InputCaps.standard.reportRows, notes: inout [Note],
                             row: (CredentialReportRow) throws -> Void) throws -> CredentialReportStats {
        var state = State()
        state.maxRows = maxRows
        try run(reader, &state, &notes, row)
        guard let columns = state.columns else {
            if state.blankRun != nil {
                throw CredLintError("file has only blank lines; expected a credential report header",
                                    at: SourceLocation(path: reader.path))
            }
            throw CredLintError("empty file; expected a credential report header", at: SourceLocation(path: reader.path))
        }
        return CredentialReportStats(rowsRead: state.rowsRead, columns: columns, firstAccountID: state.accountID,
                                     repairedRows: state.repairedRows, skippedBlankLines: state.skippedBlankLines,
                                     arnLines: state.arnLines)
    }

    /// What parsing a piece of a report found (`parseRows`).
    package struct PieceStats {
        package var rowsRead: Int
        package var accountID: String?
        /// Line breaks the piece spans, to number the lines of the next piece.
        package var lineBreaks: Int
        /// `arnKey` of every row's ARN, with its line counted from the piece's start.
        package var arnLines: [UInt64: Int32]
    }

    /// Parses rows only, for a piece of a report that starts after the header (at a line
    /// boundary): `columns` is the header, read separately (`header(_:path:)`). Line numbers
    /// count from the piece's start. Errors and notes are as `parse` gives them for those rows.
    package static func parseRows(_ reader: CSVReader, columns: CredentialReportColumns, maxRows: Int = InputCaps.standard.reportRows,
                          notes: inout [Note],
                          row: (CredentialReportRow) throws -> Void) throws -> PieceStats {
        var state = State()
        state.maxRows = maxRows
        state.columns = columns
        state.plan = Plan(columns)
        try run(reader, &state, &notes, row)
        return PieceStats(rowsRead: state.rowsRead, accountID: state.accountID, lineBreaks: reader.nextLine - 1,
                          arnLines: state.arnLines)
    }

    /// The header of a report (its first non-blank record), or nil when there is none.
    package static func header(_ reader: CSVReader) throws -> CredentialReportColumns? {
        var ignored: [Note] = []
        while true {
            var found: CredentialReportColumns?
            let more: Void? = try reader.nextRecord { rec in
                if !rec.isBlank { found = try CredentialReportColumns(header: rec, notes: &ignored) }
            }
            if let f = found { return f }
            if more == nil { return nil }
        }
    }

    private static func run(_ reader: CSVReader, _ state: inout State, _ notes: inout [Note],
                            _ row: (CredentialReportRow) throws -> Void) throws {
        try reader.forEachRecord { rec in
            if rec.isBlank {
                if state.blankRun == nil { state.blankRun = (rec.line, 0) }
                state.blankRun!.count += 1
                if state.blankRun!.count > maxBlankLinesInARow {
                    throw tooManyBlankLines(reader.path, from: state.blankRun!.first, beforeHeader: state.plan == nil)
                }
                return
            }
            if let run = state.blankRun {
                state.blankRun = nil
                state.skippedBlankLines += run.count
                let lines = run.count == 1 ? "line \(run.first)" : "lines \(run.first)-\(run.first + run.count - 1)"
                let what = state.plan == nil ? "before the header" : "between rows"
                notes.append(Note("skipped \(run.count == 1 ? "a blank line" : "\(run.count) blank lines") "
                                  + "\(what) (\(lines))", at: SourceLocation(path: reader.path, line: run.first)))
            }
            guard let plan = state.plan else {
                let columns = try CredentialReportColumns(header: rec, notes: &notes)
                state.columns = columns
                state.plan = Plan(columns)
                return
            }
            if state.rowsRead >= state.maxRows {
                throw InputCaps.exceeded("more than \(state.maxRows) rows in one credential report",
                                         aws: "5,000 IAM users per account, plus the root row",
                                         limit: state.maxRows, at: SourceLocation(path: reader.path, line: rec.line))
            }
            let made = try makeRow(rec, plan, &state, &notes)
            if let first = state.arnLines.updateValue(Int32(clamping: made.line), forKey: arnKey(made.arn)) {
                throw duplicateRow(made, firstLine: Int(first), path: reader.path)
            }
            try row(made)
            state.rowsRead += 1
        }
    }

    /// The account id of the first data row's ARN, reading no further than that row.
    /// Nil for a header-only report. Throws what `parse` would throw for the header.
    public static func peekAccountID(_ content: CredentialReportInput.Content, path: String) throws -> String? {
        try peek(content, path: path).accountID
    }

    /// What the header and the first data row say.
    package struct Peek: Sendable, Equatable {
        /// The account id of the first data row's ARN (nil without rows, or when that row has no IAM ARN).
        package var accountID: String?
        /// Whether there is a data row after the header (a real report always has the root row).
        package var hasRows: Bool
    }

    /// Reads the header and the first data row only. Throws what `parse` would throw for the header.
    package static func peek(_ content: CredentialReportInput.Content, path: String, caps: InputCaps = .standard) throws -> Peek {
        let reader = try reader(for: content, path: path, caps: caps)
        var notes: [Note] = []
        var columns: CredentialReportColumns?
        var found: String?
        var done = false
        var blankRun: (first: Int, count: Int)?
        while !done {
            let more: Void? = try reader.nextRecord { rec in
                if rec.isBlank {
                    if blankRun == nil { blankRun = (rec.line, 0) }
                    blankRun!.count += 1
                    if blankRun!.count > maxBlankLinesInARow {
                        throw tooManyBlankLines(reader.path, from: blankRun!.first, beforeHeader: columns == nil)
                    }
                    return
                }
                blankRun = nil
                guard let c = columns else { columns = try CredentialReportColumns(header: rec, notes: &notes); return }
                done = true
                // The ARN exactly as `parse` reads it (a moto row with unquoted commas is
                // rejoined the same way), so the file is grouped under the account its rows are in.
                let plan = Plan(c)
                if rec.count == plan.count, plan.arn >= 0, let a = arnAccount(rec.bytes(plan.arn)) {
                    found = a.text()
                } else if rec.count > plan.count, let fix = repair(rec, plan) {
                    var arn = fix.arn
                    found = arn.withUTF8 { arnAccount($0) }?.text()
                } else {
                    // A row `parse` will reject: the first field that looks like an ARN, for grouping until then.
                    let i = (0..<rec.count).first { rec.hasPrefix($0, "arn:") } ?? -1
                    if i >= 0, let a = arnAccount(rec.bytes(i)) { found = a.text() }
                }
            }
            if more == nil { break }
        }
        if columns == nil {
            throw CredLintError("empty file; expected a credential report header", at: SourceLocation(path: reader.path))
        }
        return Peek(accountID: found, hasRows: done)
    }

    static func tooManyBlankLines(_ path: String, from line: Int, beforeHeader: Bool) -> CredLintError {
        let expected = beforeHeader ? "a credential report header (user,arn,...) on the first line" : "a report row on every line"
        return CredLintError("found more than \(maxBlankLinesInARow) blank lines in a row\(beforeHeader ? " and no header" : ""); "
                             + "expected \(expected)", at: SourceLocation(path: path, line: line))
    }

    static func reader(for content: CredentialReportInput.Content, path: String, caps: InputCaps = .standard) throws -> CSVReader {
        switch content {
        case .file(let filePath): return try CSVReader(fileAtPath: filePath, displayPath: path, maxRecordBytes: caps.csvRecordBytes)
        case .openFile(let file): return CSVReader(file: file, displayPath: path, maxRecordBytes: caps.csvRecordBytes)
        case .bytes(let bytes): return CSVReader(bytes: bytes, path: path, maxRecordBytes: caps.csvRecordBytes)
        }
    }

    // MARK: - Rows

    private struct State {
        var columns: CredentialReportColumns?
        var plan: Plan?
        var rowsRead = 0
        var maxRows = InputCaps.standard.reportRows
        var repairedRows = 0
        var skippedBlankLines = 0
        var blankRun: (first: Int, count: Int)?
        var accountID: String?
        var accountKey = ARNAccount.Key(high: 0, low: 0)
        /// The line of every ARN read so far, keyed by `arnKey` (16 bytes a row, not the ARN).
        var arnLines: [UInt64: Int32] = [:]
    }

    /// A user given twice would be checked twice (two findings with one fingerprint) or,
    /// with different cells, judged on whichever row came last: refused instead.
    static func duplicateRow(_ row: CredentialReportRow, firstLine: Int, path: String) -> CredLintError {
        CredLintError("found the user \(JSONValue.quoted(row.arn, limit: 120)) again (first on line \(firstLine)), "
                      + "expected one row per user", at: SourceLocation(path: path, line: row.line))
    }

    /// 64-bit FNV-1a of the ARN: a fixed function (unlike `Hasher`, seeded per process), so
    /// pieces read in parallel agree. Two different ARNs share a key with probability about
    /// n²/2⁶⁵ (3·10⁻⁸ for a million rows); that would be refused as a duplicate (exit 2,
    /// never a green gate), which is the safe side.
    static func arnKey(_ arn: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in arn.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// Field indices of every column, resolved once from the header (-1: column absent).
    private struct Plan {
        var count: Int
        var user, arn, created, passwordEnabled, passwordLastUsed, passwordLastChanged, passwordNextRotation: Int
        var mfa: Int
        var key1: KeyPlan, key2: KeyPlan
        var cert1Active, cert1Rotated, cert2Active, cert2Rotated: Int

        struct KeyPlan { var active, rotated, usedDate, usedRegion, usedService: Int }

        init(_ c: CredentialReportColumns) {
            func i(_ col: CredentialReportColumns.Column) -> Int { c.fieldIndex[col.rawValue] }
            count = c.count
            user = i(.user); arn = i(.arn); created = i(.userCreationTime); passwordEnabled = i(.passwordEnabled)
            passwordLastUsed = i(.passwordLastUsed); passwordLastChanged = i(.passwordLastChanged)
            passwordNextRotation = i(.passwordNextRotation); mfa = i(.mfaActive)
            key1 = KeyPlan(active: i(.accessKey1Active), rotated: i(.accessKey1LastRotated),
                           usedDate: i(.accessKey1LastUsedDate), usedRegion: i(.accessKey1LastUsedRegion),
                           usedService: i(.accessKey1LastUsedService))
            key2 = KeyPlan(active: i(.accessKey2Active), rotated: i(.accessKey2LastRotated),
                           usedDate: i(.accessKey2LastUsedDate), usedRegion: i(.accessKey2LastUsedRegion),
                           usedService: i(.accessKey2LastUsedService))
            cert1Active = i(.cert1Active); cert1Rotated = i(.cert1LastRotated)
            cert2Active = i(.cert2Active); cert2Rotated = i(.cert2LastRotated)
        }

        /// The plan for a repaired row: every column after `user`,`arn` moved right by `by` fields.
        func shifted(by n: Int) -> Plan {
            var p = self
            func s(_ x: inout Int) { if x >= 2 { x += n } }
            s(&p.created); s(&p.passwordEnabled); s(&p.passwordLastUsed); s(&p.passwordLastChanged)
            s(&p.passwordNextRotation); s(&p.mfa)
            for k in [\Plan.key1, \Plan.key2] {
                s(&p[keyPath: k].active); s(&p[keyPath: k].rotated); s(&p[keyPath: k].usedDate)
                s(&p[keyPath: k].usedRegion); s(&p[keyPath: k].usedService)
            }
            s(&p.cert1Active); s(&p.cert1Rotated); s(&p.cert2Active); s(&p.cert2Rotated)
            p.count += n
            return p
        }
    }

    private typealias Column = CredentialReportColumns.Column

    @inline(__always)
    private static func makeRow(_ r: CSVRecord, _ plan0: Plan, _ state: inout State,
                                _ notes: inout [Note]) throws -> CredentialReportRow {
        var plan = plan0
        let user: String, arn: String
        let arnInfo: ARNAccount?
        // `<root_account>`, or `root_account` as copied from AWS's HTML docs (a repaired name has commas, so is neither).
        var rootName = false
        if r.count == plan.count {
            rootName = r.equals(plan.user, "<root_account>") || r.equals(plan.user, "root_account")
            user = r.string(plan.user)
            arnInfo = arnAccount(r.bytes(plan.arn))
            arn = r.string(plan.arn)
        } else if r.count > plan.count, let fix = repair(r, plan) {
            user = fix.user
            arn = fix.arn
            var a = arn
            arnInfo = a.withUTF8 { arnAccount($0) }
            plan = plan.shifted(by: r.count - plan.count)
            state.repairedRows += 1
            notes.append(Note("row has \(r.count) fields, expected \(plan0.count): user name '\(user)' and ARN "
                              + "'\(arn)' contain unquoted commas (moto writes them so); rejoined them",
                              at: r.location(ofField: 0)))
        } else if r.count > plan.count {
            throw CredLintError("row has \(r.count) fields; expected \(plan.count), one per header column "
                                + "(quote values that contain commas)", at: r.location(ofField: plan.count))
        } else {
            throw CredLintError("row has \(r.count) field\(r.count == 1 ? "" : "s"); expected \(plan.count), "
                                + "one per header column", at: r.location(ofField: 0))
        }

        guard let acct = arnInfo else {
            throw CredLintError("arn is '\(shown(arn))'; expected an IAM ARN (arn:aws:iam::123456789012:user/NAME)",
                                at: r.location(ofField: plan.arn))
        }
        if state.accountID == nil {
            state.accountKey = acct.key
            state.accountID = acct.text()
        } else if acct.key != state.accountKey {
            throw CredLintError("arn '\(shown(arn))' is in account \(acct.text()), but earlier rows are in account "
                                + "\(state.accountID ?? "?"); expected one account per credential report",
                                at: r.location(ofField: plan.arn))
        }
        let isRoot = acct.isRoot || rootName

        return CredentialReportRow(
            line: r.line, user: user, arn: arn, isRoot: isRoot,
            userCreationTime: try date(r, plan.created, .userCreationTime),
            passwordEnabled: try bool(r, plan.passwordEnabled, .passwordEnabled),
            passwordLastUsed: try date(r, plan.passwordLastUsed, .passwordLastUsed),
            passwordLastChanged: try date(r, plan.passwordLastChanged, .passwordLastChanged),
            passwordNextRotation: try date(r, plan.passwordNextRotation, .passwordNextRotation),
            mfaActive: try bool(r, plan.mfa, .mfaActive),
            accessKey1: AccessKeySlot(
                slot: 1, active: try bool(r, plan.key1.active, .accessKey1Active),
                lastRotated: try date(r, plan.key1.rotated, .accessKey1LastRotated),
                lastUsedDate: try date(r, plan.key1.usedDate, .accessKey1LastUsedDate),
                lastUsedRegion: text(r, plan.key1.usedRegion), lastUsedService: text(r, plan.key1.usedService)),
            accessKey2: AccessKeySlot(
                slot: 2, active: try bool(r, plan.key2.active, .accessKey2Active),
                lastRotated: try date(r, plan.key2.rotated, .accessKey2LastRotated),
                lastUsedDate: try date(r, plan.key2.usedDate, .accessKey2LastUsedDate),
                lastUsedRegion: text(r, plan.key2.usedRegion), lastUsedService: text(r, plan.key2.usedService)),
            cert1: CertificateSlot(slot: 1, active: try bool(r, plan.cert1Active, .cert1Active),
                                   lastRotated: try date(r, plan.cert1Rotated, .cert1LastRotated)),
            cert2: CertificateSlot(slot: 2, active: try bool(r, plan.cert2Active, .cert2Active),
                                   lastRotated: try date(r, plan.cert2Rotated, .cert2LastRotated)))
    }

    /// moto writes user names and paths with commas unquoted. The columns after
    /// `arn` never contain commas, so when `user`,`arn` are the first two columns
    /// and the first field starting `arn:` is at k: user = fields 0..<k, the ARN
    /// takes the remaining surplus, and the ARN must end with `/` + user.
    private static func repair(_ r: CSVRecord, _ plan: Plan) -> (user: String, arn: String)? {
        guard plan.user == 0, plan.arn == 1 else { return nil }
        let extra = r.count - plan.count
        guard let k = (1..<r.count).first(where: { r.hasPrefix($0, "arn:") }), k - 1 <= extra else { return nil }
        let arnEnd = k + 1 + extra - (k - 1)
        func join(_ range: Range<Int>) -> String { range.map { r.string($0) }.joined(separator: ",") }
        let user = join(0..<k), arn = join(k..<arnEnd)
        guard arn.hasSuffix("/" + user) else { return nil }
        return (user, arn)
    }

    // MARK: - Cells

    /// `N/A`, `no_information`, `not_supported` (case-sensitive, as AWS writes them).
    @inline(__always)
    private static func token<T>(_ b: UnsafeBufferPointer<UInt8>) -> Cell<T>? {
        switch b.count {
        case 3: return same(b, "N/A") ? .notApplicable : nil
        case 13: return same(b, "not_supported") ? .unknown : nil
        case 14: return same(b, "no_information") ? .noInformation : nil
        default: return nil
        }
    }

    @inline(__always)
    private static func same(_ b: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        let p = s.utf8Start
        for k in 0..<b.count where b[k] != p[k] { return false }
        return true
    }

    @inline(__always)
    private static func bool(_ r: CSVRecord, _ i: Int, _ col: Column) throws -> Cell<Bool> {
        let b = r.bytes(i)
        // `| 0x20` folds ASCII case; only 't'/'T' (etc.) map onto these letters.
        if b.count == 4 && b[0] | 0x20 == 0x74 && b[1] | 0x20 == 0x72 && b[2] | 0x20 == 0x75 && b[3] | 0x20 == 0x65 {
            return .value(true)
        }
        if b.count == 5 && b[0] | 0x20 == 0x66 && b[1] | 0x20 == 0x61 && b[2] | 0x20 == 0x6C && b[3] | 0x20 == 0x73
            && b[4] | 0x20 == 0x65 {
            return .value(false)
        }
        return try otherBool(r, i, col)
    }

    /// Tokens and errors, kept out of line so the common case inlines small.
    @inline(never)
    private static func otherBool(_ r: CSVRecord, _ i: Int, _ col: Column) throws -> Cell<Bool> {
        if let t: Cell<Bool> = token(r.bytes(i)) { return t }
        throw CredLintError("\(col.name) is '\(shown(r.string(i)))'; expected true, false, N/A, no_information "
                            + "or not_supported", at: r.location(ofField: i))
    }

    @inline(__always)
    private static func date(_ r: CSVRecord, _ i: Int, _ col: Column) throws -> Cell<Timestamp> {
        if i < 0 { return .notApplicable }
        let b = r.bytes(i)
        if b.count == 25, let t = canonicalTimestamp(b) { return .value(t) }
        if b.count == 3 && b[0] == 0x4E && b[1] == 0x2F && b[2] == 0x41 { return .notApplicable }  // N/A
        return try otherDate(r, i, col)
    }

    /// Other tokens, other timestamp forms, and errors, kept out of line.
    @inline(never)
    private static func otherDate(_ r: CSVRecord, _ i: Int, _ col: Column) throws -> Cell<Timestamp> {
        let b = r.bytes(i)
        if let t: Cell<Timestamp> = token(b) { return t }
        if let t = ISO8601.parse(b) { return .value(t) }
        throw CredLintError("\(col.name) is '\(shown(r.string(i)))', which is not a valid timestamp; expected "
                            + "YYYY-MM-DDTHH:MM:SS+00:00, N/A, no_information or not_supported",
                            at: r.location(ofField: i))
    }

    /// The report's own form `YYYY-MM-DDTHH:MM:SS+00:00`, in years 1970-9999 with
    /// no leap second; nil for anything else, which then goes to `ISO8601.parse`.
    /// Several times faster than the general parser, and checked against it in tests.
    @inline(__always)
    static func canonicalTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard b.count == 25, let p = b.baseAddress else { return nil }
        guard p[4] == 0x2D, p[7] == 0x2D, p[10] == 0x54, p[13] == 0x3A, p[16] == 0x3A, p[19] == 0x2B,
              p[20] == 0x30, p[21] == 0x30, p[22] == 0x3A, p[23] == 0x30, p[24] == 0x30 else { return nil }
        var bad: UInt8 = 0
        @inline(__always) func digit(_ k: Int) -> UInt {
            let x = p[k] &- 0x30
            bad |= x > 9 ? 1 : 0
            return UInt(x)
        }
        let year = digit(0) &* 1000 &+ digit(1) &* 100 &+ digit(2) &* 10 &+ digit(3)
        let month = digit(5) &* 10 &+ digit(6), day = digit(8) &* 10 &+ digit(9)
        let hour = digit(11) &* 10 &+ digit(12), minute = digit(14) &* 10 &+ digit(15)
        let second = digit(17) &* 10 &+ digit(18)
        guard bad == 0, year >= 1970, month &- 1 < 12, day &- 1 < 28 || (day != 0 && day <= lastDay(month, year)),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        // Howard Hinnant's days_from_civil; all values are non-negative here, so unsigned.
        let y = month <= 2 ? year &- 1 : year
        let era = y / 400
        let yoe = y &- era &* 400
        let doy = (153 &* (month > 2 ? month &- 3 : month &+ 9) &+ 2) / 5 &+ day &- 1
        let doe = yoe &* 365 &+ yoe / 4 &- yoe / 100 &+ doy
        let days = Int64(era &* 146_097 &+ doe) &- 719_468
        return Timestamp(micros: (days &* 86_400 &+ Int64(hour &* 3600 &+ minute &* 60 &+ second)) &* 1_000_000)
    }

    @inline(__always)
    private static func lastDay(_ month: UInt, _ year: UInt) -> UInt {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    @inline(__always)
    private static func text(_ r: CSVRecord, _ i: Int) -> Cell<String> {
        if i < 0 { return .notApplicable }
        if let t: Cell<String> = token(r.bytes(i)) { return t }
        return .value(r.string(i))
    }

    /// The account id of an ARN, kept as its 12 raw bytes so rows compare with two integer compares.
    struct ARNAccount {
        struct Key: Equatable { var high: UInt64; var low: UInt32 }
        var key: Key
        var isRoot: Bool
        func text() -> String {
            withUnsafeBytes(of: key.high) { h in withUnsafeBytes(of: key.low) { l in
                String(decoding: Array(h) + Array(l), as: UTF8.self)
            } }
        }
    }

    /// The account and whether the resource is `root`, from
    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`; nil unless the account is 12 digits.
    @inline(__always)
    static func arnAccount(_ b: UnsafeBufferPointer<UInt8>) -> ARNAccount? {
        let n = b.count
        guard n > 4, let p = b.baseAddress, p[0] == 0x61, p[1] == 0x72, p[2] == 0x6E, p[3] == 0x3A else { return nil }
        var i: Int
        // Fast path for the usual `arn:aws:iam::`.
        if n > 13 && p[4] == 0x61 && p[5] == 0x77 && p[6] == 0x73 && p[7] == 0x3A && p[8] == 0x69 && p[9] == 0x61
            && p[10] == 0x6D && p[11] == 0x3A && p[12] == 0x3A {
            i = 13
        } else {
            i = 4
            var colons = 1
            while i < n && colons < 4 {
                if p[i] == 0x3A { colons += 1 }
                i += 1
            }
            guard colons == 4 else { return nil }
        }
        guard i + 13 <= n, p[i + 12] == 0x3A else { return nil }
        for k in i..<(i + 12) where p[k] &- 0x30 > 9 { return nil }
        let high = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
        let low = UnsafeRawPointer(p + i + 8).loadUnaligned(as: UInt32.self)
        let r = i + 13
        let isRoot = n - r == 4 && p[r] == 0x72 && p[r + 1] == 0x6F && p[r + 2] == 0x6F && p[r + 3] == 0x74
        return ARNAccount(key: .init(high: high, low: low), isRoot: isRoot)
    }

    /// A value as shown in a message: at most 60 characters, control characters escaped.
    static func shown(_ s: String, limit: Int = 60) -> String {
        var out = ""
        for (n, ch) in s.unicodeScalars.enumerated() {
            if n == limit { out += "…"; break }
            out += ch.value < 0x20 || ch.value == 0x7F ? ch.escaped(asASCII: true) : String(ch)
        }
        return out
    }
}
