/// Where one field's bytes are, for the record currently being handed out.
///
/// A plain struct in a manually managed buffer: appending spans to a Swift
/// `Array` cost more than half the reader's throughput (swift-engineering §B2).
@usableFromInline
struct CSVFieldSpan {
    /// First content byte (after the opening quote for a quoted field). For a
    /// field with `""` escapes this points into the reader's scratch buffer,
    /// where the unescaped copy lives.
    @usableFromInline var base: UnsafePointer<UInt8>
    @usableFromInline var count: Int32
    /// Offset of the field's first raw byte (the quote, if quoted) from the
    /// record's start; used only to compute line:column for messages.
    @usableFromInline var rawOffset: Int32
    @usableFromInline var flags: UInt8

    @usableFromInline static let quoted: UInt8 = 1
    @usableFromInline static let escaped: UInt8 = 2

    @inlinable
    init(base: UnsafePointer<UInt8>, count: Int, rawOffset: Int, flags: UInt8) {
        self.base = base
        self.count = Int32(truncatingIfNeeded: count)
        self.rawOffset = Int32(truncatingIfNeeded: rawOffset)
        self.flags = flags
    }
}
