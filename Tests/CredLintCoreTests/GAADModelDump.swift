import Foundation
@testable import CredLintModel

/// A deterministic text dump of any model value, one `path = value` line per leaf, so that
/// two readers of the same GetAccountAuthorizationDetails can be compared field by field
/// against a recorded golden. Dictionaries and sets are sorted by key (their iteration order
/// changes from process to process); everything else keeps its order.
enum GAADModelDump {
    static func text(_ value: Any) -> String {
        var lines: [String] = []
        walk(value, "", into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A leaf as `String(reflecting:)` writes it, without the module name, so the dump does not
    /// change when a type moves between targets.
    private static func shown(_ value: Any) -> String {
        String(reflecting: value).replacingOccurrences(of: "CredLintModel.", with: "")
    }

    private static func walk(_ value: Any, _ path: String, into out: inout [String]) {
        let m = Mirror(reflecting: value)
        switch m.displayStyle {
        case .optional:
            if let c = m.children.first { walk(c.value, path, into: &out) } else { out.append("\(path) = nil") }
        case .collection:
            if m.children.isEmpty { out.append("\(path) = []") }
            for (i, c) in m.children.enumerated() { walk(c.value, "\(path)[\(i)]", into: &out) }
        case .dictionary:
            if m.children.isEmpty { out.append("\(path) = [:]") }
            let entries = m.children.map { entry -> (key: String, value: Any) in
                let pair = Array(Mirror(reflecting: entry.value).children)
                return (shown(pair[0].value), pair[1].value)
            }
            for e in entries.sorted(by: { $0.key < $1.key }) { walk(e.value, "\(path)[\(e.key)]", into: &out) }
        case .set:
            if m.children.isEmpty { out.append("\(path) = []") }
            let items = m.children.map { shown($0.value) }.sorted()
            for item in items { out.append("\(path) ∋ \(item)") }
        case .struct, .class, .tuple, .enum:
            if m.children.isEmpty {
                out.append("\(path) = \(shown(value))")
                return
            }
            // Leaf types with their own description (Timestamp, SourceLocation) read better whole.
            if value is Timestamp || value is SourceLocation {
                out.append("\(path) = \(value)")
                return
            }
            let prefix = path.isEmpty ? "" : "\(path)."
            for (i, c) in m.children.enumerated() { walk(c.value, prefix + (c.label ?? String(i)), into: &out) }
        default:
            out.append("\(path) = \(shown(value))")
        }
    }
}
