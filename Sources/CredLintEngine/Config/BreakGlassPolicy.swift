import CredLintModel

/// How break-glass (emergency access) identities are designated.
///
/// Defaults follow common naming (`break-glass*`, `breakglass*`,
/// `emergency-access*`, case-insensitive) and the tag `break-glass` or
/// `breakglass` = `true`; a config file can add names, globs and tags, or turn
/// the defaults off.
public struct BreakGlassPolicy: Sendable {
    package static let defaultNamePatterns = ["break-glass*", "breakglass*", "emergency-access*"]
    package static let defaultTags = [("break-glass", "true"), ("breakglass", "true")]

    package var namePatterns: [Glob]
    /// (key, value) pairs; keys compared case-insensitively, values too.
    package var tags: [(key: String, value: String)]
    /// Declared drill dates: a use within a day of one is a test, not an incident.
    package var drillDates: [Timestamp]

    package init(names: [String] = [], tags: [(key: String, value: String)] = [], useDefaults: Bool = true,
                drillDates: [Timestamp] = []) {
        let allNames = (useDefaults ? Self.defaultNamePatterns : []) + names
        self.namePatterns = allNames.map { Glob($0, caseInsensitive: true) }
        self.tags = (useDefaults ? Self.defaultTags.map { (key: $0.0, value: $0.1) } : []) + tags
        self.drillDates = drillDates.sorted()
    }

    package func isBreakGlass(name: String, tags userTags: [String: String]) -> Bool {
        if namePatterns.contains(where: { $0.matches(name) }) { return true }
        for (k, v) in userTags {
            if tags.contains(where: { $0.key.lowercased() == k.lowercased() && $0.value.lowercased() == v.lowercased() }) {
                return true
            }
        }
        return false
    }
}
