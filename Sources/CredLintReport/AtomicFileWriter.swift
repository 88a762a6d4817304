#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CredLintModel

/// Writes a report so that readers see either the old file or the complete
/// new one, never a truncated SARIF (which would upload as "no findings" or
/// fail ingestion): the bytes go to a temporary file in the target's directory
/// (on Linux an unnamed `O_TMPFILE`, so nothing is visible even if the process is
/// killed), which replaces the target on commit. A symbolic link is written
/// through (its target is replaced, the link stays); a device, FIFO or one of
/// this process's descriptors (`/dev/stdout`) is written into, never replaced.
public enum AtomicFileWriter {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { sink in sink.write(bytes) }
    }

    /// Writes what `body` hands to the sink, chunk by chunk (a report of hundreds of
    /// megabytes need not be in memory at once), with the same all-or-nothing guarantee.
    package static func write(to path: String, _ body: (ByteSink) throws -> Void) throws {
        try stage(to: path, body).commit()
    }

    /// What writing to a path means once symbolic links are followed.
    enum Destination: Equatable {
        /// A regular file (existing or not), replaced by rename.
        case replace(String)
        /// A device or FIFO, opened and written into.
        case stream(String)
        /// One of this process's open descriptors (`/dev/stdout`, `/dev/fd/3`).
        case descriptor(Int32)
    }

    /// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: reopening these
    /// would start at offset 0 of a redirected file (overwriting what is already
    /// there), so they are written through the descriptor this process holds.
    static func processDescriptor(_ path: String) -> Int32? {
        if path == "/dev/stdout" { return 1 }
        if path == "/dev/stderr" { return 2 }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            if let n = Int32(path.dropFirst(prefix.count)), n >= 0 { return n }
        }
        return nil
    }

    /// Follows symbolic links (at most 40, like the kernel) to what the write will reach.
    static func destination(of path: String) throws -> Destination {
        var current = path
        for _ in 0..<40 {
            if let fd = processDescriptor(current) { return .descriptor(fd) }
            var st = stat()
            guard lstat(current, &st) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { return .replace(current) }
                throw CredLintError("cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
            switch st.st_mode & S_IFMT {
            case S_IFLNK:
                var buf = [CChar](repeating: 0, count: 4097)
                let n = readlink(current, &buf, buf.count - 1)
                guard n > 0 else { throw CredLintError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
                let link = String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                current = link.hasPrefix("/") ? link : FileIO.parent(current) + "/" + link
            case S_IFREG:
                return .replace(current)
            case S_IFDIR:
                throw CredLintError("cannot write '\(path)': it is a directory, expected a file path")
            default:
                return .stream(current)
            }
        }
        throw CredLintError("cannot write '\(path)': too many levels of symbolic links")
    }

    /// Checks every output path before anything is read, so a typo fails at once (exit 2)
    /// instead of after a long run: the target is not a directory, the nearest existing
    /// parent is a writable directory, a device is writable, a descriptor is open for
    /// writing, and no two outputs reach the same file (a later one would silently
    /// overwrite an earlier one). Paths are compared after resolving links and `..`.
    package static func validate(_ paths: [String], shown: [String]? = nil) throws {
        var seen: [String: String] = [:]
        for (i, path) in paths.enumerated() {
            let key: String
            switch try destination(of: path) {
            case .replace(let file):
                let (dir, name) = split(file)
                guard !name.isEmpty else { throw CredLintError("cannot write '\(path)': it names a directory, expected a file path") }
                var existing = dir
                var missing: [String] = []
                var st = stat()
                while stat(existing, &st) != 0 {
                    guard errno == ENOENT, existing != "/", existing != "." else {
                        throw CredLintError("cannot write '\(path)': '\(existing)': \(String(cString: strerror(errno)))")
                    }
                    missing.insert(String(split(existing).name), at: 0)
                    existing = split(existing).dir
                }
                guard st.st_mode & S_IFMT == S_IFDIR else {
                    throw CredLintError("cannot write '\(path)': '\(existing)' is not a directory; expected a path in a directory")
                }
                guard access(existing, W_OK | X_OK) == 0 else {
                    throw CredLintError("cannot write '\(path)': directory '\(existing)' is not writable")
                }
                // realpath(3) allocates the resolved path when given no buffer.
                let base: String
                if let resolved = realpath(existing, nil) {
                    base = String(cString: resolved)
                    free(resolved)
                } else {
                    base = existing
                }
                // Directories still to be made: `.` and `..` among them are resolved by name.
                var rest: [String] = []
                for c in missing + [name] where c != "." {
                    if c == ".." { if !rest.isEmpty { rest.removeLast() } } else { rest.append(c) }
                }
                key = ([base] + rest).joined(separator: "/")
            case .stream(let device):
                var st = stat()
                guard stat(device, &st) == 0, access(device, W_OK) == 0 else {
                    throw CredLintError("cannot write '\(path)': \(String(cString: strerror(errno)))")
                }
                key = "device \(st.st_dev):\(st.st_ino):\(st.st_rdev)"
            case .descriptor(let fd):
                let flags = fcntl(fd, F_GETFL)
                guard flags >= 0, flags & O_ACCMODE != O_RDONLY else {
                    throw CredLintError("cannot write '\(path)': descriptor \(fd) is not open for writing")
                }
                var st = stat()
                key = fstat(fd, &st) == 0 ? "device \(st.st_dev):\(st.st_ino):\(st.st_rdev)" : "fd \(fd)"
            }
            let name = shown?[i] ?? path
            if let first = seen[key] {
                throw CredLintError("outputs '\(first)' and '\(name)' are the same file; give each output its own path")
            }
            seen[key] = name
        }
    }

    static func nearestExistingDirectory(_ dir: String) -> String {
        var d = dir
        var st = stat()
        while stat(d, &st) != 0 && errno == ENOENT && d != "/" && d != "." { d = split(d).dir }
        return d
    }

    static func split(_ path: String) -> (dir: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        return (slash == path.startIndex ? "/" : String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// Staged files hold their descriptor until commit (an unnamed file exists only
    /// through it); past this many at once, named temporary files are used instead
    /// so a thousand per-account outputs do not exhaust the descriptor limit.
    nonisolated(unsafe) static var openStaged = 0
    static let maxOpenStaged = 128

    /// Writes the temporary file but leaves `path` alone until `commit()`: a run with
    /// several outputs stages them all first, so one failing leaves none replaced.
    package static func stage(to path: String, _ body: (ByteSink) throws -> Void) throws -> StagedFile {
        let destination = try destination(of: path)
        let staged: StagedFile
        switch destination {
        case .replace(let file):
            let (dir, name) = split(file)
            guard !name.isEmpty else { throw CredLintError("cannot write '\(path)': it names a directory, expected a file path") }
            // Missing directories are made on commit; until then the temporary file waits in
            // the nearest one that exists (same filesystem, so the rename still works).
            let home = nearestExistingDirectory(dir)
            staged = try StagedFile.unnamed(in: home, path: path, destination: destination)
                ?? StagedFile.named(in: home, prefix: ".\(name).credlint-", path: path, destination: destination)
        case .stream, .descriptor:
            // The bytes wait in an unnamed file in the temporary directory and are copied
            // on commit, so a run that fails while rendering writes nothing to the device.
            let env = getenv("TMPDIR").map { String(cString: $0) } ?? ""
            let dir = env.isEmpty ? "/tmp" : env
            staged = try StagedFile.unnamed(in: dir, path: path, destination: destination)
                ?? StagedFile.named(in: dir, prefix: "credlint-output-", path: path, destination: destination, unlinkNow: true)
        }
        let sink = ByteSink(fd: staged.fd)
        try body(sink)
        if let e = sink.failedErrno {
            errno = e
            throw failure("cannot write '\(path)'")
        }
        // mkstemp creates 0600; reports are shared artefacts, so use the usual 0644.
        guard fchmod(staged.fd, 0o644) == 0 else { throw failure("cannot set permissions on '\(path)'") }
        guard fsync(staged.fd) == 0 else { throw failure("cannot flush '\(path)' to disk") }
        return staged
    }

    /// Commits several staged files as one: each replaced target keeps a hard link to
    /// its previous contents until all are in place, and a failure part-way renames the
    /// previous files back (or removes targets that did not exist). Devices and
    /// descriptors, which cannot be undone, are written last. Signals are held back
    /// meanwhile, so SIGTERM cannot stop the set half-committed.
    package static func commit(_ files: [StagedFile]) throws {
        TempFileRegistry.hold()
        defer { TempFileRegistry.release() }
        let ordered = files.filter(\.isReplacement) + files.filter { !$0.isReplacement }
        var done: [StagedFile] = []
        do {
            for f in ordered {
                try f.put()
                done.append(f)
            }
        } catch {
            for f in done.reversed() { f.rollBack() }
            throw error
        }
        for f in done { f.finish() }
    }

    /// A complete temporary file waiting to replace (or be copied into) its target.
    package final class StagedFile {
        package let path: String
        let destination: Destination
        let fd: Int32
        /// The temporary file's name, when it has one (not `O_TMPFILE`).
        private var tempPath: String?
        private var registration: Int?
        /// A hard link to the target's previous contents, kept until the whole set is committed.
        private var backupPath: String?
        private var existedBefore = false
        private var state = State.staged
        private let countsOpen: Bool
        enum State { case staged, placed, finished, rolledBack }

        private init(fd: Int32, path: String, destination: Destination, tempPath: String?, countsOpen: Bool) {
            self.fd = fd; self.path = path; self.destination = destination; self.tempPath = tempPath
            self.countsOpen = countsOpen
            if let t = tempPath { registration = TempFileRegistry.register(t) }
        }

        var isReplacement: Bool { if case .replace = destination { return true } else { return false } }

        /// An `O_TMPFILE` in `dir` (Linux, where the filesystem supports it, and with
        /// `/proc` to link it by); nil where that is not available.
        static func unnamed(in dir: String, path: String, destination: Destination) throws -> StagedFile? {
            #if os(Linux)
            guard AtomicFileWriter.openStaged < AtomicFileWriter.maxOpenStaged, access("/proc/self/fd", X_OK) == 0 else { return nil }
            let fd = open(dir, __O_TMPFILE | O_DIRECTORY | O_RDWR | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return nil }
            AtomicFileWriter.openStaged += 1
            return StagedFile(fd: fd, path: path, destination: destination, tempPath: nil, countsOpen: true)
            #else
            return nil
            #endif
        }

        /// A `mkstemp` file named `prefix…` in `dir`, registered for removal on a signal
        /// (or unlinked at once when only its descriptor is needed).
        static func named(in dir: String, prefix: String, path: String, destination: Destination,
                          unlinkNow: Bool = false) throws -> StagedFile {
            var template = Array("\(dir)/\(prefix)XXXXXX".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { throw AtomicFileWriter.failure("cannot create a temporary file in '\(dir)'") }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            let tempPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if unlinkNow {
                unlink(tempPath)
                return StagedFile(fd: fd, path: path, destination: destination, tempPath: nil, countsOpen: false)
            }
            return StagedFile(fd: fd, path: path, destination: destination, tempPath: tempPath, countsOpen: false)
        }

        /// Replaces the target alone (the one-output case).
        package func commit() throws { try AtomicFileWriter.commit([self]) }

        /// Puts the new contents in place, keeping what is needed to undo it.
        func put() throws {
            guard state == .staged else { return }
            switch destination {
            case .replace(let file):
                try makeParents(of: file)
                let (dir, name) = AtomicFileWriter.split(file)
                var st = stat()
                existedBefore = lstat(file, &st) == 0
                if existedBefore {
                    backupPath = try link(from: file, dir: dir, prefix: ".\(name).credlint-old-")
                }
                if let temp = tempPath {
                    guard rename(temp, file) == 0 else { throw AtomicFileWriter.failure("cannot replace '\(path)'") }
                    TempFileRegistry.unregister(registration)
                    tempPath = nil
                } else if !existedBefore, linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, file, AT_SYMLINK_FOLLOW) == 0 {
                    // Linked straight to the target: never visible under another name.
                } else {
                    let temp = try link(from: "/proc/self/fd/\(fd)", dir: dir, prefix: ".\(name).credlint-")
                    guard rename(temp, file) == 0 else {
                        let e = errno
                        unlink(temp)
                        errno = e
                        throw AtomicFileWriter.failure("cannot replace '\(path)'")
                    }
                }
                state = .placed
                // Make the rename itself durable; best effort (not every filesystem allows fsync on a directory).
                let dfd = open(dir, O_RDONLY)
                if dfd >= 0 { _ = fsync(dfd); close(dfd) }
            case .stream(let device):
                let out = open(device, O_WRONLY | O_NOCTTY | O_CLOEXEC)
                guard out >= 0 else { throw AtomicFileWriter.failure("cannot write '\(path)'") }
                defer { close(out) }
                try copy(to: out)
                state = .placed
            case .descriptor(let out):
                try copy(to: out)
                state = .placed
            }
        }

        private func copy(to out: Int32) throws {
            guard lseek(fd, 0, SEEK_SET) == 0 else { throw AtomicFileWriter.failure("cannot write '\(path)'") }
            let sink = ByteSink(fd: out)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n < 0 { if errno == EINTR { continue }; throw AtomicFileWriter.failure("cannot write '\(path)'") }
                if n == 0 { break }
                chunk.withUnsafeBytes { sink.write(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
                if let e = sink.failedErrno { errno = e; throw AtomicFileWriter.failure("cannot write '\(path)'") }
            }
        }

        /// Missing directories of an output path are made at commit, not before: a run
        /// that fails leaves no trace, not even an empty `out/`.
        private func makeParents(of file: String) throws {
            let dir = AtomicFileWriter.split(file).dir
            var st = stat()
            if stat(dir, &st) == 0 { return }
            try makeParents(of: dir)
            guard mkdir(dir, 0o755) == 0 || errno == EEXIST else {
                throw AtomicFileWriter.failure("cannot create the directory of '\(path)'")
            }
        }

        /// A new hard link to `source` under a fresh name `prefix…` in `dir`.
        private func link(from source: String, dir: String, prefix: String) throws -> String {
            for _ in 0..<100 {
                let candidate = "\(dir)/\(prefix)\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
                if linkat(AT_FDCWD, source, AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) == 0 { return candidate }
                if errno != EEXIST { throw AtomicFileWriter.failure("cannot replace '\(path)'") }
            }
            throw AtomicFileWriter.failure("cannot replace '\(path)'")
        }

        /// Undoes `put()`: the previous file comes back, or a target that did not exist goes.
        func rollBack() {
            guard state == .placed, case .replace(let file) = destination else { return }
            if let b = backupPath {
                rename(b, file)
                backupPath = nil
            } else {
                unlink(file)
            }
            state = .rolledBack
        }

        /// The set is committed: the previous contents can go.
        func finish() {
            if let b = backupPath { unlink(b) }
            backupPath = nil
            state = .finished
        }

        deinit {
            if let t = tempPath { unlink(t) }
            TempFileRegistry.unregister(registration)
            if let b = backupPath { unlink(b) }
            close(fd)
            if countsOpen { AtomicFileWriter.openStaged -= 1 }
        }
    }

    fileprivate static func failure(_ what: String) -> OutputError {
        OutputError("\(what): \(String(cString: strerror(errno)))")
    }
}
