import Foundation
import CredLintModel

/// A whole `credlint lint` run: load inputs, lint every account (concurrently,
/// bounded by `jobs`), and assemble a deterministic `LintReport`.
public struct LintRunner: Sendable {
    package var catalog: RuleCatalog
    package var configuration: Configuration
    package var asOf: Timestamp?
    /// What `asOf` is, for the outputs: `--as-of DATE` (`.flag`) or the current time read once
    /// for the whole run (`--as-of now`, `.clock`).
    package var asOfSource: AccountResult.AsOfSource = .flag
    package var jobs: Int
    public var loaderOptions: InputLoader.Options
    /// `--keep-going`: an input error fails only its account, which is reported as a
    /// `CL000` finding (`InputErrorRule`) and listed in `LintReport.inputErrors`.
    package var keepGoing: Bool
    /// Whether finished accounts' findings are kept on disk until output (`FindingSpill`);
    /// nil decides by size: yes when there are more accounts than threads.
    public var spillFindings: Bool? = nil
    /// Findings per sorted run when a report's findings go to disk (tests lower it).
    var runLimit = RowEvaluator.defaultRunLimit
    /// An account without a credential report is an input error, unless this says what allowed
    /// it (`--allow-missing credential_report`, or `allow_missing` in the configuration): then
    /// it is linted without one, its report rules skipped, and the report says so.
    package var missingReportAllowedBy: String? = nil
    /// `--accounts` / `--exclude-accounts` / `--ous` / `--exclude-ous`.
    package var selection = AccountSelection()
    /// An account an Organization folder expects but cannot lint is an input error, unless this
    /// says what allowed it (`--allow-missing account`, or `allow_missing` in the configuration).
    package var missingAccountAllowedBy: String? = nil

    public init(catalog: RuleCatalog, configuration: Configuration, asOf: Timestamp? = nil, jobs: Int = 0,
                loaderOptions: InputLoader.Options = .init(), keepGoing: Bool = false) {
        self.catalog = catalog; self.configuration = configuration; self.asOf = asOf
        self.jobs = jobs; self.loaderOptions = loaderOptions; self.keepGoing = keepGoing
    }

    public func run(paths: [String], clock: @Sendable () -> Timestamp = LintRunner.wallClock) throws -> LintReport {
        var options = loaderOptions
        options.keepGoing = options.keepGoing || keepGoing
        let keepGoing = options.keepGoing
        // Files are grouped first (large IAM responses only peeked at), then each account is
        // read in full and linted on a worker: one account's documents in memory per worker.
        let loader = InputLoader(options: options)
        var plan = try loader.plan(paths: paths, jobs: jobs)
        let allowedBy = missingReportAllowedBy
        // Left out on request before anything else, so an excluded account is neither linted nor missing.
        // OU filters become account ids here, with the OU paths of organization.json.
        let selection = try self.selection.resolvingOUs(plan.organization)
        if !selection.isEverything {
            plan.accounts = plan.accounts.filter { selection.includes($0.accountID) }
            plan.failures = plan.failures.filter { $0.accountID == InputLoader.unknownAccount || selection.includes($0.accountID) }
        }
        let present = Set(plan.accounts.map(\.accountID) + plan.failures.map(\.accountID))
        let missing = OrganizationCheck.missing(manifest: plan.organization, collectionErrors: plan.collectionErrors,
                                                present: present, selection: selection)
        if !missing.isEmpty && missingAccountAllowedBy == nil && !keepGoing {
            throw CredLintErrors(missing.map(\.1))
        }
        // Nothing left because of a filter or missing accounts is an error; an empty plan
        // with neither is what `--skip-unrecognized` asked for (the loader said so in a note,
        // and threw in every other case).
        let emptiedByRequest = !selection.isEverything || !missing.isEmpty || plan.organization != nil
        if plan.accounts.isEmpty && plan.failures.isEmpty && emptiedByRequest && (missing.isEmpty || missingAccountAllowedBy != nil) {
            let why = selection.isEverything ? "" : " selected by \(self.selection.flags)"
            let left = missing.isEmpty ? "" : " (\(missing.count) missing: allowed, but nothing is left to lint)"
            throw CredLintError("no account\(why) has IAM data\(left); expected at least one account to lint",
                                path: FileIO.displayPath(paths[0]))
        }
        var linter = AccountLinter(rules: catalog.rules, configuration: configuration)
        // Threads left over when there are fewer accounts than threads go to large reports.
        let threads = jobs > 0 ? jobs : ProcessInfo.processInfo.activeProcessorCount
        linter.reportThreads = max(1, threads / max(1, plan.accounts.count))
        let asOf = self.asOf
        let fixedSource = self.asOfSource
        let perAccount = linter.reportThreads
        func failedAt() -> (Timestamp, AccountResult.AsOfSource) { asOf.map { ($0, fixedSource) } ?? (clock(), .clock) }
        // More accounts than threads: a finished account's findings wait for the output on
        // disk, so memory holds the accounts in flight rather than the whole organisation.
        let spillAccounts = spillFindings ?? (plan.accounts.count > threads)
        let spill = spillFindings == false ? nil : FindingSpill.make()
        // A report with more findings than fit a run writes them in sorted runs, whatever the count of accounts.
        linter.spill = spill
        linter.runLimit = runLimit
        let organization = plan.organization
        // Each account's plan is let go once it is read, so a long run does not keep them all.
        let pendings = TakeOnce(plan.accounts)
        plan.accounts = []
        // Each account's result, its input error (with --keep-going), and whether it was linted without a report.
        let linted = try ParallelMap.map(Array(pendings.indices), jobs: jobs) { [linter] i -> (AccountResult, CredLintError?, Bool) in
            let pending = pendings.take(i)
            do {
                var inputs = try loader.resolve(pending, jobs: perAccount)
                inputs.managementAccountID = organization?.managementAccount(of: pending.accountID)
                // No credential report: a failed collection must not pass the gate as "0 rows read".
                // Checked after the account's files are read, so an error inside one of them is
                // reported first (it is the more precise of the two).
                if inputs.report == nil && allowedBy == nil {
                    throw CollectionFailure.missingReport(accountID: pending.accountID, files: pending.files)
                }
                var result = try linter.lint(inputs, asOfFlag: asOf, asOfSource: fixedSource, clock: clock)
                if let allowedBy, inputs.report == nil {
                    result.notes.append(Note("credential report missing (allowed by \(allowedBy)); the rules that need it were skipped"))
                }
                if spillAccounts, let spill { result.spill(into: spill) }
                return (result, nil, inputs.report == nil)
            } catch let e as CredLintError where keepGoing {
                let (t, source): (Timestamp, AccountResult.AsOfSource) = asOf.map { ($0, fixedSource) } ?? (clock(), .clock)
                return (InputErrorRule.result(accountID: pending.accountID, errors: [e], files: pending.files, asOf: t,
                                              asOfSource: source), e, false)
            }
        }
        let withoutReport = linted.filter(\.2).map(\.0.accountID).sorted()
        var results = linted.map { ($0.0, $0.1) }
        for f in plan.failures {
            let (t, source) = failedAt()
            results.append((InputErrorRule.result(accountID: f.accountID, errors: f.errors, files: f.files, asOf: t,
                                                  asOfSource: source), nil))
        }
        // --keep-going: a missing account is reported as its CL000 finding, like any account whose input failed.
        let missingErrors = missingAccountAllowedBy == nil ? missing.map(\.1) : []
        if missingAccountAllowedBy == nil {
            for (m, e) in missing {
                let (t, source) = failedAt()
                results.append((InputErrorRule.result(accountID: m.accountID, errors: [e], files: [e.location?.path ?? "."],
                                                      asOf: t, asOfSource: source), nil))
            }
        }
        if let org = plan.organization {
            let byID = Dictionary(org.accounts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for i in results.indices {
                results[i].0.accountName = byID[results[i].0.accountID]?.name
                results[i].0.ouPath = byID[results[i].0.accountID]?.ouPath
            }
        }
        results.sort { $0.0.accountID < $1.0.accountID }
        let inputErrors = plan.failures.flatMap(\.errors) + results.compactMap(\.1) + missingErrors
        var rules = catalog.enabled.map(\.descriptor)
        if !inputErrors.isEmpty { rules.insert(InputErrorRule.descriptor, at: 0) }
        var report = LintReport(toolVersion: CredLintVersion.current, rules: rules, accounts: results.map(\.0),
                                notes: plan.notes)
        report.inputErrors = inputErrors
        report.organization = plan.organization
        if let by = missingAccountAllowedBy, !missing.isEmpty {
            report.missingAccounts = LintReport.MissingAccounts(accounts: missing.map(\.0), allowedBy: by)
        }
        if let allowedBy, !withoutReport.isEmpty {
            report.missingReport = LintReport.MissingReport(accounts: withoutReport, allowedBy: allowedBy)
        }
        return report
    }

    public static let wallClock: @Sendable () -> Timestamp = {
        Timestamp(micros: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }
}

/// Items handed out once each, then forgotten.
private final class TakeOnce<T>: @unchecked Sendable {
    private var items: [T?]
    private let lock = NSLock()
    let indices: Range<Int>

    init(_ items: [T]) {
        self.items = items
        indices = items.indices
    }

    func take(_ i: Int) -> T {
        lock.lock()
        defer { lock.unlock() }
        let item = items[i]!
        items[i] = nil
        return item
    }
}

