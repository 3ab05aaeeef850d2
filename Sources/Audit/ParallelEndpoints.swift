import Dispatch
import Synchronization

/// Runs jobs on up to `width` threads at once: the audit probes different addresses and ports
/// side by side (the connection budget is per address and port, so one server port never sees
/// more than one of our connections at a time), which keeps a host's seven ports within
/// seconds. Each job runs on one thread; what it returns lands in its slot.
enum ParallelEndpoints {
    static func run<Result: Sendable>(_ jobs: [() -> Result], width: Int) -> [Result] {
        guard jobs.count > 1, width > 1 else { return jobs.map { $0() } }
        let state = SharedState(jobs: jobs)
        let group = DispatchGroup()
        for worker in 0..<min(width, jobs.count) {
            // A serial queue of its own per worker: on Linux these get threads of their own even
            // when the jobs block on the network (the global pool is sized by CPUs).
            DispatchQueue(label: "mail-tls-audit.endpoint.\(worker)").async(group: group) {
                while let index = state.next() { state.finish(index, state.jobs[index]()) }
            }
        }
        group.wait()
        return state.results()
    }

    /// The jobs, the next one to take and the results; every access to the mutable part is
    /// under the mutex, the jobs themselves are only read.
    private final class SharedState<Result: Sendable>: @unchecked Sendable {
        let jobs: [() -> Result]
        private let slots: Mutex<(next: Int, results: [Result?])>

        init(jobs: [() -> Result]) {
            self.jobs = jobs
            slots = Mutex((0, Array(repeating: nil, count: jobs.count)))
        }

        func next() -> Int? {
            slots.withLock { state in
                guard state.next < jobs.count else { return nil }
                defer { state.next += 1 }
                return state.next
            }
        }

        func finish(_ index: Int, _ result: Result) { slots.withLock { $0.results[index] = result } }

        func results() -> [Result] { slots.withLock { $0.results.map { $0! } } }
    }
}
