import Foundation
import CredLintModel

/// The rules of a run: the built-in catalogue (embedded in the binary from
/// `rules/`) plus any `--rules` directories, with `.credlint.yml` applied.
public struct RuleCatalog: Sendable {
    package var rules: [CompiledRule]

    public var enabled: [CompiledRule] { rules.filter(\.enabled) }

    /// Rule files of a directory, sorted (`*.yml` and `*.yaml`, not recursive).
    package static func ruleFiles(in directory: String) throws -> [(path: String, text: String)] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) else {
            throw CredLintError("no such file or directory", path: FileIO.displayPath(directory))
        }
        // A single rule file (also a FIFO: it is opened and read once).
        if !isDir.boolValue { return [try ruleFile(directory)] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw CredLintError("cannot read rules directory: \(error.localizedDescription)", path: FileIO.displayPath(directory))
        }
        return try names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { name in
            try ruleFile(directory.hasSuffix("/") ? directory + name : directory + "/" + name)
        }
    }

    static func ruleFile(_ full: String) throws -> (path: String, text: String) {
        let shown = FileIO.displayPath(full)
        let bytes = try FileIO.readAll(path: full, limit: YAMLValue.maxBytes, shown: shown, hint: YAMLValue.sizeHint)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CredLintError("rule file is not valid UTF-8", path: shown)
        }
        return (shown, text)
    }

    /// Parses and compiles rule files; ids and names must be unique across them all.
    public static func load(files: [(path: String, text: String)], configuration: Configuration) throws -> RuleCatalog {
        try load(files.map { f in (path: f.path, read: { try RuleSource.parse(text: f.text, path: f.path) }) }, configuration: configuration)
    }

    /// Built-in rules only (`files`, a part of `BuiltinRules.files`), read from their embedded trees.
    public static func builtin(_ files: [BuiltinRules.File], configuration: Configuration) throws -> RuleCatalog {
        try load(files.map { f in (path: f.path, read: { try f.source() }) }, configuration: configuration)
    }

    /// `read` gives the file's `RuleSource`: from its text, or from a built-in rule's tree.
    static func load(_ files: [(path: String, read: @Sendable () throws -> RuleSource)], configuration: Configuration) throws -> RuleCatalog {
        var sources: [RuleSource] = []
        var byID: [String: String] = [:], byName: [String: String] = [:]
        // Files are parsed on every core (start-up cost on every run); results, errors
        // included, are then taken in file order, as when parsing one by one.
        let parsed = try ParallelMap.map(files, jobs: 0) { f in Result { try f.read() } }
        for (f, result) in zip(files, parsed) {
            let s = try result.get()
            if let other = byID[s.descriptor.id] {
                throw CredLintError("duplicate rule id \(s.descriptor.id) (also in \(other))", path: f.path)
            }
            if let other = byName[s.descriptor.name] {
                throw CredLintError("duplicate rule name '\(s.descriptor.name)' (also in \(other))", path: f.path)
            }
            byID[s.descriptor.id] = f.path; byName[s.descriptor.name] = f.path
            sources.append(s)
        }
        // Config may name rules by id or name; an unknown one is a typo, not a no-op.
        var settings: [String: Configuration.RuleSettings] = [:]
        for (key, s) in configuration.rules {
            guard let id = byID[key] != nil ? key : sources.first(where: { $0.descriptor.name == key })?.descriptor.id else {
                let hint = Suggest.closest(to: key, among: Array(byID.keys) + Array(byName.keys)).map { " (did you mean '\($0)'?)" } ?? ""
                throw CredLintError("unknown rule '\(key)' in configuration\(hint)", at: s.location)
            }
            settings[id] = s
        }
        let ruleSettings = settings
        let overrides = try followedParams(sources, settings: settings)
        let compiled = try ParallelMap.map(sources, jobs: 0) { source in
            Result { try CompiledRule.compile(source, settings: ruleSettings[source.descriptor.id],
                                              paramOverrides: overrides[source.descriptor.id] ?? [:]) }
        }
        let rules = try compiled.map { try $0.get() }
        return RuleCatalog(rules: rules.sorted { $0.id < $1.id })
    }

    /// Values of params declared `follows: RULE.PARAM` and not set in the configuration:
    /// RULE's effective value, or, while RULE is disabled, no limit at all. CL204 reports keys
    /// up to CL205's age limit, so one old key gets one finding, whatever CL205 is set to, and
    /// turning CL205 off hands the oldest keys back to CL204 instead of to no rule.
    static func followedParams(_ sources: [RuleSource], settings: [String: Configuration.RuleSettings]) throws
        -> [String: [String: RuleSource.ParamValue]] {
        var out: [String: [String: RuleSource.ParamValue]] = [:]
        for source in sources {
            for p in source.descriptor.params {
                guard let follows = p.follows else { continue }
                let parts = follows.split(separator: ".").map(String.init)
                guard let other = sources.first(where: { $0.descriptor.id == parts[0] }), let def = other.paramDefaults[parts[1]] else {
                    throw CredLintError("rule \(source.descriptor.id) param '\(p.name)' follows \(follows), which does not exist", path: source.descriptor.file)
                }
                out[source.descriptor.id, default: [:]][p.name] = try followedValue(p, of: source.descriptor.id, settings: settings, otherDefault: def)
            }
        }
        return out.filter { !$0.value.isEmpty }
    }

    /// One `follows` param's value; nil when the configuration sets it for its own rule.
    /// `otherDefault` is the followed param's default (rule examples, which load one rule,
    /// pass the param's own default, which mirrors it).
    static func followedValue(_ p: RuleDescriptor.Param, of ruleID: String, settings: [String: Configuration.RuleSettings],
                              otherDefault: RuleSource.ParamValue) throws -> RuleSource.ParamValue? {
        guard let follows = p.follows, settings[ruleID]?.params[p.name] == nil else { return nil }
        let parts = follows.split(separator: ".").map(String.init)
        // "No limit": the largest whole number of days a duration holds (about 270,000 years).
        if settings[parts[0]]?.enabled == false { return .int(100_000_000) }
        if let raw = settings[parts[0]]?.params[parts[1]] { return try CompiledRule.coerce(raw, like: otherDefault, name: parts[1]) }
        return otherDefault
    }

    /// The built-in catalogue plus `extraDirectories`.
    public static func standard(extraDirectories: [String] = [], configuration: Configuration) throws -> RuleCatalog {
        var files: [(path: String, read: @Sendable () throws -> RuleSource)] = BuiltinRules.files.map { f in (path: f.path, read: { try f.source() }) }
        for d in extraDirectories {
            files += try ruleFiles(in: d).map { f in (path: f.path, read: { try RuleSource.parse(text: f.text, path: f.path) }) }
        }
        return try load(files, configuration: configuration)
    }

    package func rule(named key: String) -> CompiledRule? {
        rules.first { $0.id == key.uppercased() || $0.descriptor.name == key }
    }
}
