/// What `CredentialReportParser.parse` saw, besides the rows it handed out.
public struct CredentialReportStats: Sendable, Equatable {
    /// Data rows handed to the row closure (header and skipped blank lines not counted).
    public var rowsRead: Int
    /// The resolved header (names as written, layout, where each known column is).
    public var columns: CredentialReportColumns
    /// Account id of the first data row's ARN; nil for a header-only report.
    public var firstAccountID: String?
    /// Rows whose unquoted commas (moto) were rejoined; each also produced a note.
    public var repairedRows: Int
    /// Blank lines skipped between rows (each run produced a note); trailing blank lines are not counted.
    public var skippedBlankLines: Int

    public var layout: CredentialReportColumns.Layout { columns.layout }

    public init(rowsRead: Int = 0, columns: CredentialReportColumns, firstAccountID: String? = nil,
                repairedRows: Int = 0, skippedBlankLines: Int = 0) {
        self.rowsRead = rowsRead; self.columns = columns; self.firstAccountID = firstAccountID
        self.repairedRows = repairedRows; self.skippedBlankLines = skippedBlankLines
    }
}
