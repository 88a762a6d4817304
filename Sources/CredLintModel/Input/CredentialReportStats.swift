/// What `CredentialReportParser.parse` saw, besides the rows it handed out.
public struct CredentialReportStats: Sendable, Equatable {
    /// Data rows handed to the row closure (header and skipped blank lines not counted).
    public var rowsRead: Int
    /// The resolved header (names as written, layout, where each known column is).
    package var columns: CredentialReportColumns
    /// Account id of the first data row's ARN; nil for a header-only report.
    public var firstAccountID: String?
    /// Rows whose unquoted commas (moto) were rejoined; each also produced a note.
    package var repairedRows: Int
    /// Blank lines skipped between rows (each run produced a note); trailing blank lines are not counted.
    package var skippedBlankLines: Int
    /// `CredentialReportParser.arnKey` of every row's ARN with its line (to find a user
    /// repeated across pieces of a report read in parallel).
    package var arnLines: [UInt64: Int32] = [:]

    public var layout: CredentialReportColumns.Layout { columns.layout }

    package init(rowsRead: Int = 0, columns: CredentialReportColumns, firstAccountID: String? = nil,
                repairedRows: Int = 0, skippedBlankLines: Int = 0) {
        self.rowsRead = rowsRead; self.columns = columns; self.firstAccountID = firstAccountID
        self.repairedRows = repairedRows; self.skippedBlankLines = skippedBlankLines
    }

    init(rowsRead: Int, columns: CredentialReportColumns, firstAccountID: String?, repairedRows: Int,
         skippedBlankLines: Int, arnLines: [UInt64: Int32]) {
        self.init(rowsRead: rowsRead, columns: columns, firstAccountID: firstAccountID, repairedRows: repairedRows,
                  skippedBlankLines: skippedBlankLines)
        self.arnLines = arnLines
    }
}
