import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine
@testable import CredLintReport

@Suite struct JSONWriterTests {
    static func text(_ w: JSONWriter) -> String { String(decoding: w.bytes, as: UTF8.self) }

    /// The RFC 8259 short escapes for the seven characters that have one, `\u00xx` for the
    /// other controls, everything else (DEL, non-ASCII, `/`) as it is.
    @Test func escapesAsRFC8259Recommends() {
        let cases: [(String, String)] = [
            ("\u{8}\u{C}\n\r\t\"\\", #""\b\f\n\r\t\"\\""#),
            ("\u{0}\u{1}\u{B}\u{1F}", #""\u0000\u0001\u000b\u001f""#),
            ("a/b \u{7F} é 😀 \u{2028}", "\"a/b \u{7F} é 😀 \u{2028}\""),
            ("", "\"\""),
            // Long enough for the eight-bytes-at-a-time scan, the form feed in its second word.
            ("abcdefghij\u{C}klmnop", #""abcdefghij\fklmnop""#),
        ]
        for (input, expected) in cases {
            var w = JSONWriter()
            w.string(input)
            #expect(Self.text(w) == expected, "\(input.debugDescription)")
        }
    }

    @Test func layout() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a"); w.beginArray(); w.endArray()
        w.key("b"); w.beginObject(); w.endObject()
        w.key("c"); w.beginArray(); w.int(1); w.null(); w.bool(false); w.beginObject(); w.key("d"); w.string("x"); w.endObject(); w.endArray()
        w.key("e"); w.int(-12)
        w.keyText("f\"g"); w.string(nil as String?)
        w.endObject()
        w.endDocument()
        #expect(Self.text(w) == """
        {
          "a": [],
          "b": {},
          "c": [
            1,
            null,
            false,
            {
              "d": "x"
            }
          ],
          "e": -12,
          "f\\"g": null
        }

        """)
    }

    /// The check that keys arrive sorted (a trap in debug builds) fires for a key out of order
    /// or repeated, per object: a nested object and the next object of an array start afresh.
    @Test func keyOrderCheckFires() {
        var w = JSONWriter(keyOrder: .record)
        w.beginObject()
        w.key("b")
        w.beginArray()
        w.beginObject(); w.key("y"); w.int(1); w.key("z"); w.int(2); w.endObject()
        w.beginObject(); w.key("x"); w.int(1); w.key("x"); w.int(2); w.endObject()  // repeated
        w.endArray()
        w.key("a"); w.int(0)  // after "b"
        w.keyText("c"); w.int(0)
        w.keyText("C"); w.int(0)  // upper case sorts before lower case
        w.endObject()
        #expect(w.keyOrderViolations == [#""x" repeated"#, #""a" after "b""#, #""C" after "c""#])

        var sorted = JSONWriter(keyOrder: .record)
        sorted.beginObject()
        for k in ["$schema", "A", "a", "a.b", "a/b", "aa", "b-c"] { sorted.keyText(k); sorted.int(0) }
        sorted.endObject()
        #expect(sorted.keyOrderViolations.isEmpty)
    }

    @Test func keyOrderRule() {
        func violation(_ a: String, _ b: String) -> String? {
            Array(b.utf8).withUnsafeBufferPointer { JSONWriter.keyOrderViolation(previous: Array(a.utf8), next: $0) }
        }
        #expect(violation("", "a") == nil)
        #expect(violation("a", "b") == nil)
        #expect(violation("ruleId", "ruleIndex") == nil)
        #expect(violation("b", "a") == #""a" after "b""#)
        #expect(violation("a", "a") == #""a" repeated"#)
        #expect(violation("ab", "a") == #""a" after "ab""#)
        // Byte order, as `String` sorts ASCII: upper case first.
        #expect(violation("Z", "a") == nil)
        #expect(JSONWriter.keyPrecedes("Z", "a") && !JSONWriter.keyPrecedes("a", "Z"))
    }

    /// Every format checks its keys in debug builds (the default), which is how the tests run.
    @Test func keyOrderIsCheckedByDefaultInDebugBuilds() {
        #if DEBUG
        #expect(JSONWriter().keyOrder == .trap)
        #else
        #expect(JSONWriter().keyOrder == .off)
        #endif
    }

    /// With a sink the bytes leave memory as the document is written, and arrive unchanged.
    @Test func streamsToTheSink() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-jsonwriter-\(UUID().uuidString).json").path
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        func document(_ w: inout JSONWriter, peak: inout Int) {
            w.beginObject()
            w.key("items"); w.beginArray()
            for i in 0..<40_000 {
                w.beginObject(); w.key("i"); w.int(i); w.key("s"); w.string("some text \(i)\n"); w.endObject()
                peak = max(peak, w.bytes.count)
            }
            w.endArray()
            w.endObject()
            w.endDocument()
        }
        var streamed = JSONWriter(sink: ByteSink(fd: fd))
        var streamedPeak = 0
        document(&streamed, peak: &streamedPeak)
        #expect(streamed.finish().isEmpty)
        close(fd)
        var inMemory = JSONWriter()
        var memoryPeak = 0
        document(&inMemory, peak: &memoryPeak)
        let whole = inMemory.finish()
        #expect(whole.count > 2 << 20)
        #expect(streamedPeak < (1 << 20) + 4_096)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == whole)
    }

    /// Items written in blocks on several threads join into the bytes one thread writes.
    @Test func threadedItemsMatchOneThread() {
        func render(threads: Int, count: Int) -> [UInt8] {
            var w = JSONWriter()
            w.beginObject()
            w.key("list"); w.beginArray()
            w.items(count: count, threads: threads, block: 16) { w, i in
                w.beginObject(); w.key("n"); w.int(i); w.endObject()
            }
            w.endArray()
            w.key("z"); w.int(0)
            w.endObject()
            w.endDocument()
            return w.finish()
        }
        for count in [0, 1, 33, 100] {
            #expect(render(threads: 3, count: count) == render(threads: 1, count: count), "\(count)")
        }
    }
}

/// Issue #16: a form feed was `\u000c` in `rules --format json` (and `inspect`, `schema`)
/// but `\f` in `lint --format json`. One escaper now writes every JSON output.
@Suite struct JSONEscapeAgreementTests {
    @Test func formFeedIsTheSameInEveryJSONOutput() throws {
        let file = try #require(BuiltinRules.files.first { $0.name.hasPrefix("CL101-") })
        // The rule's YAML from rules/ (built-in rules are embedded as parsed trees, not text).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: root.appendingPathComponent("rules/" + file.name), encoding: .utf8)
        let text = source.replacingOccurrences(of: "title: The root user has an active access key",
                                  with: "title: \"The root user has an active\\faccess key\"")
        let catalog = try RuleCatalog.load(files: [("rules/" + file.name, text)], configuration: Configuration())
        var report = ReporterFixtures.busy
        var findings = Array(report.accounts[0].orderedFindings)
        for i in findings.indices {
            findings[i] = findings[i].with(message: "page\u{C}break")
            findings[i].principal += "\u{C}"
        }
        report.accounts[0].setFindings(findings)
        let outputs: [(String, [UInt8])] = [
            ("rules --format json", RuleListing.json(catalog)),
            ("--format json", JSONReporter.render(report)),
            ("--format sarif", SARIFReporter.render(report)),
            ("--format gitlab", GitLabCodeQualityReporter.render(report)),
            ("baseline", Baseline.write(report: report)),
        ]
        for (name, bytes) in outputs {
            let s = String(decoding: bytes, as: UTF8.self)
            #expect(s.contains(#"\f"#), "\(name)")
            #expect(!s.contains(#"\u000c"#) && !s.contains("\u{C}"), "\(name)")
            #expect((try? JSONSerialization.jsonObject(with: Data(bytes))) != nil, "\(name)")
        }
    }
}
