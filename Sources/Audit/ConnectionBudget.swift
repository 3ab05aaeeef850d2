import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The audit's manners: at most `limit` connections to one address and port in a run, each
/// at least `interval` seconds after the previous one, so a server's rate limits are not
/// mistaken for TLS failures and a run never floods a server.
final class ConnectionBudget {
    let limit: Int
    let interval: Double
    private var used: [String: Int] = [:]
    private var last: [String: UInt64] = [:]

    init(limit: Int, interval: Double) {
        self.limit = limit
        self.interval = interval
    }

    /// Takes one connection to `address`:`port`, waiting out the interval; false when the
    /// budget is spent.
    func take(address: String, port: UInt16) -> Bool {
        let key = "\(address)|\(port)"
        guard used[key, default: 0] < limit else { return false }
        if let previous = last[key] {
            let due = previous + UInt64(interval * 1_000_000_000)
            let now = Deadline.now()
            if due > now { usleep(UInt32(min((due - now) / 1000, 10_000_000))) }
        }
        used[key, default: 0] += 1
        last[key] = Deadline.now()
        return true
    }

    func remaining(address: String, port: UInt16) -> Int {
        limit - used["\(address)|\(port)", default: 0]
    }
}
