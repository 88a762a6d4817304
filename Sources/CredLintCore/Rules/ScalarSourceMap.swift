/// Maps a character offset in a YAML scalar's value back to `file:line:column`,
/// so an error inside a rule's condition points at the exact spot in the file.
///
/// Plain and quoted scalars sit on the node's own line. Block scalars (`|`, `>`)
/// start on the next line; their value is the raw lines without indentation,
/// joined by one character (a newline for `|`, a space for `>`), which keeps
/// offsets aligned for the conditions rules actually contain.
public struct ScalarSourceMap: Sendable {
    private var path: String
    /// (file line, column of first content character, content length) per value line.
    private var lines: [(line: Int, column: Int, length: Int)]
    /// Set by `init(value:node:fileText:)`: the map is worked out only when an error needs it,
    /// because splitting every rule file into lines at start-up costs more than compiling it.
    private var deferred: (value: String, node: SourceLocation, fileText: String)?

    /// A map computed on first use from the whole file's text.
    init(value: String, node: SourceLocation, fileText: String) {
        path = node.path
        lines = []
        deferred = (value, node, fileText)
    }

    public init(value: String, node: SourceLocation, rawLines: [String]) {
        path = node.path
        lines = []
        let headerIndex = node.line - 1
        let header = headerIndex < rawLines.count ? rawLines[headerIndex] : ""
        let afterMark = header.dropFirst(max(0, node.column - 1))
        if afterMark.first == "|" || afterMark.first == ">" {
            var i = headerIndex + 1
            var indent: Int?
            while i < rawLines.count {
                let raw = rawLines[i]
                let lead = raw.prefix(while: { $0 == " " }).count
                let blank = raw.allSatisfy { $0 == " " }
                if !blank {
                    if indent == nil { indent = lead }
                    if lead < indent! { break }
                }
                let start = min(indent ?? lead, raw.count)
                lines.append((i + 1, start + 1, max(0, raw.count - start)))
                i += 1
            }
        } else {
            let quote = (afterMark.first == "'" || afterMark.first == "\"") ? 1 : 0
            lines.append((node.line, node.column + quote, value.count))
        }
        if lines.isEmpty { lines.append((node.line, node.column, value.count)) }
    }

    /// Location of the character at (`line`, `column`) of the value (both 1-based).
    public func location(line: Int, column: Int, in value: String) -> SourceLocation {
        if let d = deferred {
            let rawLines = d.fileText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return ScalarSourceMap(value: d.value, node: d.node, rawLines: rawLines).location(line: line, column: column, in: value)
        }
        // Offset of the character within the value.
        var offset = 0
        var l = 1
        for ch in value {
            if l == line { break }
            offset += 1
            if ch == "\n" { l += 1 }
        }
        offset += column - 1
        var remaining = offset
        for entry in lines {
            if remaining <= entry.length {
                return SourceLocation(path: path, line: entry.line, column: entry.column + remaining)
            }
            remaining -= entry.length + 1
        }
        let last = lines[lines.count - 1]
        return SourceLocation(path: path, line: last.line, column: last.column + last.length)
    }
}
