import Foundation
import Testing

/// Byte-exact goldens in `Tests/CredLintCLITests/Golden/`, read through `#filePath`.
///
/// `RECORD_GOLDENS=1 swift test --filter CLIGoldenTests` rewrites them, and
/// recording always fails the test, so CI can never go green by recording.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var recording: Bool {
        ProcessInfo.processInfo.environment["RECORD_GOLDENS"].map { !$0.isEmpty && $0 != "0" } ?? false
    }

    static func check(_ bytes: [UInt8], _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        let existing = try? Data(contentsOf: url)
        if recording || existing == nil {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
            Issue.record("Recorded golden \(name); rerun without RECORD_GOLDENS to compare.", sourceLocation: sourceLocation)
            return
        }
        let expected = [UInt8](existing!)
        if bytes != expected {
            Issue.record(Comment(rawValue: "\(name) differs from its golden:\n" + diff(expected: expected, actual: bytes)
                                 + "\nRe-record with RECORD_GOLDENS=1 if the change is intended."),
                         sourceLocation: sourceLocation)
        }
    }

    /// A short unified-style diff: the first differing line with up to 3 lines
    /// of context before it and the next few lines of both sides.
    static func diff(expected: [UInt8], actual: [UInt8], window: Int = 6) -> String {
        func lines(_ b: [UInt8]) -> [String] {
            String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let want = lines(expected), got = lines(actual)
        let first = (0..<min(want.count, got.count)).first { want[$0] != got[$0] } ?? min(want.count, got.count)
        let from = max(0, first - 3)
        var out = "@@ -\(first + 1) +\(first + 1) @@ (golden \(want.count) lines, output \(got.count) lines)\n"
        for i in from..<first { out += "  \(want[i])\n" }
        for i in first..<min(want.count, first + window) { out += "- \(want[i])\n" }
        for i in first..<min(got.count, first + window) { out += "+ \(got[i])\n" }
        if first >= want.count { out += "- <end of golden>\n" }
        if first >= got.count { out += "+ <end of output>\n" }
        return out
    }
}
