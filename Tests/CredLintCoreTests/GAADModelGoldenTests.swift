import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine

/// Every GetAccountAuthorizationDetails XML file we have (the repository's samples and the
/// research notes' moto and AWS documentation captures), read into the model and dumped
/// field by field (`GAADModelDump`), must equal the dump recorded from the reader before
/// issue 16 item 5 replaced its per-member trees with a streaming path. Re-record with
/// `RECORD_GOLDENS=1 swift test --filter GAADModelGoldenTests`, only for an intended change.
@Suite struct GAADModelGoldenTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared/notes/samples")
    static let sharedAvailable = FileManager.default.fileExists(atPath: shared.appendingPathComponent("moto").path)

    static func dump(_ url: URL, as shown: String) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes = try InputEncoding.decode(bytes, limit: InputCaps.standard.inputBytes, path: shown)  // the .gz capture
        let document = try IAMXMLReader.read(bytes: bytes, displayPath: shown)
        guard case .authorizationDetails(let page) = document else {
            Issue.record("\(shown) is not GetAccountAuthorizationDetails")
            return ""
        }
        return GAADModelDump.text(page)
    }

    @Test(arguments: ["healthy/GetAccountAuthorizationDetails.xml", "risky/GetAccountAuthorizationDetails-page1.xml",
                      "risky/GetAccountAuthorizationDetails-page2.xml"])
    func repositorySamples(_ relative: String) throws {
        let text = try Self.dump(Self.repo.appendingPathComponent("samples/" + relative), as: relative)
        let name = "gaad-model." + relative.replacingOccurrences(of: "/", with: ".") + ".txt"
        try ReporterGoldenTests.assertGolden(Array(text.utf8), name)
    }

    @Test(.enabled(if: sharedAvailable, "needs ../shared/notes/samples"),
          arguments: ["aws-docs/API_GetAccountAuthorizationDetails.sample-response.xml",
                      "moto/GetAccountAuthorizationDetails__filter_User_MaxItems2_ignored.xml",
                      "moto/GetAccountAuthorizationDetails__filtered.xml"])
    func researchSamples(_ relative: String) throws {
        let text = try Self.dump(Self.shared.appendingPathComponent(relative), as: relative)
        let name = "gaad-model." + relative.replacingOccurrences(of: "/", with: ".") + ".txt"
        try ReporterGoldenTests.assertGolden(Array(text.utf8), name)
    }

    /// The unfiltered moto capture holds every AWS managed policy (megabytes of dump): its
    /// digest and size are recorded instead, with the entity counts to say what changed.
    @Test(.enabled(if: sharedAvailable, "needs ../shared/notes/samples"))
    func researchSampleUnfilteredDigest() throws {
        let relative = "moto/GetAccountAuthorizationDetails__unfiltered_MaxItems2_ignored.xml.gz"
        let text = try Self.dump(Self.shared.appendingPathComponent(relative), as: relative)
        let lines = text.split(separator: "\n")
        func count(_ prefix: String) -> Int { Set(lines.filter { $0.hasPrefix(prefix) }.map { $0.prefix { $0 != "]" } }).count }
        let digest = SHA256.hash(Array(text.utf8)).map { String($0, radix: 16).leftPadded(2) }.joined()
        let summary = "users \(count("users[")) groups \(count("groups[")) roles \(count("roles[")) policies \(count("policies["))\n"
            + "dump \(text.utf8.count) bytes, \(lines.count) lines, sha256 \(digest)\n"
        try ReporterGoldenTests.assertGolden(Array(summary.utf8), "gaad-model.moto.unfiltered.digest.txt")
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
