#if canImport(Glibc)
    import Glibc
#endif

/// One worker thread with a one-job slot: a Maildir's commit of batch n (a `syncfs`, the state
/// file, the renames: time spent waiting for the disk) runs here while batch n + 1 streams in
/// from the network on the owner's thread.
///
/// The hand-over is all the synchronisation there is between the two threads:
/// - at most one job at a time: `start` needs the slot empty, and the owner empties it with
///   `wait` (or `poll`) before the next batch goes, so one batch at most is in flight;
/// - a job owns what it was given until it ends, and touches nothing else; its result comes
///   back through `wait`/`poll` and only the owner's thread applies it;
/// - the mutex orders everything the job wrote before the owner sees its result.
/// The thread blocks every signal, so SIGINT reaches the owner's thread and its blocking
/// `poll` returns at once (`Interruption`).
final class CommitThread<Result: Sendable> {
    private let core = CommitThreadCore()
    /// Written by the job before it ends, read by the owner after: `core`'s mutex orders them.
    private let slot = ResultSlot<Result>()

    init() {}

    deinit {
        core.stop()
    }

    /// Whether a job was started and its result not yet collected.
    var isBusy: Bool { core.isBusy }

    /// Hands `job` to the thread (started with the first job) and returns at once.
    /// - Throws: `.writeFailed` when no thread can be made.
    func start(_ job: @escaping @Sendable () -> Result) throws(MailStoreError) {
        let slot = self.slot
        try core.start { slot.value = job() }
    }

    /// Blocks until the job started last ends, and returns its result; nil when none is busy.
    func wait() -> Result? {
        core.wait() ? collect() : nil
    }

    /// The result of the job started last if it has ended, without waiting.
    func poll() -> Result? {
        core.poll() ? collect() : nil
    }

    /// Lets a busy job end, dropping its result (collect it first to apply it), and ends the
    /// thread; a later `start` makes a new one.
    func stop() {
        core.stop()
        slot.value = nil
    }

    private func collect() -> Result? {
        let result = slot.value
        slot.value = nil
        return result
    }
}

private final class ResultSlot<Result: Sendable>: @unchecked Sendable {
    var value: Result?
}

/// `CommitThread`'s thread and hand-over, for jobs without a result.
private final class CommitThreadCore {
    private let shared = Shared()
    private var thread: pthread_t?

    /// What both threads touch, under `mutex`; retained by the thread until it ends.
    final class Shared: @unchecked Sendable {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        /// Handed over, not yet taken by the thread.
        var job: (@Sendable () -> Void)?
        /// The job started last has ended; its result is not collected yet.
        var ended = false
        /// A job was started and not yet collected.
        var busy = false
        var stopping = false

        init() {
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(changed, nil)
        }

        deinit {
            pthread_cond_destroy(changed)
            pthread_mutex_destroy(mutex)
            mutex.deallocate()
            changed.deallocate()
        }

        func locked<T>(_ body: () -> T) -> T {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return body()
        }

        /// The thread's loop: takes each job, runs it unlocked, says it ended.
        func serve() {
            pthread_mutex_lock(mutex)
            while true {
                if let job {
                    self.job = nil
                    pthread_mutex_unlock(mutex)
                    job()
                    pthread_mutex_lock(mutex)
                    ended = true
                    pthread_cond_broadcast(changed)
                } else if stopping {
                    break
                } else {
                    pthread_cond_wait(changed, mutex)
                }
            }
            pthread_mutex_unlock(mutex)
        }
    }

    var isBusy: Bool { shared.locked { shared.busy } }

    func start(_ job: @escaping @Sendable () -> Void) throws(MailStoreError) {
        if thread == nil { thread = try Self.spawn(shared) }
        shared.locked {
            precondition(!shared.busy, "CommitThread: the previous job's result was not collected")
            shared.job = job
            shared.busy = true
            shared.ended = false
            pthread_cond_broadcast(shared.changed)
        }
    }

    /// Blocks until the busy job ends; true when there was one (its result is now the
    /// caller's to collect).
    func wait() -> Bool {
        shared.locked {
            guard shared.busy else { return false }
            while !shared.ended { pthread_cond_wait(shared.changed, shared.mutex) }
            shared.busy = false
            return true
        }
    }

    /// True (and collected) when the busy job has ended.
    func poll() -> Bool {
        shared.locked {
            guard shared.busy && shared.ended else { return false }
            shared.busy = false
            return true
        }
    }

    /// Lets a busy job end, then ends the thread.
    func stop() {
        guard let thread else { return }
        shared.locked {
            shared.stopping = true
            pthread_cond_broadcast(shared.changed)
        }
        pthread_join(thread, nil)
        self.thread = nil
        shared.locked {
            shared.stopping = false
            shared.busy = false
        }
    }

    private static func spawn(_ shared: Shared) throws(MailStoreError) -> pthread_t {
        // Every signal blocked while creating it: the new thread inherits the mask.
        var all = sigset_t()
        var previous = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_SETMASK, &all, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(shared).toOpaque()
        let status = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<Shared>.fromOpaque(context!).takeRetainedValue().serve()
                return nil
            }, context)
        guard status == 0 else {
            Unmanaged<Shared>.fromOpaque(context).release()
            throw .system("start a thread to commit in", "the Maildir", errno: status)
        }
        return thread
    }
}
