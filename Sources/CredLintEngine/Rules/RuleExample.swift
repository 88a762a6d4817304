import CredLintModel

/// One `examples:` entry of a rule, turned into a small account and run.
///
/// The account starts clean (see docs/rule-format.md) and the credential report
/// is rendered as CSV and read by the real parser, so examples exercise the
/// same path as real inputs.
package struct RuleExample: Sendable {
    package var rule: CompiledRule
    package var index: Int
    package var node: YAMLValue

    package var description: String {
        (try? node.fields("an example", allowed: Self.keys)["description"]?.string("description")) ?? "example \(index + 1)"
    }

    /// Whether the example says the rule fires.
    package var expectsFire: Bool? {
        guard let f = try? node.fields("an example", allowed: Self.keys)["fires"] else { return nil }
        return try? f.bool("fires")
    }

    package static let keys = ["description", "fires", "count", "principal", "message", "as_of", "root", "rows", "users", "groups",
                              "roles", "policies", "mfa_devices", "virtual_mfa_devices", "summary", "password_policy",
                              "config", "params", "inputs", "report_generated", "management_account"]
    package static let defaultAsOf = ISO8601.parse("2026-01-01T00:00:00Z")!
    package static let accountID = "123456789012"

    package struct Outcome: Sendable {
        package var passed: Bool
        /// Why it failed, as `file:line:col: error: ...`.
        package var failure: String?
        package var findings: [Finding]
    }

    /// Runs the example; a malformed example throws (exit 2), a wrong expectation fails (exit 1).
    package func run() throws -> Outcome {
        let what = "an example"
        let f = try node.fields(what, allowed: Self.keys)
        guard let firesNode = f["fires"] else { throw CredLintError("example has no 'fires: true|false'", at: node.location) }
        let fires = try firesNode.bool("fires")
        _ = try f.require("description", in: what, at: node.location).string("description")
        // A pinned message says what the finding reads; with no finding there is nothing to pin.
        let message = try f["message"].map { m in
            guard fires else { throw CredLintError("'message' pins the findings' message; an example with 'fires: false' has none", at: m.location) }
            return (text: try m.string("message"), location: m.location)
        }
        let asOf = try f["as_of"].map { try Configuration.date($0, what: "as_of") } ?? Self.defaultAsOf
        var config = try f["config"].map { try Configuration.parse($0) } ?? Configuration()
        if let p = f["params"], !p.isNull {
            var settings = Configuration.RuleSettings(enabled: true, severity: nil, params: [:], location: p.location)
            for (k, _, v) in try p.mapping("params") { settings.params[k] = v }
            config.rules = [rule.id: settings]
        }
        // A param that follows another rule's (CL204's until_days) reads that rule's settings in `config:`.
        var followed: [String: RuleSource.ParamValue] = [:]
        for p in rule.descriptor.params where p.follows != nil && !config.rules.isEmpty {
            if let own = rule.source.paramDefaults[p.name],
               let v = try RuleCatalog.followedValue(p, of: rule.id, settings: config.rules, otherDefault: own) { followed[p.name] = v }
        }
        let compiled = f["params"] == nil && followed.isEmpty ? rule
            : try CompiledRule.compile(rule.source, settings: config.rules[rule.id], paramOverrides: followed)
        let inputs = try ExampleAccountBuilder(fields: f, node: node, rule: rule.descriptor).build()
        let result = try AccountLinter(rules: [compiled], configuration: config).lint(inputs, asOfFlag: asOf, clock: { asOf })
        let findings = Array(result.orderedFindings)
        var failure: String?
        let here = "\(node.location): error: \(rule.id) example '\(description)'"
        if fires {
            if let c = f["count"] {
                let want = try c.int("count")
                if findings.count != want { failure = "\(here) expected \(want) finding(s), got \(findings.count)\(Self.list(findings))" }
            } else if findings.isEmpty {
                failure = "\(here) expected the rule to fire, it did not"
            }
            if failure == nil, let p = f["principal"] {
                let want = try p.string("principal")
                if let bad = findings.first(where: { $0.principalName != want }) {
                    failure = "\(here) expected findings about '\(want)', got one about '\(bad.principalName)'"
                }
            }
            // Located at the `message:` line, the text to fix when the rule's wording changes on purpose.
            if failure == nil, let message, let bad = findings.first(where: { $0.message != message.text }) {
                failure = "\(message.location): error: \(rule.id) example '\(description)' expected the message '\(message.text)', got '\(bad.message)'"
            }
        } else if !findings.isEmpty {
            failure = "\(here) expected no finding, got \(findings.count)\(Self.list(findings))"
        }
        return Outcome(passed: failure == nil, failure: failure, findings: findings)
    }

    static func list(_ fs: [Finding]) -> String {
        fs.isEmpty ? "" : ": " + fs.prefix(3).map { "'\($0.message)'" }.joined(separator: "; ")
    }
}
