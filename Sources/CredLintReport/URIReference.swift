/// Turns an input path into a SARIF `artifactLocation.uri`: a clean
/// repo-relative URI reference (or an absolute `file:` URI for inputs outside the
/// working directory). GitHub rejects absolute paths outside the
/// checkout and any scheme other than `file`, and an unescaped `:` in the first
/// segment would read as a scheme (`arn:aws:...`), so `:` is always escaped.
enum URIReference {
    /// Forward slashes, no `.`/empty segments, `..` resolved (never above the
    /// root), no leading `/`, every byte outside RFC 3986 `pchar` minus `:` percent-encoded.
    /// Returns nil when nothing is left (an empty path or just `/`).
    static func uri(_ path: String) -> String? {
        var segments: [Substring] = []
        for segment in path.replacingBackslashes().split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        guard !segments.isEmpty else { return nil }
        let joined = segments.map { encode(String($0)) }.joined(separator: "/")
        // An input outside the working directory stays where it is: an absolute
        // file URI, never a relative one that would name a different file in the repo.
        return path.hasPrefix("/") ? "file:///" + joined : joined
    }

    static func encode(_ segment: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in segment.utf8 {
            if isAllowed(b) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%")); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isAllowed(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=@".utf8.contains(b)
        }
    }
}

private extension String {
    func replacingBackslashes() -> String {
        String(decoding: utf8.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
    }
}
