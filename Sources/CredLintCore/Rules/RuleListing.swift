/// `credlint rules` and `credlint explain` output.
public enum RuleListing {
    public static func json(_ catalog: RuleCatalog) -> JSONTree {
        .object([
            "version": .int(1),
            "rules": .array(catalog.rules.map { r in
                let d = r.descriptor
                return .object([
                    "id": .string(d.id), "name": .string(d.name), "title": .string(d.title),
                    "severity": .string(d.severity.rawValue), "defaultSeverity": .string(r.source.descriptor.severity.rawValue),
                    "scope": .string(d.scope.rawValue), "needs": .strings(d.needs.map(\.rawValue)),
                    "uses": .strings(d.uses.map(\.rawValue)), "enabled": .bool(r.enabled), "tags": .strings(d.tags),
                    "params": .object(Dictionary(uniqueKeysWithValues: d.params.map { p in
                        (p.name, JSONTree.object(["default": .string(p.defaultValue),
                                                  "value": .string(r.params[p.name]?.messageText ?? p.defaultValue),
                                                  "description": .string(p.description)]))
                    })),
                    "references": .strings(d.references), "helpUri": .string(d.helpURI), "file": .string(d.file),
                ])
            }),
        ])
    }

    public static func text(_ catalog: RuleCatalog) -> String {
        var rows = [["ID", "NAME", "SEVERITY", "SCOPE", "NEEDS", "ENABLED"]]
        for r in catalog.rules {
            let d = r.descriptor
            rows.append([d.id, d.name, d.severity.rawValue, d.scope.rawValue, d.needs.map(\.rawValue).joined(separator: ","),
                         r.enabled ? "yes" : "no"])
        }
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        var out = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - cell.count + 2) }
            }
            out += line + "\n"
        }
        out += "\(catalog.rules.count) rules, \(catalog.enabled.count) enabled\n"
        return out
    }

    public static func explain(_ r: CompiledRule) -> String {
        let d = r.descriptor
        var out = "\(d.id) \(d.name): \(d.title)\n"
        out += "severity: \(d.severity.rawValue)   scope: \(d.scope.rawValue)   needs: \(d.needs.map(\.rawValue).joined(separator: ", "))"
        if !d.uses.isEmpty { out += "   uses: \(d.uses.map(\.rawValue).joined(separator: ", "))" }
        out += "\n"
        if !d.params.isEmpty {
            out += "params: " + d.params.map { "\($0.name) = \(r.params[$0.name]?.messageText ?? $0.defaultValue) (\($0.description))" }.joined(separator: "; ") + "\n"
        }
        out += "\n## What it does\n\(d.whatItDoes)\n\n## Why it matters\n\(d.whyItMatters)\n\n## Remediation\n\(d.remediation)\n\n## References\n"
        out += d.references.map { "- \($0)" }.joined(separator: "\n") + "\n\n## Condition\n" + r.source.condition.text.trimmingSuffixNewlines + "\n\n## Examples\n"
        for (i, node) in r.source.examples.enumerated() {
            let e = RuleExample(rule: r, index: i, node: node)
            out += "- \(e.expectsFire == true ? "fires" : "passes"): \(e.description)\n"
        }
        return out
    }
}
