import CredLintModel
import CredLintEngine

/// The JSON Schema (draft 2020-12) of `--format json` output, printed by `credlint schema`
/// and checked in as `docs/credlint-output.schema.json` (`Generated`). Objects are closed
/// (`additionalProperties: false`) so a key added to `JSONReporter.Document` without being
/// described here fails the validation test instead of going undocumented.
package enum JSONOutputSchema {
    /// Where the schema is published; the JSON output names it in `$schema`.
    package static let id = CredLintVersion.informationURI + "/blob/main/docs/credlint-output.schema.json"

    /// The schema document (`credlint schema`).
    package static var json: [UInt8] {
        var w = JSONWriter()
        write(document, into: &w, title: "credlint --format json output, version \(JSONReporter.schemaVersion)")
        w.endDocument()
        return w.finish()
    }

    /// The part of JSON Schema the output needs.
    indirect enum Node: Sendable {
        case type(StaticString)
        case enumeration([String])
        case const(String)
        case constInt(Int)
        case array(Node)
        /// A closed object whose keys are all required except `optional`.
        case object([String: Node], optional: Set<String> = [])
        /// An object of string values under any keys.
        case stringMap
    }

    static let string = Node.type("string")
    static let integer = Node.type("integer")
    static let boolean = Node.type("boolean")

    static var document: Node {
        let severity = Node.enumeration(Severity.allCases.reversed().map(\.rawValue))
        let location = Node.object(["path": string, "line": integer, "column": integer])
        let note = Node.object(["message": string, "location": location], optional: ["location"])
        let counts = Node.object([
            "findings": integer, "suppressed": integer, "unchanged": integer, "belowMinSeverity": integer,
            "rulesSkipped": integer,
            "bySeverity": .object(Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, integer) })),
        ])
        let exemption = Node.object(["rule": string, "principal": string, "slot": string, "reason": string, "expires": string,
                                     "location": location], optional: ["slot"])
        let finding = Node.object([
            "fingerprint": string, "ruleId": string, "ruleName": string, "severity": severity, "message": string,
            "accountId": string, "principal": string, "principalName": string, "slot": string, "location": location,
            "properties": .stringMap,
            "suppression": .object(["reason": string, "expires": string, "source": location]),
            "baselineState": .enumeration(BaselineState.allCases.map(\.rawValue)),
        ], optional: ["suppression", "baselineState"])
        let account = Node.object([
            "accountId": string, "asOf": string,
            "asOfSource": .enumeration([AccountResult.AsOfSource.flag, .report, .clock].map(\.rawValue)),
            "inputs": .array(string), "rowsRead": integer, "reportGeneratedTime": string,
            "skippedRules": .array(.object(["ruleId": string, "ruleName": string, "reason": string])),
            "notes": .array(note), "counts": counts, "accountName": string, "ouPath": string,
        ], optional: ["reportGeneratedTime", "accountName", "ouPath"])
        // Only for an Organization folder (organization.json) or `--allow-missing account`.
        let organization = Node.object([
            "organizationId": string, "managementAccountId": string,
            "missingAccounts": .array(.object(["accountId": string, "label": string, "reason": string], optional: ["label"])),
            "missingAllowedBy": string,
        ], optional: ["organizationId", "managementAccountId", "missingAllowedBy"])
        return .object([
            "$schema": .const(id),
            "version": .constInt(JSONReporter.schemaVersion),
            "tool": .object(["name": .const("credlint"), "version": string]),
            "filters": .object(["minSeverity": severity, "includeSuppressed": boolean, "includeUnchanged": boolean],
                               optional: ["minSeverity"]),
            "rules": .array(.object(["id": string, "name": string, "title": string, "severity": severity, "scope": string,
                                     "helpUri": string])),
            "accounts": .array(account),
            "findings": .array(finding),
            "notes": .array(note),
            "exemptions": .object(["expired": .array(exemption), "stale": .array(exemption)]),
            "baseline": .object(["path": string, "entries": integer, "absent": integer]),
            "summary": .object(["accounts": integer, "rowsRead": integer, "counts": counts, "expiredExemptions": integer,
                                "staleExemptions": integer]),
            "organization": organization,
        ], optional: ["baseline", "organization"])
    }

    /// `node` as JSON Schema, keys in sorted order; `title`, for the root, adds `$id`,
    /// `$schema` and `title`.
    static func write(_ node: Node, into w: inout JSONWriter, title: String? = nil) {
        w.beginObject()
        if title != nil {
            w.key("$id"); w.string(id)
            w.key("$schema"); w.literal("https://json-schema.org/draft/2020-12/schema")
        }
        switch node {
        case .type(let t):
            w.key("type"); w.literal(t)
        case .enumeration(let values):
            w.key("enum"); w.strings(values)
        case .const(let s):
            w.key("const"); w.string(s)
        case .constInt(let i):
            w.key("const"); w.int(i)
        case .array(let items):
            w.key("items"); write(items, into: &w)
            w.key("type"); w.literal("array")
        case .stringMap:
            w.key("additionalProperties"); write(string, into: &w)
            w.key("type"); w.literal("object")
        case .object(let properties, let optional):
            let keys = properties.keys.sorted(by: JSONWriter.keyPrecedes)
            w.key("additionalProperties"); w.bool(false)
            w.key("properties"); w.beginObject()
            for k in keys { w.keyText(k); write(properties[k]!, into: &w) }
            w.endObject()
            w.key("required"); w.strings(keys.filter { !optional.contains($0) })
            if let title { w.key("title"); w.string(title) }
            w.key("type"); w.literal("object")
        }
        w.endObject()
    }
}
