import Foundation
import Testing

/// `credlint schema` is the checked-in docs/credlint-output.schema.json, and real
/// `--format json` output validates against it (closed objects, so a new key must be described).
@Suite struct CLISchemaTests {
    /// Issue #16: `rules --format json` wrote a form feed as `\u000c`, `lint --format json`
    /// as `\f`. One writer now escapes both (RFC 8259's short escapes), and SARIF too.
    @Test func formFeedIsEscapedAlikeInRulesAndLintJSON() throws {
        let dir = try Scratch()
        let text = try String(contentsOf: CLI.root.appendingPathComponent("rules/CL101-root-access-key-active.yml"), encoding: .utf8)
            .replacingOccurrences(of: "id: CL101", with: "id: XX901")
            .replacingOccurrences(of: "name: root-access-key-active", with: "name: form-feed-demo")
            .replacingOccurrences(of: "title: The root user has an active access key", with: #"title: "page\fbreak, back\bspace""#)
        try dir.write("rules/XX901-form-feed-demo.yml", Array(text.utf8))
        let rules = dir.path + "/rules"
        let listing = try CLI.run(["rules", "--rules", rules, "--format", "json"])
        let json = try CLI.lint(["samples/healthy"], ["--rules", rules, "--format", "json", "--fail-on", "none"])
        let sarif = try CLI.lint(["samples/healthy"], ["--rules", rules, "--format", "sarif", "--fail-on", "none"])
        for (name, r) in [("rules", listing), ("lint json", json), ("lint sarif", sarif)] {
            #expect(r.status == 0, "\(name): \(r.err)")
            #expect(r.out.contains(#""page\fbreak, back\bspace""#), "\(name)")
            #expect(!r.out.contains(#"\u000c"#) && !r.out.contains(#"\u0008"#), "\(name)")
        }
    }

    @Test func schemaCommandPrintsTheCheckedInFile() throws {
        let r = try CLI.run(["schema"])
        #expect(r.status == 0)
        let onDisk = try Data(contentsOf: CLI.root.appendingPathComponent("docs/credlint-output.schema.json"))
        #expect(r.stdout == [UInt8](onDisk), "docs/credlint-output.schema.json is stale; run `swift run --package-path Tools credlint-dev generate`")
    }

    @Test(arguments: [
        ["samples/"],
        ["samples/risky", "--min-severity", "medium", "--include-suppressed", "--config", "SUPPRESS"],
        ["samples/risky", "--baseline", "BASELINE"],
        ["ORGANIZATION", "--allow-missing", "account"],
    ])
    func realOutputFollowsTheSchema(args: [String]) throws {
        let s = try Scratch()
        let config = try s.write("c.yml", "exemptions:\n  - rule: CL203\n    principal: \"*\"\n    slot: access_key_1\n    reason: test\n    expires: 2027-01-01\n  - rule: CL101\n    principal: nobody\n    reason: stale on purpose\n    expires: 2026-01-01\n")
        let baseline = s.url.appendingPathComponent("b.json").path
        _ = try CLI.lint(["samples/risky"], ["--write-baseline", baseline, "--fail-on", "none"])
        // An Organization folder with one account missing: account names, OU paths, the organization block.
        let org = args.contains("ORGANIZATION") ? try CLIOrganizationTests.organization(s) : ""
        let resolved = args.map { $0 == "SUPPRESS" ? config : $0 == "BASELINE" ? baseline : $0 == "ORGANIZATION" ? org : $0 }
        let r = try CLI.lint(resolved, ["--format", "json", "--fail-on", "none"])
        #expect(r.status == 0, "\(r.err)")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.root.appendingPathComponent("docs/credlint-output.schema.json")))
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout))
        var errors: [String] = []
        SchemaCheck.validate(doc, against: schema, at: "$", errors: &errors)
        #expect(errors.isEmpty, "\(errors.prefix(10))")
        // The document names its schema and version.
        let top = try #require(doc as? [String: Any])
        #expect(top["$schema"] as? String == "https://github.com/credlint/credlint/blob/main/docs/credlint-output.schema.json")
        #expect(top["version"] as? Int == 1)
        // The check itself can fail: an unknown key and a wrong type are caught.
        var broken = top
        broken["extra"] = 1
        broken["version"] = "1"
        var caught: [String] = []
        SchemaCheck.validate(broken, against: schema, at: "$", errors: &caught)
        #expect(caught.count == 2, "\(caught)")
    }
}

/// The subset of JSON Schema the output schema uses: type, const, enum, properties,
/// required, additionalProperties (a bool or a schema) and items.
enum SchemaCheck {
    static func validate(_ value: Any, against schemaAny: Any, at path: String, errors: inout [String]) {
        guard let schema = schemaAny as? [String: Any] else { return }
        if let type = schema["type"] as? String, !has(type: type, value) {
            errors.append("\(path): expected \(type), found \(value)")
            return
        }
        if let c = schema["const"], !same(c, value) { errors.append("\(path): expected \(c), found \(value)") }
        if let e = schema["enum"] as? [Any], !e.contains(where: { same($0, value) }) {
            errors.append("\(path): \(value) is not one of \(e)")
        }
        if let object = value as? [String: Any], schema["type"] as? String == "object" {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { errors.append("\(path): missing \(key)") }
            for (key, v) in object {
                if let p = properties[key] {
                    validate(v, against: p, at: "\(path).\(key)", errors: &errors)
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    validate(v, against: extra, at: "\(path).\(key)", errors: &errors)
                } else if schema["additionalProperties"] as? Bool == false {
                    errors.append("\(path): unexpected key \(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] {
            for (i, v) in array.enumerated() { validate(v, against: items, at: "\(path)[\(i)]", errors: &errors) }
        }
    }

    static func has(type: String, _ v: Any) -> Bool {
        switch type {
        case "object": return v is [String: Any]
        case "array": return v is [Any]
        case "string": return v is String
        // Foundation bridges JSON numbers and booleans alike, so these two tell only "a number"
        // from everything else; the writer's typed `int` and `bool` calls fix which of the two each key is.
        case "boolean": return v is Bool
        case "integer": return (v as? NSNumber).map { !($0 is String) && $0.doubleValue == $0.doubleValue.rounded() } ?? false
        default: return true
        }
    }

    static func same(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? String, let b = b as? String { return a == b }
        if let a = a as? NSNumber, let b = b as? NSNumber { return a == b }
        return false
    }
}
