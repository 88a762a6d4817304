/// One step of a pull parse.
///
/// Every `startElement` is matched by an `endElement`, also for `<X/>`
/// (the reader synthesizes the end), so consumers can keep a simple stack.
public enum XMLEvent: Sendable, Equatable {
    /// `name` is the local name (prefix and namespace dropped); `line` is the
    /// line of the start tag; `depth` is 1 for the root; `isEmpty` is true for `<X/>`.
    case startElement(name: String, line: Int, depth: Int, isEmpty: Bool)
    /// Raw character data (text, CDATA, or whitespace between tags), untrimmed,
    /// with character and predefined entity references already resolved.
    case text(String, line: Int)
    case endElement(name: String, depth: Int)

    /// Which event `SafeXMLReader.advance()` moved to; its details are on the reader.
    public enum Kind: Sendable, Equatable {
        case startElement, text, endElement
    }
}
