import CredLintXML

extension SafeXMLReader {
    /// Calls `body(name, line, depth)` for each child element of the element at
    /// `parentDepth` that is currently open, then consumes that element's end tag.
    /// `body` must consume the child it is given (`XMLNode.build` or `skipElement`).
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
}
