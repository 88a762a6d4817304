import Foundation

/// Order-preserving parallel map over a fixed number of worker threads.
/// Accounts are independent, so each worker takes the next one; results keep
/// input order, so output stays deterministic whatever the scheduling.
package enum ParallelMap {
    package static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ body: @Sendable (T) throws -> R) throws -> [R] {
        let workers = max(1, min(jobs > 0 ? jobs : ProcessInfo.processInfo.activeProcessorCount, items.count))
        if workers == 1 { return try items.map(body) }
        let box = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = box.next() {
                do { box.set(i, .success(try body(items[i]))) } catch { box.set(i, .failure(error)) }
            }
        }
        return try box.results()
    }

    private final class ResultBox<R: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<R, Error>?]
        private var cursor = 0
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func next() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard cursor < slots.count else { return nil }
            cursor += 1
            return cursor - 1
        }
        func set(_ i: Int, _ r: Result<R, Error>) { lock.lock(); slots[i] = r; lock.unlock() }
        /// The first failure in input order wins, so the error reported is deterministic too.
        func results() throws -> [R] { try slots.map { try $0!.get() } }
    }
}
