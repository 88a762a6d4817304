/// The semantic version of credlint and of the rule catalogue built into it (the rules in `rules/`
/// ship embedded, so they are versioned with the tool): SARIF `tool.driver.semanticVersion`,
/// the JSON output's `toolVersion` and `--version` carry it. Bump it with CHANGELOG.md.
package enum CredLintVersion {
    package static let current = "0.1.0"
    package static let informationURI = "https://github.com/credlint/credlint"

    /// The commit this binary was built from, when known: release archives are built from
    /// `git archive` (scripts/package.sh), which fills in BuildCommit; a build from a clone has none.
    package static var commit: String? {
        let raw = BuildCommit.exported
        return raw.count == 40 && raw.allSatisfy(\.isHexDigit) ? raw : nil
    }

    /// What `credlint --version` prints: the version, then the commit or why there is none.
    package static var description: String {
        "\(current) (commit \(commit ?? "unknown: built from a clone, not a release archive"))"
    }
}
