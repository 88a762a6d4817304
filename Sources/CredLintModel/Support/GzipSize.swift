import CZlib

/// How many bytes gzip makes of some bytes, without keeping them: GitHub limits a SARIF
/// upload by its gzip-compressed size (10 MB), so the SARIF directory layout measures each
/// run to know where one upload file must end.
package enum GzipSize {
    /// At level 1 (the default here), the fastest, which compresses SARIF about 30% worse
    /// than the default level 6 that gzip(1), upload-sarif and our Action use: an estimate
    /// on the safe side, at less than half the time.
    package static func of(_ bytes: [UInt8], level: Int32 = 1) -> Int {
        var stream = z_stream()
        guard czlib_deflate_init_gzip(&stream, level) == Z_OK else { return bytes.count + 64 }
        defer { deflateEnd(&stream) }
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = bytes
        input.withUnsafeMutableBufferPointer { inp in
            stream.next_in = inp.baseAddress
            stream.avail_in = UInt32(inp.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { c -> Int32 in
                    stream.next_out = c.baseAddress
                    stream.avail_out = UInt32(c.count)
                    return deflate(&stream, Z_FINISH)
                }
                total += chunk.count - Int(stream.avail_out)
                // Z_OK: the output chunk was full, go on; anything else ends it.
                if status != Z_OK { break }
            }
        }
        return total
    }
}
