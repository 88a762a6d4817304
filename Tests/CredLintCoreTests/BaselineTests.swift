import Testing
@testable import CredLintModel
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct BaselineTests {
    @Test func roundTrip() throws {
        let findings = ReporterFixtures.busy.allFindings
        let bytes = Baseline.write(findings)
        let loaded = try Baseline.load(bytes, path: "baseline.json")
        #expect(loaded.entries.count == findings.count)
        #expect(loaded.path == "baseline.json")
        #expect(loaded.encoded() == bytes)
        #expect(findings.allSatisfy(loaded.contains))
    }

    @Test func fileIsSortedDeduplicatedAndStable() throws {
        let findings = ReporterFixtures.busy.allFindings
        let bytes = Baseline.write(findings.reversed() + findings)
        #expect(bytes == Baseline.write(findings))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"findings\": [\n    {\n      \"accountId\": \"123456789012\",\n      \"fingerprint\": "))
        #expect(text.hasSuffix("  ],\n  \"version\": 1\n}\n"))
        #expect(!text.contains("line") && !text.contains("message"))  // identity only
        let empty = String(decoding: Baseline.write([]), as: UTF8.self)
        #expect(empty == "{\n  \"findings\": [],\n  \"version\": 1\n}\n")
    }

    @Test func writeReportLeavesOutSuppressedFindings() throws {
        let loaded = try Baseline.load(Baseline.write(report: ReporterFixtures.busy), path: "b.json")
        #expect(loaded.entries.count == 6)
        #expect(!loaded.entries.contains { $0.principal.hasSuffix("deploy-bot") })
    }

    @Test func applyMarksNewAndUnchanged() {
        let all = ReporterFixtures.busy.allFindings
        let baseline = Baseline(findings: Array(all.prefix(3)))
        let marked = baseline.apply(all)
        #expect(marked.prefix(3).allSatisfy { $0.baselineState == .unchanged })
        #expect(marked.dropFirst(3).allSatisfy { $0.baselineState == .new })
        // A finding whose message, line and severity changed is still the same finding.
        var moved = all[0]
        moved = moved.with(message: "Different.")
        moved.location = SourceLocation(path: "elsewhere.csv", line: 40)
        #expect(baseline.apply([moved])[0].baselineState == .unchanged)
    }

    @Test func applyToReportCountsAbsentEntries() {
        let gone = ReporterFixtures.finding("CL201", "console-user-without-mfa", .high, "Gone.", user: "mallory",
                                            slot: "password", line: 9)
        let baseline = Baseline(findings: [ReporterFixtures.busy.allFindings[0], gone], path: "b.json")
        let report = baseline.apply(to: ReporterFixtures.busy)
        #expect(report.baseline == BaselineSummary(path: "b.json", entries: 2, absent: 1))
        #expect(report.reportedFindings(ReportOptions()).count == 5)
    }

    @Test func malformedJSONReportsLineAndColumn() {
        let bytes = Array("{\n  \"version\": 1,\n  \"findings\": [x]\n}\n".utf8)
        #expect(throws: CredLintError.self) { try Baseline.load(bytes, path: "b.json") }
        do {
            _ = try Baseline.load(bytes, path: "b.json")
        } catch let e as CredLintError {
            #expect(e.location?.path == "b.json")
            #expect(e.location?.line == 3)
            #expect(e.description.contains("not valid JSON"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test(arguments: [
        ("{\"version\": 2, \"findings\": []}", "unsupported baseline version 2, expected 1", 1),
        ("{\"findings\": []}", "has no 'version'", 1),
        ("{\"version\": 1, \"findings\": [{\"fingerprint\": \"x\"}]}", "findings[0] has no", 1),
        ("{\"version\": \"1\", \"findings\": []}", "version has the wrong type, expected a number", 1),
        ("[]", "top level has the wrong type, expected an object", 1),
        ("", "not valid JSON", 1),
        ("{\"version\": 1,\n \"findings\": [{\"accountId\": \"1\", \"fingerprint\": \"0000000000000000:1\",\n"
         + " \"principal\": \"p\", \"ruleId\": \"CL1\", \"slot\": \"\"}]}", "does not match its ruleId", 2),
        ("{\"version\": 1, \"findings\": [{\"accountId\": \"1\", \"fingerprint\": \"zz\", \"principal\": \"p\","
         + " \"ruleId\": \"CL1\", \"slot\": \"\"}]}", "is not 16 hex digits", 1),
    ])
    func malformedBaselines(text: String, message: String, line: Int) {
        do {
            _ = try Baseline.load(Array(text.utf8), path: "base.json")
            Issue.record("accepted a malformed baseline: \(text)")
        } catch let e as CredLintError {
            #expect(e.message.contains(message), "\(e)")
            #expect(e.location?.path == "base.json")
            #expect(e.location?.line == line, "\(e)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
