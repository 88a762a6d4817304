import Testing
@testable import CredLintModel
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct ExemptionMatcherTests {
    static let asOf = ReporterFixtures.t("2026-01-01T00:00:00Z")
    static let yml = SourceLocation(path: ".credlint.yml", line: 3, column: 5)

    static func exemption(_ rule: String, _ principal: String, slot: String? = nil, expires: String = "2026-07-01",
                          line: Int = 3) -> Exemption {
        Exemption(rule: rule, principal: principal, slot: slot, reason: "accepted", expires: ReporterFixtures.t(expires),
                       location: SourceLocation(path: ".credlint.yml", line: line, column: 5))
    }

    static let alice = ReporterFixtures.finding("CL203", "access-key-unused", .medium, "m.", user: "alice",
                                                slot: "access_key_1", line: 3)
    static let ciBot = ReporterFixtures.finding("CL203", "access-key-unused", .medium, "m.", user: "ci-bot",
                                                slot: "access_key_2", line: 4)
    static let account = ReporterFixtures.finding("CL503", "credential-report-stale", .info, "m.", user: "account", line: 1)

    @Test(arguments: [
        ("arn:aws:iam::123456789012:user/alice", true),
        ("arn:aws:iam::123456789012:user/*", true),
        ("arn:aws:iam::*:user/alice", true),
        ("arn:aws:iam::123456789012:user/alic?", true),
        ("*", true),
        ("user/alice", false),                          // anchored: no substring matches
        ("arn:aws:iam::123456789012:user/ali", false),
        ("arn:aws:iam::123456789012:user/alice*x", false),
        ("arn:aws:iam::123456789012:user/alice?", false),
        ("ARN:aws:iam::123456789012:user/alice", false), // case-sensitive
        ("*:user/a*e", true),
        ("*a*a*a*a*a*a*a*a*b", false),                   // no exponential backtracking
    ])
    func globs(pattern: String, matches: Bool) {
        #expect(Glob(pattern).matches("arn:aws:iam::123456789012:user/alice") == matches)
    }

    @Test func globEdgeCases() {
        #expect(Glob("").matches(""))
        #expect(!Glob("").matches("a"))
        #expect(Glob("**").matches(""))
        #expect(Glob("a*b*c").matches("a/x:b/y:c"))
        #expect(!Glob("a*b*c").matches("a/x:b/y:cd"))
        #expect(Glob("?").matches("é"))
    }

    @Test func ruleByIDOrNameAndSlot() {
        #expect(Self.exemption("CL203", "*").matches(Self.alice))
        #expect(Self.exemption("access-key-unused", "*").matches(Self.alice))
        #expect(!Self.exemption("CL204", "*").matches(Self.alice))
        #expect(!Self.exemption("cl203", "*").matches(Self.alice))
        #expect(Self.exemption("CL203", "*", slot: "access_key_1").matches(Self.alice))
        #expect(!Self.exemption("CL203", "*", slot: "access_key_2").matches(Self.alice))
        #expect(Self.exemption("CL503", "account:123456789012").matches(Self.account))
    }

    @Test func unexpiredExemptionSuppresses() {
        let e = Self.exemption("CL203", "arn:aws:iam::*:user/ci-*", line: 7)
        let out = ExemptionMatcher.apply([Self.alice, Self.ciBot], exemptions: [e], asOf: Self.asOf)
        #expect(out.findings[0].suppression == nil)
        #expect(out.findings[1].suppression == Suppression(reason: "accepted", expires: ReporterFixtures.t("2026-07-01"),
                                                           source: SourceLocation(path: ".credlint.yml", line: 7, column: 5)))
        #expect(out.expired.isEmpty && out.stale.isEmpty)
    }

    @Test func expiredExemptionReopensAndIsReported() {
        let e = Self.exemption("CL203", "*", expires: "2025-12-31")
        let out = ExemptionMatcher.apply([Self.alice], exemptions: [e], asOf: Self.asOf)
        #expect(out.findings[0].suppression == nil)
        #expect(out.expired == [e])
        #expect(out.stale.isEmpty)
    }

    @Test func expiryIsExclusiveAtTheAsOfInstant() {
        let e = Self.exemption("CL203", "*", expires: "2026-01-01")
        #expect(e.isExpired(asOf: Self.asOf))
        #expect(!e.isExpired(asOf: Self.asOf - .seconds(1)))
    }

    @Test func staleExemptionsMatchedNothing() {
        let used = Self.exemption("CL203", "*:user/alice", line: 2)
        let unused = Self.exemption("CL201", "*", line: 9)
        let expiredUnused = Self.exemption("CL101", "*", expires: "2020-01-01", line: 5)
        let out = ExemptionMatcher.apply([Self.alice], exemptions: [unused, used, expiredUnused], asOf: Self.asOf)
        #expect(out.stale == [expiredUnused, unused])  // sorted by location
        #expect(out.expired.isEmpty)
    }

    @Test func firstUnexpiredMatchWinsAndExpiredOnesAreStillReported() {
        let expired = Self.exemption("CL203", "*", expires: "2025-01-01", line: 1)
        let first = Exemption(rule: "CL203", principal: "*:user/alice", reason: "first", expires: ReporterFixtures.t("2027-01-01"),
                                   location: SourceLocation(path: ".credlint.yml", line: 10))
        let second = Exemption(rule: "access-key-unused", principal: "*", reason: "second", expires: ReporterFixtures.t("2027-01-01"),
                                    location: SourceLocation(path: ".credlint.yml", line: 20))
        let out = ExemptionMatcher.apply([Self.alice], exemptions: [expired, first, second], asOf: Self.asOf)
        #expect(out.findings[0].suppression?.reason == "first")
        #expect(out.expired == [expired])
        #expect(out.stale.isEmpty)  // `second` matched, even though `first` was used
    }

    @Test func reportLevelUsesEachAccountsAsOf() {
        let report = ReporterFixtures.multi  // 222233334444 as of 2026-01-15, 555566667777 as of 2026-02-01
        let e = Self.exemption("CL202", "*", expires: "2026-01-20")  // erin's finding is in 222233334444
        let dave = Self.exemption("CL203", "*:user/dave", expires: "2026-01-20", line: 4)  // dave is in 555566667777
        let applied = ExemptionMatcher.apply(to: report, exemptions: [e, dave])
        let findings = applied.allFindings
        #expect(findings.first { $0.ruleID == "CL202" }?.suppression != nil)
        #expect(findings.first { $0.ruleID == "CL203" }?.suppression == nil)
        #expect(applied.expiredExemptions == [dave])
        #expect(applied.staleExemptions.isEmpty)
        // Suppressed findings drop out of the gate.
        #expect(Gate.failing(report: applied, failOn: .low).map(\.ruleID) == ["CL101", "CL203"])
        #expect(TextReporter.string(applied).contains("1 suppressed"))
    }

    @Test(arguments: [("", "*", "r"), ("CL203", "", "r"), ("CL203", "*", ""), ("CL203", "*", "  \n")])
    func blankRequiredFieldsThrowAtTheEntry(rule: String, principal: String, reason: String) {
        let e = Exemption(rule: rule, principal: principal, reason: reason, expires: Self.asOf, location: Self.yml)
        #expect(throws: CredLintError.self) { try e.validate() }
        do {
            try e.validate()
        } catch let e as CredLintError {
            #expect(e.location == Self.yml)
            #expect(e.description.hasPrefix(".credlint.yml:3:5: error: exemption"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func blankSlotThrowsAndValidEntriesPass() {
        #expect(throws: CredLintError.self) {
            try Exemption(rule: "CL203", principal: "*", slot: "", reason: "r", expires: Self.asOf, location: Self.yml).validate()
        }
        #expect(throws: Never.self) {
            try Exemption(rule: "CL203", principal: "*", slot: "password", reason: "r", expires: Self.asOf, location: Self.yml).validate()
        }
    }
}
