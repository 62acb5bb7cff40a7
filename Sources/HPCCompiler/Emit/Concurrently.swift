import Dispatch
import Synchronization

/// Independent pieces of work run side by side, on as many cores as the machine has.
enum Concurrently {
    /// Every job's result, in the order of `jobs`, whatever order they finished in. With
    /// `parallel` false they run one after the other on this thread: for small work, starting
    /// threads costs more than it saves.
    static func run<Result: Sendable>(_ jobs: [@Sendable () -> Result], parallel: Bool = true) -> [Result] {
        guard parallel else { return jobs.map { $0() } }
        let results = Mutex<[Result?]>(Array(repeating: nil, count: jobs.count))
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let result = jobs[index]()
            results.withLock { $0[index] = result }
        }
        return results.withLock { slots in slots.map { $0! } }
    }
}
