import Foundation
import Testing

// Issue 7, end to end on the real binary: every resource cap ends the run with
// exit 2 and a clear message (the time and memory of the big cases are measured
// in docs/reliability.md, not here), `--keep-going` loses nothing, and linting needs
// no network.

private let header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
    + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
    + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n"

/// Writes `prefix`, then `count` bytes of `byte`, then `suffix`, in 1 MiB pieces.
private func writeBig(_ path: String, prefix: String, byte: UInt8, count: Int, suffix: String) throws {
    FileManager.default.createFile(atPath: path, contents: nil)
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? h.close() }
    h.write(Data(prefix.utf8))
    let chunk = Data(repeating: byte, count: 1 << 20)
    var left = count
    while left > 0 {
        let n = min(left, chunk.count)
        h.write(n == chunk.count ? chunk : chunk.prefix(n))
        left -= n
    }
    h.write(Data(suffix.utf8))
}

@Suite("Resource caps end the run with exit 2 and a clear message")
struct ResourceCapCLITests {
    func lint(_ path: String, _ extra: [String] = []) throws -> HardeningCLI.Run {
        try HardeningCLI.run(["lint", path, "--as-of", HardeningCLI.asOf] + extra)
    }

    func expectRefused(_ r: HardeningCLI.Run, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, "exit \(r.status), stderr: \(r.err)", sourceLocation: sourceLocation)
        #expect(r.err.contains(message), "stderr: \(r.err)", sourceLocation: sourceLocation)
        #expect(r.out.isEmpty, "stdout: \(r.out.prefix(300))", sourceLocation: sourceLocation)
    }

    @Test func hundredMegabyteQuotedFieldStopsAtTheRecordCap() throws {
        let dir = try TempDir()
        let path = dir.file("report.csv").path
        try writeBig(path, prefix: header + "\"", byte: UInt8(ascii: "a"), count: 100 << 20, suffix: "\"\n")
        let r = try lint(path)
        expectRefused(r, "report.csv:2:1: error: record is longer than 1048576 bytes (the quoted field opened at 2:1 is still open)")
    }

    @Test func longUnquotedFieldStopsAtTheRecordCap() throws {
        let dir = try TempDir()
        let path = dir.file("report.csv").path
        try writeBig(path, prefix: header + "alice,", byte: UInt8(ascii: "b"), count: 3 << 20, suffix: "\n")
        expectRefused(try lint(path), "record is longer than 1048576 bytes")
    }

    @Test func twentyThousandDeepXMLStopsAtTheDepthCap() throws {
        let dir = try TempDir()
        let doc = "<GetAccountAuthorizationDetailsResponse>" + String(repeating: "<a>", count: 20_000)
            + String(repeating: "</a>", count: 20_000) + "</GetAccountAuthorizationDetailsResponse>"
        expectRefused(try lint(try dir.write("deep.xml", doc)), "elements nested deeper than 64 levels")
    }

    @Test func billionLaughsIsRefusedAtTheDoctype() throws {
        let dir = try TempDir()
        var doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            let ref = i == 1 ? "&lol;" : "&lol\(i - 1);"
            doc += "<!ENTITY lol\(i) \"\(String(repeating: ref, count: 10))\">\n"
        }
        doc += "]>\n<GetAccountSummaryResponse>&lol9;</GetAccountSummaryResponse>\n"
        expectRefused(try lint(try dir.write("laughs.xml", doc)), "laughs.xml:2:1: error: DOCTYPE is not allowed in IAM responses")
    }

    @Test func xmlTextLongerThanTheTextCapIsRefused() throws {
        let dir = try TempDir()
        let path = dir.file("summary.xml").path
        try writeBig(path, prefix: "<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap><entry><key>",
                     byte: UInt8(ascii: "k"), count: 9 << 20, suffix: "</key></entry></SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>")
        expectRefused(try lint(path), "more than the 8388608-byte limit")
    }

    @Test func deepJSONStopsAtTheDepthCap() throws {
        let dir = try TempDir()
        let doc = "{\"UserDetailList\": " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "}"
        expectRefused(try lint(try dir.write("gaad.json", doc)), "nested deeper than 128 levels")
    }

    @Test func jsonStringLongerThanTheStringCapIsRefused() throws {
        let dir = try TempDir()
        let path = dir.file("summary.json").path
        try writeBig(path, prefix: "{\"SummaryMap\": {\"Users\": \"", byte: UInt8(ascii: "s"), count: (16 << 20) + 1, suffix: "\"}}")
        expectRefused(try lint(path), "found a string longer than 16777216 bytes")
    }

    @Test(arguments: ["csv", "xml", "json"])
    func inputLargerThanMaxInputSizeIsRefused(_ kind: String) throws {
        let dir = try TempDir()
        let path = dir.file("big.\(kind)").path
        switch kind {
        case "csv": try writeBig(path, prefix: header, byte: UInt8(ascii: "\n"), count: (1 << 20) + 1, suffix: "")
        case "xml": try writeBig(path, prefix: "<GetAccountSummaryResponse>", byte: 32, count: 1 << 20, suffix: "</GetAccountSummaryResponse>")
        default: try writeBig(path, prefix: "{\"SummaryMap\": {", byte: 32, count: 1 << 20, suffix: "}}")
        }
        let r = try lint(path, ["--max-input-size", "1"])
        #expect(r.status == 2, "stderr: \(r.err)")
        #expect(r.err.contains("1048576"), "stderr: \(r.err)")
        #expect(r.err.contains("big.\(kind)"), "stderr: \(r.err)")
        // The same file is fine under the default cap.
        #expect(try lint(path).err.contains("1048576") == false)
    }

    @Test func standardInputLargerThanMaxInputSizeIsRefused() throws {
        let dir = try TempDir()
        let path = dir.file("big.xml").path
        try writeBig(path, prefix: "<GetAccountSummaryResponse>", byte: 32, count: 2 << 20, suffix: "</GetAccountSummaryResponse>")
        let r = try HardeningCLI.run(["lint", "-", "--as-of", HardeningCLI.asOf, "--max-input-size", "1"],
                                     stdin: URL(fileURLWithPath: path))
        expectRefused(r, "stdin:1:1: error: input is larger than 1048576 bytes (raise it with --max-input-size)")
    }

    @Test(arguments: ["0", "-1", "1048577"])
    func maxInputSizeOutOfRangeIsAUsageError(_ value: String) throws {
        let r = try lint("samples/healthy", ["--max-input-size=\(value)"])
        #expect(r.status == 2)
        #expect(r.err.contains("--max-input-size must be between 1 and 1048576"), "stderr: \(r.err)")
    }

    @Test func fileOfNewlinesIsRefusedAtOnce() throws {
        let dir = try TempDir()
        let path = dir.file("newlines.csv").path
        try writeBig(path, prefix: "", byte: 10, count: 4 << 20, suffix: "")
        expectRefused(try lint(path), "newlines.csv:1:1: error: found a blank file")
        let piped = try HardeningCLI.run(["lint", "-", "--as-of", HardeningCLI.asOf], stdin: URL(fileURLWithPath: path))
        expectRefused(piped, "stdin:1:1: error: found a blank file")
    }

    @Test func headerThenEndlessNewlinesIsRefusedAfterAThousand() throws {
        let dir = try TempDir()
        let path = dir.file("header-newlines.csv").path
        try writeBig(path, prefix: header, byte: 10, count: 4 << 20, suffix: "")
        expectRefused(try lint(path), "header-newlines.csv:2:1: error: found more than 1000 blank lines in a row")
    }

    @Test func ruleFileLargerThanTheYAMLCapIsRefused() throws {
        let dir = try TempDir()
        let path = dir.file("rules/CL900-huge-rule.yml").path
        try FileManager.default.createDirectory(atPath: dir.file("rules").path, withIntermediateDirectories: true)
        try writeBig(path, prefix: "id: CL900\n# ", byte: UInt8(ascii: "x"), count: 1 << 20, suffix: "\n")
        let r = try lint("samples/healthy", ["--rules", dir.file("rules").path])
        expectRefused(r, "input is larger than 1048576 bytes (rule and configuration files are at most 1 MiB)")
    }

    @Test func configurationLargerThanTheYAMLCapIsRefused() throws {
        let dir = try TempDir()
        let path = dir.file("big.yml").path
        try writeBig(path, prefix: "fail_on: high\n# ", byte: UInt8(ascii: "x"), count: 1 << 20, suffix: "\n")
        expectRefused(try lint("samples/healthy", ["--config", path]), "(rule and configuration files are at most 1 MiB)")
    }

    @Test func deeplyNestedConditionStopsAtTheExpressionDepthCap() throws {
        let dir = try TempDir()
        let original = try String(contentsOf: HardeningCLI.root.appendingPathComponent("rules/CL102-root-mfa-disabled.yml"),
                                  encoding: .utf8)
        var rule = original.replacingOccurrences(of: "id: CL102", with: "id: CL902")
            .replacingOccurrences(of: "name: root-mfa-disabled", with: "name: deep-condition")
        let deep = String(repeating: "(", count: 100) + "true" + String(repeating: ")", count: 100)
        let start = try #require(rule.range(of: "\ncondition:"))
        let end = try #require(rule.range(of: "\nmessage:", range: start.upperBound..<rule.endIndex))
        rule.replaceSubrange(start.lowerBound..<end.lowerBound, with: "\ncondition: \"\(deep)\"")
        try dir.write("rules/CL902-deep-condition.yml", rule)
        let r = try lint("samples/healthy", ["--rules", dir.file("rules").path])
        expectRefused(r, "expression is nested more than 64 levels deep")
        #expect(r.err.contains("CL902-deep-condition.yml:"), "stderr: \(r.err)")
    }
}

@Suite("--keep-going: a failed account becomes a CL000 finding, the others are linted, exit 2")
struct KeepGoingCLITests {
    /// healthy (111111111111) with a malformed GetAccountSummary.xml; risky (222222222222)
    /// intact, with findings, so it shows up in every format once linted.
    func brokenHealthy() throws -> TempDir {
        let dir = try TempDir()
        try dir.copy("samples/healthy", to: "healthy")
        try dir.copy("samples/risky", to: "risky")
        try dir.write("healthy/GetAccountSummary.xml", "<GetAccountSummaryResponse>\n  <GetAccountSummaryResult>\n</GetAccountSummaryResponse>\n")
        return dir
    }

    func lint(_ dir: TempDir, _ extra: [String]) throws -> HardeningCLI.Run {
        try HardeningCLI.run(["lint", "healthy", "risky", "--as-of", HardeningCLI.asOf, "--fail-on", "none"] + extra, cwd: dir.url)
    }

    @Test func withoutKeepGoingAnInputErrorStopsTheRunWithNoOutput() throws {
        let dir = try brokenHealthy()
        let r = try lint(dir, ["--output", "sarif=out.sarif"])
        #expect(r.status == 2)
        #expect(r.out.isEmpty)
        #expect(r.err.hasPrefix("healthy/GetAccountSummary.xml:3:"), "stderr: \(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out.sarif").path))
    }

    @Test(arguments: ["text", "json", "sarif", "github", "markdown", "junit"])
    func failedAccountIsReportedInEveryFormat(_ format: String) throws {
        let dir = try brokenHealthy()
        let r = try lint(dir, ["--keep-going", "--format", format])
        #expect(r.status == 2)
        let errorLine = try #require(r.err.split(separator: "\n").first.map(String.init))
        #expect(errorLine.hasPrefix("healthy/GetAccountSummary.xml:3:"), "stderr: \(r.err)")
        #expect(r.out.contains("CL000"), "\(format): \(r.out.prefix(500))")
        #expect(r.out.contains("healthy/GetAccountSummary.xml"), "\(format)")
        // The other account was linted: its findings are there too.
        #expect(r.out.contains("CL201"), "\(format)")
    }

    @Test func findingCarriesTheErrorLineAndLocation() throws {
        let dir = try brokenHealthy()
        let r = try lint(dir, ["--keep-going", "--format", "json"])
        #expect(r.status == 2)
        let errorLine = try #require(r.err.split(separator: "\n").first.map(String.init))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let cl000 = findings.filter { $0["ruleId"] as? String == "CL000" }
        #expect(cl000.count == 1)
        let f = try #require(cl000.first)
        #expect(f["ruleName"] as? String == "input-error")
        #expect(f["severity"] as? String == "critical")
        #expect(f["accountId"] as? String == "111111111111")
        #expect((f["message"] as? String)?.hasPrefix(errorLine) == true, "\(f)")
        let location = try #require(f["location"] as? [String: Any])
        #expect(location["path"] as? String == "healthy/GetAccountSummary.xml")
        #expect(location["line"] as? Int == 3)
        // The risky account was linted as usual.
        #expect(findings.contains { $0["accountId"] as? String == "222222222222" && $0["ruleId"] as? String == "CL201" })
        let accounts = try #require(json["accounts"] as? [[String: Any]])
        #expect((accounts.first { $0["accountId"] as? String == "222222222222" }?["rowsRead"] as? Int ?? 0) > 0)
    }

    @Test func anErrorWhileLintingARowAlsoFailsOnlyItsAccount() throws {
        let dir = try TempDir()
        try dir.copy("samples/healthy", to: "healthy")
        try dir.copy("samples/risky", to: "risky")
        // Only the bare CSV (the envelope would have to match it), with a bad value on its last row.
        try FileManager.default.removeItem(at: dir.file("healthy/GetCredentialReport.xml"))
        var csv = try String(contentsOf: dir.file("healthy/credential-report.csv"), encoding: .utf8)
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let last = try #require(lines.lastIndex { !$0.isEmpty })
        lines[last] = lines[last].replacingOccurrences(of: ",true,", with: ",maybe,")
        csv = lines.joined(separator: "\n")
        try dir.write("healthy/credential-report.csv", csv)
        let r = try lint(dir, ["--keep-going", "--format", "sarif"])
        #expect(r.status == 2)
        #expect(r.err.contains("healthy/credential-report.csv:\(last + 1):"), "stderr: \(r.err)")
        #expect(r.err.contains("expected true, false"), "stderr: \(r.err)")
        #expect(r.out.contains("\"ruleId\" : \"CL000\"") || r.out.contains("\"ruleId\": \"CL000\""), "\(r.out.prefix(300))")
        #expect(r.out.contains("credlint/v1"))
    }
}

@Suite("No network")
struct NoNetworkCLITests {
    @Test(.enabled(if: HardeningCLI.works(["unshare", "-rn"]), "needs unprivileged user and network namespaces"))
    func lintOutputIsTheSameWithoutANetwork() throws {
        let args = ["lint", "samples/", "--as-of", HardeningCLI.asOf, "--format", "sarif"]
        let online = try HardeningCLI.run(args)
        let offline = try HardeningCLI.run(args, prefix: ["unshare", "-rn"])
        #expect(online.status == 1)
        #expect(offline.status == online.status)
        #expect(!online.out.isEmpty)
        #expect(offline.out == online.out)
        #expect(offline.err == online.err)
    }
}
