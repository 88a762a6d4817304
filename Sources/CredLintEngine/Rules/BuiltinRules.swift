import CredLintModel

/// The built-in rule files, embedded so that one `credlint` binary carries its
/// catalogue. The table lives in `BuiltinRules+Generated.swift`, written by
/// `swift run --package-path Tools credlint-dev generate` from `rules/`; a test fails when it is stale.
public enum BuiltinRules {
    /// One rule, embedded once: its YAML parsed ahead of time (`YAMLValue.compactText`), with every
    /// node's position and its block scalars' lines, so that loading it needs no YAML parser
    /// (parsing the YAML of every built-in rule was a third of linting a small report) and its
    /// errors and examples still name `rules/<file>:line:column`.
    public struct File: Sendable {
        public let name: String
        package let tree: String

        package var path: String { "rules/" + name }

        /// The rule as read from its tree.
        package func source() throws -> RuleSource {
            guard let (root, blocks) = YAMLValue.fromCompactText(tree, path: path) else {
                throw CredLintError("the embedded copy of this built-in rule is malformed; run `swift run --package-path Tools credlint-dev generate`", path: path)
            }
            return try RuleSource.parse(root: root, origin: .blocks(blocks), path: path)
        }
    }
}
