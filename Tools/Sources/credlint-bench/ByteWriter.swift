#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered `write(2)` to a file, appending raw bytes (the generator writes ~250 MB).
final class ByteWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var written = 0

    init(path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw BenchError("cannot create \(path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { close(fd) }

    func append(_ s: String) { buffer.append(contentsOf: s.utf8) }
    func append(_ b: UInt8) { buffer.append(b) }
    func append(_ s: StaticString) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    func flushIfLarge() throws { if buffer.count >= 1 << 20 { try flush() } }

    func flush() throws {
        try buffer.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw BenchError("write failed: \(String(cString: strerror(errno)))")
                }
                off += n
            }
        }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
