/// How a baseline compared with a run (for summaries).
public struct BaselineSummary: Sendable, Equatable {
    public var path: String
    /// Entries in the baseline file.
    public var entries: Int
    /// Baseline entries no current finding matched (fixed since the baseline was written).
    public var absent: Int
    public init(path: String, entries: Int, absent: Int) { self.path = path; self.entries = entries; self.absent = absent }
}
