import CredLintModel

/// Runs every example of every rule (`credlint check-rules` and the test suite).
public enum RuleChecker {
    public struct Outcome: Sendable {
        package var rules: Int
        package var examples: Int
        /// One `file:line:col: error: ...` line per failed example or missing example kind.
        package var failures: [String]
    }

    /// All examples of `catalog`; a malformed example throws (exit 2).
    package static func examples(of catalog: RuleCatalog) -> [RuleExample] {
        catalog.rules.flatMap { rule in rule.source.examples.enumerated().map { RuleExample(rule: rule, index: $0.offset, node: $0.element) } }
    }

    public static func check(_ catalog: RuleCatalog) throws -> Outcome {
        var failures: [String] = []
        var count = 0
        for rule in catalog.rules {
            try requireBothKinds(rule)
            for (i, node) in rule.source.examples.enumerated() {
                count += 1
                let outcome = try RuleExample(rule: rule, index: i, node: node).run()
                if let f = outcome.failure { failures.append(f) }
            }
        }
        return Outcome(rules: catalog.rules.count, examples: count, failures: failures)
    }

    /// A rule must show at least one input that fires it and one that does not.
    package static func requireBothKinds(_ rule: CompiledRule) throws {
        let kinds = rule.source.examples.enumerated().map { RuleExample(rule: rule, index: $0.offset, node: $0.element).expectsFire }
        if !kinds.contains(true) {
            throw CredLintError("rule \(rule.id) has no example with 'fires: true'", at: rule.source.examplesLocation)
        }
        if !kinds.contains(false) {
            throw CredLintError("rule \(rule.id) has no example with 'fires: false'", at: rule.source.examplesLocation)
        }
    }
}
