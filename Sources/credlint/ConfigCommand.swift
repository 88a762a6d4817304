import ArgumentParser
import CredLintEngine
import CredLintReport

/// `credlint config`: the configuration file found (or given) and the settings in effect.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print which configuration file applies and the settings in effect.",
        discussion: """
            Without --config, credlint looks for .credlint.yml or .credlint.yaml in the working \
            directory, then in each parent up to the repository root (the folder with .git); \
            outside a repository only the working directory is searched. Both names in one \
            folder is an error (exit 2).
            """)

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        let (configuration, search) = try ruleOptions.resolveConfiguration()
        let catalog = try ruleOptions.loadCatalog(configuration)
        Terminal.out(Array(ConfigurationListing.text(configuration, catalog: catalog, search: search).utf8))
    }
}

/// `credlint schema`: the JSON Schema of `--format json` output (docs/credlint-output.schema.json).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of '--format json' output.")

    func run() throws {
        Terminal.out(JSONOutputSchema.json)
    }
}
