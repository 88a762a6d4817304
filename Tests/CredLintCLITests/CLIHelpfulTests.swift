import Foundation
import Testing

/// A CLI that helps people who mistype: did-you-mean for commands, options, rule ids and
/// option values; case-insensitive severities and formats; `--quiet`; the closing line of exit 1.
@Suite struct CLIHelpfulTests {
    @Test(arguments: [
        (["lnt", "samples/"], "error: unknown command 'lnt' (did you mean 'lint'?)"),
        (["expain", "CL301"], "error: unknown command 'expain' (did you mean 'explain'?)"),
        (["explain", "CL3O1"], "error: no rule 'CL3O1' (did you mean 'CL301'?)"),
        (["lint", "samples/", "--fial-on", "high"], "Did you mean '--fail-on'?"),
        (["lint", "samples/", "--format", "sarf"], "did you mean 'sarif'? expected one of text, json, sarif"),
        (["lint", "samples/", "--fail-on", "hihg"], "did you mean 'high'? expected one of critical, high, medium, low, info, none"),
        (["lint", "samples/", "--min-severity", "meduim"], "did you mean 'medium'?"),
        (["lint", "samples/", "--output", "junti=x.xml"], "--output FORMAT 'junti': did you mean 'junit'?"),
        (["rules", "--format", "jsn"], "did you mean 'json'?"),
    ])
    func aNearMissNamesTheClosest(args: [String], expected: String) throws {
        let r = try CLI.run(args + (args.contains("samples/") ? ["--as-of", CLI.asOf] : []))
        #expect(r.status == 2)
        #expect(r.out.isEmpty)
        #expect(r.err.contains(expected), "\(r.err)")
    }

    @Test func aPathThatExistsIsLintedEvenWhenItIsNamedLikeACommand() throws {
        let s = try Scratch()
        try s.copy("samples/healthy/credential-report.csv", to: "lnt/credential-report.csv")
        let r = try CLI.run(["lnt", "--as-of", CLI.asOf, "--allow-missing", "credential_report"], cwd: s.url)
        #expect(r.status == 0, "\(r.err)")
        // A missing path that resembles no command is still "no such file".
        let missing = try CLI.run(["exports-2026", "--as-of", CLI.asOf])
        #expect(missing.status == 2)
        #expect(missing.errLines == ["exports-2026:1:1: error: no such file or directory"])
    }

    @Test func severitiesAndFormatsIgnoreCase() throws {
        let upper = try CLI.lint(["samples/risky"], ["--fail-on", "CRITICAL", "--format", "JSON", "--min-severity", "High", "--color", "NEVER"])
        let lower = try CLI.lint(["samples/risky"], ["--fail-on", "critical", "--format", "json", "--min-severity", "high", "--color", "never"])
        #expect(upper.status == 1)
        #expect(upper.stdout == lower.stdout)
        #expect(upper.err == lower.err)
        let s = try Scratch()
        let config = try s.write(".credlint.yml", "fail_on: None\nmin_severity: HIGH\nrules:\n  CL101: { severity: Low }\n")
        let r = try CLI.lint(["samples/risky"], ["--config", config])
        #expect(r.status == 0, "\(r.err)")
        let bad = try s.write("bad.yml", "fail_on: hgih\n")
        let e = try CLI.lint(["samples/risky"], ["--config", bad])
        #expect(e.status == 2)
        #expect(e.err.contains("error: fail_on 'hgih': did you mean 'high'?"), "\(e.err)")
    }

    @Test func quietPrintsTheFindingsOnlyAndExitOneNamesItsCause() throws {
        let full = try CLI.lint(["samples/risky"])
        let quiet = try CLI.lint(["samples/risky"], ["--quiet"])
        #expect(full.status == 1)
        #expect(quiet.status == 1)
        // The finding lines of the full output, in order, and nothing else.
        let findingLines = full.out.split(separator: "\n").filter { $0.hasPrefix("samples/") || $0.hasPrefix("    principal:") }
        #expect(quiet.out.split(separator: "\n") == findingLines)
        #expect(!quiet.out.contains("Account 222222222222: as of"))
        #expect(!quiet.out.contains("rows read"))
        #expect(quiet.err.isEmpty)
        // Without --quiet, exit 1 ends with a line saying why.
        #expect(full.errLines.last == "credlint: exit 1: 12 open findings at or above high (2 critical, 10 high); worst: critical CL101, CL302; see 'credlint explain CL101'")
        let medium = try CLI.lint(["samples/risky"], ["--fail-on", "medium", "--format", "sarif"])
        #expect(medium.errLines.last?.hasPrefix("credlint: exit 1: 21 open findings at or above medium (2 critical, 10 high, 9 medium);") == true, "\(medium.err)")
        // Exit 0 prints no closing line.
        let clean = try CLI.lint(["samples/healthy"])
        #expect(clean.status == 0)
        #expect(clean.err.isEmpty)
    }
}

/// The clock: `now` by default (so CL503 fires on a stale report), `report`, a fixed date,
/// `as_of` in the configuration; every output says which it used.
@Suite struct CLIClockTests {
    @Test func nowIsTheDefaultAndEveryOutputNamesTheClock() throws {
        // samples/healthy's report was generated 2026-11-28T09:30:00Z: stale against today's clock.
        let now = try CLI.run(["lint", "samples/healthy", "--format", "json"])
        #expect(now.status == 0, "\(now.err)")
        #expect(now.out.contains("\"asOfSource\": \"current time\""))
        #expect(now.out.contains("\"ruleId\": \"CL503\""))
        let explicit = try CLI.run(["lint", "samples/healthy", "--as-of", "NOW", "-q"])
        #expect(explicit.out.contains(" CL503 credential-report-stale: "))

        let report = try CLI.run(["lint", "samples/healthy", "--as-of", "report", "--format", "sarif"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout)) as? [String: Any])
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["properties"] as? [String: String] == ["asOf": "2026-11-28T09:30:00Z", "asOfSource": "report GeneratedTime"])
        #expect((run["results"] as? [Any])?.isEmpty == true)

        let fixed = try CLI.lint(["samples/healthy"])
        #expect(fixed.out.hasPrefix("Account 111111111111: as of 2026-11-28T12:00:00Z (--as-of)"))

        // as_of in the configuration, beaten by --as-of.
        let s = try Scratch()
        let config = try s.write("c.yml", "as_of: 2026-12-31\n")
        let configured = try CLI.run(["lint", "samples/healthy", "--config", config, "-q"])
        #expect(configured.out.contains("more than 24 hours before the as-of time 2026-12-31T00:00:00Z"), "\(configured.out)")
        let flag = try CLI.run(["lint", "samples/healthy", "--config", config, "--as-of", "report"])
        #expect(flag.out.contains("(report GeneratedTime)"))
        let bad = try s.write("bad.yml", "as_of: yesterday\n")
        let e = try CLI.run(["lint", "samples/healthy", "--config", bad])
        #expect(e.status == 2)
        #expect(e.err.contains("bad.yml:1:8: error: as_of 'yesterday' is not a clock; expected now, report, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"), "\(e.err)")
    }
}
