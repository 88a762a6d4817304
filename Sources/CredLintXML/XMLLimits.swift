/// Hard caps applied while reading one XML document.
///
/// The defaults are far above anything IAM returns (real GetAccountAuthorizationDetails
/// nests fewer than 12 levels; a policy document is at most 131,072 characters,
/// about three times that once URL-encoded) and far below what would hurt the machine.
public struct XMLLimits: Sendable, Equatable {
    /// Deepest element nesting allowed; the root element is at depth 1.
    public var maxDepth: Int
    /// Most start tags allowed in one document.
    public var maxElements: Int
    /// Most text bytes allowed between two tags (one text node, or CDATA pieces in a row).
    public var maxTextBytes: Int
    /// Largest input allowed, checked before parsing starts.
    public var maxFileBytes: Int

    public init(maxDepth: Int = 64, maxElements: Int = 5_000_000, maxTextBytes: Int = 1 << 20,
                maxFileBytes: Int = 256 << 20) {
        self.maxDepth = maxDepth
        self.maxElements = maxElements
        self.maxTextBytes = maxTextBytes
        self.maxFileBytes = maxFileBytes
    }

    public static let `default` = XMLLimits()
}
