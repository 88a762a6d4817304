import CredLintModel

/// A parsed YAML tree written as length-prefixed text, one node per line, so that the
/// built-in rules embedded in the binary are never parsed as YAML: start-up reads this
/// form without the YAML parser (docs/performance.md has the figures). It is the only
/// embedded form of a rule, so it also keeps what the rule's text was needed for:
/// every node's position, and the file lines of each block scalar (`|`, `>`), from
/// which an error inside a condition is placed at its exact `file:line:column`.
///
/// Grammar (numbers in decimal, lengths in UTF-8 bytes; the separators are required, so a
/// cut anywhere is refused):
/// - scalar: `S` line `.` column `.` style `.` [block lines] length `:` text `\n`; style is
///   0 plain, 1 quoted, 2 block, and a block scalar lists its file lines first: count `:`
///   then per line: column `.` length `.` (the lines follow the node's own line)
/// - mapping: `M` line `.` column `.` count `:` `\n`, then per entry: line `.` column `.`
///   length `:` key ` ` value
/// - sequence: `L` line `.` column `.` count `:` `\n`, then the items
extension YAMLValue {
    /// The tree; `rawLines` are the file's lines, from which each block scalar's lines are recorded.
    package func compactText(rawLines: [String] = []) -> String {
        var out: [UInt8] = []
        write(into: &out, rawLines: rawLines)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(into out: inout [UInt8], rawLines: [String]) {
        func number(_ n: Int) { out.append(contentsOf: String(n).utf8) }
        func dot() { out.append(UInt8(ascii: ".")) }
        func position(_ l: SourceLocation) { number(l.line); dot(); number(l.column); dot() }
        func text(_ s: String) { number(s.utf8.count); out.append(UInt8(ascii: ":")); out.append(contentsOf: s.utf8) }
        switch kind {
        case .scalar(let s, let quoted):
            out.append(UInt8(ascii: "S")); position(location)
            if let block = ScalarSourceMap.blockLines(node: location, rawLines: rawLines) {
                number(2); dot(); number(block.count); out.append(UInt8(ascii: ":"))
                for line in block { number(line.column); dot(); number(line.length); dot() }
            } else {
                number(quoted ? 1 : 0); dot()
            }
            text(s); out.append(UInt8(ascii: "\n"))
        case .mapping(let pairs):
            out.append(UInt8(ascii: "M")); position(location); number(pairs.count); out.append(contentsOf: ":\n".utf8)
            for (key, keyLocation, value) in pairs {
                position(keyLocation); text(key); out.append(UInt8(ascii: " "))
                value.write(into: &out, rawLines: rawLines)
            }
        case .sequence(let items):
            out.append(UInt8(ascii: "L")); position(location); number(items.count); out.append(contentsOf: ":\n".utf8)
            for item in items { item.write(into: &out, rawLines: rawLines) }
        }
    }

    /// The tree `compactText()` wrote, its locations in file `path`, and the file lines of its
    /// block scalars by node position; nil if `text` is not exactly one such tree.
    package static func fromCompactText(_ text: String, path: String) -> (root: YAMLValue, blocks: ScalarSourceMap.Blocks)? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = CompactReader(bytes: bytes, path: path)
            guard let value = reader.value(depth: 0), reader.at == bytes.count else { return nil }
            return (value, reader.blocks)
        }
    }

    private struct CompactReader {
        let bytes: UnsafeBufferPointer<UInt8>
        let path: String
        var at = 0
        var blocks: ScalarSourceMap.Blocks = [:]

        mutating func value(depth: Int) -> YAMLValue? {
            guard depth < YAMLValue.maxDepth, at < bytes.count else { return nil }
            let tag = bytes[at]
            at += 1
            guard let location = location() else { return nil }
            switch tag {
            case UInt8(ascii: "S"):
                guard let style = number(then: "."), style <= 2 else { return nil }
                if style == 2 {
                    guard let n = number(then: ":") else { return nil }
                    var lines: [ScalarSourceMap.Line] = []
                    for i in 0..<n {
                        guard let column = number(then: "."), let length = number(then: ".") else { return nil }
                        lines.append(.init(line: location.line + 1 + i, column: column, length: length))
                    }
                    blocks[location] = lines
                }
                guard let s = string(), separator("\n") else { return nil }
                return YAMLValue(kind: .scalar(s, quoted: style != 0), location: location)
            case UInt8(ascii: "M"):
                guard let n = number(then: ":"), separator("\n") else { return nil }
                var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLValue)] = []
                pairs.reserveCapacity(n)
                for _ in 0..<n {
                    guard let kl = self.location(), let key = string(), separator(" "), let v = value(depth: depth + 1) else { return nil }
                    pairs.append((key, kl, v))
                }
                return YAMLValue(kind: .mapping(pairs), location: location)
            case UInt8(ascii: "L"):
                guard let n = number(then: ":"), separator("\n") else { return nil }
                var items: [YAMLValue] = []
                items.reserveCapacity(n)
                for _ in 0..<n {
                    guard let v = value(depth: depth + 1) else { return nil }
                    items.append(v)
                }
                return YAMLValue(kind: .sequence(items), location: location)
            default:
                return nil
            }
        }

        mutating func location() -> SourceLocation? {
            guard let line = number(then: "."), let column = number(then: ".") else { return nil }
            return SourceLocation(path: path, line: line, column: column)
        }

        mutating func string() -> String? {
            guard let n = number(then: ":"), n <= bytes.count - at else { return nil }
            defer { at += n }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + n]), as: UTF8.self)
        }

        mutating func separator(_ c: Unicode.Scalar) -> Bool {
            guard at < bytes.count, bytes[at] == UInt8(ascii: c) else { return false }
            at += 1
            return true
        }

        /// Digits up to `end` (which is consumed).
        mutating func number(then end: Unicode.Scalar) -> Int? {
            var n = 0, digits = 0
            while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9"), digits < 9 {
                n = n * 10 + Int(bytes[at] - UInt8(ascii: "0"))
                at += 1; digits += 1
            }
            guard digits > 0, separator(end) else { return nil }
            return n
        }
    }
}
