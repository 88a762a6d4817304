/// The bytes of a report on their way out. With a sink they go to it a megabyte at a time,
/// so no output (an Organization's text, annotations, JUnit or HTML) is ever in memory whole;
/// without one (`render`, tests) they accumulate and `finish` returns them. The streaming
/// reporters write through it, as JSON and SARIF write through `JSONWriter`.
package struct OutputBuffer {
    /// Bytes not yet handed to the sink (everything, without one). Writers may append to it
    /// directly, then call `flushIfFull`.
    package var out: [UInt8] = []
    private let sink: ByteSink?

    static let flushSize = 1 << 20

    package init(sink: ByteSink?) {
        self.sink = sink
        if sink != nil { out.reserveCapacity(Self.flushSize + 4096) }
    }

    package mutating func write(_ s: String) {
        out.append(contentsOf: s.utf8)
        flushIfFull()
    }

    package mutating func write(_ byte: UInt8) {
        out.append(byte)
    }

    package mutating func flushIfFull() {
        if let sink, out.count >= Self.flushSize { sink.write(out); out.removeAll(keepingCapacity: true) }
    }

    /// What is left, to the sink; without one, the whole output.
    package mutating func finish() -> [UInt8] {
        guard let sink else { return out }
        if !out.isEmpty { sink.write(out) }
        out = []
        return []
    }
}
