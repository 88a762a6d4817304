/// Why an XML document could not be read, and where.
///
/// `line` and `column` are 1-based; `column` is 1 when libxml2 does not know it
/// (it records columns only for its own syntax errors, not per node).
public struct XMLReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The file could not be opened, inspected or read.
        case io
        /// Not well-formed XML (libxml2's own diagnosis), including truncation.
        case malformed
        /// A `<!DOCTYPE>`: IAM responses never carry one, and it is the door to entity attacks.
        case doctype
        /// An entity reference node (`&name;` left unexpanded).
        case entityReference
        /// One of the `XMLLimits` caps was exceeded.
        case limit
    }

    public var kind: Kind
    public var message: String
    public var line: Int
    public var column: Int

    public init(_ kind: Kind, _ message: String, line: Int, column: Int = 1) {
        self.kind = kind
        self.message = message
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public var description: String { "\(line):\(column): \(message)" }
}
