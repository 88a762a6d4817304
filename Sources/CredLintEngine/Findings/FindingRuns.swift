import CredLintModel

/// An account's findings on disk: one or more runs, each sorted in `Finding.outputOrder`
/// and stored as blocks in a `FindingSpill`. Read back whole (`load`) or one at a time in
/// output order (`makeIterator`), which merges the runs holding one block of each.
///
/// Runs come from a report too large to keep its findings in memory (`RowEvaluator`
/// writes a run each time it has `RowEvaluator.runLimit` of them). The merge breaks ties
/// by run, and runs are in the order their findings were made, so the result is exactly
/// what a stable sort of all of them gives.
struct FindingRuns: Sendable, Sequence {
    /// One sorted run: its blocks, and how many lines to add to every finding read from it
    /// (a later piece of a report read in parallel counts its lines from 1).
    struct Run: Sendable {
        var blocks: [FindingSpill.Ref]
        /// Counted when the run was written (one per run, not per block: an organisation
        /// has millions of blocks).
        var tally: FindingTally
        var lineShift = 0

        func load(_ i: Int, from spill: FindingSpill) -> [Finding] {
            var block = spill.load(blocks[i])
            if lineShift != 0 { for k in block.indices { block[k].location.line += lineShift } }
            return block
        }
    }

    let spill: FindingSpill
    private(set) var runs: [Run]

    init(spill: FindingSpill, runs: [Run]) {
        self.spill = spill
        self.runs = runs.filter { !$0.blocks.isEmpty }
    }

    var count: Int { runs.reduce(0) { $0 + $1.blocks.reduce(0) { $0 + $1.count } } }

    var tally: FindingTally {
        var t = FindingTally()
        for run in runs { t.add(run.tally) }
        return t
    }

    func load() -> [Finding] {
        if runs.count == 1 { return runs[0].blocks.indices.flatMap { runs[0].load($0, from: spill) } }
        var out: [Finding] = []
        out.reserveCapacity(count)
        for f in self { out.append(f) }
        return out
    }

    func makeIterator() -> Iterator { Iterator(self) }

    struct Iterator: IteratorProtocol {
        private let spill: FindingSpill
        private let runs: [Run]
        /// Per run: the next block to read, the block in hand and the position in it.
        private var nextBlock: [Int]
        private var blocks: [[Finding]]
        private var positions: [Int]
        /// Run indices ordered as a binary min-heap by their current finding.
        private var heap: [Int] = []

        init(_ r: FindingRuns) {
            spill = r.spill
            runs = r.runs
            nextBlock = Array(repeating: 0, count: runs.count)
            blocks = Array(repeating: [], count: runs.count)
            positions = Array(repeating: 0, count: runs.count)
            for i in runs.indices where advance(i) { push(i) }
        }

        /// Makes sure run `i` has a current finding; false when it is used up.
        private mutating func advance(_ i: Int) -> Bool {
            while positions[i] >= blocks[i].count {
                guard nextBlock[i] < runs[i].blocks.count else { blocks[i] = []; return false }
                blocks[i] = runs[i].load(nextBlock[i], from: spill)
                nextBlock[i] += 1
                positions[i] = 0
            }
            return true
        }

        /// Run `a`'s finding comes first (ties: the earlier run). Read in place: copying a
        /// `Finding` retains each of its references, and the heap compares a dozen times a finding.
        private func before(_ a: Int, _ b: Int) -> Bool {
            blocks[a].withUnsafeBufferPointer { ba in
                blocks[b].withUnsafeBufferPointer { bb in
                    let order = Finding.compareOutputOrder(ba.baseAddress! + positions[a], bb.baseAddress! + positions[b])
                    return order != 0 ? order < 0 : a < b
                }
            }
        }

        private mutating func push(_ i: Int) {
            heap.append(i)
            var c = heap.count - 1
            while c > 0 {
                let p = (c - 1) / 2
                guard before(heap[c], heap[p]) else { break }
                heap.swapAt(c, p)
                c = p
            }
        }

        private mutating func siftDown() {
            var p = 0
            while true {
                let l = 2 * p + 1, r = l + 1
                var m = p
                if l < heap.count && before(heap[l], heap[m]) { m = l }
                if r < heap.count && before(heap[r], heap[m]) { m = r }
                if m == p { return }
                heap.swapAt(p, m)
                p = m
            }
        }

        mutating func next() -> Finding? {
            guard let top = heap.first else { return nil }
            // Moved out of the block (it is read once): copying would retain every field
            // here and release it again when the block goes.
            var f = Finding.placeholder
            swap(&f, &blocks[top][positions[top]])
            positions[top] += 1
            if advance(top) {
                siftDown()
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
                siftDown()
            }
            return f
        }
    }
}
