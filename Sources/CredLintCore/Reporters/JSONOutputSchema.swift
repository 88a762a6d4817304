/// The JSON Schema (draft 2020-12) of `--format json` output, printed by `credlint schema`
/// and checked in as `docs/credlint-output.schema.json` (`Generated`). Objects are closed
/// (`additionalProperties: false`) so a key added to `JSONReporter.Document` without being
/// described here fails the validation test instead of going undocumented.
public enum JSONOutputSchema {
    /// Where the schema is published; the JSON output names it in `$schema`.
    public static let id = CredLintVersion.informationURI + "/blob/main/docs/credlint-output.schema.json"

    public static var tree: JSONTree {
        let severity = JSONTree.object(["enum": .strings(Severity.allCases.reversed().map(\.rawValue))])
        let location = object(["path": string, "line": integer, "column": integer])
        let note = object(["message": string, "location": location], optional: ["location"])
        let counts = object([
            "findings": integer, "suppressed": integer, "unchanged": integer, "belowMinSeverity": integer,
            "rulesSkipped": integer,
            "bySeverity": object(Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, integer) })),
        ])
        let exemption = object(["rule": string, "principal": string, "slot": string, "reason": string, "expires": string,
                                "location": location], optional: ["slot"])
        let finding = object([
            "fingerprint": string, "ruleId": string, "ruleName": string, "severity": severity, "message": string,
            "accountId": string, "principal": string, "principalName": string, "slot": string, "location": location,
            "properties": .object(["type": .string("object"), "additionalProperties": string]),
            "suppression": object(["reason": string, "expires": string, "source": location]),
            "baselineState": .object(["enum": .strings(BaselineState.allCases.map(\.rawValue))]),
        ], optional: ["suppression", "baselineState"])
        let account = object([
            "accountId": string, "asOf": string,
            "asOfSource": .object(["enum": .strings([AccountResult.AsOfSource.flag, .report, .clock].map(\.rawValue))]),
            "inputs": array(string), "rowsRead": integer, "reportGeneratedTime": string,
            "skippedRules": array(object(["ruleId": string, "ruleName": string, "reason": string])),
            "notes": array(note), "counts": counts, "accountName": string, "ouPath": string,
        ], optional: ["reportGeneratedTime", "accountName", "ouPath"])
        // Only for an Organization folder (organization.json) or `--allow-missing account`.
        let organization = object([
            "organizationId": string, "managementAccountId": string,
            "missingAccounts": array(object(["accountId": string, "label": string, "reason": string], optional: ["label"])),
            "missingAllowedBy": string,
        ], optional: ["organizationId", "managementAccountId", "missingAllowedBy"])
        var root = object([
            "$schema": .object(["const": .string(id)]),
            "version": .object(["const": .int(Int64(JSONReporter.schemaVersion))]),
            "tool": object(["name": .object(["const": .string("credlint")]), "version": string]),
            "filters": object(["minSeverity": severity, "includeSuppressed": boolean, "includeUnchanged": boolean],
                              optional: ["minSeverity"]),
            "rules": array(object(["id": string, "name": string, "title": string, "severity": severity, "scope": string,
                                   "helpUri": string])),
            "accounts": array(account),
            "findings": array(finding),
            "notes": array(note),
            "exemptions": object(["expired": array(exemption), "stale": array(exemption)]),
            "baseline": object(["path": string, "entries": integer, "absent": integer]),
            "summary": object(["accounts": integer, "rowsRead": integer, "counts": counts, "expiredExemptions": integer,
                               "staleExemptions": integer]),
            "organization": organization,
        ], optional: ["baseline", "organization"])
        guard case .object(var fields) = root else { return root }
        fields["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
        fields["$id"] = .string(id)
        fields["title"] = .string("credlint --format json output, version \(JSONReporter.schemaVersion)")
        root = .object(fields)
        return root
    }

    static let string = JSONTree.object(["type": .string("string")])
    static let integer = JSONTree.object(["type": .string("integer")])
    static let boolean = JSONTree.object(["type": .string("boolean")])

    static func array(_ items: JSONTree) -> JSONTree { .object(["type": .string("array"), "items": items]) }

    /// A closed object whose keys are all required except `optional`.
    static func object(_ properties: [String: JSONTree], optional: Set<String> = []) -> JSONTree {
        .object(["type": .string("object"), "additionalProperties": .bool(false), "properties": .object(properties),
                 "required": .strings(properties.keys.filter { !optional.contains($0) }.sorted())])
    }
}
