import CredLintModel

/// What linting one account gave: its findings (in memory, or on disk for a large run),
/// the rules skipped for want of input, notes, and the as-of time used.
public struct AccountResult: Sendable {
    package enum AsOfSource: String, Sendable { case flag = "--as-of", report = "report GeneratedTime", clock = "current time" }
    package var accountID: String
    package var asOf: Timestamp
    package var asOfSource: AsOfSource
    /// Input files of this account, sorted.
    package var inputs: [String]
    /// Credential-report rows read (0 when no report was given).
    public var rowsRead: Int
    /// `GeneratedTime` of the credential report, when known.
    package var reportGeneratedTime: Timestamp?
    /// In `Finding.outputOrder` (the initialiser and `setFindings` sort them), so every
    /// reader gets them in that order from `orderedFindings` without sorting a copy.
    private var stored: [Finding]
    private var spilled: FindingRuns?
    /// How many findings there are, without reading them.
    public var findingCount: Int { spilled?.count ?? stored.count }
    /// The findings counted by severity and state, without reading them from disk.
    package var tally: FindingTally { spilled?.tally ?? FindingTally(stored) }
    /// True when the findings are held in a `FindingSpill`.
    package var isSpilled: Bool { spilled != nil }

    /// The one way to read an account's findings: in `Finding.outputOrder`, one at a time. On
    /// disk they are merged from their sorted runs a block per run at a time, so reading an
    /// account never holds all of it; counts and tallies need no read at all (`findingCount`,
    /// `tally`). There is deliberately no array of them: a reporter that needs two looks makes
    /// two passes.
    package var orderedFindings: OrderedFindings { OrderedFindings(stored: stored, runs: spilled) }

    /// Replaces the findings (sorted into output order); findings on disk stay on disk.
    /// For tests and examples that build results by hand: the linter gives findings to the
    /// initialiser, and exemptions and baselines mark them with `updateFindings`.
    mutating func setFindings(_ findings: [Finding]) {
        if let s = spilled, let runs = Self.sortedRun(findings, in: s.spill) {
            spilled = runs
            return
        }
        spilled = nil
        stored = Self.sorted(findings)
    }

    /// Changes every finding in place, in output order; findings on disk are read and
    /// written back a block at a time. `body` must not change what orders findings
    /// (exemptions and baselines only mark them).
    mutating func updateFindings(_ body: (inout Finding) -> Void) {
        guard let runs = spilled else {
            for i in stored.indices { body(&stored[i]) }
            return
        }
        let spill = runs.spill
        var blocks: [FindingSpill.Ref] = []
        var tally = FindingTally()
        var block: [Finding] = []
        block.reserveCapacity(FindingSpill.blockSize)
        // Set once a write fails: from then on everything is kept in memory.
        var inMemory: [Finding]?
        func flush() {
            guard !block.isEmpty else { return }
            if inMemory == nil, let ref = spill.store(block) {
                blocks.append(ref)
            } else {
                if inMemory == nil { inMemory = blocks.flatMap { spill.load($0) } }
                inMemory! += block
            }
            block.removeAll(keepingCapacity: true)
        }
        for var f in runs {
            body(&f)
            tally.add(f)
            block.append(f)
            if block.count == FindingSpill.blockSize { flush() }
        }
        flush()
        if let inMemory {
            stored = inMemory
            spilled = nil
        } else {
            spilled = FindingRuns(spill: spill, runs: [FindingRuns.Run(blocks: blocks, tally: tally)])
        }
    }

    /// Moves the findings to `spill`; they stay in memory if it cannot take them.
    mutating func spill(into spill: FindingSpill) {
        guard spilled == nil, !stored.isEmpty, let run = spill.storeRun(stored) else { return }
        let runs = FindingRuns(spill: spill, runs: [run])
        spilled = runs
        stored = []
    }

    /// `findings` on disk as one sorted run (readers merge runs and stream them); nil if the write fails.
    private static func sortedRun(_ findings: [Finding], in spill: FindingSpill) -> FindingRuns? {
        spill.storeRun(sorted(findings)).map { FindingRuns(spill: spill, runs: [$0]) }
    }

    /// `findings` in output order; a check first, since they almost always already are.
    private static func sorted(_ findings: [Finding]) -> [Finding] {
        var sorted = findings
        if !inOutputOrder(sorted) { FindingSorter.sort(&sorted) }
        return sorted
    }

    static func inOutputOrder(_ f: [Finding]) -> Bool {
        f.withUnsafeBufferPointer { b in
            b.indices.dropFirst().allSatisfy { Finding.compareOutputOrder(b.baseAddress! + $0, b.baseAddress! + $0 - 1) >= 0 }
        }
    }

    /// Findings already on disk in sorted runs (a report too large to hold them), plus the
    /// rest; if the rest cannot be written, everything comes back into memory.
    mutating func setRuns(_ runs: [FindingRuns.Run], rest: [Finding], spill: FindingSpill) {
        var all = runs
        if !rest.isEmpty {
            guard let last = spill.storeRun(rest) else {
                stored = FindingRuns(spill: spill, runs: runs).load()
                stored += rest
                FindingSorter.sort(&stored)
                spilled = nil
                return
            }
            all.append(last)
        }
        stored = []
        spilled = FindingRuns(spill: spill, runs: all)
    }

    public var skippedRules: [SkippedRule]
    package var notes: [Note]
    /// From `organization.json`, when the inputs are an Organization folder that names the account.
    package var accountName: String? = nil
    /// `Root/Workloads/Prod`, from `organization.json` where the collector could read it.
    package var ouPath: String? = nil
    /// Admins, their paths and break-glass users as the account rules saw them; nil when the
    /// account was not linted (an input error).
    package var access: AccountAccess? = nil
    package init(accountID: String, asOf: Timestamp, asOfSource: AsOfSource, inputs: [String], rowsRead: Int,
                reportGeneratedTime: Timestamp? = nil, findings: [Finding], skippedRules: [SkippedRule] = [],
                notes: [Note] = []) {
        self.accountID = accountID; self.asOf = asOf; self.asOfSource = asOfSource; self.inputs = inputs
        self.rowsRead = rowsRead; self.reportGeneratedTime = reportGeneratedTime; self.stored = Self.sorted(findings)
        self.skippedRules = skippedRules; self.notes = notes
    }
}
