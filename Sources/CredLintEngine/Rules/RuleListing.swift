import CredLintModel

/// `credlint rules` and `credlint explain` output.
package enum RuleListing {
    /// `rules --format json`: every rule, keys in sorted order.
    package static func json(_ catalog: RuleCatalog) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("rules"); w.beginArray()
        for r in catalog.rules {
            let d = r.descriptor
            w.beginObject()
            w.key("defaultSeverity"); w.string(r.source.descriptor.severity.rawValue)
            w.key("enabled"); w.bool(r.enabled)
            w.key("file"); w.string(d.file)
            w.key("helpUri"); w.string(d.helpURI)
            w.key("id"); w.string(d.id)
            w.key("name"); w.string(d.name)
            w.key("needs"); w.strings(d.needs.map(\.rawValue))
            w.key("params"); w.beginObject()
            for p in d.params.sorted(by: { JSONWriter.keyPrecedes($0.name, $1.name) }) {
                w.keyText(p.name); w.beginObject()
                w.key("default"); w.string(p.defaultValue)
                w.key("description"); w.string(p.description)
                w.key("value"); w.string(r.params[p.name]?.messageText ?? p.defaultValue)
                w.endObject()
            }
            w.endObject()
            w.key("references"); w.strings(d.references)
            w.key("scope"); w.string(d.scope.rawValue)
            w.key("severity"); w.string(d.severity.rawValue)
            w.key("tags"); w.strings(d.tags)
            w.key("title"); w.string(d.title)
            w.key("uses"); w.strings(d.uses.map(\.rawValue))
            w.endObject()
        }
        w.endArray()
        w.key("version"); w.int(1)
        w.endObject()
        w.endDocument()
        return w.finish()
    }

    package static func text(_ catalog: RuleCatalog) -> String {
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

    package static func explain(_ r: CompiledRule) -> String {
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
