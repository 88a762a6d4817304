import CredLintXML

/// A small element tree for one IAM entity (a GAAD `member`) or one small
/// response. Only element structure, start lines and leaf text are kept.
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
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// The trimmed text of child `name`; nil when the child is absent or empty.
    func string(_ name: String) -> String? {
        guard let c = child(name) else { return nil }
        let t = c.text
        return t.isEmpty ? nil : t
    }

    /// The `member` elements of list `name` (`<Name><member>…</member></Name>`);
    /// empty when the list is absent or written `<Name/>`. Other children are ignored.
    func members(_ name: String) -> [XMLNode] {
        child(name)?.children.filter { $0.name == "member" } ?? []
    }

    static func trim(_ s: String) -> String {
        let u = s.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
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
    /// not be confused with the account's roles).
    static let unreadElements: Set<String> = ["ResponseMetadata", "InstanceProfileList"]

    /// In `secretElements` or `unreadElements`; checked for every element, so a switch
    /// on the names rather than hashing each one.
    @inline(__always)
    static func isSkipped(_ name: String) -> Bool {
        switch name {
        case "Base32StringSeed", "QRCodePNG", "ResponseMetadata", "InstanceProfileList": return true
        default: return false
        }
    }

    /// Builds the subtree of the element whose `startElement` the reader just returned.
    static func build(from reader: SafeXMLReader, name: String, line: Int, depth: Int) throws -> XMLNode {
        var stack = [XMLNode(name: name, line: line)]
        while let event = try reader.next() {
            switch event {
            case .startElement(let childName, let childLine, let childDepth, _):
                if isSkipped(childName) {
                    try reader.skipElement(depth: childDepth)
                    if secretElements.contains(childName) {
                        stack[stack.count - 1].children.append(XMLNode(name: childName, line: childLine))
                    }
                    continue
                }
                stack[stack.count - 1].rawText = ""
                stack.append(XMLNode(name: childName, line: childLine))
            case .text(let t, _):
                if stack[stack.count - 1].children.isEmpty { stack[stack.count - 1].rawText += t }
            case .endElement(_, let endDepth):
                let done = stack.removeLast()
                if endDepth == depth { return done }
                stack[stack.count - 1].children.append(done)
            }
        }
        // The reader only ends cleanly after the root's end tag, which returns above.
        throw XMLReadError(.malformed, "document ended inside <\(name)>", line: line)
    }
}
