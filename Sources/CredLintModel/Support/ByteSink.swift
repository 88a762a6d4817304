#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a renderer writes its bytes: straight to the file, in whatever chunks it likes.
/// A write error is remembered (the writer reports it) and later writes are dropped.
package final class ByteSink {
    let fd: Int32
    package private(set) var failedErrno: Int32?

    package init(fd: Int32) { self.fd = fd }

    /// Standard output (a write error, such as a closed pipe, drops the rest; the caller checks `failedErrno`).
    package static func standardOutput() -> ByteSink { ByteSink(fd: 1) }

    package func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }

    package func write(_ p: UnsafeRawBufferPointer) {
        guard failedErrno == nil, let base = p.baseAddress else { return }
        var offset = 0
        while offset < p.count {
            let n = Glue.write(fd, base + offset, p.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failedErrno = errno
                return
            }
            offset += n
        }
    }
}

/// The C `write`, named apart from `AtomicFileWriter.write`.
private enum Glue {
    static func write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, p, n)
        #elseif canImport(Musl)
        Musl.write(fd, p, n)
        #else
        Darwin.write(fd, p, n)
        #endif
    }
}
