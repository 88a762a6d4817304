/// What a `SafeXMLReader` changes as it moves: the node under the cursor, the counts
/// behind the caps, and the open elements.
struct ReaderState {
    /// The element's local name (start or end tag), its depth (1 for the root), and
    /// whether it is `<X/>`, whose end `advance()` synthesizes next.
    var name = ""
    var depth = 0
    var isEmpty = false
    /// The current text node's characters (libxml2's, valid until the next read), and their length.
    var textBytes: UnsafePointer<UInt8>?
    var textCount = 0

    var pendingEnd = false
    var failure: XMLReadError?
    var finished = false
    var elementCount = 0
    /// Text bytes since the last tag; capped by `limits.maxTextBytes`.
    var textRun = 0
    /// The elements opened and not yet closed: their interned name pointers, to find an end
    /// tag's name without a lookup, and to name the one a truncated file ends inside.
    var openElements: [(key: UnsafeRawPointer, name: String)] = []
    var names = InternedNames()
}
