import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Small, bounded file helpers: reads never grow past a limit, and paths are
/// shown relative to the working directory (SARIF wants repo-relative URIs).
public enum FileIO {
    public static func readHead(path: String, count: Int, shown: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CredLintError("cannot open: \(String(cString: strerror(errno)))", path: shown) }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, count - got) }
            if n < 0 { throw CredLintError("cannot read: \(String(cString: strerror(errno)))", path: shown) }
            if n == 0 { break }
            got += n
        }
        return Array(buf[..<got])
    }

    /// Up to `count` bytes from the start of `fd` (fewer only at end of input).
    public static func readHead(fd: Int32, count: Int, path: String) throws -> [UInt8] {
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

    /// Whether `path` (links followed) is a regular file, which can be opened and read
    /// more than once; a FIFO, a pipe from `<(…)` or a terminal cannot.
    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    public static func size(path: String, shown: String) throws -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { throw CredLintError("cannot stat: \(String(cString: strerror(errno)))", path: shown) }
        return Int(st.st_size)
    }

    /// `hint` ends the too-large message: how to raise the limit, or why there is one.
    public static func readAll(path: String, limit: Int, shown: String,
                               hint: String = "raise it with --max-input-size") throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CredLintError("cannot open: \(String(cString: strerror(errno)))", path: shown) }
        defer { close(fd) }
        return try readAll(fd: fd, limit: limit, path: shown, hint: hint)
    }

    /// Reads to the end of `fd`, after the bytes of `prefix` (already read from it), failing past `limit` in all.
    public static func readAll(fd: Int32, limit: Int, path: String, prefix: [UInt8] = [],
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

    /// Regular files below `directory`, sorted by path, hidden entries skipped,
    /// symbolic links to directories not followed (no cycles).
    public static func walk(directory: String) throws -> [String] {
        var out: [String] = []
        var stack = [directory]
        // Symlinked directories are followed (an export tree of links to per-account folders
        // is common); each real directory is walked once, so a link cycle ends.
        var visited = Set<[UInt64]>()
        var top = stat()
        if stat(directory, &top) == 0 { visited.insert([UInt64(top.st_dev), UInt64(top.st_ino)]) }
        while let dir = stack.popLast() {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
                throw CredLintError("cannot list directory: \(error.localizedDescription)", path: displayPath(dir))
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                var st = stat()
                guard lstat(full, &st) == 0 else { continue }
                var type = st.st_mode & S_IFMT
                if type == S_IFLNK {
                    // A dangling link is passed on as a file, so reading it fails loudly.
                    guard stat(full, &st) == 0 else { out.append(full); continue }
                    type = st.st_mode & S_IFMT
                }
                if type == S_IFDIR {
                    if visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted { stack.append(full) }
                } else if type == S_IFREG {
                    out.append(full)
                }
            }
        }
        return out.sorted()
    }

    /// `./a//b` → `a/b`; an absolute path under the working directory becomes relative.
    public static func displayPath(_ raw: String) -> String {
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

    public static func parent(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "." }
        return i == path.startIndex ? "/" : String(path[..<i])
    }

    static func reportBytes(_ c: CredentialReportInput.Content) throws -> [UInt8] {
        switch c {
        case .bytes(let b): return b
        case .file(let path): return try readAll(path: path, limit: 4 << 30, shown: displayPath(path))
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
