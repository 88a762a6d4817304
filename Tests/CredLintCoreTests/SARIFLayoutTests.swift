import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine
@testable import CredLintReport

/// The SARIF directory layout: one run per account with a category of its own, packed into
/// files of at most 20 runs and GitHub's gzip budget.
@Suite struct SARIFLayoutTests {
    /// `n` accounts, each with `findings` findings over every severity.
    static func accounts(_ n: Int, findings: Int) -> LintReport {
        var report = ReporterFixtures.many(findings, account: "100000000000")
        report.accounts = (0..<n).map { i in
            let id = String(100_000_000_000 + i * 7_919)
            return ReporterFixtures.many(findings, account: id).accounts[0]
        }
        return report
    }

    static func logs(_ files: [(file: SARIFLayout.File, bytes: [UInt8])]) throws -> [SARIF.Log] {
        try files.map { try JSONDecoder().decode(SARIF.Log.self, from: Data($0.bytes)) }
    }

    @Test func oneRunPerAccountTwentyRunsPerFileAndTheRunsAreTheSingleAccountRuns() throws {
        let report = Self.accounts(45, findings: 12)
        let files = try SARIFLayout.render(report)
        #expect(files.map(\.file.name) == ["credlint-001.sarif", "credlint-002.sarif", "credlint-003.sarif"])
        #expect(files.map(\.file.accounts.count) == [20, 20, 5])
        #expect(files.flatMap(\.file.accounts) == report.accounts.map(\.accountID))
        let logs = try Self.logs(files)
        let runs = logs.flatMap(\.runs)
        #expect(runs.map(\.automationDetails.id) == report.accounts.map { "credlint/\($0.accountID)/" })
        // Each run is exactly what the account alone gives as one SARIF file (the joined
        // bytes are the encoder's layout, so the decoded runs compare equal).
        for (i, account) in report.accounts.enumerated() {
            var one = report
            one.accounts = [account]
            let alone = try JSONDecoder().decode(SARIF.Log.self, from: Data(SARIFReporter.render(one)))
            #expect(runs[i] == alone.runs[0], "account \(account.accountID)")
        }
        // Byte layout: as if encoded together (2-space indentation, trailing newline).
        let text = String(decoding: files[0].bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\": [\n    {\n"))
        #expect(text.hasSuffix("    }\n  ],\n  \"version\": \"2.1.0\"\n}\n"))
        #expect(text.contains("\n    },\n    {\n"))
    }

    @Test func categoriesNeverDependOnTheOtherAccounts() throws {
        let big = Self.accounts(21, findings: 3)
        var small = big
        small.accounts = Array(big.accounts.prefix(19))
        let a = try Self.logs(SARIFLayout.render(big)).flatMap(\.runs)
        let b = try Self.logs(SARIFLayout.render(small)).flatMap(\.runs)
        for run in b {
            #expect(a.first { $0.automationDetails.id == run.automationDetails.id } == run)
        }
        // The category prefix is --category, trailing slashes dropped.
        let prefixed = try Self.logs(SARIFLayout.render(small, options: ReportOptions(sarifCategory: "org-prod/credlint//")))
        #expect(prefixed[0].runs[0].automationDetails.id == "org-prod/credlint/\(small.accounts[0].accountID)/")
        #expect(SARIFLayout.category(accountID: "123456789012", prefix: nil) == "credlint/123456789012/")
    }

    @Test func theGzipBudgetSplitsFilesAndTrimsARunTooLargeAlone() throws {
        let report = Self.accounts(6, findings: 400)
        let one = try SARIFLayout.render(report)
        #expect(one.count == 1)
        var single = report
        single.accounts = [report.accounts[0]]
        let runSize = GzipSize.of(SARIFReporter.render(single))
        // Room for two runs a file: three files.
        let split = try SARIFLayout.render(report, gzipBudget: runSize * 2 + runSize / 2)
        #expect(split.map(\.file.accounts.count) == [2, 2, 2])
        #expect(try Self.logs(split).flatMap(\.runs) == Self.logs(one).flatMap(\.runs))
        // Less than one run: each run keeps fewer results, the most severe, and says so.
        let trimmed = try Self.logs(SARIFLayout.render(report, gzipBudget: runSize * 2 / 3)).flatMap(\.runs)
        #expect(trimmed.count == 6)
        for run in trimmed {
            #expect(run.results.count < 400 && run.results.count > 0)
            let severities = run.results.map { Severity(rawValue: $0.properties["severity"] ?? "") ?? .info }
            #expect(severities == severities.sorted(by: >), "most severe first: \(severities)")
            // Everything critical (80 of 400) is kept before anything less severe.
            #expect(severities.filter { $0 == .critical }.count == min(80, run.results.count))
            let notes = run.invocations[0].toolExecutionNotifications.map(\.message.text)
            #expect(notes.contains { $0.hasPrefix("Results truncated: the \(run.results.count) highest-severity of 400 findings") }, "\(notes)")
        }
        #expect(GzipSize.of(Array(repeating: 65, count: 100_000)) < 1_000)
    }

    @Test func noAccountsWritesNoFileAndLayoutFileNames() throws {
        var report = Self.accounts(1, findings: 1)
        report.accounts = []
        #expect(try SARIFLayout.render(report).isEmpty)
        #expect(SARIFLayout.fileName(7) == "credlint-007.sarif" && SARIFLayout.fileName(1234) == "credlint-1234.sarif")
        #expect(SARIFLayout.isLayoutFile("credlint-001.sarif") && SARIFLayout.isLayoutFile("credlint-1234.sarif"))
        #expect(!SARIFLayout.isLayoutFile("credlint.sarif") && !SARIFLayout.isLayoutFile("credlint-.sarif")
                && !SARIFLayout.isLayoutFile("credlint-01a.sarif") && !SARIFLayout.isLayoutFile("credlint-001.sarif.bak"))
    }
}
