/// Sorts findings into `Finding.outputOrder`, stably.
///
/// Comparing `Finding`s directly copies them (a dozen references each) at
/// every step of the sort. Here each finding is reduced once to a small key
/// (severity rank, the strings the order compares, its index); the keys are
/// sorted, then the findings are permuted once.
enum FindingSorter {
    private struct Key {
        var severity: Int8
        var index: Int32
        var line: Int
        var column: Int
        var ruleID: String, principal: String, slot: String, path: String
    }

    static func sort(_ findings: inout [Finding]) {
        if findings.count < 2 { return }
        // One linter call sorts one account's findings: the account rarely needs comparing.
        let oneAccount = findings.allSatisfy { $0.accountID == findings[0].accountID }
        var keys: [Key] = []
        keys.reserveCapacity(findings.count)
        for (i, f) in findings.enumerated() {
            keys.append(Key(severity: -severityRank(f.severity), index: Int32(i), line: f.location.line,
                            column: f.location.column, ruleID: f.ruleID, principal: f.principal, slot: f.slot,
                            path: f.location.path))
        }
        let accounts = oneAccount ? [] : findings.map(\.accountID)
        keys.sort { a, b in
            if !oneAccount {
                let x = accounts[Int(a.index)], y = accounts[Int(b.index)]
                if x != y { return x < y }
            }
            if a.severity != b.severity { return a.severity < b.severity }
            if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
            if a.principal != b.principal { return a.principal < b.principal }
            if a.slot != b.slot { return a.slot < b.slot }
            if a.path != b.path { return a.path < b.path }
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            return a.index < b.index
        }
        if keys.indices.allSatisfy({ keys[$0].index == $0 }) { return }
        findings = keys.map { findings[Int($0.index)] }
    }

    private static func severityRank(_ s: Severity) -> Int8 {
        switch s { case .info: 0; case .low: 1; case .medium: 2; case .high: 3; case .critical: 4 }
    }
}
