import CredLintModel

/// The bytes of an HTML document as `HTMLReporter` makes it: markup it writes itself goes
/// in with `raw`, everything that came from the inputs (names, tags, messages, paths) with
/// `text`, which escapes it. With a sink, bytes go to it a megabyte at a time, so an
/// Organization's report is never in memory whole.
struct HTMLWriter {
    private var buffer: OutputBuffer

    init(sink: ByteSink?) { buffer = OutputBuffer(sink: sink) }

    /// Markup written by the reporter (never input data).
    mutating func raw(_ s: String) { buffer.write(s) }

    /// Input data, as text: safe in element content and in double- or single-quoted attributes.
    mutating func text(_ s: String, newlines: Bool = false) {
        Self.escape(s, newlines: newlines, into: &buffer.out)
        buffer.flushIfFull()
    }

    /// What is left, to the sink; without one, the whole document.
    mutating func finish() -> [UInt8] { buffer.finish() }

    static func escape(_ s: String) -> String {
        var out: [UInt8] = []
        escape(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `& < > " '` become character references. Control characters, bidirectional overrides
    /// and isolates, and line/paragraph separators become visible `\u{…}` text: a hostile name
    /// can neither inject markup nor reorder or hide the text around it.
    /// `newlines` keeps line feeds (text inside `<pre>`).
    static func escape(_ s: String, newlines: Bool = false, into out: inout [UInt8]) {
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A where newlines: out.append(0x0A)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069:
                out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".utf8)
            case 0x20...0x7E: out.append(UInt8(u.value))
            default: out.append(contentsOf: String(u).utf8)
            }
        }
    }
}
