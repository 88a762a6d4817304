import Foundation
import Testing

/// Configuration discovery (`.credlint.yml`/`.yaml` up to the repository root, `credlint config`)
/// and what a directory walk leaves out (`--exclude`, built-in folders, links out of the tree).
@Suite struct CLIConfigWalkTests {
    /// A repository (a `.git` folder) holding the healthy sample in `exports/` and a configuration
    /// at its root that turns CL203 off; credlint runs in `exports/`.
    static func repository(configName: String = ".credlint.yaml") throws -> Scratch {
        let s = try Scratch()
        try s.write(".git/HEAD", "ref: refs/heads/main\n")
        try s.write(configName, "fail_on: low\nrules:\n  CL203: { enabled: false }\n  CL204: { params: { days: 120 } }\n")
        for f in try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("samples/risky").path) {
            try s.copy("samples/risky/\(f)", to: "exports/\(f)")
        }
        return s
    }

    @Test func aConfigurationInAParentFolderUpToTheRepositoryRootApplies() throws {
        let s = try Self.repository()
        let cwd = s.url.appendingPathComponent("exports")
        let found = try CLI.run(["lint", ".", "--as-of", CLI.asOf, "--format", "json"], cwd: cwd)
        #expect(found.status == 1, "\(found.err)")
        #expect(!found.out.contains("\"CL203\""))
        let config = try CLI.run(["config"], cwd: cwd)
        #expect(config.status == 0, "\(config.err)")
        #expect(config.out.hasPrefix("configuration: ../.credlint.yaml\nsearched: ., .. (up to the repository root ..)\n"))
        #expect(config.out.contains("fail_on: low  # from ../.credlint.yaml\n"))
        #expect(config.out.contains("  CL203 access-key-unused: disabled\n"))
        #expect(config.out.contains("  CL204 access-key-not-rotated: days = 120 (default 90)\n"))

        // Without the `.git` marker the parent is outside the search: defaults apply.
        try FileManager.default.removeItem(at: s.url.appendingPathComponent(".git"))
        let outside = try CLI.run(["lint", ".", "--as-of", CLI.asOf, "--format", "json"], cwd: cwd)
        #expect(outside.out.contains("\"CL203\""))
        let none = try CLI.run(["config"], cwd: cwd)
        #expect(none.out.hasPrefix("configuration: none (every setting is a default)\nsearched: . (not in a git repository: only the working directory)\n"))
        #expect(none.out.contains("fail_on: high  # default\n"))
    }

    @Test func theNearestConfigurationWinsAndTwoNamesInOneFolderAreAnError() throws {
        let s = try Self.repository(configName: ".credlint.yml")
        try s.write("exports/.credlint.yml", "fail_on: critical\n")
        let cwd = s.url.appendingPathComponent("exports")
        let near = try CLI.run(["config"], cwd: cwd)
        #expect(near.out.hasPrefix("configuration: .credlint.yml\nsearched: . (up to the repository root ..)\n"))
        #expect(near.out.contains("fail_on: critical  # from .credlint.yml\n"))

        try s.write("exports/.credlint.yaml", "fail_on: info\n")
        for args in [["config"], ["lint", ".", "--as-of", CLI.asOf]] {
            let both = try CLI.run(args, cwd: cwd)
            #expect(both.status == 2)
            #expect(both.out.isEmpty)
            #expect(both.errLines == [".credlint.yml:1:1: error: both .credlint.yml and .credlint.yaml exist; expected one configuration file (remove one, or choose with --config)"])
        }
        // --config chooses, and is not searched for.
        let chosen = try CLI.run(["config", "--config", ".credlint.yaml"], cwd: cwd)
        #expect(chosen.status == 0, "\(chosen.err)")
        #expect(chosen.out.hasPrefix("configuration: .credlint.yaml (--config)\n"))
        #expect(chosen.out.contains("fail_on: info  # from .credlint.yaml\n"))
    }

    @Test func walkingSkipsBuiltInFoldersExcludedGlobsAndLinksOutOfTheTree() throws {
        let s = try Scratch()
        for f in try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("samples/healthy").path) {
            try s.copy("samples/healthy/\(f)", to: "repo/exports/\(f)")
        }
        // Copies of another account's report, each of which would make the run fail or change.
        let other = try String(contentsOf: CLI.root.appendingPathComponent("samples/healthy/credential-report.csv"), encoding: .utf8)
            .replacingOccurrences(of: "111111111111", with: "210987654321")
        for path in ["repo/node_modules/pkg/credential-report.csv", "repo/.build/r.csv", "repo/.git/r.csv",
                     "repo/exports/archive/2025/credential-report.csv", "outside/credential-report.csv"] {
            try s.write(path, other)
        }
        try FileManager.default.createSymbolicLink(atPath: s.path + "/repo/linked", withDestinationPath: "../outside")
        let cwd = s.url.appendingPathComponent("repo")

        let all = try CLI.run(["lint", ".", "--as-of", CLI.asOf, "--format", "json"], cwd: cwd)
        #expect(all.out.contains("\"210987654321\""), "the archive is walked without --exclude")

        let r = try CLI.run(["lint", ".", "--as-of", CLI.asOf, "--format", "json", "--exclude", "archive", "--exclude", "*.bak"], cwd: cwd)
        #expect(r.status == 0, "\(r.err)")
        #expect(!r.out.contains("210987654321"))
        #expect(r.out.contains("skipped: symbolic link to '../outside', which leads outside .; not followed"))
        // Excluding by the path as shown works too, and so does `exclude:` in the configuration.
        let shown = try CLI.run(["lint", ".", "--as-of", CLI.asOf, "--exclude", "exports/archive/*"], cwd: cwd)
        #expect(shown.status == 0, "\(shown.err)")
        try s.write("repo/.credlint.yml", "exclude: [archive]\n")
        let configured = try CLI.run(["lint", ".", "--as-of", CLI.asOf], cwd: cwd)
        #expect(configured.status == 0, "\(configured.err)")
    }
}

/// The pre-commit hooks pass every staged file; `--skip-unrecognized` (which they use) judges
/// them by content, as a directory walk does, while a plain run keeps refusing them.
@Suite struct CLIPreCommitTests {
    @Test func hooksSkipFilesThatAreNotIAMExports() throws {
        let s = try Scratch()
        let package = try s.write("package.json", "{\"name\": \"web\", \"version\": \"1.0.0\"}\n")
        let report = try s.copy("samples/healthy/credential-report.csv", to: "exports/credential-report.csv")
        // Every hook's entry carries the flag.
        let hooks = try String(contentsOf: CLI.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let entries = hooks.split(separator: "\n").filter { $0.hasPrefix("  entry:") }
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { $0.hasSuffix("lint --allow-missing credential_report --skip-unrecognized") })
        #expect(hooks.contains("- id: credlint-docker") && hooks.contains("language: docker_image"))

        let plain = try CLI.lint([package])
        #expect(plain.status == 2)
        #expect(plain.errLines.first?.contains("error: found JSON that is not an IAM response") == true, "\(plain.err)")

        let mixed = try CLI.lint([package, report], ["--skip-unrecognized", "--allow-missing", "credential_report"])
        #expect(mixed.status == 0, "\(mixed.err)")
        #expect(mixed.out.contains("note: skipped: JSON that is not an IAM response"))
        #expect(mixed.out.contains("Account 111111111111"))

        let none = try CLI.lint([package], ["--skip-unrecognized"])
        #expect(none.status == 0, "\(none.err)")
        #expect(none.out.contains("note: no IAM data among the 1 path given (--skip-unrecognized); nothing was linted"))
        // A broken IAM export is still an input error.
        let empty = try s.write("exports/GetAccountSummary.xml", "")
        let broken = try CLI.lint([package, empty], ["--skip-unrecognized"])
        #expect(broken.status == 2)
    }
}
