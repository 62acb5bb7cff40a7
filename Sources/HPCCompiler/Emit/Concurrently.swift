import Dispatch
import Foundation

/// Independent pieces of work run side by side, on as many cores as the machine has.
enum Concurrently {
    /// Every job's result, in the order of `jobs`, whatever order they finished in. With
    /// `parallel` false they run one after the other on this thread: for small work, starting
    /// threads costs more than it saves.
    static func run<Result: Sendable>(_ jobs: [@Sendable () -> Result], parallel: Bool = true) -> [Result] {
        guard parallel else { return jobs.map { $0() } }
        let slots = Slots<Result>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            slots.store(jobs[index](), at: index)
        }
        return slots.values
    }
}

/// Results the jobs store from several threads, behind one lock. (Synchronization's `Mutex`
/// needs macOS 15; the package supports macOS 13, as Package.swift declares.)
private final class Slots<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func store(_ result: Result, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        results[index] = result
    }

    /// Every result; call once all jobs finished.
    var values: [Result] {
        lock.lock()
        defer { lock.unlock() }
        return results.map { $0! }
    }
}
