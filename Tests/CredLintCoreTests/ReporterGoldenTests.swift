import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintReport
@testable import CredLintEngine

/// Byte-for-byte goldens for every format. Re-record with `RECORD_GOLDENS=1 swift test --filter ReporterGoldenTests`;
/// recording always fails the test, so CI can never go green by recording.
@Suite struct ReporterGoldenTests {
    static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func fileName(_ fixture: String, _ format: OutputFormat) -> String {
        switch format {
        case .github: "\(fixture).github.txt"
        case .gitlab: "\(fixture).gitlab.json"
        default: "\(fixture).\(format.fileExtension)"
        }
    }

    static let cases: [(String, OutputFormat)] = ReporterFixtures.all.flatMap { f in OutputFormat.allCases.map { (f.0, $0) } }

    @Test(arguments: cases)
    func golden(fixture: String, format: OutputFormat) throws {
        let report = ReporterFixtures.all.first { $0.0 == fixture }!.1
        let bytes = format.render(report)
        try Self.assertGolden(bytes, Self.fileName(fixture, format))
    }

    @Test(arguments: OutputFormat.allCases)
    func renderingIgnoresInputOrder(format: OutputFormat) {
        for (name, report) in ReporterFixtures.all {
            var shuffled = report
            shuffled.rules.reverse()
            shuffled.accounts.reverse()
            for i in shuffled.accounts.indices {
                shuffled.accounts[i].setFindings(shuffled.accounts[i].orderedFindings.reversed())
                shuffled.accounts[i].inputs.reverse()
            }
            #expect(format.render(shuffled) == format.render(report), "\(name) \(format)")
        }
    }

    @Test(arguments: OutputFormat.allCases)
    func outputHasNoAbsolutePathsOrEscapes(format: OutputFormat) {
        let text = String(decoding: format.render(ReporterFixtures.busy), as: UTF8.self)
        #expect(!text.contains("/work/"))
        #expect(!text.contains("\u{1B}["))
        #expect(text.hasSuffix("\n"))
    }

    static func assertGolden(_ bytes: [UInt8], _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = goldenDir.appendingPathComponent(name)
        let recording = ProcessInfo.processInfo.environment["RECORD_GOLDENS"].map { !$0.isEmpty && $0 != "0" } ?? false
        let existing = try? Data(contentsOf: url)
        if recording || existing == nil {
            try FileManager.default.createDirectory(at: goldenDir, withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
            Issue.record("Recorded golden \(name); rerun without RECORD_GOLDENS to compare.", sourceLocation: sourceLocation)
            return
        }
        let expected = [UInt8](existing!)
        if bytes != expected {
            let got = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
            let gotLine = line < got.count ? String(got[line]) : "<end of output>"
            let wantLine = line < want.count ? String(want[line]) : "<end of golden>"
            let message = "\(name) differs at line \(line + 1):\n  golden: \(wantLine)\n  output: \(gotLine)\n"
                + "Re-record with RECORD_GOLDENS=1 if the change is intended."
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }
}
