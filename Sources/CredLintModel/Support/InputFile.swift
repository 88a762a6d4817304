import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One regular input file, opened once (issue 15, item 7): sniffing its first bytes,
/// peeking at its account, reading it, and streaming a report from it all use this one
/// descriptor, so the file that is judged is the file that is read (a file replaced
/// between two opens cannot be half one and half the other), and a directory of
/// thousands of inputs costs one `open` each.
///
/// Reads are positional (`pread`), so readers on different threads do not share an
/// offset; streaming readers that need the descriptor's own offset (libxml2) rewind it
/// first and are never run on one file at the same time. The descriptor is closed when
/// the last reference goes (after the account that holds it is linted).
///
/// A large Organization keeps one descriptor per report and per large XML response
/// until its account is linted. The first open raises the soft open-file limit to the
/// hard one; past `budget` descriptors held, a file is parked (`parkIfOverBudget`): its
/// descriptor is closed and opened again when next read, and that open must find the
/// same file (device and inode), or reading fails instead of mixing two files.
public final class InputFile: @unchecked Sendable {
    /// The path it was opened at (raw bytes decoded, as given).
    package let path: String
    /// The size when opened.
    package let size: Int
    private let device: UInt64, inode: UInt64
    private let lock = NSLock()
    private var descriptor: Int32

    /// Opens `path` read-only. `shown` is the path errors name.
    package init(path: String, shown: String) throws {
        Self.raiseOpenFileLimit
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CredLintError("cannot open: \(String(cString: strerror(errno)))", path: shown) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = CredLintError("cannot stat: \(String(cString: strerror(errno)))", path: shown)
            close(fd)
            throw e
        }
        self.path = path
        self.descriptor = fd
        self.size = Int(st.st_size)
        self.device = UInt64(st.st_dev)
        self.inode = UInt64(st.st_ino)
        Self.counter.record(path)
        Self.held.add(1)
    }

    deinit {
        if descriptor >= 0 { close(descriptor); Self.held.add(-1) }
    }

    /// The open descriptor (opened again if parked; -1 if the path no longer names the same file).
    package var fd: Int32 {
        lock.lock()
        defer { lock.unlock() }
        if descriptor < 0 {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            var st = stat()
            if fd >= 0, fstat(fd, &st) == 0, UInt64(st.st_dev) == device, UInt64(st.st_ino) == inode {
                descriptor = fd
                Self.held.add(1)
                Self.counter.record(path)
            } else if fd >= 0 {
                close(fd)
            }
        }
        return descriptor
    }

    /// Closes the descriptor while more than `budget` are held; the next read opens it again.
    package func parkIfOverBudget() {
        guard Self.held.value > Self.budget else { return }
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0 { close(descriptor); descriptor = -1; Self.held.add(-1) }
    }

    /// Descriptors held at most before files are parked: the soft limit less room for outputs,
    /// temporary files, rule files and libraries.
    static let budget: Int = {
        var rl = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl) == 0 else { return 512 }
        let soft = rl.rlim_cur >= rlim_t(1 << 30) ? 1 << 20 : Int(rl.rlim_cur)
        return max(16, soft - 256)
    }()

    /// Once per process: the soft limit on open files up to the hard one.
    private static let raiseOpenFileLimit: Void = {
        var rl = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl) == 0, rl.rlim_cur < rl.rlim_max else { return }
        rl.rlim_cur = rl.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl)
    }()

    private static let held = Counter()

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add(_ d: Int) { lock.lock(); n += d; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }

    /// Up to `count` bytes from `offset` (fewer only at the end of the file).
    package func read(count: Int, at offset: Int, shown: String) throws -> [UInt8] {
        var buf = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let fd = self.fd
            guard fd >= 0 else { throw CredLintError("cannot read: the file was replaced or removed while credlint ran", path: shown) }
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, count - got, off_t(offset + got)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CredLintError("cannot read: \(String(cString: strerror(errno)))", path: shown)
            }
            if n == 0 { break }
            got += n
        }
        return got == count ? buf : Array(buf[..<got])
    }

    /// The first `count` bytes.
    package func head(_ count: Int, shown: String) throws -> [UInt8] { try read(count: count, at: 0, shown: shown) }

    /// The whole file, refused past `limit` bytes (checked against its size before reading,
    /// and again while reading, in case it grew).
    package func readAll(limit: Int, shown: String, hint: String = "raise it with --max-input-size") throws -> [UInt8] {
        if size > limit { throw CredLintError("file is \(size) bytes; the limit is \(limit) (\(hint))", path: shown) }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        var offset = 0
        while true {
            let chunk = try read(count: 1 << 16, at: offset, shown: shown)
            if chunk.isEmpty { break }
            if out.count + chunk.count > limit {
                throw CredLintError("input is larger than \(limit) bytes (\(hint))", path: shown)
            }
            out += chunk
            offset += chunk.count
        }
        return out
    }

    // MARK: counting opens (tests)

    /// How many times `path` was opened as an `InputFile` in this process (the test that
    /// each input is opened once).
    package static func openCount(_ path: String) -> Int { counter.count(path) }

    private static let counter = OpenCounter()

    private final class OpenCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func record(_ path: String) { lock.lock(); counts[path, default: 0] += 1; lock.unlock() }
        func count(_ path: String) -> Int { lock.lock(); defer { lock.unlock() }; return counts[path] ?? 0 }
    }
}
