/// Markdown (rule docs) to plain text for SARIF `fullDescription` and
/// `help.text`, which GitHub shows verbatim. Only the constructs rule docs use
/// are handled: fences, headings, `code`, **bold**, [links](url).
enum PlainText {
    static func fromMarkdown(_ markdown: String) -> String {
        var lines: [String] = []
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw)
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { continue }
            if trimmed.hasPrefix("#") { line = String(trimmed.drop { $0 == "#" }.drop { $0 == " " }) }
            line = inline(line)
            lines.append(line)
        }
        return lines.joined(separator: "\n").trimmingBlankLines()
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

extension String {
    func trimmingBlankLines() -> String {
        // One line without trailing spaces (every finding message) is returned as it is.
        // A last byte other than a space means the last character is not a space either.
        if !utf8.contains(UInt8(ascii: "\n")) && utf8.last != UInt8(ascii: " ") && !utf8.isEmpty { return self }
        if let fast = trimmingBlankLinesASCII() { return fast }
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map { $0.reversed().drop { $0 == " " }.reversed() }
        while let f = lines.first, f.isEmpty { lines.removeFirst() }
        while let l = lines.last, l.isEmpty { lines.removeLast() }
        return lines.map { String($0) }.joined(separator: "\n")
    }

    /// The same for ASCII text, on bytes: walking characters backwards through
    /// reversed slices cost milliseconds per rule document. In ASCII every byte is a
    /// character and a line break is an LF not preceded by CR (CR LF is one character).
    private func trimmingBlankLinesASCII() -> String? {
        var copy = self
        return copy.withUTF8 { b -> String? in
            for c in b where c >= 0x80 { return nil }
            var lines: [Range<Int>] = []
            var start = 0
            for i in 0..<b.count where b[i] == 0x0A && !(i > 0 && b[i - 1] == 0x0D) {
                lines.append(start..<i)
                start = i + 1
            }
            lines.append(start..<b.count)
            lines = lines.map { r in
                var e = r.upperBound
                while e > r.lowerBound && b[e - 1] == 0x20 { e -= 1 }
                return r.lowerBound..<e
            }
            while let f = lines.first, f.isEmpty { lines.removeFirst() }
            while let l = lines.last, l.isEmpty { lines.removeLast() }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            for (i, r) in lines.enumerated() {
                if i > 0 { out.append(0x0A) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[r]))
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
