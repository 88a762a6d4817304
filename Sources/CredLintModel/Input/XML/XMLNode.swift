import CredLintXML

/// A small element tree for one small IAM response (`ResponseXML`), or one leaf value
/// of a streamed response (`SafeXMLReader.leaf`, no children).
/// Only element structure, start lines and leaf text are kept.
struct XMLNode: Sendable {
    var name: String
    var line: Int
    var children: [XMLNode] = []
    /// Character data directly inside a leaf element (dropped once a child
    /// element appears: IAM never mixes text and elements).
    var rawText: String = ""

    init(name: String, line: Int) {
        self.name = name
        self.line = line
    }

    /// The text with surrounding whitespace removed (AWS doc samples pad values).
    var text: String { XMLNode.trim(rawText) }

    /// The first child element called `name`.
    func child(_ name: String) -> XMLNode? {
        childIndex(name).map { children[$0] }
    }

    /// By index, so the scan copies (and retains) no node.
    private func childIndex(_ name: String) -> Int? {
        for i in children.indices where XMLNode.same(children[i].name, name) { return i }
        return nil
    }

    /// `a == b` for a document's element name `a` and an ASCII name `b` we look for,
    /// quicker when `a` is shorter: `String ==` compares two long names in full. A name
    /// canonically equal to an ASCII one is never shorter in UTF-8 (only U+037E, U+1FEF
    /// and U+212A decompose to ASCII, each from more bytes), so the shortcut is exact.
    @inline(__always)
    static func same(_ a: String, _ b: String) -> Bool { a.utf8.count >= b.utf8.count && a == b }

    /// The trimmed text of child `name`; nil when the child is absent or empty.
    func string(_ name: String) -> String? {
        guard let i = childIndex(name) else { return nil }
        return children[i].value
    }

    /// The trimmed text; nil when empty.
    var value: String? {
        let t = text
        return t.isEmpty ? nil : t
    }

    static func trim(_ s: String) -> String {
        let u = s.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        // Most values have nothing to trim: look at the two end bytes (`UTF8View.last`
        // walks generic indices, slower than the whole trim used to be).
        let untouched = u.withContiguousStorageIfAvailable { b in !b.isEmpty && !isSpace(b[0]) && !isSpace(b[b.count - 1]) }
        if untouched == true { return s }
        guard let first = u.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = u.lastIndex(where: { !isSpace($0) })!
        if first == u.startIndex && last == u.index(before: u.endIndex) { return s }
        return String(s[first...last])
    }
}

extension XMLNode {
    /// Elements whose text is a secret: only their presence is recorded.
    static let secretElements: Set<String> = ["Base32StringSeed", "QRCodePNG"]
    /// Subtrees nothing reads (instance profiles repeat their roles, which must
    /// not be confused with the account's roles). A leaf's text runs on across them.
    static let unreadElements: Set<String> = ["ResponseMetadata", "InstanceProfileList"]

    /// In `secretElements` or `unreadElements`; checked for every element, so a switch
    /// on the names rather than hashing each one.
    @inline(__always)
    static func isSkipped(_ name: String) -> Bool {
        // Lengths first (16, 9, 16, 19), so most names need no string comparison. Exact: with
        // no ";", "`" or "K" in them, only these very bytes are canonically equal to them (see `same`).
        switch name.utf8.count {
        case 9, 16, 19: break
        default: return false
        }
        switch name {
        case "Base32StringSeed", "QRCodePNG", "ResponseMetadata", "InstanceProfileList": return true
        default: return false
        }
    }

    /// Builds the subtree of the element whose `startElement` the reader just returned.
    static func build(from reader: SafeXMLReader, name: String, line: Int, depth: Int) throws -> XMLNode {
        // Reserved up front: growing the stack and each node's children one by one
        // reallocated several times per GAAD `member`.
        var stack: [XMLNode] = []
        stack.reserveCapacity(8)
        stack.append(XMLNode(name: name, line: line))
        while let kind = try reader.advance() {
            switch kind {
            case .startElement:
                let childName = reader.name
                if isSkipped(childName) {
                    let childLine = reader.line
                    try reader.skipElement(depth: reader.depth)
                    if secretElements.contains(childName) {
                        stack[stack.count - 1].children.append(XMLNode(name: childName, line: childLine))
                    }
                    continue
                }
                stack[stack.count - 1].rawText = ""
                stack.append(XMLNode(name: childName, line: reader.line))
            case .text:
                // Only a leaf keeps its text, so text after a child element is never made into a string.
                if stack[stack.count - 1].children.isEmpty { stack[stack.count - 1].rawText += reader.text() }
            case .endElement:
                let done = stack.removeLast()
                if reader.depth == depth { return done }
                if stack[stack.count - 1].children.isEmpty {
                    // A GAAD member has up to a dozen children; the lists and pairs inside it a few.
                    stack[stack.count - 1].children.reserveCapacity(stack.count == 1 ? 16 : 4)
                }
                stack[stack.count - 1].children.append(done)
            }
        }
        // The reader only ends cleanly after the root's end tag, which returns above.
        throw XMLReadError(.malformed, "document ended inside <\(name)>", line: line)
    }
}
