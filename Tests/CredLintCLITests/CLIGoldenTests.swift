import Foundation
import Testing

/// Every output format on the bundled samples, byte for byte.
/// Re-record with `RECORD_GOLDENS=1 swift test --filter CLIGoldenTests` (which then fails on purpose).
@Suite struct CLIGoldenTests {
    /// (golden name prefix, path, exit code expected at the default gate)
    static let inputs: [(String, String, Int32)] = [("samples", "samples/", 1), ("healthy", "samples/healthy", 0)]
    static let formats = ["text", "sarif", "json", "github", "markdown", "junit", "html"]

    static func fileName(_ prefix: String, _ format: String) -> String {
        switch format {
        case "text": "\(prefix).txt"
        case "github": "\(prefix).github.txt"
        case "markdown": "\(prefix).md"
        case "junit": "\(prefix).junit.xml"
        default: "\(prefix).\(format)"
        }
    }

    static let cases: [(String, String)] = inputs.flatMap { i in formats.map { (i.0, $0) } }

    @Test(arguments: cases)
    func lintOutput(input: String, format: String) throws {
        let (_, path, code) = try #require(Self.inputs.first { $0.0 == input })
        let r = try CLI.lint([path], ["--format", format])
        #expect(r.status == code, "\(r.err)")
        // Exit 1 says why on its last line (the only one); a clean run prints nothing there.
        #expect(code == 1 ? r.errLines.count == 1 && r.err.hasPrefix("credlint: exit 1: ") : r.err.isEmpty, "\(r.err)")
        Self.expectPortable(r.stdout)
        try Golden.check(r.stdout, Self.fileName(input, format))
    }

    @Test func inspectRisky() throws {
        let r = try CLI.run(["inspect", "samples/risky", "--as-of", CLI.asOf])
        #expect(r.status == 0, "\(r.err)")
        Self.expectPortable(r.stdout)
        try Golden.check(r.stdout, "inspect-risky.json")
    }

    @Test func rulesAsJSON() throws {
        let r = try CLI.run(["rules", "--format", "json"])
        #expect(r.status == 0, "\(r.err)")
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        #expect(!rules.isEmpty)
        Self.expectPortable(r.stdout)
        try Golden.check(r.stdout, "rules.json")
    }

    /// No absolute paths of this machine and no wall-clock time (the clock is fixed by `--as-of`).
    static func expectPortable(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("/work/"), sourceLocation: sourceLocation)
        #expect(!text.contains("/tmp/"), sourceLocation: sourceLocation)
        #expect(!text.contains(CLI.root.path), sourceLocation: sourceLocation)
        // The current minute, as the ISO 8601 prefix every format uses: now is never printed.
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        for offset in [-60.0, 0] {
            let minute = f.string(from: Date().addingTimeInterval(offset))
            #expect(!text.contains(minute), "output contains the wall-clock time \(minute)", sourceLocation: sourceLocation)
        }
        #expect(text.hasSuffix("\n"), sourceLocation: sourceLocation)
    }
}
