import ArgumentParser
import Foundation
import CredLintModel
import CredLintEngine

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print what credlint understood of the inputs, as JSON (users, admins and their paths, MFA devices, as-of time).")

    @Argument(help: ArgumentHelp("Input files, directories, or '-' for standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Configuration file (break-glass designation, extra admin policies).", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Clock: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.", valueName: "time"))
    var asOf: Timestamp?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("no input paths; give files, directories or '-'") }
    }

    func run() throws {
        var ro = RuleOptions()
        ro.config = config
        let configuration = try ro.loadConfiguration()
        Terminal.out(try Inspector(configuration: configuration, asOf: asOf).inspect(paths: paths, clock: LintRunner.wallClock))
    }
}
