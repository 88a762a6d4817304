import ArgumentParser
import Foundation
import CredLintModel
import CredLintEngine
import CredLintReport

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint IAM exports and report findings (the default command).",
        discussion: """
            PATH is a file, a directory (walked recursively) or '-' for standard input. Files are \
            recognised by content and grouped into accounts by the account id in their ARNs.

            Every account needs its credential report: an account without one, an IAM or AWS CLI \
            error saved in its place, GenerateCredentialReport's output, an empty file or a report \
            without rows is an input error (exit 2), never a clean run. \
            '--allow-missing credential_report' lints accounts that have no report at all.

            An Organization folder (scripts/collect.sh --org) holds organization.json: every \
            account it lists must have its data. One whose collection failed, or with no data, \
            is an input error naming it, unless '--allow-missing account' (the summary then counts \
            them). Account names and OU paths from it appear in the outputs.

            Examples:
              credlint lint samples/
              credlint lint reports/ --output sarif=credlint.sarif --format text --fail-on high
              credlint lint reports/ --output 'sarif=out/{account}.sarif'   # one SARIF per account
              credlint lint exports/ --output sarif=sarif/   # any number of accounts: GitHub-sized uploads
            """)

    @Argument(help: ArgumentHelp("Input files, directories, or '-' for standard input.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: ArgumentHelp("Format on standard output: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"),
            completion: .list(OutputFormat.allCases.map(\.rawValue)), transform: { try Choice.parse($0) })
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Also write FORMAT to PATH (repeatable); '{account}' in PATH writes one file per account; sarif=DIR/ (a trailing '/') writes credlint-001.sarif, ... in DIR: one run per account (category credlint/<account-id>/), at most 20 runs and 10 MB gzipped per file, one upload each.", valueName: "format=path"))
    var output: [String] = []

    @Option(name: .long, help: ArgumentHelp("Clock for every age: now (the default, or as_of in the configuration), report (the credential report's GeneratedTime, else now), or a fixed YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ for reproducible runs.", valueName: "time"),
            completion: .list(["now", "report"]),
            transform: { s in
                guard let v = AsOfSetting(s) else { throw ValidationError("expected \(AsOfSetting.expected)") }
                return v
            })
    var asOf: AsOfSetting?

    @Option(name: .long, help: ArgumentHelp("Exit 1 when an open finding is at or above: critical, high, medium, low, info, none (default: high, or fail_on in the configuration).", valueName: "severity"),
            completion: .list(Choice.gateLevels), transform: { try Choice.match($0, among: Choice.gateLevels) })
    var failOn: String?

    @Option(name: .long, help: ArgumentHelp("Report only findings at or above this severity (the gate still sees all).", valueName: "severity"),
            completion: .list(Choice.severities), transform: { try Choice.parse($0) })
    var minSeverity: Severity?

    @Flag(name: [.short, .long], help: "Text output is the findings only (no headers, notes or summary), and exit 1 prints no closing line.")
    var quiet = false

    @Flag(name: .long, help: "Also report exempted findings (SARIF 'suppressions').")
    var includeSuppressed = false

    @Flag(name: .long, help: "List on standard error what each exemption in the configuration suppressed (and which expired or matched nothing).")
    var explainExemptions = false

    @Option(name: .long, help: ArgumentHelp("Report and gate only findings not in this baseline file.", valueName: "file"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Write the current findings as a baseline file.", valueName: "file"))
    var writeBaseline: String?

    @Option(name: .long, help: ArgumentHelp("Colour in text output: auto, always, never (auto honours NO_COLOR and TTYs).", valueName: "when"),
            completion: .list(ColorChoice.allCases.map(\.rawValue)), transform: { try Choice.parse($0) })
    var color: ColorChoice = .auto

    @Option(name: .long, help: ArgumentHelp("Accounts linted in parallel (default: the number of cores).", valueName: "n"))
    var jobs: Int = 0

    @Option(name: .long, help: ArgumentHelp("SARIF results per run, highest severity first (GitHub keeps 5,000).", valueName: "n"))
    var maxResults: Int = 5_000

    @Option(name: .long, help: ArgumentHelp("SARIF category (automationDetails.id); default credlint/<account-id>/. With sarif=DIR/, the prefix of each account's category (ID/<account-id>/).", valueName: "id"))
    var category: String?

    @Option(name: .long, help: ArgumentHelp("Largest input file accepted, in MiB (default 256). Above 256 it also raises every other size and count cap (report rows, XML elements and text, policy size, policies per identity, …) by mib/256; see docs/reliability.md.", valueName: "mib"))
    var maxInputSize: Int?

    @Option(name: .long, help: ArgumentHelp("Leave out files and folders matching GLOB when walking a directory (repeatable; matched against the name, the path below the directory and the path as shown). .git, node_modules, .build and hidden folders are always skipped.", valueName: "glob"))
    var exclude: [String] = []

    @Flag(name: .long, help: "Skip files named on the command line that are not IAM data (with a note), as a directory walk does; a run that finds none exits 0. For pre-commit hooks, which pass every staged file.")
    var skipUnrecognized = false

    @Flag(name: .long, help: "On an input error, report it as a CL000 finding of its account, lint the other accounts, write every output (with the CL000 findings), and still exit 2.")
    var keepGoing = false

    @Option(name: .long, help: ArgumentHelp("Lint accounts that have no credential report instead of exiting 2; their report rules are skipped and the summary says so (key credential_report), or the accounts an Organization folder lists but cannot lint (key account). A report file that is an IAM or CLI error, GenerateCredentialReport output, empty or header-only still exits 2.", valueName: "key"),
            completion: .list(Configuration.allowMissingKeys))
    var allowMissing: [String] = []

    @Option(name: .long, help: ArgumentHelp("Lint only these accounts (12-digit ids, comma-separated).", valueName: "ids"))
    var accounts: String?

    @Option(name: .long, help: ArgumentHelp("Leave these accounts out (12-digit ids, comma-separated).", valueName: "ids"))
    var excludeAccounts: String?

    @Option(name: .long, help: ArgumentHelp("Lint only the accounts in these OUs and the OUs beneath them (paths as organization.json writes them, case-sensitive: Root/Workloads, comma-separated); needs an organization.json.", valueName: "paths"))
    var ous: String?

    @Option(name: .long, help: ArgumentHelp("Leave out the accounts in these OUs and the OUs beneath them (as --ous).", valueName: "paths"))
    var excludeOus: String?

    enum ColorChoice: String, CaseIterable { case auto, always, never }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("no input paths; give files, directories or '-' (try 'credlint lint samples/')") }
        if jobs < 0 { throw ValidationError("--jobs must be 0 (auto) or more") }
        if maxResults < 1 || maxResults > 25_000 { throw ValidationError("--max-results must be between 1 and 25000") }
        if let m = maxInputSize, m < 1 || m > InputCaps.maxMaxInputMiB { throw ValidationError("--max-input-size must be between 1 and \(InputCaps.maxMaxInputMiB) (MiB)") }
        for o in output { _ = try Self.parseOutput(o) }
        for key in allowMissing where !Configuration.allowMissingKeys.contains(key) {
            throw ValidationError("--allow-missing takes \(Configuration.allowMissingKeys.joined(separator: ", ")) (the only inputs that may be missing); found '\(key)'")
        }
        do {
            _ = try selection()
        } catch let e as CredLintError {
            throw ValidationError(e.message)
        }
    }

    /// Exemptions from the configuration; one naming a rule that does not exist is a typo, not a no-op.
    func exemptions(_ configuration: Configuration, _ catalog: RuleCatalog) throws -> [Exemption] {
        try configuration.exemptions.map { e in
            for rule in e.rules where rule != "*" && catalog.rule(named: rule) == nil {
                let all = catalog.rules.flatMap { [$0.id, $0.descriptor.name] }
                let hint = Suggest.closest(to: rule, among: all).map { " (did you mean '\($0)'?)" } ?? ""
                throw CredLintError("exemption names unknown rule '\(rule)'\(hint)", at: e.location)
            }
            let exemption = Exemption(rules: e.rules, principal: e.principal, slot: e.slot, reason: e.reason, expires: e.expires, location: e.location)
            try exemption.validate()
            return exemption
        }
    }

    /// `--accounts`, `--exclude-accounts`, `--ous` and `--exclude-ous`.
    func selection() throws -> AccountSelection {
        AccountSelection(only: try accounts.map { try AccountSelection.parse($0, flag: "--accounts") },
                         excluded: try excludeAccounts.map { try AccountSelection.parse($0, flag: "--exclude-accounts") } ?? [],
                         onlyOUs: try ous.map { try AccountSelection.parseOUs($0, flag: "--ous") },
                         excludedOUs: try excludeOus.map { try AccountSelection.parseOUs($0, flag: "--exclude-ous") } ?? [])
    }

    static func parseOutput(_ s: String) throws -> (OutputFormat, String) {
        guard let eq = s.firstIndex(of: "="), s.index(after: eq) < s.endIndex else {
            throw ValidationError("--output expects FORMAT=PATH with FORMAT one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")); found '\(s)'")
        }
        let name = String(s[..<eq])
        guard let f = try? Choice.parse(name, as: OutputFormat.self) else {
            throw ValidationError("--output FORMAT '\(name)': \(Choice.message(name, among: OutputFormat.allCases.map(\.rawValue)))")
        }
        return (f, String(s[s.index(after: eq)...]))
    }

    func run() throws {
        // Output paths are checked before any input is read: a typo or a directory fails
        // at once (exit 2), and two outputs on one file are refused instead of overwriting
        // each other. Per-account paths are checked again once the accounts are known.
        var planned = try output.map { try Self.parseOutput($0).1 }
        for o in output where o.hasPrefix("sarif=") && o.hasSuffix("/") && o.contains("{account}") {
            throw CredLintError("--output \(o): a SARIF directory already holds one run per account; drop '{account}' (or the trailing '/' for one file per account)")
        }
        if let wb = writeBaseline { planned.append(wb) }
        // A SARIF directory (`sarif=out/`) is checked through its first file.
        let sarifDirectory = Set(try output.compactMap { o -> String? in
            let (fmt, path) = try Self.parseOutput(o)
            return fmt == .sarif && path.hasSuffix("/") ? path : nil
        })
        try AtomicFileWriter.validate(planned.map {
            let p = $0.replacingOccurrences(of: "{account}", with: "000000000000")
            return sarifDirectory.contains($0) ? p + SARIFLayout.fileName(1) : p
        }, shown: planned)

        let configuration = try ruleOptions.loadConfiguration()
        let catalog = try ruleOptions.loadCatalog(configuration)
        var loaderOptions = InputLoader.Options()
        if let m = maxInputSize { loaderOptions.caps = InputCaps(maxInputMiB: m) }
        loaderOptions.exclude = (configuration.exclude + exclude).map { Glob($0) }
        loaderOptions.skipUnrecognized = skipUnrecognized
        let gateSetting = try failOn ?? configuration.failOn.map { s in
            guard let v = try? Choice.match(s, among: Choice.gateLevels) else {
                throw CredLintError("fail_on '\(s)': \(Choice.message(s, among: Choice.gateLevels))", path: configuration.path ?? ".credlint.yml")
            }
            return v
        } ?? "high"
        let minSev = try minSeverity ?? configuration.minSeverity.map { s in
            guard let v = try? Choice.parse(s, as: Severity.self) else {
                throw CredLintError("min_severity '\(s)': \(Choice.message(s, among: Choice.severities))", path: configuration.path ?? ".credlint.yml")
            }
            return v
        }
        let baselineData = try baseline.map { path -> Baseline in
            let shown = FileIO.displayPath(path)
            guard FileManager.default.fileExists(atPath: path) else { throw CredLintError("baseline file not found", path: shown) }
            return try Baseline.load(try FileIO.readAll(path: path, limit: 256 << 20, shown: shown), path: shown)
        }

        // Everything that can fail on input happens before any output is written,
        // so an input error never leaves a SARIF that would close open alerts
        // (unless --keep-going asks for the other accounts' results anyway).
        var runner = LintRunner(catalog: catalog, configuration: configuration, jobs: jobs,
                                loaderOptions: loaderOptions, keepGoing: keepGoing)
        if let (t, source) = (asOf ?? configuration.asOf ?? .now).resolve() {
            runner.asOf = t
            runner.asOfSource = source
        }
        // The command line beats the file: it is named when both allow it.
        if allowMissing.contains("credential_report") {
            runner.missingReportAllowedBy = "--allow-missing credential_report"
        } else if configuration.allowMissing.contains("credential_report") {
            runner.missingReportAllowedBy = "allow_missing in \(configuration.path ?? Configuration.fileName)"
        }
        if allowMissing.contains("account") {
            runner.missingAccountAllowedBy = "--allow-missing account"
        } else if configuration.allowMissing.contains("account") {
            runner.missingAccountAllowedBy = "allow_missing in \(configuration.path ?? Configuration.fileName)"
        }
        runner.selection = try selection()
        var report = try runner.run(paths: paths)
        let exemptionList = try exemptions(configuration, catalog)
        report = ExemptionMatcher.apply(to: report, exemptions: exemptionList)
        if let b = baselineData { report = b.apply(to: report) }

        let useColor: Bool
        switch color {
        case .always: useColor = true
        case .never: useColor = false
        case .auto: useColor = Terminal.stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        }
        var options = ReportOptions(minSeverity: minSev, includeSuppressed: includeSuppressed, color: false,
                                    sarifCategory: category, maxResults: maxResults)
        options.quiet = quiet
        options.renderThreads = jobs > 0 ? jobs : ProcessInfo.processInfo.activeProcessorCount
        // Every file is rendered (streamed into an unnamed temporary file beside it) before
        // any is replaced, and the set is committed as one: a failing output (exit 3) leaves
        // every target as it was, not some outputs new and others old.
        var outputs: [(path: String, write: (String) throws -> AtomicFileWriter.StagedFile)] = []
        var sarifDirectories: [String] = []
        for o in output {
            let (fmt, path) = try Self.parseOutput(o)
            if fmt == .sarif && path.hasSuffix("/") {
                sarifDirectories.append(path)
            } else if path.contains("{account}") {
                for account in report.accounts {
                    var one = report
                    one.accounts = [account]
                    outputs.append((path.replacingOccurrences(of: "{account}", with: account.accountID),
                                    { try fmt.stage(one, options: options, to: $0) }))
                }
            } else {
                outputs.append((path, { [report] in try fmt.stage(report, options: options, to: $0) }))
            }
        }
        if let wb = writeBaseline {
            outputs.append((wb, { [report] in try AtomicFileWriter.stage(to: $0) { $0.write(Baseline.write(report: report)) } }))
        }
        try AtomicFileWriter.validate(outputs.map(\.path))
        var staged: [AtomicFileWriter.StagedFile] = []
        for o in outputs { staged.append(try o.write(o.path)) }
        var layoutFiles: [(directory: String, names: Set<String>)] = []
        for d in sarifDirectories {
            let files = try SARIFLayout.stage(report, options: options, directory: d)
            layoutFiles.append((d, Set(files.map { String($0.path.dropFirst(d.count)) })))
            staged += files
        }
        if !sarifDirectories.isEmpty { try AtomicFileWriter.validate(staged.map(\.path)) }
        try AtomicFileWriter.commit(staged)
        for (d, names) in layoutFiles { try SARIFLayout.removeStale(in: d, keeping: names) }
        var stdoutOptions = options
        stdoutOptions.color = useColor && format == .text
        if !Terminal.stdoutIsDevNull {
            let stdout = ByteSink.standardOutput()
            format.write(report, options: stdoutOptions, to: stdout)
            if let e = stdout.failedErrno { Terminal.stdoutFailure = e }
        }
        if explainExemptions { Terminal.error(ExemptionExplanation.text(report, exemptions: exemptionList)) }
        // --keep-going: every output is written, the errors are printed as usual, and the run still fails.
        for e in report.inputErrors { Terminal.error(e.description) }
        if !report.inputErrors.isEmpty { throw ExitCode(2) }

        let failOnSeverity = gateSetting == "none" ? nil : Severity(rawValue: gateSetting)
        let code = Gate.exitCode(report: report, failOn: failOnSeverity)
        if code != 0 {
            // Not when standard output failed: the run then exits 3, and this line would
            // describe an answer the reader never got.
            if !quiet, Terminal.stdoutFailure == nil, let line = Gate.closingLine(report: report, failOn: failOnSeverity) { Terminal.hint(line) }
            throw ExitCode(code)
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
