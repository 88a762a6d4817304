/// The built-in rule files, embedded so that one `credlint` binary carries its
/// catalogue. The table lives in `BuiltinRules+Generated.swift`, written by
/// `swift run credlint dev-generate` from `rules/`; a test fails when it is stale.
public enum BuiltinRules {
    public struct File: Sendable {
        public let name: String
        public let text: String
        /// `text` parsed ahead of time (`YAMLValue.compactText`): parsing the YAML of every
        /// built-in rule at start-up was a third of linting a small report.
        public let tree: String
    }
}
