import Foundation
import Testing

/// Less noise: one finding per old key (CL204 up to CL205's limit, CL205 past it), one
/// exemption for several rules or `*`, and `--explain-exemptions`.
@Suite struct CLINoiseTests {
    /// A report with one user whose key is `days` days old at `CLI.asOf`, and the healthy sample's other inputs.
    static func account(keyCreated: String) throws -> Scratch {
        let s = try Scratch()
        let header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
        let root = "<root_account>,arn:aws:iam::333333333333:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        let user = "svc,arn:aws:iam::333333333333:user/svc,2020-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,\(keyCreated),2026-11-27T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        try s.write("credential-report.csv", [header, root, user].joined(separator: "\n") + "\n")
        return s
    }

    static func rules(_ r: CLI.Result) -> [String] {
        r.out.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("CL2") }.map(String.init)
        }.filter { ["CL204", "CL205"].contains($0) }
    }

    @Test func anOldKeyGetsOneFindingAtEachSideOfTheLimit() throws {
        // CLI.asOf is 2026-11-28T12:00:00Z: 365 days before is 2025-11-28T12:00:00Z.
        let atLimit = try Self.account(keyCreated: "2025-11-28T12:00:00+00:00")
        #expect(Self.rules(try CLI.lint([atLimit.path], ["-q"])) == ["CL204"])
        let past = try Self.account(keyCreated: "2025-11-28T11:59:59+00:00")
        #expect(Self.rules(try CLI.lint([past.path], ["-q"])) == ["CL205"])
        // CL205 disabled: the old key is CL204's again, never nobody's.
        let off = try past.write(".credlint.yml", "rules: { CL205: { enabled: false } }\n")
        #expect(Self.rules(try CLI.lint([past.path], ["-q", "--config", off])) == ["CL204"])
        // CL205's limit lowered: CL204 stops where CL205 starts.
        let lower = try past.write("lower.yml", "rules: { CL205: { params: { days: 200 } } }\n")
        #expect(Self.rules(try CLI.lint([past.path], ["-q", "--config", lower])) == ["CL205"])
    }

    @Test func oneExemptionCoversAListOfRulesOrEveryRule() throws {
        let s = try Scratch()
        let list = try s.write("list.yml", """
            exemptions:
              - rule: [CL204, CL205, access-key-unused]
                principal: "arn:aws:iam::222222222222:user/*"
                reason: legacy keys being migrated (TICKET-9)
                expires: 2027-06-01
              - rule: "*"
                principal: account:222222222222
                reason: account findings accepted
                expires: 2026-01-01
              - rule: CL101
                principal: nobody
                reason: kept for the test
                expires: 2027-01-01

            """)
        let r = try CLI.lint(["samples/risky"], ["--config", list, "--explain-exemptions", "--format", "json"])
        #expect(r.status == 1)
        let explain = r.errLines.filter { !$0.hasPrefix("credlint: exit 1") }
        #expect(explain == [
            "\(FileManagerPath.shown(list)):2:5: exemption CL204, CL205, access-key-unused 'arn:aws:iam::222222222222:user/*' until 2027-06-01T00:00:00Z: suppressed 3 findings",
            "  samples/risky/GetCredentialReport.xml:3:1: high CL205 arn:aws:iam::222222222222:user/svc/etl-runner [access_key_1]",
            "  samples/risky/GetCredentialReport.xml:3:1: medium CL203 arn:aws:iam::222222222222:user/eng/sam.rivera [access_key_1]",
            "  samples/risky/GetCredentialReport.xml:3:1: medium CL204 arn:aws:iam::222222222222:user/eng/sam.rivera [access_key_1]",
            "\(FileManagerPath.shown(list)):6:5: exemption * 'account:222222222222' until 2026-01-01T00:00:00Z: suppressed 0 findings; expired on 2026-01-01T00:00:00Z, so the findings it matches are open again",
            "\(FileManagerPath.shown(list)):10:5: exemption CL101 'nobody' until 2027-01-01T00:00:00Z: matched no finding",
        ])
        #expect(r.out.contains("\"suppressed\": 3"), "\(r.out.prefix(600))")

        // `*` suppresses every rule's findings about its principal.
        let all = try s.write("all.yml", "exemptions:\n  - rule: \"*\"\n    principal: \"*\"\n    reason: everything accepted for the test\n    expires: 2027-01-01\n")
        let quiet = try CLI.lint(["samples/risky"], ["--config", all])
        #expect(quiet.status == 0, "\(quiet.err)")
        #expect(quiet.out.hasSuffix("no findings, 33 suppressed, 0 rules skipped.\n"), "\(quiet.out.suffix(300))")

        for (yaml, message) in [("[CL204, \"*\"]", "'*' alone already covers every rule"), ("[]", "'rule' list is empty"),
                                ("[CL204, CL2O5]", "exemption names unknown rule 'CL2O5' (did you mean 'CL205'?)")] {
            let bad = try s.write("bad.yml", "exemptions:\n  - rule: \(yaml)\n    principal: x\n    reason: y\n    expires: 2027-01-01\n")
            let e = try CLI.lint(["samples/risky"], ["--config", bad])
            #expect(e.status == 2)
            #expect(e.err.contains(message), "\(e.err)")
        }
    }
}

/// A path as credlint shows it: relative to the repository root the tests run in, else as is.
enum FileManagerPath {
    static func shown(_ path: String) -> String {
        let root = CLI.root.path.hasSuffix("/") ? CLI.root.path : CLI.root.path + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}
