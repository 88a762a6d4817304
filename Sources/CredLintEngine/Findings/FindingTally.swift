/// How many findings there are of each severity, exempted or not, unchanged from the
/// baseline or not: all that counts, filters and the SARIF result limit need, so findings
/// kept on disk are not read back just to be counted.
package struct FindingTally: Sendable, Equatable {
    private var cells = [Int](repeating: 0, count: Severity.allCases.count * 4)
    /// Each rule id met, with the name and severity of its first finding (reports describe
    /// rules no descriptor covers, such as CL000, from their findings).
    package private(set) var rules: [String: RuleSeen] = [:]

    package struct RuleSeen: Sendable, Equatable {
        package var name: String
        package var severity: Severity
    }

    package init() {}

    package init(_ findings: [Finding]) {
        findings.withUnsafeBufferPointer { b in
            // Findings of one rule mostly come together: look a rule up once per change.
            var lastRule = ""
            for i in b.indices {
                add(b[i].severity, suppressed: b[i].suppression != nil, unchanged: b[i].baselineState == .unchanged)
                if b[i].ruleID != lastRule {
                    noteRule(b[i].ruleID, name: b[i].ruleName, severity: b[i].severity)
                    lastRule = b[i].ruleID
                }
            }
        }
    }

    mutating func add(_ f: Finding) {
        add(f.severity, suppressed: f.suppression != nil, unchanged: f.baselineState == .unchanged)
        noteRule(f.ruleID, name: f.ruleName, severity: f.severity)
    }

    /// The first finding of a rule names it.
    private mutating func noteRule(_ id: String, name: String, severity: Severity) {
        if rules[id] == nil { rules[id] = RuleSeen(name: name, severity: severity) }
    }

    mutating func add(_ severity: Severity, suppressed: Bool, unchanged: Bool, count: Int = 1) {
        cells[Self.index(severity, suppressed, unchanged)] += count
    }

    mutating func add(_ other: FindingTally) {
        for i in cells.indices { cells[i] += other.cells[i] }
        rules.merge(other.rules) { first, _ in first }
    }

    private static func index(_ s: Severity, _ suppressed: Bool, _ unchanged: Bool) -> Int {
        s.ordinal * 4 + (suppressed ? 2 : 0) + (unchanged ? 1 : 0)
    }

    /// Every non-empty cell, lowest severity first.
    package func forEach(_ body: (_ severity: Severity, _ suppressed: Bool, _ unchanged: Bool, _ count: Int) -> Void) {
        for (i, n) in cells.enumerated() where n > 0 {
            body(Severity(ordinal: i / 4), i & 2 != 0, i & 1 != 0, n)
        }
    }

    package var total: Int { cells.reduce(0, +) }
}
