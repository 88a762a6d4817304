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
        return ZlibPump.run(&stream, input: bytes, step: { deflate(&$0, Z_FINISH) }) { produced, status, _ in
            total += produced.count
            // Z_OK: the output chunk was full, go on; anything else ends it.
            return status == Z_OK ? nil : total
        }
    }
}
