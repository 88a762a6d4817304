import CredLintModel

/// Maps a character offset in a YAML scalar's value back to `file:line:column`,
/// so an error inside a rule's condition points at the exact spot in the file.
///
/// Plain and quoted scalars sit on the node's own line. Block scalars (`|`, `>`)
/// start on the next line; their value is the raw lines without indentation,
/// joined by one character (a newline for `|`, a space for `>`), which keeps
/// offsets aligned for the conditions rules actually contain.
package struct ScalarSourceMap: Sendable {
    /// One file line of a block scalar: its number, the column of its first content character, its content length.
    package struct Line: Sendable, Equatable {
        package var line: Int
        package var column: Int
        package var length: Int
    }
    /// The lines of a file's block scalars, by the scalar node's position (built-in rules
    /// carry this instead of their text: `YAMLValue.compactText`).
    package typealias Blocks = [SourceLocation: [Line]]

    /// What a rule file's scalars are mapped from.
    package enum Origin: Sendable {
        /// The file's text (a rule file read from disk).
        case text(String)
        /// The block scalars' lines recorded ahead of time (an embedded built-in rule).
        case blocks(Blocks)
    }

    private var path: String
    private var lines: [Line]
    /// Set for `.text`: the map is worked out only when an error needs it,
    /// because splitting every rule file into lines at start-up costs more than compiling it.
    private var deferred: (value: String, node: SourceLocation, fileText: String)?

    /// The map of scalar `node`'s `value`, from where the file came from.
    init(value: String, node: YAMLValue, origin: Origin) {
        path = node.location.path
        lines = []
        switch origin {
        case .text(let text):
            deferred = (value, node.location, text)
        case .blocks(let blocks):
            if let block = blocks[node.location], !block.isEmpty {
                lines = block
            } else {
                // Not a block scalar, so `quoted` means a flow quote before the first character.
                let quoted: Bool
                if case .scalar(_, let q) = node.kind { quoted = q } else { quoted = false }
                lines = [Line(line: node.location.line, column: node.location.column + (quoted ? 1 : 0), length: value.count)]
            }
        }
    }

    package init(value: String, node: SourceLocation, rawLines: [String]) {
        path = node.path
        if let block = Self.blockLines(node: node, rawLines: rawLines), !block.isEmpty {
            lines = block
        } else {
            let headerIndex = node.line - 1
            let header = headerIndex < rawLines.count ? rawLines[headerIndex] : ""
            let first = header.dropFirst(max(0, node.column - 1)).first
            let quote = (first == "'" || first == "\"") ? 1 : 0
            lines = [Line(line: node.line, column: node.column + quote, length: value.count)]
        }
    }

    /// The file lines of the block scalar at `node`, or nil when the scalar there is not a block scalar.
    static func blockLines(node: SourceLocation, rawLines: [String]) -> [Line]? {
        let headerIndex = node.line - 1
        guard headerIndex >= 0, headerIndex < rawLines.count else { return nil }
        let afterMark = rawLines[headerIndex].dropFirst(max(0, node.column - 1))
        guard afterMark.first == "|" || afterMark.first == ">" else { return nil }
        var lines: [Line] = []
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
            lines.append(Line(line: i + 1, column: start + 1, length: max(0, raw.count - start)))
            i += 1
        }
        return lines
    }

    /// Location of the character at (`line`, `column`) of the value (both 1-based).
    package func location(line: Int, column: Int, in value: String) -> SourceLocation {
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
