import CZlib

/// The loop both directions of zlib share: feed all of `input`, then call `step`
/// (`inflate` or `deflate`) into a 64 KiB output chunk again and again, handing what
/// each call produced and its status to `take`, until `take` returns a result.
package enum ZlibPump {
    package static func run<R>(_ stream: inout z_stream, input: [UInt8], step: (inout z_stream) -> Int32,
                               take: (UnsafeBufferPointer<UInt8>, Int32, inout z_stream) throws -> R?) rethrows -> R {
        var input = input
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        return try input.withUnsafeMutableBufferPointer { inp in
            stream.next_in = inp.baseAddress
            stream.avail_in = UInt32(inp.count)
            return try chunk.withUnsafeMutableBufferPointer { c in
                while true {
                    stream.next_out = c.baseAddress
                    stream.avail_out = UInt32(c.count)
                    let status = step(&stream)
                    let produced = UnsafeBufferPointer(rebasing: c[..<(c.count - Int(stream.avail_out))])
                    if let result = try take(produced, status, &stream) { return result }
                }
            }
        }
    }
}
