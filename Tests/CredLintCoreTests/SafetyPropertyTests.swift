import Foundation
import Testing
@testable import CredLintXML
@testable import CredLintModel
@testable import CredLintEngine
@testable import CredLintReport

/// Properties users rely on without seeing them: each test is named after the
/// property and fails when that property breaks (scripts/mutants.sh holds the
/// one-line bugs that showed each was untested; docs/testing.md lists them).
@Suite struct SafetyPropertyTests {
    static let catalog = Result { try RuleCatalog.standard(configuration: Configuration()) }

    /// Runs a built-in rule on an example account written as in a rule file's `examples:`.
    static func findings(_ ruleID: String, _ yaml: String) throws -> [Finding] {
        let rule = try #require(try catalog.get().rule(named: ruleID))
        let node = try #require(try YAMLValue.parse("description: safety property\nfires: false\n" + yaml, path: "test.yml"))
        return try RuleExample(rule: rule, index: 0, node: node).run().findings
    }

    // MARK: - Break-glass designation

    struct Designation: Sendable, CustomTestStringConvertible {
        var why: String
        var config: String
        var userYAML: String
        var designated: Bool
        var testDescription: String { why }
    }

    static let designations: [Designation] = [
        Designation(why: "default tag break-glass=true", config: "",
                    userYAML: "{name: ops-1, tags: {break-glass: \"true\"}}", designated: true),
        Designation(why: "default tag breakglass=true", config: "",
                    userYAML: "{name: ops-1, tags: {breakglass: \"true\"}}", designated: true),
        Designation(why: "tag key and value compared case-insensitively", config: "",
                    userYAML: "{name: ops-1, tags: {Break-Glass: \"True\"}}", designated: true),
        Designation(why: "a configured tag", config: "config: {break_glass: {tags: {emergency: \"yes\"}}}",
                    userYAML: "{name: ops-1, tags: {emergency: \"yes\"}}", designated: true),
        Designation(why: "a configured tag with the defaults off",
                    config: "config: {break_glass: {use_defaults: false, tags: {emergency: \"yes\"}}}",
                    userYAML: "{name: ops-1, tags: {emergency: \"YES\"}}", designated: true),
        Designation(why: "the tag with another value", config: "",
                    userYAML: "{name: ops-1, tags: {break-glass: \"false\"}}", designated: false),
        Designation(why: "another tag", config: "",
                    userYAML: "{name: ops-1, tags: {team: \"break-glass\"}}", designated: false),
        Designation(why: "no tag", config: "", userYAML: "{name: ops-1}", designated: false),
    ]

    /// A user tagged as break-glass (and not named like one) is designated: CL401
    /// ("no break-glass identity") stays silent. Tags are how many teams designate.
    @Test(arguments: designations)
    func breakGlassByTagAloneSilencesCL401(_ d: Designation) throws {
        let found = try Self.findings("CL401", """
            \(d.config)
            rows:
              - {user: ops-1, password_enabled: true, mfa_active: true}
            users:
              - \(d.userYAML)
            """)
        #expect(found.isEmpty == d.designated, "\(d.why): \(found.map(\.message))")
    }

    /// Default and configured name globs match whatever the case of the user name.
    @Test(arguments: ["BreakGlass-1", "BREAK-GLASS-admin", "Emergency-Access"])
    func breakGlassNamesMatchCaseInsensitively(_ name: String) throws {
        let found = try Self.findings("CL401", """
            rows:
              - {user: \(name), password_enabled: true, mfa_active: true}
            """)
        #expect(found.isEmpty, "\(name) should be designated by the default globs")
    }

    // MARK: - Unknown is not no

    /// A user in the credential report but missing from the authorization details
    /// (a page not exported, a user created between the two exports) cannot be
    /// judged: never an admin for CL302/CL303, never a usable admin for CL301.
    @Test func userMissingFromDetailsIsUnknownNotAdmin() throws {
        let account = """
            rows:
              - {user: alice, password_enabled: true, mfa_active: false, password_last_used: 2025-12-01T00:00:00+00:00}
              - {user: bob, password_enabled: true, mfa_active: true, password_last_used: 2025-12-01T00:00:00+00:00}
            users:
              - {name: bob, attached_policies: [AdministratorAccess]}
            mfa_devices:
              - {user: bob, serial: "arn:aws:iam::123456789012:mfa/bob"}
            """
        // alice has a password and no MFA: were she taken for an admin, CL302 would fire.
        #expect(try Self.findings("CL302", account).isEmpty)
        // Nor is she an admin with a single MFA device (bob is, so CL303 names only bob).
        #expect(try Self.findings("CL303", account).map(\.principalName) == ["bob"])
        // Nor is she "not admin": she may be the second usable admin, so CL301 cannot say
        // bob is the only one.
        #expect(try Self.findings("CL301", account).isEmpty)
        // Unknown does not make her an admin either: with three wanted, bob and alice (even
        // if she were one) are too few, and the message counts her apart from bob.
        let three = account + "\nparams: {min_admins: 3}"
        let single = try Self.findings("CL301", three)
        #expect(single.count == 1)
        #expect(single.first?.properties["usable_admins"] == "1")
        #expect(single.first?.properties["admins"] == "1")
        #expect(single.first?.properties["unknown_admins"] == "1")
        #expect(single.first?.message.contains("1 more identity could not be judged (not in the authorization details (1))") == true,
                "\(single.first?.message ?? "")")
    }

    // MARK: - Hardened XML

    /// The options every reader is made with leave out entity expansion, DTD loading
    /// and defaulting, validation, XInclude and HUGE, and forbid the network; live
    /// readers report every DTD and entity feature off; the installed external-entity
    /// loader refuses a file that exists. Each is a layer under the DOCTYPE refusal.
    @Test func parserOptionsExcludeEntityExpansionDTDLoadXIncludeAndHuge() throws {
        #expect(LibXML2Setup.unsafeOptionNames(in: LibXML2Setup.safeOptions) == [])
        #expect(LibXML2Setup.forbidsNetwork(LibXML2Setup.safeOptions))
        // The check itself can fail: every unsafe option is named when set.
        let all = LibXML2Setup.unsafeOptions.reduce(Int32(0)) { $0 | $1.bit }
        #expect(LibXML2Setup.unsafeOptionNames(in: all) == ["NOENT", "DTDLOAD", "DTDATTR", "DTDVALID", "XINCLUDE", "HUGE"])

        let off = ["LOADDTD": false, "DEFAULTATTRS": false, "VALIDATE": false, "SUBST_ENTITIES": false]
        let inMemory = try SafeXMLReader(bytes: Array("<GetAccountSummaryResponse/>".utf8))
        #expect(inMemory.dtdAndEntityFeatures == off)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-xmlopts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("summary.xml")
        try Data("<GetAccountSummaryResponse/>".utf8).write(to: file)
        let fromFile = try SafeXMLReader(path: file.path)
        #expect(fromFile.dtdAndEntityFeatures == off)

        // libxml2's default loader would open this file; ours must not.
        #expect(LibXML2Setup.installedLoaderRefuses(file.absoluteString))
        #expect(LibXML2Setup.installedLoaderRefuses(file.path))
    }

    // MARK: - Severity mapping

    /// critical/high are SARIF errors, medium warnings, low/info notes; GitHub's
    /// security-severity puts each in its own band (critical ≥ 9.0, high 7.0–8.9,
    /// medium 4.0–6.9, low 0.1–3.9). Code scanning sorts and gates on these.
    @Test func severityToSARIFLevel() throws {
        let expected: [(Severity, String, ClosedRange<Double>?)] = [
            (.critical, "error", 9.0...10.0), (.high, "error", 7.0...8.9), (.medium, "warning", 4.0...6.9),
            (.low, "note", 0.1...3.9), (.info, "note", nil),
        ]
        #expect(expected.map(\.0) == Severity.allCases.reversed())
        for (severity, level, band) in expected {
            #expect(severity.sarifLevel == level, "\(severity)")
            if let band {
                let score = try #require(severity.securitySeverity.flatMap(Double.init), "\(severity)")
                #expect(band.contains(score), "\(severity): \(score) is outside GitHub's band \(band)")
            } else {
                #expect(severity.securitySeverity == nil)
            }
        }

        // And in a rendered SARIF: every result's level and every rule's default level.
        let report = ReporterFixtures.busy
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReporter.render(report))) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let rules = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])["rules"] as? [[String: Any]]
        let severityOf = Dictionary(uniqueKeysWithValues: report.rules.map { ($0.id, $0.severity) })
        for r in try #require(rules) {
            let id = try #require(r["id"] as? String)
            let level = (r["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(level == severityOf[id]?.sarifLevel, "rule \(id)")
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        let levels = Set(results.compactMap { $0["level"] as? String })
        #expect(levels.isSuperset(of: ["error", "warning"]), "the fixture covers several levels: \(levels)")
        let findingSeverity = Dictionary(report.allFindings.map { ($0.fingerprint, $0.severity) }) { a, _ in a }
        for res in results {
            let fingerprint = (res["partialFingerprints"] as? [String: String])?.values.first
            let severity = try #require(fingerprint.flatMap { findingSeverity[$0] }, "result without a known fingerprint")
            #expect(res["level"] as? String == severity.sarifLevel)
        }
    }

    // MARK: - Baselines

    /// A baseline entry for access key 1 does not cover the same rule on access key 2
    /// of the same user: a second forgotten key is a new finding and fails the gate.
    @Test func baselineDistinguishesAccessKeySlots() throws {
        func key(_ slot: String) -> Finding {
            ReporterFixtures.finding("CL203", "access-key-unused", .medium, "Access key unused.", user: "deploy-bot",
                                     slot: slot, line: 4)
        }
        let k1 = key("access_key_1"), k2 = key("access_key_2")
        #expect(k1.fingerprint != k2.fingerprint)
        let baseline = try Baseline.load(Baseline.write([k1]), path: "baseline.json")
        #expect(baseline.contains(k1))
        #expect(!baseline.contains(k2))

        func report(_ findings: [Finding]) -> LintReport {
            LintReport(toolVersion: "0.1.0", rules: ReporterFixtures.rules, accounts: [
                AccountResult(accountID: "123456789012", asOf: ReporterFixtures.t("2026-01-01T00:00:00Z"),
                              asOfSource: .report, inputs: ["credential-report.csv"], rowsRead: 2,
                              reportGeneratedTime: nil, findings: findings),
            ])
        }
        let onlyKnown = baseline.apply(to: report([k1]))
        #expect(onlyKnown.allFindings.map(\.baselineState) == [.unchanged])
        #expect(Gate.exitCode(report: onlyKnown, failOn: .medium) == 0)
        let both = baseline.apply(to: report([k1, k2]))
        #expect(both.allFindings.map(\.slot) == ["access_key_1", "access_key_2"])
        #expect(both.allFindings.map(\.baselineState) == [.unchanged, .new])
        #expect(Gate.exitCode(report: both, failOn: .medium) == 1)
    }

    // MARK: - Outputs all-or-nothing

    /// A report that fails while it is being written leaves the previous file as it
    /// was, during the write and after, with no temporary file beside it; so does one
    /// that is written but never committed (another output of the run failed).
    @Test func failedRunLeavesPreviousOutputIntact() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-intact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("credlint.sarif").path
        let previous = "{\"previous\": \"report\"}\n"
        try Data(previous.utf8).write(to: URL(fileURLWithPath: path))
        func current() -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
        func listing() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()) ?? [] }

        var seenDuringWrite: String?
        #expect(throws: CredLintError.self) {
            try AtomicFileWriter.write(to: path) { sink in
                sink.write(Array("{\"runs\": [".utf8))
                seenDuringWrite = current()
                throw CredLintError("rendering failed half-way")
            }
        }
        #expect(seenDuringWrite == previous)
        #expect(current() == previous)
        #expect(listing() == ["credlint.sarif"])

        do {
            let staged = try AtomicFileWriter.stage(to: path) { $0.write(Array("{\"new\": 1}\n".utf8)) }
            #expect(current() == previous)
            #expect(staged.path == path)
        }
        #expect(current() == previous)
        #expect(listing() == ["credlint.sarif"])

        // Committed, it does replace the file (so the checks above can fail).
        try AtomicFileWriter.stage(to: path) { $0.write(Array("{\"new\": 2}\n".utf8)) }.commit()
        #expect(current() == "{\"new\": 2}\n")
        #expect(listing() == ["credlint.sarif"])
    }
}
