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
