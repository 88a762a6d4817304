#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Markdown (rule docs) to plain text for SARIF `fullDescription` and
/// `help.text`, which GitHub shows verbatim. Only the constructs rule docs use
/// are handled: fences, headings, `code`, **bold**, [links](url).
enum PlainText {
    static func fromMarkdown(_ markdown: String) -> String {
        var lines: [String] = []
        var text = markdown
        text.withUTF8 { b in
            // Split on the bytes (splitting on Characters segmented all of every rule's docs at
            // every SARIF run): an LF is always a character of its own, except in CR LF.
            var start = 0
            func add(_ end: Int) {
                let line = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
                var first = start
                while first < end && b[first] == 0x20 { first += 1 }
                // Only a line whose first non-space byte is '`', '~' or '#' can be a fence or heading.
                if first < end, b[first] == UInt8(ascii: "`") || b[first] == UInt8(ascii: "~") || b[first] == UInt8(ascii: "#") {
                    if let l = markup(line) { lines.append(l) }
                } else {
                    lines.append(inline(line))
                }
                start = end + 1
            }
            for i in 0..<b.count where b[i] == 0x0A && !(i > 0 && b[i - 1] == 0x0D) { add(i) }
            add(b.count)
        }
        return lines.joined(separator: "\n").trimmingBlankLines()
    }

    /// A line that may be a code fence (dropped: nil) or a heading (its text).
    private static func markup(_ raw: String) -> String? {
        var line = raw
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { return nil }
        if trimmed.hasPrefix("#") { line = String(trimmed.drop { $0 == "#" }.drop { $0 == " " }) }
        return inline(line)
    }

    /// One paragraph: whitespace collapsed, cut at `limit` characters on a word boundary.
    static func oneParagraph(_ markdown: String, limit: Int) -> String {
        let words = fromMarkdown(markdown).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        let text = words.joined(separator: " ")
        guard text.count > limit else { return text }
        var out = ""
        var outCount = 0  // characters in `out`, kept as we go (`count` walks the whole string)
        for w in words {
            let wc = w.count
            if outCount + wc + 2 > limit { break }
            if outCount == 0 && out.isEmpty { out = String(w); outCount = wc } else { out += " " + w; outCount += wc + 1 }
        }
        return out + "…"
    }

    private static func inline(_ s: String) -> String {
        // Most lines have no markup at all.
        if !s.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") }) {
            return s
        }
        // When every scalar is a character of its own, the same steps run on the bytes: markup
        // is ASCII, and UTF-8 never puts an ASCII byte inside another scalar.
        if scalarsAreCharacters(s) { return String(decoding: inlineBytes(Array(s.utf8)[...]), as: UTF8.self) }
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
}

extension PlainText {
    /// True when each scalar of `s` is sure to be a character of its own and equal only to
    /// itself: ASCII, and the Latin letters, punctuation, arrows and operators rule docs use
    /// (none of them combines, prepends, joins or has a one-scalar canonical twin there).
    /// Anything else (combining marks above all) takes the `Character` path.
    fileprivate static func scalarsAreCharacters(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { u in
            switch u.value {
            case 0..<0x80, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x22FF: return true
            default: return false
            }
        }
    }

    /// `inline` on the bytes of a line (same steps, bytes for characters).
    fileprivate static func inlineBytes(_ line: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var chars = line
        let lb = UInt8(ascii: "["), rb = UInt8(ascii: "]"), lp = UInt8(ascii: "("), rp = UInt8(ascii: ")")
        while let c = chars.first {
            if c == lb, let close = chars.firstIndex(of: rb), close + 1 < chars.endIndex, chars[close + 1] == lp,
               let end = chars[close...].firstIndex(of: rp) {
                let text = chars[(chars.startIndex + 1)..<close]
                let url = chars[(close + 2)..<end]
                if text.elementsEqual(url) {
                    out.append(contentsOf: url)
                } else {
                    out.append(contentsOf: inlineBytes(text)); out.append(0x20); out.append(lp)
                    out.append(contentsOf: url); out.append(rp)
                }
                chars = chars[(end + 1)...]
                continue
            }
            if c == UInt8(ascii: "`") { chars = chars.dropFirst(); continue }
            if c == UInt8(ascii: "*") || c == UInt8(ascii: "_"), chars.dropFirst().first == c { chars = chars.dropFirst(2); continue }
            out.append(c)
            chars = chars.dropFirst()
        }
        return out
    }
}

extension String {
    func trimmingBlankLines() -> String {
        var copy = self
        return copy.withUTF8 { b -> String in
            // One line without trailing spaces (every finding message) is returned as it is.
            // A last byte other than a space means the last character is not a space either.
            if let base = b.baseAddress, b.last != 0x20, memchr(base, 0x0A, b.count) == nil { return self }
            if b.isEmpty { return "" }
            // Lines, on bytes: a line break is an LF not preceded by CR (CR LF is one
            // character, which splitting on "\n" does not split).
            var lines: [String] = []
            var start = 0
            func line(_ r: Range<Int>) -> String {
                var e = r.upperBound
                var ascii = true
                for i in r where b[i] >= 0x80 { ascii = false; break }
                // No trailing space byte: no trailing space character either.
                if !ascii && (r.isEmpty || b[r.upperBound - 1] != 0x20) {
                    return String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
                }
                if !ascii {
                    // Characters for non-ASCII lines: a space can combine with what follows it.
                    let s = String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
                    return String(s.reversed().drop { $0 == " " }.reversed())
                }
                while e > r.lowerBound && b[e - 1] == 0x20 { e -= 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: b[r.lowerBound..<e]), as: UTF8.self)
            }
            for i in 0..<b.count where b[i] == 0x0A && !(i > 0 && b[i - 1] == 0x0D) {
                lines.append(line(start..<i))
                start = i + 1
            }
            lines.append(line(start..<b.count))
            while let f = lines.first, f.isEmpty { lines.removeFirst() }
            while let l = lines.last, l.isEmpty { lines.removeLast() }
            return lines.joined(separator: "\n")
        }
    }
}
