#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Holds the findings of accounts already linted on disk instead of in memory, so a run
/// over an organisation (a thousand accounts, millions of findings) needs memory for the
/// accounts in flight, not for all of them. One temporary file, unlinked as soon as it is
/// made (nothing is left behind, whatever ends the process), in `$TMPDIR` or `/tmp`.
/// Findings go in sorted runs of blocks (`FindingRuns`); reporters read them back an
/// account at a time, and a run a block at a time.
package final class FindingSpill: @unchecked Sendable {
    private let fd: Int32
    private var end = 0
    private var lock = pthread_mutex_t()
    private var loads = 0
    /// The rules of the findings stored so far: records name theirs by index here.
    private var rules: [FindingRule] = []
    private var ruleIndex: [ObjectIdentifier: Int] = [:]

    /// Blocks read back so far: tests hold reporters to the passes they claim.
    var blocksRead: Int {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return loads
    }

    /// Where one block of findings is (a few words: an account can have thousands).
    struct Ref: Sendable {
        let offset: Int
        let length: Int
        let count: Int
    }

    /// Nil when no temporary file can be made; callers then keep findings in memory.
    package static func make() -> FindingSpill? {
        let env = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        let dir = env.isEmpty ? "/tmp" : env
        var template = Array("\(dir)/credlint-findings-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return FindingSpill(fd: fd)
    }

    private init(fd: Int32) {
        self.fd = fd
        pthread_mutex_init(&lock, nil)
    }

    deinit {
        close(fd)
        pthread_mutex_destroy(&lock)
    }

    /// Findings per block: what a reader holds of each run at once.
    static let blockSize = 64

    /// Writes `findings` (in output order) as one run of blocks; nil when a write fails
    /// (a full disk), and the caller keeps them.
    func storeRun(_ findings: [Finding]) -> FindingRuns.Run? {
        var refs: [Ref] = []
        var start = 0
        while start < findings.count {
            let end = min(findings.count, start + Self.blockSize)
            guard let ref = store(findings[start..<end]) else { return nil }
            refs.append(ref)
            start = end
        }
        return FindingRuns.Run(blocks: refs, tally: FindingTally(findings))
    }

    /// Writes `findings` as one record; nil when the write fails.
    func store(_ findings: [Finding]) -> Ref? { store(findings[...]) }

    /// (A slice, so that a run is written block by block without copying each block's findings.)
    func store(_ findings: ArraySlice<Finding>) -> Ref? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(findings.count * 96)
        findings.withUnsafeBufferPointer { b in
            // A block's findings come from a few rules, mostly one after another.
            var last: (rule: FindingRule, index: Int)?
            for i in b.indices {
                let rule = b[i].rule
                let index: Int
                if let l = last, l.rule === rule { index = l.index } else { index = self.index(of: rule); last = (rule, index) }
                FindingCodec.encode(b.baseAddress! + i, rule: index, into: &bytes)
            }
        }
        pthread_mutex_lock(&lock)
        let offset = end
        end += bytes.count
        pthread_mutex_unlock(&lock)
        // Each record has its own range, so writers need not hold the lock while writing.
        let ok = bytes.withUnsafeBytes { p -> Bool in
            var done = 0
            while done < p.count {
                let n = pwrite(fd, p.baseAddress! + done, p.count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        return ok ? Ref(offset: offset, length: bytes.count, count: findings.count) : nil
    }

    /// `rule`'s index in the table, added if new.
    private func index(of rule: FindingRule) -> Int {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if let i = ruleIndex[ObjectIdentifier(rule)] { return i }
        rules.append(rule)
        ruleIndex[ObjectIdentifier(rule)] = rules.count - 1
        return rules.count - 1
    }

    func load(_ ref: Ref) -> [Finding] {
        pthread_mutex_lock(&lock)
        loads += 1
        let rules = self.rules
        pthread_mutex_unlock(&lock)
        var bytes = [UInt8](repeating: 0, count: ref.length)
        let ok = bytes.withUnsafeMutableBytes { p -> Bool in
            var done = 0
            while done < p.count {
                let n = pread(fd, p.baseAddress! + done, p.count - done, off_t(ref.offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        // The file is private, unlinked and was written in full: failing to read it back
        // means the machine lost it, and going on would drop findings silently.
        guard ok else { fatalError("credlint: cannot read back findings kept in a temporary file: \(String(cString: strerror(errno)))") }
        var reader = FindingCodec.Reader(bytes: bytes, rules: rules)
        var out: [Finding] = []
        out.reserveCapacity(ref.count)
        for _ in 0..<ref.count { out.append(reader.finding()) }
        precondition(reader.atEnd, "findings record longer than its findings")
        return out
    }
}
