import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Small, bounded file helpers: reads never grow past a limit, and paths are
/// shown relative to the working directory (SARIF wants repo-relative URIs).
package enum FileIO {
    package static func readHead(path: String, count: Int, shown: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CredLintError("cannot open: \(String(cString: strerror(errno)))", path: shown) }
        defer { close(fd) }
        return try readHead(fd: fd, count: count, path: shown)
    }

    /// Up to `count` bytes from the start of `fd` (fewer only at end of input).
    package static func readHead(fd: Int32, count: Int, path: String) throws -> [UInt8] {
        var buf = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, count - got) }
            if n < 0 { throw CredLintError("cannot read: \(String(cString: strerror(errno)))", path: path) }
            if n == 0 { break }
            got += n
        }
        return Array(buf[..<got])
    }

    package static func size(path: String, shown: String) throws -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { throw CredLintError("cannot stat: \(String(cString: strerror(errno)))", path: shown) }
        return Int(st.st_size)
    }

    /// `hint` ends the too-large message: how to raise the limit, or why there is one.
    package static func readAll(path: String, limit: Int, shown: String,
                               hint: String = "raise it with --max-input-size") throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CredLintError("cannot open: \(String(cString: strerror(errno)))", path: shown) }
        defer { close(fd) }
        return try readAll(fd: fd, limit: limit, path: shown, hint: hint)
    }

    /// Reads to the end of `fd`, after the bytes of `prefix` (already read from it), failing past `limit` in all.
    package static func readAll(fd: Int32, limit: Int, path: String, prefix: [UInt8] = [],
                               hint: String = "raise it with --max-input-size") throws -> [UInt8] {
        var out = prefix
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { throw CredLintError("cannot read: \(String(cString: strerror(errno)))", path: path) }
            if n == 0 { break }
            if out.count + n > limit {
                throw CredLintError("input is larger than \(limit) bytes (\(hint))", path: path)
            }
            out.append(contentsOf: chunk[..<n])
        }
        return out
    }

    /// Whether `path` (links followed) is a regular file, which can be opened and read
    /// more than once; a FIFO, a pipe from `<(…)` or a terminal cannot.
    package static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    /// Folders never walked into, besides every hidden one: version control, package
    /// caches and build output hold copies or unrelated JSON, never a user's IAM exports.
    package static let skippedFolders: Set<String> = [".git", "node_modules", ".build"]

    /// What a directory walk found: the files, sorted by path, and notes about
    /// links it would not follow.
    package struct Walk: Sendable {
        package var files: [String] = []
        package var notes: [Note] = []
    }

    /// Regular files below `directory`, sorted by path. Hidden entries and `skippedFolders`
    /// are skipped, and so is every file or folder an `exclude` glob matches: by its name,
    /// its path below `directory`, or its path as shown (`exports/old`). A symbolic link is
    /// followed only when it leads to a place inside `directory` (each real folder once, so a
    /// cycle ends); one leading out of it is skipped with a note, never read.
    package static func walk(directory: String, exclude: [Glob] = []) throws -> Walk {
        var walk = Walk()
        var stack = [directory]
        var visited = Set<[UInt64]>()
        var top = stat()
        if stat(directory, &top) == 0 { visited.insert([UInt64(top.st_dev), UInt64(top.st_ino)]) }
        let rootReal = realPath(directory) ?? directory
        let rootPrefix = directory.hasSuffix("/") ? directory : directory + "/"
        func excluded(_ name: String, _ full: String) -> Bool {
            guard !exclude.isEmpty else { return false }
            let below = full.hasPrefix(rootPrefix) ? String(full.dropFirst(rootPrefix.count)) : full
            let shown = displayPath(full)
            return exclude.contains { $0.matches(name) || $0.matches(below) || $0.matches(shown) }
        }
        while let dir = stack.popLast() {
            let (names, rawNames) = try listDirectory(dir)
            // A name that is not UTF-8 cannot be a Swift string: the file is opened by its
            // bytes and then read through its descriptor, shown with escapes.
            for raw in rawNames {
                var full = Array((dir.hasSuffix("/") ? dir : dir + "/").utf8)
                full += raw
                if let path = openByBytes(full) { walk.files.append(path) }
            }
            for name in names.sorted() where !name.hasPrefix(".") && !skippedFolders.contains(name) {
                let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                if excluded(name, full) { continue }
                var st = stat()
                guard lstat(full, &st) == 0 else { continue }
                var type = st.st_mode & S_IFMT
                if type == S_IFLNK {
                    // A dangling link is passed on as a file, so reading it fails loudly.
                    guard stat(full, &st) == 0 else { walk.files.append(full); continue }
                    if let target = realPath(full), target != rootReal, !target.hasPrefix(rootReal == "/" ? "/" : rootReal + "/") {
                        let text = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?"
                        walk.notes.append(Note("skipped: symbolic link to '\(text)', which leads outside \(displayPath(directory)); not followed",
                                               at: SourceLocation(path: displayPath(full))))
                        continue
                    }
                    type = st.st_mode & S_IFMT
                }
                if type == S_IFDIR {
                    if visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted { stack.append(full) }
                } else if type == S_IFREG {
                    walk.files.append(full)
                }
            }
        }
        walk.files.sort { displayPath($0) < displayPath($1) }
        walk.notes.sort()
        return walk
    }

    /// The entries of `dir`: names that are UTF-8, and the raw bytes of those that are not
    /// (hidden ones left out of both).
    static func listDirectory(_ dir: String) throws -> (names: [String], raw: [[UInt8]]) {
        guard let d = opendir(dir) else {
            throw CredLintError("cannot list directory: \(String(cString: strerror(errno)))", path: displayPath(dir))
        }
        defer { closedir(d) }
        var names: [String] = [], raw: [[UInt8]] = []
        while let e = readdir(d) {
            let bytes = withUnsafeBytes(of: e.pointee.d_name) { p in Array(p.prefix(while: { $0 != 0 })) }
            if bytes.first == UInt8(ascii: ".") { continue }
            if let name = String(validating: bytes, as: UTF8.self) { names.append(name) } else { raw.append(bytes) }
        }
        return (names, raw)
    }

    /// Display names of files opened by their raw bytes (`openByBytes`), by the path that reads them.
    nonisolated(unsafe) private static var rawNames: [String: String] = [:]
    private static let rawNamesLock = NSLock()

    /// Opens a regular file whose path is not UTF-8 and returns a path that reads it
    /// (`/proc/self/fd/N`, or `/dev/fd/N`; the descriptor stays open for the run), or nil
    /// when it is not a regular file or cannot be opened. `displayPath` shows it with
    /// `\xFF` escapes for the bytes that are not UTF-8.
    static func openByBytes(_ bytes: [UInt8]) -> String? {
        let fd = (bytes + [0]).withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_RDONLY | O_CLOEXEC) }
        }
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { close(fd); return nil }
        #if os(Linux)
        let path = "/proc/self/fd/\(fd)"
        #else
        let path = "/dev/fd/\(fd)"
        #endif
        rawNamesLock.lock()
        rawNames[path] = escaped(bytes)
        rawNamesLock.unlock()
        return path
    }

    /// A command-line path that was not UTF-8 arrives with U+FFFD in place of its bad
    /// bytes; the raw argument is found again to open it (`openByBytes`).
    package static func openRawArgument(_ repaired: String) -> String? {
        guard repaired.contains("\u{FFFD}") else { return nil }
        for i in 0..<Int(CommandLine.argc) {
            guard let arg = CommandLine.unsafeArgv[i] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: arg, count: strlen(arg))).map { UInt8(bitPattern: $0) }
            if String(decoding: bytes, as: UTF8.self) == repaired, String(validating: bytes, as: UTF8.self) == nil {
                return openByBytes(bytes)
            }
        }
        return nil
    }

    /// UTF-8 runs as they are, every other byte as `\xHH`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            // The longest valid UTF-8 sequence starting here (1 to 4 bytes).
            var taken = false
            for n in 1...4 where i + n <= bytes.count {
                if let s = String(validating: bytes[i..<(i + n)], as: UTF8.self) {
                    out += s
                    i += n
                    taken = true
                    break
                }
            }
            if !taken {
                out += "\\x" + String(bytes[i], radix: 16, uppercase: true).leftPadded(to: 2)
                i += 1
            }
        }
        return out
    }

    /// The path with every link resolved, nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// `./a//b` → `a/b`; an absolute path under the working directory becomes relative.
    package static func displayPath(_ raw: String) -> String {
        if raw.hasPrefix("/proc/self/fd/") || raw.hasPrefix("/dev/fd/") {
            rawNamesLock.lock()
            let name = rawNames[raw]
            rawNamesLock.unlock()
            if let name { return displayPath(name) }
        }
        var p = raw
        if p.hasPrefix("/") {
            let cwd = FileManager.default.currentDirectoryPath
            let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
            if p.hasPrefix(prefix) { p = String(p.dropFirst(prefix.count)) }
        }
        var parts: [Substring] = []
        for comp in p.split(separator: "/", omittingEmptySubsequences: true) where comp != "." { parts.append(comp) }
        let joined = parts.joined(separator: "/")
        return p.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    package static func parent(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "." }
        return i == path.startIndex ? "/" : String(path[..<i])
    }

    static func reportBytes(_ c: CredentialReportInput.Content) throws -> [UInt8] {
        switch c {
        case .bytes(let b): return b
        case .file(let path): return try readAll(path: path, limit: InputCaps.standard.inputBytes, shown: displayPath(path))
        case .openFile(let file): return try file.readAll(limit: Int.max, shown: displayPath(file.path))
        }
    }

    /// A CSV and its base64 envelope are the same report when they differ only
    /// by a BOM, line endings or trailing newlines.
    static func normalizedCSV(_ b: [UInt8]) -> [UInt8] {
        var s = b[...]
        if s.starts(with: [0xEF, 0xBB, 0xBF]) { s = s.dropFirst(3) }
        var out = [UInt8]()
        out.reserveCapacity(s.count)
        for c in s where c != 13 { out.append(c) }
        while out.last == 10 { out.removeLast() }
        return out
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
