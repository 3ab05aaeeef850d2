#if canImport(Glibc)
    import Glibc
#endif

/// A point on the monotonic clock after which an operation has failed (`-m/--max-time`,
/// `--connect-timeout`). Blocking calls turn it into a `poll` timeout, so every read, write and
/// handshake is bounded without threads or signals.
public struct Deadline: Sendable, Equatable {
    /// Nanoseconds on CLOCK_MONOTONIC, or `nil` for no limit.
    public let uptimeNanoseconds: UInt64?

    public static let never = Deadline(uptimeNanoseconds: nil)

    public init(uptimeNanoseconds: UInt64?) {
        self.uptimeNanoseconds = uptimeNanoseconds
    }

    /// A deadline `seconds` from now; `nil` or a non-positive value means no limit (curl: 0 = none).
    public static func after(seconds: Double?) -> Deadline {
        guard let seconds, seconds > 0 else { return .never }
        let delta = UInt64(min(seconds, 1e9) * 1e9)
        return Deadline(uptimeNanoseconds: Deadline.now() &+ delta)
    }

    /// The earlier of two deadlines.
    public func earliest(_ other: Deadline) -> Deadline {
        switch (uptimeNanoseconds, other.uptimeNanoseconds) {
        case (nil, _): return other
        case (_, nil): return self
        case let (a?, b?): return a <= b ? self : other
        }
    }

    public var hasPassed: Bool {
        guard let limit = uptimeNanoseconds else { return false }
        return Deadline.now() >= limit
    }

    /// Milliseconds left, rounded up, as `poll` wants them: -1 means wait forever, 0 means expired.
    public var pollTimeout: Int32 {
        guard let limit = uptimeNanoseconds else { return -1 }
        let now = Deadline.now()
        guard limit > now else { return 0 }
        let ms = (limit - now + 999_999) / 1_000_000
        return Int32(clamping: ms)
    }

    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
