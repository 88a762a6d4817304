import CredLintXML

extension SafeXMLReader {
    /// Calls `body(name, line, depth)` for each child element of the element at
    /// `parentDepth` that is currently open, then consumes that element's end tag.
    /// `body` must consume the child it is given (`leaf`, `skipElement`, or `forEachChild`).
    func forEachChild(ofDepth parentDepth: Int, _ body: (String, Int, Int) throws -> Void) throws {
        while let kind = try advance() {
            switch kind {
            case .startElement:
                try body(name, line, depth)
            case .endElement where depth == parentDepth:
                return
            case .endElement, .text:
                continue
            }
        }
    }

    /// Reads the element whose start tag was just returned as a value, through its end tag:
    /// an `XMLNode` with no children, whose text is what `XMLNode.build` keeps for it. Text
    /// counts until the first child element ends; a child element (other than a skipped one,
    /// see `XMLNode.isSkipped`) also drops the text before it, so `<A>x<B/></A>` has none.
    /// Children are consumed unread.
    func leaf(name: String, line: Int, depth: Int) throws -> XMLNode {
        var node = XMLNode(name: name, line: line)
        var closed = false  // a child element has ended: no more text
        while let kind = try advance() {
            switch kind {
            case .startElement:
                let child = self.name
                let childDepth = self.depth
                try skipElement(depth: childDepth)
                if XMLNode.isSkipped(child) {
                    if XMLNode.secretElements.contains(child) { closed = true }
                } else {
                    node.rawText = ""
                    closed = true
                }
            case .text:
                if !closed {
                    if node.rawText.isEmpty { node.rawText = text() } else { node.rawText += text() }
                }
            case .endElement:
                return node  // children are consumed whole, so this is the element's own end
            }
        }
        throw XMLReadError(.malformed, "document ended inside <\(name)>", line: line)
    }

    /// `slot` = the leaf just opened, unless an earlier element of that name already filled it
    /// (the first counts, as `XMLNode.child`); then it is skipped.
    func first(_ slot: inout XMLNode?, _ name: String, _ line: Int, _ depth: Int) throws {
        if slot == nil { slot = try leaf(name: name, line: line, depth: depth) } else { try skipElement(depth: depth) }
    }

    /// `list` = `item(line, depth)` for each `member` of the list element just opened at
    /// `depth` (other children skipped), unless an earlier list of that name filled it.
    func firstList<T>(_ list: inout [T]?, _ depth: Int, _ item: (Int, Int) throws -> T) throws {
        guard list == nil else { return try skipElement(depth: depth) }
        var items: [T] = []
        try forEachChild(ofDepth: depth) { name, line, d in
            if name == "member" { items.append(try item(line, d)) } else { try skipElement(depth: d) }
        }
        list = items
    }
}
