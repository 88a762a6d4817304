import Foundation
import CredLintModel

/// Findings accepted as known (`--write-baseline`, `--baseline`), keyed by
/// fingerprint. With a baseline, only findings not in it (`new`) are reported
/// and gated.
///
/// File format (sorted, one entry per fingerprint, stable across runs):
/// `{"version": 1, "findings": [{"accountId", "fingerprint", "principal", "ruleId", "slot"}]}`.
package struct Baseline: Sendable, Equatable {
    package struct Entry: Decodable, Sendable, Hashable, Comparable {
        package var fingerprint: String
        package var ruleId: String
        package var accountId: String
        package var principal: String
        package var slot: String

        package init(_ f: Finding) {
            fingerprint = f.fingerprint; ruleId = f.ruleID; accountId = f.accountID
            principal = f.principal; slot = f.slot
        }

        package static func < (a: Entry, b: Entry) -> Bool {
            (a.accountId, a.ruleId, a.principal, a.slot, a.fingerprint)
                < (b.accountId, b.ruleId, b.principal, b.slot, b.fingerprint)
        }
    }

    /// The file as read (`JSONDecoder`); it is written by `encoded()`.
    private struct File: Decodable {
        var version: Int
        var findings: [Entry]
    }

    package static let version = 1

    package private(set) var entries: [Entry]
    /// The file it was loaded from ("" when built in memory).
    package private(set) var path: String
    private let fingerprints: Set<String>

    package init(findings: [Finding], path: String = "") {
        self.init(entries: findings.map(Entry.init), path: path)
    }

    private init(entries: [Entry], path: String) {
        var seen = Set<String>()
        self.entries = entries.sorted().filter { seen.insert($0.fingerprint).inserted }
        self.path = path
        self.fingerprints = seen
    }

    /// The baseline file for `findings`: sorted, deduplicated, pretty-printed, trailing newline.
    package static func write(_ findings: [Finding]) -> [UInt8] {
        Baseline(findings: findings).encoded()
    }

    /// The baseline of a whole report: every finding that is not exempted
    /// (exempted findings are already accepted, with an expiry, elsewhere).
    package static func write(report: LintReport) -> [UInt8] {
        // Entries only (a few strings each), an account at a time: findings may be on disk.
        var entries: [Entry] = []
        for a in report.accounts { entries += a.orderedFindings.lazy.filter { $0.suppression == nil }.map(Entry.init) }
        return Baseline(entries: entries, path: "").encoded()
    }

    package func encoded() -> [UInt8] {
        var w = JSONWriter(capacity: entries.count * 200)
        w.beginObject()
        w.key("findings"); w.beginArray()
        for e in entries {
            w.beginObject()
            w.key("accountId"); w.string(e.accountId)
            w.key("fingerprint"); w.string(e.fingerprint)
            w.key("principal"); w.string(e.principal)
            w.key("ruleId"); w.string(e.ruleId)
            w.key("slot"); w.string(e.slot)
            w.endObject()
        }
        w.endArray()
        w.key("version"); w.int(Baseline.version)
        w.endObject()
        w.endDocument()
        return w.finish()
    }

    /// Parses a baseline file; malformed content throws a `CredLintError` at
    /// `path:line:column` (line 1 when Foundation gives no position).
    package static func load(_ bytes: [UInt8], path: String) throws -> Baseline {
        let data = Data(bytes)
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, bytes: bytes, path: path)
        }
        guard file.version == Baseline.version else {
            throw CredLintError("unsupported baseline version \(file.version), expected \(Baseline.version)",
                                at: position(of: "\"version\"", in: bytes, path: path))
        }
        for entry in file.findings {
            let expected = Fingerprint.of(ruleID: entry.ruleId, accountID: entry.accountId,
                                          principal: entry.principal, slot: entry.slot)
            guard entry.fingerprint == expected else {
                let found = Fingerprint.isWellFormed(entry.fingerprint)
                    ? "does not match its ruleId, accountId, principal and slot (expected '\(expected)')"
                    : "is not 16 hex digits followed by ':1'"
                throw CredLintError("baseline fingerprint '\(entry.fingerprint)' \(found)",
                                    at: position(of: "\"\(entry.fingerprint)\"", in: bytes, path: path))
            }
        }
        return Baseline(entries: file.findings, path: path)
    }

    package func contains(_ finding: Finding) -> Bool { fingerprints.contains(finding.fingerprint) }

    /// Marks each finding `unchanged` (in the baseline) or `new`.
    package func apply(_ findings: [Finding]) -> [Finding] {
        findings.map { f in
            var f = f
            f.baselineState = contains(f) ? .unchanged : .new
            return f
        }
    }

    /// Marks every account's findings and records the comparison on the report.
    package func apply(to report: LintReport) -> LintReport {
        var report = report
        var seen = Set<String>()
        for i in report.accounts.indices {
            // In place (findings on disk a block at a time); marking keeps the order.
            report.accounts[i].updateFindings { f in
                let fingerprint = f.fingerprint
                let known = fingerprints.contains(fingerprint)
                f.baselineState = known ? .unchanged : .new
                if known { seen.insert(fingerprint) }
            }
        }
        report.baseline = BaselineSummary(path: path, entries: entries.count, absent: entries.count - seen.count)
        return report
    }

    // MARK: - Error positions

    private static func describe(_ error: DecodingError, bytes: [UInt8], path: String) -> CredLintError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // JSONDecoder gives no position; JSONSerialization says "around character N".
            return CredLintError("baseline is not valid JSON, expected {\"version\": 1, \"findings\": [...]}",
                                 at: syntaxErrorPosition(bytes, path: path))
        case .dataCorrupted(let context):
            return CredLintError("baseline \(pathText(context.codingPath)): \(context.debugDescription)",
                                 path: path)
        case .keyNotFound(let key, let context):
            return CredLintError("baseline \(pathText(context.codingPath)) has no '\(key.stringValue)', expected "
                                 + (context.codingPath.isEmpty ? "'version' and 'findings'"
                                    : "fingerprint, ruleId, accountId, principal and slot"), path: path)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return CredLintError("baseline \(pathText(context.codingPath)) has the wrong type, expected \(typeName(type))",
                                 path: path)
        @unknown default:
            return CredLintError("baseline could not be read: \(error)", path: path)
        }
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        if path.isEmpty { return "top level" }
        return path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a number"
        case is String.Type: "a string"
        case is [Entry].Type: "an array of findings"
        default: "an object"
        }
    }

    private static func syntaxErrorPosition(_ bytes: [UInt8], path: String) -> SourceLocation {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if let r = text.range(of: "character "),
               let n = Int(text[r.upperBound...].prefix { $0.isNumber }), n >= 0, n <= bytes.count {
                return lineColumn(of: n, in: bytes, path: path)
            }
        }
        return SourceLocation(path: path)
    }

    /// Location of the first occurrence of `needle`, or line 1.
    private static func position(of needle: String, in bytes: [UInt8], path: String) -> SourceLocation {
        let n = Array(needle.utf8)
        guard !n.isEmpty, bytes.count >= n.count else { return SourceLocation(path: path) }
        for i in 0...(bytes.count - n.count) where bytes[i] == n[0] && Array(bytes[i..<(i + n.count)]) == n {
            return lineColumn(of: i, in: bytes, path: path)
        }
        return SourceLocation(path: path)
    }

    private static func lineColumn(of offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
        var line = 1, column = 1
        for b in bytes[..<offset] {
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return SourceLocation(path: path, line: line, column: column)
    }
}
