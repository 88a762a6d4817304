import Foundation
import Testing
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct ReporterSARIFTests {
    static func decode(_ report: LintReport, _ options: ReportOptions = ReportOptions()) throws -> SARIF.Run {
        let log = try JSONDecoder().decode(SARIF.Log.self, from: Data(SARIFReporter.render(report, options: options)))
        #expect(log.runs.count == 1)
        return log.runs[0]
    }

    @Test func logHeaderAndDriver() throws {
        let bytes = SARIFReporter.render(ReporterFixtures.busy)
        let log = try JSONDecoder().decode(SARIF.Log.self, from: Data(bytes))
        #expect(log.schema == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(log.version == "2.1.0")
        let driver = log.runs[0].tool.driver
        #expect(driver.name == "credlint")
        #expect(driver.semanticVersion == "0.1.0")
        #expect(driver.rules.map(\.id) == ["CL101", "CL201", "CL202", "CL203", "CL501", "CL503"])
        #expect(log.runs[0].invocations.count == 1 && log.runs[0].invocations[0].executionSuccessful)
        // Raw bytes: sorted keys, unescaped slashes, trailing newline.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"))
        #expect(!text.contains("\\/"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func ruleDescriptors() throws {
        let rules = try Self.decode(ReporterFixtures.busy).tool.driver.rules
        let cl203 = try #require(rules.first { $0.id == "CL203" })
        #expect(cl203.name == "AccessKeyUnused")
        #expect(cl203.shortDescription.text == "Active access key unused for more than 45 days")
        #expect(cl203.fullDescription.text == "Reports active access keys not used for more than days days.")
        #expect(cl203.defaultConfiguration.level == "warning")
        #expect(cl203.properties.securitySeverity == "5.5")
        #expect(cl203.properties.precision == "very-high")
        #expect(cl203.properties.tags.first == "security")
        #expect(cl203.help.markdown.contains("## Remediation"))
        #expect(cl203.help.text.contains("Why it matters:"))
        #expect(cl203.helpUri == "https://github.com/credlint/credlint/blob/main/rules/CL203-access-key-unused.yml")

        let cl001 = try #require(rules.first { $0.id == "CL101" })
        #expect(cl001.properties.securitySeverity == "9.5")
        #expect(cl001.defaultConfiguration.level == "error")
        #expect(!cl001.fullDescription.text.contains("**") && !cl001.fullDescription.text.contains("`"))
        #expect(!cl001.help.text.contains("```"))
        #expect(cl001.helpUri == "https://github.com/credlint/credlint/blob/main/docs/rules/CL101.md")

        let info = try #require(rules.first { $0.id == "CL503" })
        #expect(info.properties.securitySeverity == nil)
        #expect(info.properties.problemSeverity == "recommendation")
        #expect(info.defaultConfiguration.level == "note")
        #expect(!info.fullDescription.text.isEmpty && !info.help.text.isEmpty)
    }

    @Test func fullDescriptionIsCappedAt1024Characters() throws {
        var report = ReporterFixtures.clean
        report.rules[0].whatItDoes = String(repeating: "Long words here. ", count: 200)
        let rule = try Self.decode(report).tool.driver.rules[0]
        #expect(rule.fullDescription.text.count <= 1024)
        #expect(rule.fullDescription.text.hasSuffix("…"))
    }

    @Test func resultsCarryIdentityLocationAndProperties() throws {
        let run = try Self.decode(ReporterFixtures.busy)
        let ids = run.tool.driver.rules.map(\.id)
        #expect(run.results.count == 6)  // the suppressed finding is left out
        for r in run.results {
            #expect(ids[r.ruleIndex] == r.ruleId)
            #expect(r.kind == "fail")
            #expect(r.message.text.hasSuffix("."))
            #expect(r.locations.count == 1)
            let physical = try #require(r.locations[0].physicalLocation)
            #expect(!physical.artifactLocation.uri.hasPrefix("/") && !physical.artifactLocation.uri.hasPrefix("arn"))
            #expect(!physical.artifactLocation.uri.contains(" "))
            #expect(physical.region.startLine >= 1 && physical.region.startColumn >= 1)
            #expect(r.partialFingerprints["primaryLocationLineHash"] == r.partialFingerprints["credlint/v1"])
            #expect(r.suppressions == nil && r.baselineState == nil)
        }
        let root = run.results[0]
        #expect(root.level == "error" && root.ruleId == "CL101")
        #expect(root.locations[0].physicalLocation?.artifactLocation.uri == "reports/prod%20account/credential-report.csv")
        #expect(root.locations[0].logicalLocations == [SARIF.LogicalLocation(
            name: "<root_account>", fullyQualifiedName: "arn:aws:iam::123456789012:root", kind: "resource")])
        #expect(root.properties["accountId"] == "123456789012")
        #expect(root.properties["slot"] == "access_key_1")
        #expect(root.properties["last_rotated"] == "2019-01-01T00:00:00Z")
        // A message without a final period gets one; levels follow severity.
        let low = try #require(run.results.first { $0.ruleId == "CL202" })
        #expect(low.message.text == "The password of 'carol' was never used.")
        #expect(low.level == "note")
        #expect(run.results.first { $0.ruleId == "CL203" }?.level == "warning")
    }

    @Test func notificationsForSkippedRulesNotesAndExemptions() throws {
        let notes = try Self.decode(ReporterFixtures.busy).invocations[0].toolExecutionNotifications
        let skipped = try #require(notes.first { $0.associatedRule?.id == "CL501" })
        #expect(skipped.level == "note")
        #expect(skipped.associatedRule?.index == 4)
        #expect(skipped.message.text.contains("password_policy"))
        let expired = try #require(notes.first { $0.message.text.contains("expired") })
        #expect(expired.level == "warning")
        #expect(expired.locations?.first?.physicalLocation?.region.startLine == 9)
        #expect(notes.contains { $0.level == "note" && $0.message.text.contains("matched no finding") })
        #expect(notes.contains { $0.message.text.hasPrefix("Skipped 'reports/README.md'") })
    }

    @Test func automationDetailsCategory() throws {
        #expect(try Self.decode(ReporterFixtures.busy).automationDetails.id == "credlint/123456789012/")
        #expect(try Self.decode(ReporterFixtures.multi).automationDetails.id == "credlint/")
        #expect(try Self.decode(ReporterFixtures.multi, ReportOptions(sarifCategory: "credlint-prod")).automationDetails.id
                == "credlint-prod/")
        #expect(try Self.decode(ReporterFixtures.busy, ReportOptions(sarifCategory: "x/y/")).automationDetails.id == "x/y/")
    }

    @Test func cleanRunHasEmptyResultsArray() throws {
        let text = String(decoding: SARIFReporter.render(ReporterFixtures.clean), as: UTF8.self)
        #expect(text.contains("\"results\": []"))
        #expect(try Self.decode(ReporterFixtures.clean).tool.driver.rules.count == 6)
    }

    @Test func suppressedFindingsOnlyWithIncludeSuppressed() throws {
        let run = try Self.decode(ReporterFixtures.busy, ReportOptions(includeSuppressed: true))
        #expect(run.results.count == 7)
        let s = try #require(run.results.first { $0.suppressions != nil })
        let suppression = try #require(s.suppressions?.first)
        #expect(suppression.kind == "external" && suppression.status == "accepted")
        #expect(suppression.justification == "Quarterly batch job; key rotates with the job.")
        #expect(suppression.properties?["expires"] == "2026-06-30T00:00:00Z")
        #expect(suppression.location?.physicalLocation?.artifactLocation.uri == ".credlint.yml")
    }

    @Test func baselineStateOnlyWithBaseline() throws {
        let report = ReporterFixtures.busy
        let baseline = Baseline(findings: Array(report.allFindings.prefix(2)))
        let applied = baseline.apply(to: report)
        let run = try Self.decode(applied)
        #expect(run.results.count == 4)
        #expect(run.results.allSatisfy { $0.baselineState == "new" })
        let all = try Self.decode(applied, ReportOptions(includeUnchanged: true))
        #expect(all.results.filter { $0.baselineState == "unchanged" }.count == 2)
    }

    @Test func minSeverityFiltersResultsButKeepsRules() throws {
        let run = try Self.decode(ReporterFixtures.busy, ReportOptions(minSeverity: .high))
        #expect(run.results.map(\.ruleId) == ["CL101", "CL201", "CL201"])
        #expect(run.tool.driver.rules.count == 6)
    }

    @Test func truncationKeepsHighestSeverities() throws {
        let report = ReporterFixtures.many(23)  // 5 critical, 5 high, 5 medium, 4 low, 4 info
        let run = try Self.decode(report, ReportOptions(maxResults: 7))
        #expect(run.results.count == 7)
        #expect(run.results.filter { $0.ruleId == "CL101" }.count == 5)
        #expect(run.results.filter { $0.ruleId == "CL201" }.count == 2)
        let note = try #require(run.invocations[0].toolExecutionNotifications.first { $0.message.text.contains("truncated") })
        #expect(note.level == "warning")
        #expect(note.message.text.contains("7 highest-severity of 23"))
        // Kept results are still in output order.
        let kept = run.results.map(\.ruleId)
        #expect(kept == kept.sorted())
    }

    /// The streamed writer skips accounts (and the ends of accounts) whose findings cannot
    /// go in; it must pick exactly what the one-pass filter over every finding picks.
    @Test func truncationAcrossAccountsMatchesTheFullFilter() throws {
        for seed in UInt64(0)..<60 {
            var rng = PropertyRNG(seed: 72_000 + seed)
            var report = try SARIFPropertyTests.randomReport(&rng)
            for a in report.accounts.indices {
                var findings = Array(report.accounts[a].orderedFindings)
                SARIFPropertyTests.exemptSome(&findings, &rng, percent: 25)
                report.accounts[a].setFindings(findings)
            }
            let options = ReportOptions(minSeverity: rng.chance(30) ? .medium : nil, includeSuppressed: rng.chance(50),
                                        maxResults: rng.int(0...20))
            let streamed = try Self.decode(report, options).results.map { [$0.ruleId, $0.partialFingerprints["credlint/v1"] ?? ""] }
            // Every shown finding through the one-pass filter, in output order.
            let view = ReportView(report, options)
            var filter = SARIFReporter.select(view, limit: options.maxResults).filter
            let full = view.accounts.flatMap { Array($0.shown) }.filter { filter.keeps($0) }.map { [$0.ruleID, $0.fingerprint] }
            #expect(streamed == full, "seed \(seed)")
        }
    }

    /// A rule property named like one credlint adds is replaced by credlint's value.
    @Test func addedPropertiesWinOverRuleProperties() throws {
        var report = ReporterFixtures.busy
        var findings = Array(report.accounts[0].orderedFindings)
        findings[0] = findings[0].with(properties: ["slot": "from the rule", "severity": "none", "zeta": "1", "age": "2"])
        report.accounts[0].setFindings(findings)
        let run = try Self.decode(report)
        let f = findings[0]
        let props = try #require(run.results.first { $0.message.text.hasPrefix(f.message.prefix(20)) }?.properties)
        #expect(props["slot"] == f.slot && props["severity"] == f.severity.rawValue && props["zeta"] == "1")
    }

    @Test func defaultCapIs5000() throws {
        let run = try Self.decode(ReporterFixtures.many(5_010))
        #expect(run.results.count == 5_000)
        // 1,002 of the 5,010 are info, the lowest severity: exactly 10 of those are dropped.
        #expect(run.results.filter { $0.ruleId == "CL503" }.count == 992)
        #expect(run.results.filter { $0.ruleId == "CL101" }.count == 1_002)
        #expect(run.invocations[0].toolExecutionNotifications.contains { $0.level == "warning" })
    }

    @Test func unknownRuleIDsGetADescriptorSoRuleIndexResolves() throws {
        var report = ReporterFixtures.clean
        report.accounts[0].setFindings([ReporterFixtures.finding("XX999", "custom-rule", .high, "Custom.",
                                                                   account: "111122223333", user: "zed", line: 2)])
        let run = try Self.decode(report)
        let ids = run.tool.driver.rules.map(\.id)
        #expect(ids.last == "XX999")
        #expect(ids[run.results[0].ruleIndex] == "XX999")
    }

    @Test(arguments: [
        ("reports/a.csv", "reports/a.csv"),
        ("./reports/a.csv", "reports/a.csv"),
        ("reports\\win\\a.csv", "reports/win/a.csv"),
        ("/abs/a.csv", "file:///abs/a.csv"),
        ("a/../../b.csv", "b.csv"),
        ("a b/c#d?.csv", "a%20b/c%23d%3F.csv"),
        ("arn:aws:iam::1:user/x", "arn%3Aaws%3Aiam%3A%3A1%3Auser/x"),
        ("caf\u{e9}.csv", "caf%C3%A9.csv"),
        ("50%.csv", "50%25.csv"),
    ])
    func uriReferences(path: String, uri: String) {
        #expect(URIReference.uri(path) == uri)
    }

    @Test func emptyPathFallsBackToSyntheticReportPath() throws {
        var report = ReporterFixtures.clean
        report.accounts[0].setFindings([ReporterFixtures.finding("CL101", "root-access-key-active", .critical, "Root.",
                                                                   account: "111122223333", user: "<root_account>", line: 1, path: "")])
        let uri = try Self.decode(report).results[0].locations[0].physicalLocation?.artifactLocation.uri
        #expect(uri == "credential-report/111122223333.csv")
    }

    // MARK: - The validator CI runs

    static let checker = ProcessInfo.processInfo.environment["CREDLINT_SARIF_CHECK"] ?? "/work/shared/tools/sarif_check.py"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: checker)))
    func generatedSARIFPassesSarifCheck() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let busy = ReporterFixtures.busy
        let cases: [(String, LintReport, ReportOptions)] = [
            ("clean", ReporterFixtures.clean, ReportOptions()),
            ("busy", busy, ReportOptions()),
            ("suppressed", busy, ReportOptions(includeSuppressed: true)),
            ("baseline", Baseline(findings: Array(busy.allFindings.prefix(3))).apply(to: busy),
             ReportOptions(includeSuppressed: true, includeUnchanged: true)),
            ("truncated", ReporterFixtures.many(40), ReportOptions(maxResults: 10)),
            ("many", ReporterFixtures.many(1_500), ReportOptions()),
            ("multi", ReporterFixtures.multi, ReportOptions()),
        ]
        var paths: [String] = []
        for (name, report, options) in cases {
            let url = dir.appendingPathComponent("\(name).sarif")
            try AtomicFileWriter.write(SARIFReporter.render(report, options: options), to: url.path)
            paths.append(url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.checker] + paths
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("\(cases.count) SARIF file(s) ok"), "\(output)")
    }
}
