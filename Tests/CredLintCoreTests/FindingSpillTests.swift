import Foundation
import Testing
@testable import CredLintCore

/// Findings kept on disk (`FindingSpill`) must come back exactly, and every output must be
/// byte-for-byte what the same findings in memory give.
@Suite struct FindingSpillTests {
    static func spilled(_ report: LintReport) throws -> LintReport {
        let spill = try #require(FindingSpill.make())
        var r = report
        for i in r.accounts.indices {
            let ordered = r.accounts[i].findingsInOutputOrder
            r.accounts[i].spill(into: spill)
            r.accounts[i].findingsInOutputOrder = ordered
            #expect(r.accounts[i].isSpilled == !report.accounts[i].findings.isEmpty)
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
                SARIFPropertyTests.exemptSome(&report.accounts[a].findings, &rng, percent: 30, reason: "accepted ünï \"risk\"")
                for i in report.accounts[a].findings.indices where rng.chance(40) {
                    report.accounts[a].findings[i].baselineState = rng.chance(50) ? .new : .unchanged
                }
                var account = report.accounts[a]
                account.spill(into: spill)
                #expect(account.findingCount == report.accounts[a].findings.count, "seed \(seed)")
                #expect(account.findings == report.accounts[a].findings, "seed \(seed)")
                // Read twice, same answer; written back (as exemptions do), still the same.
                #expect(account.findings == account.findings, "seed \(seed)")
                // Findings on disk are kept in output order, whatever order they are set in.
                account.findings = account.findings.reversed()
                #expect(account.isSpilled == !report.accounts[a].findings.isEmpty)
                #expect(account.findings == report.accounts[a].findings.reversed().sorted(by: Finding.outputOrder), "seed \(seed)")
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
        #expect(onDisk.accounts.allSatisfy { $0.isSpilled || $0.findings.isEmpty })
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
            #expect(a.accounts.contains { $0.findings.contains { $0.suppression != nil } }, "the exemption matches something")
            #expect(a.accounts.contains { $0.findings.contains { $0.baselineState == .unchanged } }, "the baseline matches something")
            let c = baseline.apply(to: ExemptionMatcher.apply(to: inRuns, exemptions: exemptions))
            #expect(format.render(c) == format.render(a), "\(format) with exemptions and a baseline, sorted runs")
        }
        #expect(Baseline.write(report: onDisk) == Baseline.write(report: inMemory))
        #expect(Baseline.write(report: inRuns) == Baseline.write(report: inMemory))
        #expect(inRuns.accounts.map(\.findingCount) == inMemory.accounts.map(\.findings.count))
        #expect(Gate.exitCode(report: onDisk, failOn: .high) == Gate.exitCode(report: inMemory, failOn: .high))
    }
}
