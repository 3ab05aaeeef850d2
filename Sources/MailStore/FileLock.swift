#if canImport(Glibc)
import Glibc
#endif

/// POSIX fcntl write locks on whole files, taken with a bounded wait: F_SETLKW could block
/// for ever behind a hung program, so F_SETLK is retried until the deadline.
///
/// fcntl locks belong to the process and end when any descriptor of the file in the process
/// is closed; the stores keep one descriptor per locked file and open no other.
extension FileDescriptor {
    /// - Returns: false when the deadline passed with the lock held by another process.
    func lockForWriting(until deadline: MonotonicInstant) throws(MailStoreError) -> Bool {
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        while true {
            if fcntl(rawValue, F_SETLK, &lock) == 0 { return true }
            guard errno == EACCES || errno == EAGAIN || errno == EINTR else { throw .system("lock", path) }
            guard MonotonicInstant.now() < deadline else { return false }
            MonotonicInstant.pause()
        }
    }
}

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
