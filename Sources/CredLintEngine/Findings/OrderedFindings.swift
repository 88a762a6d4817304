/// An account's findings in `Finding.outputOrder`, one at a time: the one way findings are
/// read (`AccountResult.orderedFindings`). From memory, or merged from sorted runs on disk a
/// block per run at a time.
///
/// The iterator is a value: a copy carries on from where the original was, independently,
/// so a reporter that needs a second position in the same account (one per severity, say)
/// copies or restarts an iterator instead of collecting findings in an array.
package struct OrderedFindings: Sequence, Sendable {
    private let stored: [Finding]
    private let runs: FindingRuns?

    init(stored: [Finding], runs: FindingRuns?) {
        self.stored = stored
        self.runs = runs
    }

    package func makeIterator() -> Iterator {
        Iterator(memory: runs == nil ? stored.makeIterator() : nil, disk: runs?.makeIterator())
    }

    package var underestimatedCount: Int { runs == nil ? stored.count : 0 }

    package struct Iterator: IteratorProtocol {
        fileprivate var memory: IndexingIterator<[Finding]>?
        fileprivate var disk: FindingRuns.Iterator?

        package mutating func next() -> Finding? {
            if disk != nil { return disk?.next() }
            return memory?.next()
        }
    }
}
