import ArgumentParser
import CredLintCore
import Foundation

/// Options shared by the commands that read rules and configuration.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (default: .credlint.yml in the current directory, if present).", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Add a rule file, or a directory of them (repeatable).", valueName: "path"))
    var rules: [String] = []

    func loadConfiguration() throws -> Configuration {
        let path: String
        if let c = config {
            path = c
        } else if FileManager.default.fileExists(atPath: Configuration.fileName) {
            path = Configuration.fileName
        } else {
            return Configuration()
        }
        let shown = FileIO.displayPath(path)
        guard FileManager.default.fileExists(atPath: path) else { throw CredLintError("configuration file not found", path: shown) }
        let bytes = try FileIO.readAll(path: path, limit: YAMLValue.maxBytes, shown: shown, hint: YAMLValue.sizeHint)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CredLintError("configuration is not valid UTF-8", path: shown) }
        return try Configuration.parse(text, path: shown)
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
