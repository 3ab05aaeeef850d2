#if canImport(Glibc)
    import Glibc
#endif

/// A point on the monotonic clock, in milliseconds: for deadlines and batch age, immune to
/// the wall clock being set.
struct MonotonicInstant: Comparable, Sendable {
    let milliseconds: Int64

    static func now() -> MonotonicInstant {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return MonotonicInstant(milliseconds: Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000)
    }

    func adding(milliseconds delta: Int) -> MonotonicInstant {
        MonotonicInstant(milliseconds: milliseconds + Int64(delta))
    }

    static func < (a: MonotonicInstant, b: MonotonicInstant) -> Bool { a.milliseconds < b.milliseconds }

    /// The polling interval while waiting for a lock.
    static func pause() { usleep(50_000) }
}
