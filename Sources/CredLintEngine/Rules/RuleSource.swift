import CredLintModel

/// A rule file as read from YAML, before its expressions are compiled.
public struct RuleSource: Sendable {
    /// A piece of expression text and where each of its characters sits in the file.
    package struct Snippet: Sendable {
        package var text: String
        package var map: ScalarSourceMap
    }
    package enum ParamValue: Sendable, Equatable {
        case int(Int64), bool(Bool), string(String), duration(TimeSpan)
        package var asString: String {
            switch self {
            case .int(let i): return String(i)
            case .bool(let b): return String(b)
            case .string(let s): return s
            case .duration(let d): return d.description
            }
        }
    }
    package var descriptor: RuleDescriptor
    package var condition: Snippet
    package var message: Snippet
    package var properties: [(name: String, snippet: Snippet)]
    package var paramDefaults: [String: ParamValue]
    package var examples: [YAMLValue]
    package var examplesLocation: SourceLocation

    static let allowedKeys = ["id", "name", "title", "severity", "scope", "needs", "uses", "params", "condition",
                              "message", "properties", "tags", "docs", "examples", "help_uri"]
    static let docKeys = ["what_it_does", "why_it_matters", "remediation", "references"]

    /// Parses and checks one rule file's structure (not its expressions).
    public static func parse(text: String, path: String) throws -> RuleSource {
        try parse(root: try YAMLValue.parse(text, path: path), origin: .text(text), path: path)
    }

    /// The same from the file's YAML tree (the built-in rules carry theirs, parsed ahead of time,
    /// with the lines of their block scalars as `origin`).
    package static func parse(root: YAMLValue?, origin: ScalarSourceMap.Origin, path: String) throws -> RuleSource {
        guard let root else {
            throw CredLintError("empty rule file; expected a mapping with id, name, condition, ...", path: path)
        }
        let what = "the rule"
        let f = try root.fields(what, allowed: allowedKeys)
        let at = root.location
        let id = try f.require("id", in: what, at: at).string("id")
        if !Self.isValidID(id) {
            throw CredLintError("rule id '\(id)' must be 2-5 capital letters and 3-4 digits, e.g. CL203", at: f["id"]!.location)
        }
        let name = try f.require("name", in: what, at: at).string("name")
        if !Self.isKebab(name) {
            throw CredLintError("rule name '\(name)' must be kebab-case (a-z, 0-9, '-')", at: f["name"]!.location)
        }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let expected = "\(id)-\(name).yml"
        if fileName != expected && fileName != "\(id)-\(name).yaml" {
            throw CredLintError("file name '\(fileName)' does not match the rule; expected '\(expected)'", at: f["id"]!.location)
        }
        let severity = try Configuration.severity(try f.require("severity", in: what, at: at))
        let scopeNode = try f.require("scope", in: what, at: at)
        let scopeText = try scopeNode.string("scope")
        guard let scope = RuleDescriptor.Scope(rawValue: scopeText) else {
            let all = RuleDescriptor.Scope.allCases.map(\.rawValue)
            let hint = Suggest.closest(to: scopeText, among: all).map { " (did you mean '\($0)'?)" } ?? ""
            throw CredLintError("unknown scope '\(scopeText)'\(hint); expected one of \(all.joined(separator: ", "))", at: scopeNode.location)
        }
        let needs = try inputs(try f.require("needs", in: what, at: at), what: "needs", allowEmpty: false)
        let uses = try f["uses"].map { try inputs($0, what: "uses", allowEmpty: true) } ?? []

        var params: [RuleDescriptor.Param] = []
        var defaults: [String: ParamValue] = [:]
        if let p = f["params"], !p.isNull {
            for (pname, ploc, pval) in try p.mapping("params") {
                guard isSnake(pname) else { throw CredLintError("param name '\(pname)' must be snake_case", at: ploc) }
                let pf = try pval.fields("param '\(pname)'", allowed: ["default", "description", "follows"])
                let dv = try pf.require("default", in: "param '\(pname)'", at: pval.location)
                let desc = try pf.require("description", in: "param '\(pname)'", at: pval.location).string("description")
                let value = try paramValue(dv)
                defaults[pname] = value
                var follows: String?
                if let fl = pf["follows"] {
                    let text = try fl.string("follows")
                    guard case .int = value, text.split(separator: ".").count == 2 else {
                        throw CredLintError("'follows' takes RULE.PARAM (e.g. CL205.days) and an integer param; found '\(text)'", at: fl.location)
                    }
                    follows = text
                }
                params.append(.init(name: pname, defaultValue: value.asString, description: desc, follows: follows))
            }
        }

        let docsNode = try f.require("docs", in: what, at: at)
        let docs = try docsNode.fields("docs", allowed: docKeys)
        func doc(_ k: String) throws -> String {
            let s = try docs.require(k, in: "docs", at: docsNode.location).string(k)
            if s.trimmingSpaces.isEmpty { throw CredLintError("docs.\(k) is empty", at: docs[k]!.location) }
            return s.trimmingSuffixNewlines
        }
        let refsNode = try docs.require("references", in: "docs", at: docsNode.location)
        let references = try refsNode.strings("docs.references")
        if references.isEmpty { throw CredLintError("docs.references is empty; name at least one CIS id or peer check", at: refsNode.location) }

        let tags = try f.require("tags", in: what, at: at).strings("tags")
        if !tags.contains("security") {
            throw CredLintError("tags must include 'security' (GitHub code scanning ranks security rules by it)", at: f["tags"]!.location)
        }

        let descriptor = RuleDescriptor(
            id: id, name: name, title: try f.require("title", in: what, at: at).string("title"),
            severity: severity, scope: scope, needs: needs, uses: uses, params: params, tags: tags,
            whatItDoes: try doc("what_it_does"), whyItMatters: try doc("why_it_matters"),
            remediation: try doc("remediation"), references: references,
            helpURI: try f["help_uri"].map { try $0.string("help_uri") }
                ?? "\(CredLintVersion.informationURI)/blob/main/docs/rules.md#\(id.lowercased())-\(name)",
            file: path)

        func snippet(_ v: YAMLValue, _ what: String) throws -> Snippet {
            let s = try v.string(what)
            return Snippet(text: s, map: ScalarSourceMap(value: s, node: v, origin: origin))
        }
        var props: [(String, Snippet)] = []
        if let p = f["properties"], !p.isNull {
            for (k, kl, v) in try p.mapping("properties") {
                guard isSnake(k) else { throw CredLintError("property name '\(k)' must be snake_case", at: kl) }
                props.append((k, try snippet(v, "property '\(k)'")))
            }
        }
        let examplesNode = try f.require("examples", in: what, at: at)
        let examples = try examplesNode.sequence("examples")
        return RuleSource(
            descriptor: descriptor,
            condition: try snippet(try f.require("condition", in: what, at: at), "condition"),
            message: try snippet(try f.require("message", in: what, at: at), "message"),
            properties: props, paramDefaults: defaults, examples: examples, examplesLocation: examplesNode.location)
    }

    static func inputs(_ v: YAMLValue, what: String, allowEmpty: Bool) throws -> [RuleDescriptor.Input] {
        let items = try v.isNull ? [] : v.sequence(what)
        if items.isEmpty && !allowEmpty {
            throw CredLintError("\(what) is empty; name the inputs the rule reads", at: v.location)
        }
        return try items.map { item in
            let s = try item.string(what)
            guard let i = RuleDescriptor.Input(rawValue: s) else {
                let all = RuleDescriptor.Input.allCases.map(\.rawValue)
                let hint = Suggest.closest(to: s, among: all).map { " (did you mean '\($0)'?)" } ?? ""
                throw CredLintError("unknown input '\(s)'\(hint); expected one of \(all.joined(separator: ", "))", at: item.location)
            }
            return i
        }
    }

    static func paramValue(_ v: YAMLValue) throws -> ParamValue {
        guard case .scalar(let s, let quoted) = v.kind else {
            throw CredLintError("a param default must be a number, boolean, duration or string, found \(v.kindName)", at: v.location)
        }
        if !quoted {
            if let i = Int64(s) { return .int(i) }
            if s == "true" || s == "false" { return .bool(s == "true") }
            if let d = DurationLiteral.parse(s) { return .duration(d) }
        }
        return .string(s)
    }

    static func isValidID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        var i = 0
        while i < u.count, u[i] >= 65, u[i] <= 90 { i += 1 }
        let letters = i
        var digits = 0
        while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1; digits += 1 }
        return i == u.count && (2...5).contains(letters) && (3...4).contains(digits)
    }

    static func isKebab(_ s: String) -> Bool {
        !s.isEmpty && !s.hasPrefix("-") && !s.hasSuffix("-")
            && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    static func isSnake(_ s: String) -> Bool {
        guard let f = s.utf8.first, f >= 97, f <= 122 else { return false }
        return s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}

extension String {
    package var trimmingSuffixNewlines: String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

/// Duration literals shared by params and config: `45d`, `24h`, `30m`, `10s`, `1d12h`.
package enum DurationLiteral {
    package static func parse(_ s: String) -> TimeSpan? {
        var total: Int64 = 0
        var num: Int64 = 0
        var haveDigits = false, any = false
        for c in s.utf8 {
            if c >= 48 && c <= 57 {
                let (m, o1) = num.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(c - 48))
                if o1 || o2 { return nil }
                num = a; haveDigits = true
                continue
            }
            guard haveDigits else { return nil }
            let unit: Int64
            switch c {
            case 100: unit = 86_400   // d
            case 104: unit = 3_600    // h
            case 109: unit = 60       // m
            case 115: unit = 1        // s
            default: return nil
            }
            let (m, o) = num.multipliedReportingOverflow(by: unit * 1_000_000)
            if o { return nil }
            // Each part fits, but their sum may not (`106751991d23h`): out of range, like a part that overflows.
            let (sum, o2) = total.addingReportingOverflow(m)
            if o2 { return nil }
            total = sum; num = 0; haveDigits = false; any = true
        }
        return (any && !haveDigits) ? TimeSpan(micros: total) : nil
    }
}
