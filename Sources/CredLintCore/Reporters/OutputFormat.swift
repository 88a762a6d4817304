/// The `--format` values, each a pure renderer of (`LintReport`, `ReportOptions`) to bytes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, github, markdown, junit, gitlab

    public func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        switch self {
        case .text: TextReporter.render(report, options: options)
        case .json: JSONReporter.render(report, options: options)
        case .sarif: SARIFReporter.render(report, options: options)
        case .github: GitHubAnnotationsReporter.render(report, options: options)
        case .markdown: MarkdownReporter.render(report, options: options)
        case .junit: JUnitReporter.render(report, options: options)
        case .gitlab: GitLabCodeQualityReporter.render(report, options: options)
        }
    }

    /// Conventional file extension for `--output FORMAT=PATH` defaults.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .sarif: "sarif"
        case .github: "txt"
        case .markdown: "md"
        case .junit: "xml"
        case .gitlab: "json"
        }
    }
}
