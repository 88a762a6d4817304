#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a report so that readers see either the old file or the complete
/// new one, never a truncated SARIF (which would upload as "no findings" or
/// fail ingestion): temp file in the same directory, fsync, rename over.
public enum AtomicFileWriter {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { sink in sink.write(bytes) }
    }

    /// Writes what `body` hands to the sink, chunk by chunk (a report of hundreds of
    /// megabytes need not be in memory at once), with the same all-or-nothing guarantee.
    public static func write(to path: String, _ body: (ByteSink) throws -> Void) throws {
        try stage(to: path, body).commit()
    }

    /// Writes the temporary file but leaves `path` alone until `commit()`: a run with
    /// several outputs stages them all first, so one failing leaves none replaced.
    public static func stage(to path: String, _ body: (ByteSink) throws -> Void) throws -> StagedFile {
        let dir: String
        let name: String
        if let slash = path.lastIndex(of: "/") {
            dir = slash == path.startIndex ? "/" : String(path[..<slash])
            name = String(path[path.index(after: slash)...])
        } else {
            dir = "."
            name = path
        }
        guard !name.isEmpty else { throw CredLintError("cannot write '\(path)': it names a directory, expected a file path") }

        var template = Array("\(dir)/.\(name).credlint-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure("cannot create a temporary file in '\(dir)'") }
        let tempPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // From here the staged file owns the temp file and unlinks it unless committed.
        let staged = StagedFile(tempPath: tempPath, path: path, directory: dir)
        defer { close(fd) }
        let sink = ByteSink(fd: fd)
        try body(sink)
        if let e = sink.failedErrno {
            errno = e
            throw failure("cannot write '\(path)'")
        }
        // mkstemp creates 0600; reports are shared artefacts, so use the usual 0644.
        guard fchmod(fd, 0o644) == 0 else { throw failure("cannot set permissions on '\(path)'") }
        guard fsync(fd) == 0 else { throw failure("cannot flush '\(path)' to disk") }
        return staged
    }

    /// A complete temporary file waiting to replace its target.
    public final class StagedFile {
        let tempPath: String
        public let path: String
        let directory: String
        private var committed = false

        init(tempPath: String, path: String, directory: String) {
            self.tempPath = tempPath; self.path = path; self.directory = directory
        }

        public func commit() throws {
            guard !committed else { return }
            guard rename(tempPath, path) == 0 else { throw AtomicFileWriter.failure("cannot replace '\(path)'") }
            committed = true
            // Make the rename itself durable; best effort (not every filesystem allows fsync on a directory).
            let dfd = open(directory, O_RDONLY)
            if dfd >= 0 { _ = fsync(dfd); close(dfd) }
        }

        deinit { if !committed { unlink(tempPath) } }
    }

    fileprivate static func failure(_ what: String) -> CredLintError {
        CredLintError("\(what): \(String(cString: strerror(errno)))")
    }
}

/// Where a renderer writes its bytes: straight to the file, in whatever chunks it likes.
/// A write error is remembered (the writer reports it) and later writes are dropped.
public final class ByteSink {
    let fd: Int32
    private(set) var failedErrno: Int32?

    init(fd: Int32) { self.fd = fd }

    /// Standard output (a write error, such as a closed pipe, drops the rest quietly).
    public static func standardOutput() -> ByteSink { ByteSink(fd: 1) }

    public func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }

    public func write(_ p: UnsafeRawBufferPointer) {
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
