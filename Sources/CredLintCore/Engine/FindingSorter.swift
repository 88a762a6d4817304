/// Sorts findings into `Finding.outputOrder`, stably.
///
/// Comparing `Finding`s directly copies them (a dozen references each) at
/// every step of the sort. Here each finding is reduced once to a key of
/// integers, with its principal and slot ranked among the distinct values;
/// the keys are sorted, then the findings are permuted once.
enum FindingSorter {
    private struct Key {
        var account: Int32, rank: Int32, rule: Int32, principal: Int32, slot: Int32, path: Int32
        var line: Int, column: Int, index: Int
    }

    static func sort(_ findings: inout [Finding]) {
        if findings.count < 2 { return }
        var accounts = Ranks(), rules = Ranks(), principals = Ranks(), slots = Ranks(), paths = Ranks()
        for f in findings {
            accounts.add(f.accountID); rules.add(f.ruleID); principals.add(f.principal)
            slots.add(f.slot); paths.add(f.location.path)
        }
        accounts.finish(); rules.finish(); principals.finish(); slots.finish(); paths.finish()
        var keys: [Key] = []
        keys.reserveCapacity(findings.count)
        for (i, f) in findings.enumerated() {
            keys.append(Key(account: accounts.rank(f.accountID), rank: -severityRank(f.severity), rule: rules.rank(f.ruleID),
                            principal: principals.rank(f.principal), slot: slots.rank(f.slot),
                            path: paths.rank(f.location.path), line: f.location.line, column: f.location.column, index: i))
        }
        keys.sort { a, b in
            if a.account != b.account { return a.account < b.account }
            if a.rank != b.rank { return a.rank < b.rank }
            if a.rule != b.rule { return a.rule < b.rule }
            if a.principal != b.principal { return a.principal < b.principal }
            if a.slot != b.slot { return a.slot < b.slot }
            if a.path != b.path { return a.path < b.path }
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            return a.index < b.index
        }
        if keys.indices.allSatisfy({ keys[$0].index == $0 }) { return }
        findings = keys.map { findings[$0.index] }
    }

    private static func severityRank(_ s: Severity) -> Int32 {
        switch s { case .info: 0; case .low: 1; case .medium: 2; case .high: 3; case .critical: 4 }
    }

    /// Distinct strings and their rank in `String` order.
    private struct Ranks {
        var ids: [String: Int32] = [:]
        var values: [String] = []
        mutating func add(_ s: String) {
            if ids[s] == nil { ids[s] = Int32(values.count); values.append(s) }
        }
        mutating func finish() {
            let order = values.indices.sorted { values[$0] < values[$1] }
            for (rank, i) in order.enumerated() { ids[values[i]] = Int32(rank) }
        }
        func rank(_ s: String) -> Int32 { ids[s]! }
    }
}
