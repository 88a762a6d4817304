/// Turns an input path into a SARIF `artifactLocation.uri`: a clean,
/// repo-relative URI reference. GitHub rejects absolute paths outside the
/// checkout and any scheme other than `file`, and an unescaped `:` in the first
/// segment would read as a scheme (`arn:aws:...`), so `:` is always escaped.
enum URIReference {
    /// Forward slashes, no `.`/empty segments, `..` resolved (never above the
    /// root), no leading `/`, every byte outside RFC 3986 `pchar` minus `:` percent-encoded.
    /// Returns nil when nothing is left (an empty path or just `/`).
    static func relative(_ path: String) -> String? {
        var segments: [Substring] = []
        for segment in path.replacingBackslashes().split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        guard !segments.isEmpty else { return nil }
        return segments.map { encode(String($0)) }.joined(separator: "/")
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
