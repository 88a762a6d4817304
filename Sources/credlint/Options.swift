import ArgumentParser
import Foundation
import CredLintModel
import CredLintEngine

/// Options shared by the commands that read rules and configuration.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (default: .credlint.yml or .credlint.yaml in the working directory or a parent, up to the repository root).", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Add a rule file, or a directory of them (repeatable).", valueName: "path"))
    var rules: [String] = []

    func loadConfiguration() throws -> Configuration { try resolveConfiguration().configuration }

    /// The configuration and, when `--config` is not given, where it was looked for.
    func resolveConfiguration() throws -> (configuration: Configuration, search: ConfigurationLocator.Search?) {
        let path: String, shown: String
        var search: ConfigurationLocator.Search?
        if let c = config {
            path = c
            shown = FileIO.displayPath(c)
        } else {
            let found = try ConfigurationLocator().search()
            search = found
            guard let p = found.path, let s = found.shown else { return (Configuration(), search) }
            path = p
            shown = s
        }
        guard FileManager.default.fileExists(atPath: path) else { throw CredLintError("configuration file not found", path: shown) }
        let bytes = try FileIO.readAll(path: path, limit: YAMLValue.maxBytes, shown: shown, hint: YAMLValue.sizeHint)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CredLintError("configuration is not valid UTF-8", path: shown) }
        return (try Configuration.parse(text, path: shown), search)
    }

    func loadCatalog(_ configuration: Configuration) throws -> RuleCatalog {
        try RuleCatalog.standard(extraDirectories: rules, configuration: configuration)
    }
}

extension Timestamp: ExpressibleByArgument {
    public init?(argument: String) {
        guard let t = ISO8601.parseDateOrTimestamp(argument) else { return nil }
        self = t
    }
}

extension Severity: ExpressibleByArgument {}
