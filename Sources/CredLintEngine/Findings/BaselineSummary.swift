/// How a baseline compared with a run (for summaries).
package struct BaselineSummary: Sendable, Equatable {
    package var path: String
    /// Entries in the baseline file.
    package var entries: Int
    /// Baseline entries no current finding matched (fixed since the baseline was written).
    package var absent: Int
    package init(path: String, entries: Int, absent: Int) { self.path = path; self.entries = entries; self.absent = absent }
}
