import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine
@testable import CredLintReport

/// Findings kept on disk (`FindingSpill`) must come back exactly, and every output must be
/// byte-for-byte what the same findings in memory give.
@Suite struct FindingSpillTests {
    static func spilled(_ report: LintReport) throws -> LintReport {
        let spill = try #require(FindingSpill.make())
        var r = report
        for i in r.accounts.indices {
            r.accounts[i].spill(into: spill)
            #expect(r.accounts[i].isSpilled == (report.accounts[i].findingCount > 0))
        }
        return r
    }

    @Test func randomFindingsRoundTrip() throws {
        let spill = try #require(FindingSpill.make())
        for seed in UInt64(0)..<30 {
            var rng = PropertyRNG(seed: 70_000 + seed)
            var report = try SARIFPropertyTests.randomReport(&rng)
            for a in report.accounts.indices {
                // Exemptions and baseline states travel too.
                var findings = Array(report.accounts[a].orderedFindings)
                SARIFPropertyTests.exemptSome(&findings, &rng, percent: 30, reason: "accepted ünï \"risk\"")
                for i in findings.indices where rng.chance(40) {
                    findings[i].baselineState = rng.chance(50) ? .new : .unchanged
                }
                report.accounts[a].setFindings(findings)
                var account = report.accounts[a]
                account.spill(into: spill)
                #expect(account.findingCount == findings.count, "seed \(seed)")
                #expect(Array(account.orderedFindings) == findings, "seed \(seed)")
                // Read twice, same answer; a copied iterator carries on on its own.
                var it = account.orderedFindings.makeIterator()
                _ = it.next()
                let copy = it
                #expect(Array(IteratorSequence(it)) == Array(findings.dropFirst()), "seed \(seed)")
                #expect(Array(IteratorSequence(copy)) == Array(findings.dropFirst()), "seed \(seed)")
                // Marked in place (as exemptions do), still in order on disk.
                account.updateFindings { $0.baselineState = .new }
                #expect(account.isSpilled == !findings.isEmpty)
                #expect(Array(account.orderedFindings) == findings.map { var f = $0; f.baselineState = .new; return f }, "seed \(seed)")
                // Findings on disk are kept in output order, whatever order they are set in.
                account.setFindings(findings.reversed())
                #expect(account.isSpilled == !findings.isEmpty)
                #expect(Array(account.orderedFindings) == findings.reversed().sorted(by: Finding.outputOrder), "seed \(seed)")
            }
        }
    }

    @Test(arguments: OutputFormat.allCases)
    func everyFormatIsTheSameFromDisk(format: OutputFormat) throws {
        for (name, report) in ReporterFixtures.all {
            let fromDisk = try Self.spilled(report)
            #expect(format.render(fromDisk) == format.render(report), "\(name) \(format)")
            for options in [ReportOptions(minSeverity: .medium), ReportOptions(includeSuppressed: true),
                            ReportOptions(maxResults: 2), ReportOptions(maxResults: 0)] {
                #expect(format.render(fromDisk, options: options) == format.render(report, options: options),
                        "\(name) \(format) \(options)")
            }
        }
    }

    /// Written into a file (as `--output` and standard output are, a megabyte at a time),
    /// every format is byte for byte what `render` returns, from memory and from disk; the
    /// large report crosses the flush size in the formats that write findings whole.
    @Test(arguments: OutputFormat.allCases)
    func everyFormatStreamsIntoAFileWhatItRenders(format: OutputFormat) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spill-\(getpid())-\(format)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out").path
        var cut = ReportOptions(includeSuppressed: true)
        cut.markdownByteLimit = 3_000
        var quiet = ReportOptions(minSeverity: .low)
        quiet.quiet = true
        let cases = ReporterFixtures.all.map { ($0.0, $0.1, [ReportOptions(), ReportOptions(minSeverity: .medium), cut, quiet]) }
            + [("many", ReporterFixtures.many(12_000), [ReportOptions()])]
        for (name, report, optionSets) in cases {
            for (place, r) in [("memory", report), ("disk", try Self.spilled(report))] {
                for options in optionSets {
                    try format.write(r, options: options, to: path)
                    let written = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                    #expect(written == format.render(report, options: options), "\(name) \(format) \(place) \(options)")
                }
            }
        }
    }

    /// The streaming formats read an account's findings in as many passes as they say, and
    /// no more: text one, HTML and Markdown two (counts, then rows), JUnit one for its counts
    /// plus one per severity, GitHub one per severity (each pass stops at the first lower
    /// severity, so these are upper bounds). A reporter that collected findings some other
    /// way, or read them again, would cross its bound.
    @Test func streamingFormatsReadTheSpillInTheirPasses() throws {
        let spill = try #require(FindingSpill.make())
        var report = ReporterFixtures.many(6_400)
        report.accounts[0].spill(into: spill)
        let blocks = (6_400 + FindingSpill.blockSize - 1) / FindingSpill.blockSize
        let severities = Severity.allCases.count
        let passes: [(OutputFormat, Int)] = [(.text, 1), (.html, 2), (.markdown, 2), (.junit, 1 + severities), (.github, severities)]
        var options = ReportOptions()
        options.markdownByteLimit = 100_000_000
        for (format, n) in passes {
            let before = spill.blocksRead
            _ = format.render(report, options: options)
            let read = spill.blocksRead - before
            #expect(read >= blocks && read <= n * blocks, "\(format) read \(read) blocks of \(blocks)")
        }
        // Text reads each block exactly once.
        let before = spill.blocksRead
        _ = OutputFormat.text.render(report)
        #expect(spill.blocksRead - before == blocks)
    }

    @Test func truncatedSARIFFromDiskMatchesRandomReports() throws {
        for seed in UInt64(0)..<25 {
            var rng = PropertyRNG(seed: 71_000 + seed)
            let report = try SARIFPropertyTests.randomReport(&rng)
            let options = ReportOptions(maxResults: rng.int(0...12))
            let fromDisk = try Self.spilled(report)
            #expect(SARIFReporter.render(fromDisk, options: options) == SARIFReporter.render(report, options: options), "seed \(seed)")
            #expect(JSONReporter.render(fromDisk, options: options) == JSONReporter.render(report, options: options), "seed \(seed)")
        }
    }

    @Test func lintRunnerGivesTheSameReportEitherWay() throws {
        let catalog = try RuleCatalog.standard(configuration: Configuration())
        let samples = HardeningPaths.root.appendingPathComponent("samples").path
        var runner = LintRunner(catalog: catalog, configuration: Configuration(), asOf: Timestamp(seconds: 1_764_331_200), jobs: 1)
        runner.spillFindings = false
        let inMemory = try runner.run(paths: [samples])
        runner.spillFindings = true
        let onDisk = try runner.run(paths: [samples])
        // Sorted runs of two findings each: the merge must give the same order.
        runner.runLimit = 2
        let inRuns = try runner.run(paths: [samples])
        #expect(onDisk.accounts.count == 3)
        #expect(onDisk.accounts.allSatisfy { $0.isSpilled || $0.findingCount == 0 })
        #expect(!inMemory.accounts.contains { $0.isSpilled })
        // Exempt the principals of one finding in five (their rule), expiring after the run.
        let exemptions = inMemory.allFindings.enumerated().filter { $0.offset % 5 == 0 }.map { i, f in
            Exemption(rule: f.ruleID, principal: f.principal, reason: "test", expires: Timestamp(seconds: 1_900_000_000),
                      location: SourceLocation(path: ".credlint.yml", line: 3 + i, column: 5))
        }
        let baseline = Baseline(findings: Array(inMemory.allFindings.prefix(5)))
        for format in OutputFormat.allCases {
            #expect(format.render(onDisk) == format.render(inMemory), "\(format)")
            #expect(format.render(inRuns) == format.render(inMemory), "\(format), sorted runs")
            for options in [ReportOptions(minSeverity: .high), ReportOptions(maxResults: 3)] {
                #expect(format.render(inRuns, options: options) == format.render(inMemory, options: options), "\(format) \(options)")
            }
            let a = baseline.apply(to: ExemptionMatcher.apply(to: inMemory, exemptions: exemptions))
            let b = baseline.apply(to: ExemptionMatcher.apply(to: onDisk, exemptions: exemptions))
            #expect(format.render(b) == format.render(a), "\(format) with exemptions and a baseline")
            #expect(a.allFindings.contains { $0.suppression != nil }, "the exemption matches something")
            #expect(a.allFindings.contains { $0.baselineState == .unchanged }, "the baseline matches something")
            let c = baseline.apply(to: ExemptionMatcher.apply(to: inRuns, exemptions: exemptions))
            #expect(format.render(c) == format.render(a), "\(format) with exemptions and a baseline, sorted runs")
        }
        #expect(Baseline.write(report: onDisk) == Baseline.write(report: inMemory))
        #expect(Baseline.write(report: inRuns) == Baseline.write(report: inMemory))
        #expect(inRuns.accounts.map(\.findingCount) == inMemory.accounts.map(\.findingCount))
        #expect(Gate.exitCode(report: onDisk, failOn: .high) == Gate.exitCode(report: inMemory, failOn: .high))
    }
}
