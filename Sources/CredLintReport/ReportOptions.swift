import CredLintEngine

/// What the reporters show. Every reporter is a pure function of
/// (`LintReport`, `ReportOptions`): same inputs, same bytes.
public struct ReportOptions: Sendable, Equatable {
    /// `--min-severity`: show only findings at or above it (the gate still sees all).
    package var minSeverity: Severity?
    /// `--include-suppressed`: also show exempted findings (SARIF `suppressions`).
    package var includeSuppressed: Bool
    /// Also show findings already in the baseline (`baselineState: unchanged`).
    package var includeUnchanged: Bool
    /// ANSI colour in text output; the CLI decides (TTY, `NO_COLOR`, `--color`).
    package var color: Bool
    /// `--category`: SARIF `automationDetails.id` category (a trailing `/` is added).
    package var sarifCategory: String?
    /// `--max-results`: SARIF results per run, highest severity kept (GitHub ingests 5,000).
    package var maxResults: Int
    /// `--quiet`: text output is the findings' lines only (no headers, notes or summary).
    package var quiet = false
    /// Threads for writing the findings of a large JSON report (the CLI passes `--jobs`).
    public var renderThreads = 1
    /// Byte budget of the Markdown summary (`$GITHUB_STEP_SUMMARY` rejects more than 1 MiB).
    package var markdownByteLimit: Int

    public static let defaultMaxResults = 5_000
    public static let defaultMarkdownByteLimit = 1_048_576

    public init(minSeverity: Severity? = nil, includeSuppressed: Bool = false, includeUnchanged: Bool = false,
                color: Bool = false, sarifCategory: String? = nil, maxResults: Int = ReportOptions.defaultMaxResults,
                markdownByteLimit: Int = ReportOptions.defaultMarkdownByteLimit) {
        self.minSeverity = minSeverity; self.includeSuppressed = includeSuppressed
        self.includeUnchanged = includeUnchanged; self.color = color; self.sarifCategory = sarifCategory
        self.maxResults = maxResults; self.markdownByteLimit = markdownByteLimit
    }

    /// Whether a finding appears in reports (independent of the gate).
    package func shows(_ f: Finding) -> Bool {
        if f.suppression != nil, !includeSuppressed { return false }
        if f.baselineState == .unchanged, !includeUnchanged { return false }
        if let minSeverity, f.severity < minSeverity { return false }
        return true
    }
}

extension LintReport {
    /// The findings reporters show under `options`, in `Finding.outputOrder`.
    package func reportedFindings(_ options: ReportOptions) -> [Finding] {
        allFindings.filter(options.shows)
    }
}
