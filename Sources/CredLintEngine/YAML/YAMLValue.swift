import Foundation
import Yams
import CredLintModel

/// A YAML node with its position, for rule and config files whose errors must
/// name `file:line:column`. Anchors and aliases are refused: rule and config
/// files never need them, and refusing them (from the event stream, before any
/// tree is composed: `YAMLAnchorCheck`) rules out alias-expansion bombs.
package struct YAMLValue: Sendable {
    package enum Kind: Sendable {
        case scalar(String, quoted: Bool)
        case mapping([(key: String, keyLocation: SourceLocation, value: YAMLValue)])
        case sequence([YAMLValue])
    }
    package var kind: Kind
    package var location: SourceLocation

    /// Caps for files we parse: far above any real rule or config file.
    package static let maxBytes = 1 << 20
    package static let maxDepth = 64
    /// Why the size cap exists, for "too large" messages about rule and config files.
    package static let sizeHint = "rule and configuration files are at most 1 MiB"

    /// How many texts this process has parsed as YAML. Built-in rules load from trees parsed
    /// ahead of time, so a lint with no configuration file and no `--rules` leaves it at zero
    /// (`StartupTests`; issue #16: no YAML parsing before the first input byte).
    package static var parseCount: Int { parses.withLock { $0 } }
    private static let parses = LockedCounter()

    package static func parse(_ text: String, path: String) throws -> YAMLValue? {
        parses.withLock { $0 += 1 }
        if text.utf8.count > maxBytes {
            throw CredLintError("file is \(text.utf8.count) bytes; expected at most \(maxBytes) for a YAML rule or config file", path: path)
        }
        // Before Yams composes (and so expands) anything: an alias bomb fails here in
        // microseconds instead of filling memory.
        try YAMLAnchorCheck.check(text, path: path)
        let node: Node?
        do {
            // The basic resolver: every scalar stays a string (typed access below converts),
            // and no tag is resolved with a regular expression, which cost more than the
            // rest of loading the built-in rules together.
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let e as YamlError {
            throw CredLintError(Self.describe(e), at: Self.location(of: e, path: path))
        } catch {
            throw CredLintError("not valid YAML: \(error)", path: path)
        }
        guard let node else { return nil }
        return try convert(node, path: path, depth: 0)
    }

    private static func convert(_ node: Node, path: String, depth: Int) throws -> YAMLValue {
        let loc = SourceLocation(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        guard depth < maxDepth else { throw CredLintError("YAML nested deeper than \(maxDepth) levels", at: loc) }
        // `YAMLAnchorCheck` has refused every anchor before composing; these stay as a second line.
        if node.anchor != nil { throw CredLintError(YAMLAnchorCheck.message, at: loc) }
        switch node {
        case .scalar(let s):
            return YAMLValue(kind: .scalar(s.string, quoted: s.style != .plain), location: loc)
        case .mapping(let m):
            var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLValue)] = []
            var seen = Set<String>()
            for (k, v) in m {
                let kl = SourceLocation(path: path, line: k.mark?.line ?? loc.line, column: k.mark?.column ?? loc.column)
                guard case .scalar(let ks) = k else { throw CredLintError("mapping keys must be plain strings", at: kl) }
                if !seen.insert(ks.string).inserted { throw CredLintError("duplicate key '\(ks.string)'", at: kl) }
                pairs.append((ks.string, kl, try convert(v, path: path, depth: depth + 1)))
            }
            return YAMLValue(kind: .mapping(pairs), location: loc)
        case .sequence(let s):
            return YAMLValue(kind: .sequence(try s.map { try convert($0, path: path, depth: depth + 1) }), location: loc)
        case .alias:
            throw CredLintError(YAMLAnchorCheck.message, at: loc)
        }
    }

    private static func location(of e: YamlError, path: String) -> SourceLocation {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(path: path, line: mark.line, column: mark.column)
        default:
            return SourceLocation(path: path)
        }
    }

    private static func describe(_ e: YamlError) -> String {
        switch e {
        case .scanner(let ctx, let problem, _, _), .parser(let ctx, let problem, _, _), .composer(let ctx, let problem, _, _):
            if let ctx { return "invalid YAML: \(problem) (\(ctx.text))" }
            return "invalid YAML: \(problem)"
        case .reader(let problem, _, _, _): return "invalid YAML: \(problem)"
        default: return "invalid YAML"
        }
    }

    // MARK: typed access with positioned errors

    package var scalar: String? { if case .scalar(let s, _) = kind { return s }; return nil }
    package var isNull: Bool {
        if case .scalar(let s, let quoted) = kind, !quoted, s == "" || s == "~" || s == "null" { return true }
        return false
    }

    package func string(_ what: String) throws -> String {
        guard case .scalar(let s, _) = kind else { throw CredLintError("\(what) must be a string, found \(kindName)", at: location) }
        return s
    }

    package func int(_ what: String) throws -> Int {
        guard case .scalar(let s, _) = kind, let v = Int(s) else {
            throw CredLintError("\(what) must be an integer, found \(scalar.map { "'\($0)'" } ?? kindName)", at: location)
        }
        return v
    }

    package func bool(_ what: String) throws -> Bool {
        guard case .scalar(let s, _) = kind else { throw CredLintError("\(what) must be true or false, found \(kindName)", at: location) }
        switch s.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw CredLintError("\(what) must be true or false, found '\(s)'", at: location)
        }
    }

    package func sequence(_ what: String) throws -> [YAMLValue] {
        guard case .sequence(let items) = kind else { throw CredLintError("\(what) must be a list, found \(kindName)", at: location) }
        return items
    }

    /// A list of strings; a single string is accepted as a one-element list.
    package func strings(_ what: String) throws -> [String] {
        if case .scalar(let s, _) = kind { return [s] }
        return try sequence(what).map { try $0.string("an item of \(what)") }
    }

    package func mapping(_ what: String) throws -> [(key: String, keyLocation: SourceLocation, value: YAMLValue)] {
        guard case .mapping(let pairs) = kind else { throw CredLintError("\(what) must be a mapping, found \(kindName)", at: location) }
        return pairs
    }

    /// The mapping's entries, after checking that every key is one of `allowed`.
    package func fields(_ what: String, allowed: [String]) throws -> [String: YAMLValue] {
        var out: [String: YAMLValue] = [:]
        for (k, kl, v) in try mapping(what) {
            guard allowed.contains(k) else {
                let hint = Suggest.closest(to: k, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                throw CredLintError("unknown key '\(k)' in \(what)\(hint)", at: kl)
            }
            out[k] = v
        }
        return out
    }

    package var kindName: String {
        switch kind {
        case .scalar(let s, _): return isNull ? "null" : "'\(s)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

extension [String: YAMLValue] {
    /// A required key, or an error at the mapping's location.
    package func require(_ key: String, in what: String, at loc: SourceLocation) throws -> YAMLValue {
        guard let v = self[key], !v.isNull else { throw CredLintError("\(what) has no '\(key)'", at: loc) }
        return v
    }
}

/// A count shared across threads (rule files are parsed on every core).
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func withLock<R>(_ body: (inout Int) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
