import Synchronization
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The audit's manners: at most `limit` connections to one address and port in a run, each
/// at least `interval` seconds after the previous one, so a server's rate limits are not
/// mistaken for TLS failures and a run never floods a server. Shared by the probes that run
/// side by side (other addresses and ports), so its counts are under a mutex.
final class ConnectionBudget: Sendable {
    let limit: Int
    /// `--connection-interval`; nil: `defaultInterval(for:)`.
    let fixedInterval: Double?
    private let state = Mutex<(used: [String: Int], last: [String: UInt64])>(([:], [:]))

    init(limit: Int, interval: Double?) {
        self.limit = limit
        self.fixedInterval = interval
    }

    /// The spacing for `address`: 5 ms on this machine's loopback (a test server, which nobody
    /// else shares), 50 ms elsewhere, so a whole scan of a real server's port (up to about 120
    /// connections) spreads over several seconds rather than arriving as a burst.
    static func defaultInterval(for address: String) -> Double {
        address.hasPrefix("127.") || address == "::1" ? 0.005 : 0.05
    }

    func interval(for address: String) -> Double { fixedInterval ?? Self.defaultInterval(for: address) }

    /// Takes one connection to `address`:`port`, waiting out the interval; false when the
    /// budget is spent.
    func take(address: String, port: UInt16) -> Bool {
        let key = "\(address)|\(port)"
        // The slot is reserved under the lock; the wait for it is outside.
        let wait: UInt64? = state.withLock { state in
            guard state.used[key, default: 0] < limit else { return nil }
            let now = Deadline.now()
            var start = now
            let spacing = UInt64(interval(for: address) * 1_000_000_000)
            if let previous = state.last[key] { start = max(now, previous + spacing) }
            state.used[key, default: 0] += 1
            state.last[key] = start
            return start - now
        }
        guard let wait else { return false }
        if wait > 0 { usleep(UInt32(min(wait / 1000, 10_000_000))) }
        return true
    }

    func remaining(address: String, port: UInt16) -> Int {
        limit - state.withLock { $0.used["\(address)|\(port)", default: 0] }
    }
}
