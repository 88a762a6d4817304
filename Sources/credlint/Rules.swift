import ArgumentParser
import Foundation
import CredLintModel
import CredLintEngine

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules (id, name, severity, scope, needs, enabled).")

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: ArgumentHelp("text or json.", valueName: "format"),
            completion: .list(ListFormat.allCases.map(\.rawValue)), transform: { try Choice.parse($0) })
    var format: ListFormat = .text

    enum ListFormat: String, CaseIterable { case text, json }

    func run() throws {
        let configuration = try ruleOptions.loadConfiguration()
        let catalog = try ruleOptions.loadCatalog(configuration)
        switch format {
        case .json: Terminal.out(RuleListing.json(catalog))
        case .text: Terminal.out(Array(RuleListing.text(catalog).utf8))
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Print a rule's documentation and examples.")

    @Argument(help: ArgumentHelp("Rule id or name, e.g. CL203 or access-key-unused.", valueName: "rule"))
    var rule: String

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        let configuration = try ruleOptions.loadConfiguration()
        let catalog = try ruleOptions.loadCatalog(configuration)
        guard let r = catalog.rule(named: rule) else {
            let all = catalog.rules.flatMap { [$0.id, $0.descriptor.name] }
            let hint = Suggest.closest(to: rule, among: all).map { " (did you mean '\($0)'?)" } ?? ""
            throw CredLintError("no rule '\(rule)'\(hint); 'credlint rules' lists them")
        }
        Terminal.out(Array(RuleListing.explain(r).utf8))
    }
}

struct CheckRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-rules",
        abstract: "Validate rule files and run their examples (exit 0 all hold, 1 an example fails, 2 a file is invalid).")

    @Argument(help: ArgumentHelp("Rule directories or files.", valueName: "dir"))
    var paths: [String] = []

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one rule directory or file") }
    }

    func run() throws {
        var files: [(path: String, text: String)] = []
        for p in paths { files += try RuleCatalog.ruleFiles(in: p) }
        let catalog = try RuleCatalog.load(files: files, configuration: Configuration())
        let outcome = try RuleChecker.check(catalog)
        for line in outcome.failures { Terminal.error(line) }
        Terminal.out(Array("\(outcome.rules) rules, \(outcome.examples) examples: \(outcome.examples - outcome.failures.count) passed, \(outcome.failures.count) failed\n".utf8))
        if !outcome.failures.isEmpty { throw ExitCode(1) }
    }
}
