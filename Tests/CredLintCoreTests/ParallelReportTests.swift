import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintExpr
@testable import CredLintEngine
@testable import CredLintReport

/// A report read in pieces on several threads gives exactly what reading it
/// serially gives: findings (with their lines), notes, rows and account facts.
@Suite struct ParallelReportTests {
    static let header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

    /// `rows` users with a mix of findings; `extra` is spliced in at row `at`.
    static func report(rows: Int, lineEnd: String = "\n", extra: String = "", at: Int = -1) -> String {
        var s = header + lineEnd
        s += "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2025-12-20T00:00:00+00:00,not_supported,not_supported,false,true,2021-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A" + lineEnd
        for i in 0..<rows {
            if i == at { s += extra }
            let name = i % 17 == 0 ? "\"smith,al\(i)\"" : (i % 50 == 3 ? "breakglass-\(i)" : "user\(i)")
            let arnName = i % 17 == 0 ? "\"arn:aws:iam::123456789012:user/smith,al\(i)\"" : "arn:aws:iam::123456789012:user/\(i % 50 == 3 ? "breakglass-\(i)" : "user\(i)")"
            let pw = i % 3 == 0 ? "true,2025-\(String(format: "%02d", 1 + i % 12))-03T00:00:00+00:00,2024-05-01T00:00:00+00:00,N/A,\(i % 4 == 0 ? "false" : "true")"
                : "false,N/A,N/A,N/A,false"
            let key = i % 2 == 0 ? "true,202\(i % 6)-02-01T00:00:00+00:00,2025-11-0\(1 + i % 9)T00:00:00+00:00,us-east-1,s3" : "false,N/A,N/A,N/A,N/A"
            s += "\(name),\(arnName),2019-01-01T00:00:00+00:00,\(pw),\(key),\(i % 5 == 0 ? "true,2025-01-01T00:00:00+00:00,N/A,us-east-1,iam" : "false,N/A,N/A,N/A,N/A"),false,N/A,false,N/A" + lineEnd
        }
        return s
    }

    /// Lints `text` (written to one temporary file) once per entry of `threads`.
    func lint(_ text: String, threads: [Int]) throws -> [Result<AccountResult, Error>] {
        try withReportFile(text) { file in threads.map { t in Result { try lint(file: file, threads: t) } } }
    }

    /// Runs `body` with `text` in a temporary report file, removed afterwards.
    func withReportFile<T>(_ text: String, _ body: (String) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-par-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("report.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return try body(file)
    }

    func lint(file: String, threads: Int, runLimit: Int? = nil) throws -> AccountResult {
        let catalog = try RuleCatalog.standard(configuration: Configuration())
        var linter = AccountLinter(rules: catalog.rules, configuration: Configuration())
        linter.reportThreads = threads
        linter.parallelReportMinimumBytes = 1
        if let runLimit {
            linter.spill = FindingSpill.make()
            linter.runLimit = runLimit
        }
        let inputs = try InputLoader().load(paths: [file]).accounts[0]
        return try linter.lint(inputs, asOfFlag: Timestamp(seconds: 1_767_225_600), clock: { Timestamp(micros: 0) })
    }

    func expectSame(_ text: String, threads: [Int] = [2, 3, 7]) throws {
        let results = try lint(text, threads: [1] + threads)
        let serial = try results[0].get()
        #expect(serial.findingCount > 100)
        for (t, r) in zip(threads, results.dropFirst()) {
            let parallel = try r.get()
            #expect(Array(parallel.orderedFindings) == Array(serial.orderedFindings), "threads \(t)")
            #expect(parallel.notes == serial.notes, "threads \(t)")
            #expect(parallel.rowsRead == serial.rowsRead, "threads \(t)")
        }
    }

    /// Findings written to disk in sorted runs (as for a report of a million users), from
    /// one reader or several pieces, read back exactly as the in-memory serial result.
    @Test func sortedRunsOnDiskGiveTheSerialResult() throws {
        try withReportFile(Self.report(rows: 2_000)) { file in
            let serialResult = try lint(file: file, threads: 1)
            #expect(!serialResult.isSpilled)
            let serial = Array(serialResult.orderedFindings)
            for (threads, runLimit) in [(1, 1), (1, 97), (2, 50), (3, 1_000), (7, 13)] {
                let onDisk = try lint(file: file, threads: threads, runLimit: runLimit)
                #expect(onDisk.isSpilled, "threads \(threads), runs of \(runLimit)")
                #expect(onDisk.findingCount == serial.count)
                #expect(onDisk.tally == FindingTally(serial))
                #expect(Array(onDisk.orderedFindings) == serial, "threads \(threads), runs of \(runLimit)")
            }
        }
    }

    /// JSON from sorted runs written in waves on several threads (more than two 4,096-finding
    /// blocks) is the in-memory, one-thread JSON.
    @Test func jsonFromRunsOnSeveralThreadsIsTheSame() throws {
        try withReportFile(Self.report(rows: 12_000)) { file in
            let inMemory = try lint(file: file, threads: 1)
            #expect(inMemory.findingCount > 3 * 4_096)
            let onDisk = try lint(file: file, threads: 2, runLimit: 1_000)
            #expect(onDisk.isSpilled)
            let report = { (a: AccountResult) in LintReport(toolVersion: "t", rules: [], accounts: [a]) }
            let expected = JSONReporter.render(report(inMemory), options: ReportOptions())
            for threads in [2, 3] {
                var options = ReportOptions()
                options.renderThreads = threads
                #expect(JSONReporter.render(report(onDisk), options: options) == expected, "\(threads) threads")
                #expect(JSONReporter.render(report(inMemory), options: options) == expected, "\(threads) threads, in memory")
            }
        }
    }

    @Test func piecesGiveTheSerialResult() throws {
        try expectSame(Self.report(rows: 3_000))
        // And the pieces really were read in parallel (no fallback to the serial read).
        try withReportFile(Self.report(rows: 3_000)) { file in
            var inputs = AccountInputs(accountID: "123456789012")
            inputs.report = CredentialReportInput(path: file, container: .csv, content: .file(path: file))
            let ctx = AccountContext(inputs: inputs, configuration: Configuration())
            var rules = ActiveRules()
            for r in try RuleCatalog.standard(configuration: Configuration()).rules { rules.add(RuleProgram(r)) }
            let account = Value.object(ObjectRef(AccountView(ctx: ctx)))
            let result = ParallelReport.evaluate(file: try InputFile(path: file, shown: file), shownPath: file, threads: 3, minimumBytes: 1) {
                RowEvaluator(ctx: ctx, rules: rules, asOf: Timestamp(seconds: 1_767_225_600), accountValue: account,
                             reportPath: file, envelopeLine: nil)
            }
            #expect(result?.pieces.count == 3)
            #expect(result?.rowsRead == 3_001)
        }
    }

    @Test func crlfReportsToo() throws {
        try expectSame(Self.report(rows: 2_000, lineEnd: "\r\n"))
    }

    /// Blank lines and a quoted field with line breaks: notes and lines as read serially.
    @Test func blankLinesAndQuotedLineBreaks() throws {
        try expectSame(Self.report(rows: 2_000, extra: "\n\n", at: 1_400))
        let quoted = "\"multi\nline\",arn:aws:iam::123456789012:user/multi,2019-01-01T00:00:00+00:00,true,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
        for at in [500, 999, 1_000, 1_001, 1_500] {
            // Three users (one user given twice is an error of its own).
            let three = (0..<3).map { quoted.replacingOccurrences(of: "user/multi", with: "user/multi\($0)") }.joined()
            try expectSame(Self.report(rows: 2_000, extra: three, at: at), threads: [2, 4])
        }
    }

    /// An error in any piece: the serial error, at the serial line.
    @Test func errorsAreTheSerialErrors() throws {
        let bad = "broken,row\n"
        for at in [100, 1_900] {
            let text = Self.report(rows: 2_000, extra: bad, at: at)
            var serialError = "", parallelError = ""
            let results = try lint(text, threads: [1, 3])
            if case .failure(let e) = results[0] { serialError = "\(e)" }
            if case .failure(let e) = results[1] { parallelError = "\(e)" }
            #expect(!serialError.isEmpty)
            #expect(parallelError == serialError)
        }
    }

    @Test func cutsFallOnLineBoundariesBetweenNonEmptyLines() throws {
        let text = Self.report(rows: 500, extra: "\n\n\n", at: 250)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-cuts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("r.csv").path
        let bytes = Array(text.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let cuts = try #require(ParallelReport.cuts(file: try InputFile(path: file, shown: file), size: bytes.count, pieces: 9))
        #expect(cuts.first == 0 && cuts.last == bytes.count)
        #expect(cuts.count > 5)
        for c in cuts.dropFirst().dropLast() {
            #expect(bytes[c - 1] == 0x0A && bytes[c] != 0x0A && bytes[c - 2] != 0x0A)
        }
    }
}

/// Issue 15 item 3: a user given twice is refused, naming both lines, however the report is cut.
@Suite struct ParallelReportDuplicateRowTests {
    @Test func aUserInTwoPiecesIsTheSerialError() throws {
        let extra = "user1,arn:aws:iam::123456789012:user/user1,2019-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
        let t = ParallelReportTests()
        let results = try t.lint(ParallelReportTests.report(rows: 1_000, extra: extra, at: 900), threads: [1, 2, 3, 7])
        for (threads, r) in zip([1, 2, 3, 7], results) {
            #expect(throws: CredLintError.self, "threads \(threads)") { try r.get() }
            if case .failure(let e as CredLintError) = r {
                #expect(e.location?.line == 903, "threads \(threads): \(e)")
                #expect(e.message.contains("user/user1\"") && e.message.contains("first on line 4"), "threads \(threads): \(e)")
            }
        }
    }
}
