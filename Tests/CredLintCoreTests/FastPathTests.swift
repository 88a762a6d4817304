import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintEngine
@testable import CredLintReport

/// The fast paths added for speed give exactly what the plain code they
/// replace (or sit beside) gives.
@Suite struct FastPathTests {
    @Test func findingSorterMatchesOutputOrder() {
        var g = PropertyRNG(seed: 3)
        let principals = ["arn:aws:iam::111111111111:user/alice", "arn:aws:iam::111111111111:user/alice2",
                          "arn:aws:iam::111111111111:user/Bob", "arn:aws:iam::111111111111:root",
                          "arn:aws:iam::111111111111:user/eng/carol", "account:111111111111", "a", ""]
        for round in 0..<40 {
            var findings: [Finding] = []
            for _ in 0..<(1 + g.below(300)) {
                let sev = Severity.allCases[g.below(5)]
                findings.append(Finding(
                    ruleID: ["CL201", "CL203", "CL101", "X9"][g.below(4)], ruleName: "r", severity: sev,
                    message: "m\(g.below(5))", accountID: ["111111111111", "222222222222"][round % 3 == 0 ? g.below(2) : 0],
                    principal: principals[g.below(principals.count)] + (round % 5 == 0 && g.below(9) == 0 ? "é" : ""),
                    principalName: "n", slot: ["", "password", "access_key_1", "access_key_2"][g.below(4)],
                    location: SourceLocation(path: ["a.csv", "b/a.csv"][g.below(2)], line: 1 + g.below(4), column: 1 + g.below(2))))
            }
            var fast = findings
            FindingSorter.sort(&fast)
            let slow = findings.sorted(by: Finding.outputOrder)
            let diff = zip(fast, slow).enumerated().first { $0.element.0 != $0.element.1 }.map { i, pair in
                "at \(i): \(pair.0.ruleID) \(pair.0.severity) \(pair.0.principal) \(pair.0.slot) \(pair.0.location) \(pair.0.message) vs \(pair.1.ruleID) \(pair.1.severity) \(pair.1.principal) \(pair.1.slot) \(pair.1.location) \(pair.1.message)"
            }
            #expect(diff == nil, "round \(round)")
        }
    }

    @Test func fingerprintMatchesSHA256OfTheJoinedFields() {
        var g = PropertyRNG(seed: 5)
        for n in 0..<300 {
            // Lengths around the 55/64-byte padding edges and past one block.
            let principal = String(repeating: "x", count: n % 140) + (n % 7 == 0 ? "ü" : "")
            let slot = ["", "password", "access_key_\(g.below(3))"][g.below(3)]
            let joined = ["CL203", "123456789012", principal, slot].joined(separator: Fingerprint.separator)
            let expected = String(SHA256.hexDigest(joined).prefix(16)) + ":1"
            #expect(Fingerprint.of(ruleID: "CL203", accountID: "123456789012", principal: principal, slot: slot) == expected)
        }
    }

    @Test func timestampFormattingMatchesTheGeneralFormatter() {
        var g = PropertyRNG(seed: 9)
        for _ in 0..<5_000 {
            let micros = Int64(bitPattern: g.next() % 400_000_000_000_000_000) - 100_000_000_000_000_000
            let t = Timestamp(micros: g.below(3) == 0 ? micros / 1_000_000 * 1_000_000 : micros)
            #expect(ISO8601.format(t) == ISO8601.formatSlow(t))
            #expect(ISO8601.formatDate(t) == String(ISO8601.formatSlow(t).prefix(10)))
        }
    }

    @Test func asciiGlobMatchingAgreesWithTheScalarMatcher() {
        var g = PropertyRNG(seed: 13)
        let patterns = ["break-glass*", "BreakGlass*", "*admin*", "a?c", "*", "", "emergency-access*", "x*y*z"]
        let alphabet = Array("aAbBcCxyz-*?glasEMRG")
        for _ in 0..<3_000 {
            let text = String((0..<g.below(14)).map { _ in alphabet[g.below(alphabet.count)] })
            for p in patterns {
                for ci in [false, true] {
                    let glob = Glob(p, caseInsensitive: ci)
                    // The scalar path, forced by a non-ASCII suffix on both sides.
                    let scalar = Glob(p + "é", caseInsensitive: ci).matches(text + "é")
                    #expect(glob.matches(text) == scalar, "\(p) ~ \(text) ci=\(ci)")
                }
            }
        }
    }

    @Test func jsonWriterEscapesLikeTheEncoder() throws {
        var samples = ["", "plain", "quote \" and back\\slash", "a/b", "tab\tnew\nline\r", "\u{7F}é😀\u{2028}"]
        samples.append(String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }))
        // Long strings with the odd byte anywhere, for the eight-bytes-at-a-time scan.
        var g = PropertyRNG(seed: 29)
        let alphabet: [Character] = ["a", "Z", "0", " ", "/", "é", "\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{7F}", "😀", "~"]
        for _ in 0..<400 {
            samples.append(String((0..<g.below(40)).map { _ in g.below(6) == 0 ? alphabet[g.below(alphabet.count)] : "x" }))
        }
        for s in samples {
            var w = JSONWriter()
            w.string(s)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let expected = Array(try encoder.encode([s]).dropFirst().dropLast())
            #expect(w.bytes == expected, "\(s.debugDescription)")
        }
    }

    @Test func trimmingBlankLinesOnBytesMatchesTheCharacterVersion() {
        func reference(_ s: String) -> String {
            var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map { $0.reversed().drop { $0 == " " }.reversed() }
            while let f = lines.first, f.isEmpty { lines.removeFirst() }
            while let l = lines.last, l.isEmpty { lines.removeLast() }
            return lines.map { String($0) }.joined(separator: "\n")
        }
        var g = PropertyRNG(seed: 17)
        let pieces = ["a", " ", "\n", "\r\n", "\r", "word", "  ", "\t", "é"]
        for _ in 0..<5_000 {
            let s = (0..<g.below(12)).map { _ in pieces[g.below(pieces.count)] }.joined()
            #expect(s.trimmingBlankLines() == reference(s), "\(s.debugDescription)")
        }
    }

    @Test func arnAccountIDMatchesTheSplittingVersion() {
        func reference(_ arn: String) -> String? {
            let parts = arn.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count >= 6, parts[0].elementsEqual("arn".utf8) else { return nil }
            let acct = parts[4]
            guard acct.count == 12, acct.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return String(decoding: acct, as: UTF8.self)
        }
        var g = PropertyRNG(seed: 19)
        let pieces = ["arn", ":", "aws", "iam", "", "123456789012", "12345678901", "aws", "user/x", "1", "é", "::"]
        var samples = ["arn:aws:iam::123456789012:user/a", "arn:aws:iam::123456789012:", "arn:aws:iam::aws:policy/X",
                       "arn:aws:iam::123456789012", "ARN:aws:iam::123456789012:root", "arn:::::123456789012:x", ""]
        for _ in 0..<20_000 { samples.append((0..<g.below(9)).map { _ in pieces[g.below(pieces.count)] }.joined()) }
        for s in samples { #expect(ARN.accountID(s) == reference(s), "\(s)") }
    }

    @Test func arnPartitionMatchesTheSplittingVersion() {
        func reference(_ arn: String) -> String? {
            let parts = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0] == "arn" else { return nil }
            return String(parts[1])
        }
        var g = PropertyRNG(seed: 23)
        let pieces = ["arn", ":", "aws", "aws-us-gov", "aws-cn", "", "iam", "123456789012", "user/x", "é", "::", "ARN"]
        var samples = ["arn:aws:iam::123456789012:user/a", "arn:aws", "arn:", "arn", "arn::iam", "ARN:aws:iam", ""]
        for _ in 0..<20_000 { samples.append((0..<g.below(7)).map { _ in pieces[g.below(pieces.count)] }.joined()) }
        for s in samples { #expect(ARN.partition(s) == reference(s), "\(s)") }
    }

    @Test func markdownOnBytesMatchesTheCharacterVersion() {
        func inline(_ s: String) -> String {
            var out = ""
            var chars = Array(s)[...]
            while let c = chars.first {
                if c == "[", let close = chars.firstIndex(of: "]"), chars.index(after: close) < chars.endIndex,
                   chars[chars.index(after: close)] == "(", let end = chars[close...].firstIndex(of: ")") {
                    let text = String(chars[chars.index(after: chars.startIndex)..<close])
                    let url = String(chars[(close + 2)..<end])
                    out += text == url ? url : "\(inline(text)) (\(url))"
                    chars = chars[(end + 1)...]
                    continue
                }
                if c == "`" { chars = chars.dropFirst(); continue }
                if (c == "*" || c == "_"), chars.dropFirst().first == c { chars = chars.dropFirst(2); continue }
                out.append(c)
                chars = chars.dropFirst()
            }
            return out
        }
        func reference(_ markdown: String) -> String {
            var lines: [String] = []
            for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
                var line = String(raw)
                let trimmed = line.drop { $0 == " " }
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { continue }
                if trimmed.hasPrefix("#") { line = String(trimmed.drop { $0 == "#" }.drop { $0 == " " }) }
                lines.append(inline(line))
            }
            return lines.joined(separator: "\n").trimmingBlankLines()
        }
        var g = PropertyRNG(seed: 31)
        // Combining marks after a space or a backtick, and a prepended mark before a space, are
        // where bytes and characters part ways.
        let pieces = ["[", "]", "(", ")", "`", "*", "**", "_", "__", "a", " ", "link", "\n", "# ", "```", "é", "\r\n",
                      "~~~", "#", "\u{301}", "\u{600}", "—", "  ", "≠", "=\u{338}", "→", "e\u{301}", "\u{2329}", "\u{3008}"]
        for _ in 0..<5_000 {
            let md = (0..<g.below(16)).map { _ in pieces[g.below(pieces.count)] }.joined()
            #expect(PlainText.fromMarkdown(md) == reference(md), "\(md.debugDescription)")
        }
    }

    @Test func blankLineTrimmingOnBytesMatchesTheCharacterVersion() {
        func reference(_ s: String) -> String {
            var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.reversed().drop { $0 == " " }.reversed()) }
            while lines.first?.isEmpty == true { lines.removeFirst() }
            while lines.last?.isEmpty == true { lines.removeLast() }
            return lines.joined(separator: "\n")
        }
        var g = PropertyRNG(seed: 32)
        let pieces = ["a", " ", "  ", "\n", "\r\n", "é", "\u{301}", "\u{600}", "—", "x y"]
        for _ in 0..<5_000 {
            let text = (0..<g.below(12)).map { _ in pieces[g.below(pieces.count)] }.joined()
            #expect(text.trimmingBlankLines() == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func skippedXMLElementsAreTheSecretAndUnreadOnes() {
        for name in XMLNode.secretElements.union(XMLNode.unreadElements) { #expect(XMLNode.isSkipped(name)) }
        for name in ["member", "UserName", "Arn", "QRCode", "ResponseMetadata2", ""] { #expect(!XMLNode.isSkipped(name)) }
    }

    @Test func sentenceLeavesFinishedSentencesAlone() {
        #expect(FindingRule.sentence("Done.") == "Done.")
        #expect(FindingRule.sentence("Two\nlines.") == "Two lines.")
        #expect(FindingRule.sentence("No stop  \n") == "No stop.")
        #expect(FindingRule.sentence("") == "")
    }
}
