#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files that must not outlive the process, and the signals that would
/// otherwise leave them behind: a cancelled CI job sends SIGTERM in the middle of a
/// write, and without a handler the half-written temporary file (85 MB for a large
/// report) stays beside the target. The handler unlinks every registered path and
/// exits 128 + the signal (130 for SIGINT, 143 for SIGTERM).
///
/// While outputs are being committed (a few renames that must all happen or none),
/// a signal is only recorded; `release()` acts on it once the set is consistent.
///
/// The storage is raw memory, written with single-word stores, because a signal
/// handler may run on any thread at any time and can neither lock nor allocate.
package enum TempFileRegistry {
    static let capacity = 4096
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    /// [0]: 1 while a commit holds signals back; [1]: the signal that arrived meanwhile.
    nonisolated(unsafe) static let state: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: 2)
        p.initialize(repeating: 0, count: 2)
        return p
    }()

    /// Installs the handlers for SIGINT, SIGTERM and SIGHUP (a signal the parent
    /// chose to ignore, as `nohup` does, stays ignored).
    package static func installSignalHandlers() {
        // Touch the lazily initialised storage now, never for the first time in a handler.
        _ = slots; _ = state
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            // SIG_IGN is the handler value 1.
            if let previous = signal(sig, onSignal), unsafeBitCast(previous, to: Int.self) == 1 { signal(sig, SIG_IGN) }
        }
    }

    /// Remembers `path` for removal on a signal; the returned slot undoes it.
    package static func register(_ path: String) -> Int? {
        _ = slots
        guard let copy = strdup(path) else { return nil }
        for i in 0..<capacity where slots[i] == nil {
            slots[i] = copy
            return i
        }
        free(copy)
        return nil
    }

    /// Forgets a path (it was renamed into place or removed). The copy is not freed:
    /// a handler running on another thread may be reading it; a few bytes per output.
    package static func unregister(_ slot: Int?) {
        if let s = slot { slots[s] = nil }
    }

    /// From here until `release()`, a signal is recorded instead of acted on.
    package static func hold() { _ = state; state[0] = 1 }

    /// Ends a `hold()`; a signal that arrived meanwhile now removes what is registered and exits.
    package static func release() {
        state[0] = 0
        let sig = state[1]
        if sig != 0 { removeAllAndExit(sig) }
    }

    static func removeAllAndExit(_ sig: Int32) -> Never {
        for i in 0..<capacity {
            if let p = slots[i] { unlink(p) }
        }
        _exit(128 + sig)
    }
}

private let onSignal: @convention(c) (Int32) -> Void = { sig in
    if TempFileRegistry.state[0] != 0 {
        TempFileRegistry.state[1] = sig
        return
    }
    TempFileRegistry.removeAllAndExit(sig)
}
