#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CredLintModel
import CredLintEngine

/// The SARIF directory layout (`--output sarif=DIR/`): SARIF for any number of
/// accounts within GitHub's limits (docs/organizations.md#sarif-layout-and-githubs-limits).
///
/// - One run per account, always with the category `credlint/<account-id>/` (or
///   `<--category>/<account-id>/`): an account's category never depends on the other
///   accounts or on how many there are, so alerts neither close nor duplicate when an
///   Organization grows past a limit.
/// - Each run holds at most `--max-results` results (default 5,000, what GitHub keeps of
///   a run), most severe first, so every account's worst findings reach code scanning
///   however many accounts there are.
/// - Runs are packed, in account order, into `credlint-001.sarif`, `credlint-002.sarif`, ...,
///   each at most 20 runs and about 9 MB gzip-compressed (GitHub rejects an upload of more
///   than 20 runs or 10 MB), one upload each. Which file holds an account does not matter
///   to GitHub: alerts belong to the run's category, not to the upload.
package enum SARIFLayout {
    /// GitHub rejects an upload with more runs.
    package static let maxRunsPerFile = 20
    /// GitHub rejects an upload of more than 10 MB gzip-compressed. A file's size is
    /// estimated as the sum of its runs' compressed sizes (compressing them together is
    /// never much larger), so the budget keeps a 10% margin.
    package static let defaultGzipBudget = 9_000_000

    /// `credlint-001.sarif`; more digits past 999 files.
    package static func fileName(_ n: Int) -> String {
        let digits = String(n)
        return "credlint-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits + ".sarif"
    }

    /// Whether `name` is a file this layout writes (and so may remove when it is no longer part of it).
    package static func isLayoutFile(_ name: String) -> Bool {
        guard name.hasPrefix("credlint-"), name.hasSuffix(".sarif") else { return false }
        let middle = name.dropFirst("credlint-".count).dropLast(".sarif".count)
        return !middle.isEmpty && middle.allSatisfy { $0 >= "0" && $0 <= "9" }
    }

    /// The run's `automationDetails.id`: `credlint/<account-id>/`, or `<category>/<account-id>/`
    /// with `--category` (trailing slashes of it dropped).
    package static func category(accountID: String, prefix: String?) -> String {
        var p = prefix ?? ""
        while p.hasSuffix("/") { p.removeLast() }
        return (p.isEmpty ? "credlint" : p) + "/" + accountID + "/"
    }

    /// One file of the layout: its name and the accounts of its runs, in order.
    package struct File: Equatable, Sendable {
        package var name: String
        package var accounts: [String]
    }

    /// The files, as names and bytes (for tests and library users; the CLI stages them).
    package static func render(_ report: LintReport, options: ReportOptions = ReportOptions(),
                              gzipBudget: Int = defaultGzipBudget) throws -> [(file: File, bytes: [UInt8])] {
        var out: [(File, [UInt8])] = []
        try pack(report, options: options, gzipBudget: gzipBudget) { file, runs in
            var w: [UInt8] = []
            write(runs, into: { w.append(contentsOf: $0) })
            out.append((file, w))
        }
        return out
    }

    /// Writes every file into a temporary file beside `directory/NAME`, to be committed
    /// with the run's other outputs (all or nothing).
    package static func stage(_ report: LintReport, options: ReportOptions, directory: String,
                             gzipBudget: Int = defaultGzipBudget) throws -> [AtomicFileWriter.StagedFile] {
        var staged: [AtomicFileWriter.StagedFile] = []
        try pack(report, options: options, gzipBudget: gzipBudget) { file, runs in
            staged.append(try AtomicFileWriter.stage(to: join(directory, file.name)) { sink in
                write(runs, into: { sink.write($0) })
            })
        }
        return staged
    }

    /// Layout files in `directory` that a run just committed did not write (an Organization
    /// that shrank needs fewer files): removed, so an upload of the folder never sends a
    /// stale account's old run. Only names of the layout's own shape are touched.
    package static func removeStale(in directory: String, keeping: Set<String>) throws {
        let dir = directory.isEmpty ? "." : directory
        guard let d = opendir(dir) else { return }
        var stale: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if isLayoutFile(name), !keeping.contains(name) { stale.append(name) }
        }
        closedir(d)
        for name in stale.sorted() where unlink(join(directory, name)) != 0 && errno != ENOENT {
            throw OutputError("cannot remove the stale SARIF file '\(join(directory, name))': \(String(cString: strerror(errno)))")
        }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : (directory.hasSuffix("/") ? directory + name : directory + "/" + name)
    }

    /// Renders each account's run and hands the files over in order, each with its runs'
    /// bytes (single-run SARIF logs, joined by `write`). Only one file's runs are held at once.
    static func pack(_ report: LintReport, options: ReportOptions, gzipBudget: Int,
                     _ emit: (File, [[UInt8]]) throws -> Void) throws {
        var runs: [[UInt8]] = []
        var accounts: [String] = []
        var size = 0
        var number = 0
        let rules = SARIFReporter.EncodedRules(report, options: options)
        func flush() throws {
            number += 1
            try emit(File(name: fileName(number), accounts: accounts), runs)
            runs = []; accounts = []; size = 0
        }
        for account in report.accounts {
            let (bytes, gz) = try run(account, of: report, options: options, rules: rules, gzipBudget: gzipBudget)
            if !runs.isEmpty && (runs.count == maxRunsPerFile || size + gz > gzipBudget) { try flush() }
            runs.append(bytes); accounts.append(account.accountID); size += gz
        }
        // No account at all (everything excluded): one file with no runs would be rejected
        // by GitHub (`runs` needs an item), and no upload changes nothing; write no file.
        if !runs.isEmpty { try flush() }
    }

    /// One account's SARIF log (one run) and its gzip-compressed size. A run over the budget
    /// on its own (only with a very large `--max-results`) keeps fewer results, least severe
    /// dropped first, until it fits; the run's truncation notification says how many.
    static func run(_ account: AccountResult, of report: LintReport, options: ReportOptions,
                    rules: SARIFReporter.EncodedRules, gzipBudget: Int) throws -> ([UInt8], Int) {
        var one = report
        one.accounts = [account]
        var o = options
        o.sarifCategory = category(accountID: account.accountID, prefix: options.sarifCategory)
        while true {
            let bytes = SARIFReporter.render(one, options: o, sink: nil, rules: rules)
            let gz = GzipSize.of(bytes)
            if gz <= gzipBudget { return (bytes, gz) }
            let kept = min(o.maxResults, ReportView(one, o).shownCount)
            guard kept > 1 else {
                throw OutputError("account \(account.accountID)'s SARIF run is \(gz) bytes gzip-compressed even with one result; GitHub accepts at most 10 MB per upload")
            }
            o.maxResults = max(1, min(kept - 1, Int(Double(kept) * Double(gzipBudget) / Double(gz) * 0.9)))
        }
    }

    /// Single-run logs as one log with their runs in order: the writer's own layout
    /// (`{ "$schema", "runs": [ run, run ], "version" }`), so the file reads exactly as if
    /// the runs had been written together.
    static func write(_ logs: [[UInt8]], into out: ([UInt8]) -> Void) {
        precondition(!logs.isEmpty)
        let open = Array("\n  \"runs\": [".utf8), close = Array("\n  ],\n  \"version\"".utf8)
        for (i, log) in logs.enumerated() {
            guard let start = firstIndex(of: open, in: log), let end = lastIndex(of: close, in: log) else {
                preconditionFailure("SARIF log without the expected runs list")
            }
            let body = start + open.count
            if i == 0 { out(Array(log[..<body])) } else { out(Array(",".utf8)) }
            out(Array(log[body..<end]))
            if i == logs.count - 1 { out(Array(log[end...])) }
        }
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count)
        where haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }

    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
