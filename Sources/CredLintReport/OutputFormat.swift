import CredLintEngine
import CredLintModel

/// The `--format` values, each a pure renderer of (`LintReport`, `ReportOptions`) to bytes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, github, markdown, junit, gitlab, html

    package func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        switch self {
        case .text: TextReporter.render(report, options: options)
        case .json: JSONReporter.render(report, options: options)
        case .sarif: SARIFReporter.render(report, options: options)
        case .github: GitHubAnnotationsReporter.render(report, options: options)
        case .markdown: MarkdownReporter.render(report, options: options)
        case .junit: JUnitReporter.render(report, options: options)
        case .gitlab: GitLabCodeQualityReporter.render(report, options: options)
        case .html: HTMLReporter.render(report, options: options)
        }
    }

    /// Renders into a file, atomically; every format streams to it as it is written.
    public func write(_ report: LintReport, options: ReportOptions = ReportOptions(), to path: String) throws {
        try stage(report, options: options, to: path).commit()
    }

    /// Renders into `sink` as the output is made.
    package func write(_ report: LintReport, options: ReportOptions = ReportOptions(), to sink: ByteSink) {
        switch self {
        case .json: _ = JSONReporter.render(report, options: options, sink: sink)
        case .sarif: _ = SARIFReporter.render(report, options: options, sink: sink)
        case .gitlab: _ = GitLabCodeQualityReporter.render(report, options: options, sink: sink)
        case .text: _ = TextReporter.render(report, options: options, sink: sink)
        case .html: _ = HTMLReporter.render(report, options: options, sink: sink)
        case .github: _ = GitHubAnnotationsReporter.render(report, options: options, sink: sink)
        case .markdown: _ = MarkdownReporter.render(report, options: options, sink: sink)
        case .junit: _ = JUnitReporter.render(report, options: options, sink: sink)
        }
    }

    /// Renders into a temporary file beside `path`, which replaces `path` on `commit()`.
    package func stage(_ report: LintReport, options: ReportOptions = ReportOptions(),
                      to path: String) throws -> AtomicFileWriter.StagedFile {
        try AtomicFileWriter.stage(to: path) { sink in write(report, options: options, to: sink) }
    }

    /// Conventional file extension for `--output FORMAT=PATH` defaults.
    package var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .sarif: "sarif"
        case .github: "txt"
        case .markdown: "md"
        case .junit: "xml"
        case .gitlab: "json"
        case .html: "html"
        }
    }
}
