import CredLintModel

/// `credlint config`: which configuration file applies and the settings in effect,
/// each marked with where it comes from, so "why did this rule not run?" has an answer
/// without reading the YAML and the defaults side by side.
package enum ConfigurationListing {
    package static func text(_ configuration: Configuration, catalog: RuleCatalog, search: ConfigurationLocator.Search?) -> String {
        var out = ""
        let file = configuration.path
        if let search {
            out += "configuration: \(search.shown ?? "none (every setting is a default)")\n"
            out += "searched: \(search.searched.joined(separator: ", "))"
            if let root = search.repositoryRoot {
                out += " (up to the repository root\(root == "." ? ", the working directory" : " \(root)"))\n"
            } else {
                out += " (not in a git repository: only the working directory)\n"
            }
        } else {
            out += "configuration: \(file ?? "none") (--config)\n"
        }
        let from = file.map { "from \($0)" } ?? "default"
        out += "\nfail_on: \(configuration.failOn ?? "high")  # \(configuration.failOn == nil ? "default" : from)\n"
        out += "min_severity: \(configuration.minSeverity ?? "info")  # \(configuration.minSeverity == nil ? "default: every finding shown" : from)\n"
        let clock: String
        switch configuration.asOf {
        case .none, .now?: clock = "now"
        case .report?: clock = "report"
        case .fixed(let t)?: clock = t.iso8601
        }
        out += "as_of: \(clock)  # \(configuration.asOf == nil ? "default" : from)\n"
        out += "allow_missing: [\(configuration.allowMissing.sorted().joined(separator: ", "))]\n"
        out += "exclude: [\(configuration.exclude.joined(separator: ", "))]  # besides .git, node_modules, .build and hidden folders\n"
        let bg = configuration.breakGlass
        out += "break_glass:\n"
        out += "  users: [\(bg.namePatterns.map(\.pattern).joined(separator: ", "))]\n"
        out += "  tags: {\(bg.tags.map { "\($0.key): \($0.value)" }.joined(separator: ", "))}\n"
        out += "  drill_dates: [\(bg.drillDates.map(ISO8601.formatDate).joined(separator: ", "))]\n"
        out += "admin_policy_arns: [\(configuration.adminPolicyARNs.joined(separator: ", "))]\n"
        out += "exemptions: \(configuration.exemptions.count)\n"
        for e in configuration.exemptions {
            out += "  - \(e.location): \(e.rules.joined(separator: ", ")) \(e.principal)\(e.slot.map { " slot \($0)" } ?? "") until \(ISO8601.format(e.expires)): \(e.reason)\n"
        }
        // Rules the file changes; `credlint rules` lists them all.
        let changed = catalog.rules.filter { r in
            !r.enabled || r.descriptor.severity != r.source.descriptor.severity
                || r.descriptor.params.contains { p in (r.params[p.name]?.messageText ?? p.defaultValue) != p.defaultValue }
        }
        out += "rules: \(catalog.rules.count), \(catalog.enabled.count) enabled; changed by the configuration: \(changed.count)\n"
        for r in changed {
            var what: [String] = []
            if !r.enabled { what.append("disabled") }
            if r.descriptor.severity != r.source.descriptor.severity {
                what.append("severity \(r.descriptor.severity.rawValue) (default \(r.source.descriptor.severity.rawValue))")
            }
            for p in r.descriptor.params {
                let value = r.params[p.name]?.messageText ?? p.defaultValue
                if value != p.defaultValue { what.append("\(p.name) = \(value) (default \(p.defaultValue))") }
            }
            out += "  \(r.id) \(r.descriptor.name): \(what.joined(separator: "; "))\n"
        }
        return out
    }
}
