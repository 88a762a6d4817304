import ArgumentParser
import CredLintCore

@main
struct CredLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credlint",
        abstract: "Lint AWS IAM credential reports and IAM API exports, offline.",
        version: CredLintVersion.current
    )
    func run() throws {}
}
