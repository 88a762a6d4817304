/// A parsed YAML tree written as compact, length-prefixed text, so that the built-in
/// rules embedded in the binary are not parsed as YAML at every start (on a small
/// report that was a third of the run).
///
/// Grammar (numbers in decimal, lengths in UTF-8 bytes):
/// - scalar: `S` line `.` column `.` quoted (0/1) `.` length `:` text
/// - mapping: `M` line `.` column `.` count `:`, then per entry: line `.` column `.` length `:` key, value
/// - sequence: `L` line `.` column `.` count `:`, then the items
extension YAMLValue {
    public func compactText() -> String {
        var out: [UInt8] = []
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(into out: inout [UInt8]) {
        func number(_ n: Int) { out.append(contentsOf: String(n).utf8) }
        func position(_ l: SourceLocation) { number(l.line); out.append(UInt8(ascii: ".")); number(l.column); out.append(UInt8(ascii: ".")) }
        func text(_ s: String) { number(s.utf8.count); out.append(UInt8(ascii: ":")); out.append(contentsOf: s.utf8) }
        switch kind {
        case .scalar(let s, let quoted):
            out.append(UInt8(ascii: "S")); position(location)
            out.append(quoted ? UInt8(ascii: "1") : UInt8(ascii: "0")); out.append(UInt8(ascii: "."))
            text(s)
        case .mapping(let pairs):
            out.append(UInt8(ascii: "M")); position(location); number(pairs.count); out.append(UInt8(ascii: ":"))
            for (key, keyLocation, value) in pairs {
                position(keyLocation); text(key)
                value.write(into: &out)
            }
        case .sequence(let items):
            out.append(UInt8(ascii: "L")); position(location); number(items.count); out.append(UInt8(ascii: ":"))
            for item in items { item.write(into: &out) }
        }
    }

    /// The tree `compactText()` wrote, its locations in file `path`; nil if `text` is not
    /// exactly one such tree (callers then parse the YAML instead).
    public static func fromCompactText(_ text: String, path: String) -> YAMLValue? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = CompactReader(bytes: bytes, path: path)
            guard let value = reader.value(depth: 0), reader.at == bytes.count else { return nil }
            return value
        }
    }

    private struct CompactReader {
        let bytes: UnsafeBufferPointer<UInt8>
        let path: String
        var at = 0

        mutating func value(depth: Int) -> YAMLValue? {
            guard depth < YAMLValue.maxDepth, at < bytes.count else { return nil }
            let tag = bytes[at]
            at += 1
            guard let location = location() else { return nil }
            switch tag {
            case UInt8(ascii: "S"):
                guard let q = number(then: "."), q <= 1, let s = string() else { return nil }
                return YAMLValue(kind: .scalar(s, quoted: q == 1), location: location)
            case UInt8(ascii: "M"):
                guard let n = number(then: ":") else { return nil }
                var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLValue)] = []
                pairs.reserveCapacity(n)
                for _ in 0..<n {
                    guard let kl = self.location(), let key = string(), let v = value(depth: depth + 1) else { return nil }
                    pairs.append((key, kl, v))
                }
                return YAMLValue(kind: .mapping(pairs), location: location)
            case UInt8(ascii: "L"):
                guard let n = number(then: ":") else { return nil }
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

        /// Digits up to `end` (which is consumed).
        mutating func number(then end: Unicode.Scalar) -> Int? {
            var n = 0, digits = 0
            while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9"), digits < 9 {
                n = n * 10 + Int(bytes[at] - UInt8(ascii: "0"))
                at += 1; digits += 1
            }
            guard digits > 0, at < bytes.count, bytes[at] == UInt8(ascii: end) else { return nil }
            at += 1
            return n
        }
    }
}
