/// Limits of one service's scan, chosen by the caller (the audit's connection budget).
public struct TLSScanOptions: Sendable, Equatable {
    /// At most this many connections (each one handshake); what is left is reported untested.
    public var connectionBudget: Int
    /// Seconds to wait between two connections (mail servers rate-limit).
    public var spacing: Double
    /// Seconds each handshake may take.
    public var handshakeTimeout: Double
    /// The versions probed, each alone; the others are reported untested.
    public var versions: [TLSVersion]
    /// Enumerate the accepted suites of TLS 1.0 and 1.1 too (after 1.3 and 1.2, if budget is left).
    public var enumerateLegacySuites: Bool
    /// Groups not probed (reported untested): the largest finite-field groups cost a server
    /// (and the scanner) ten to a hundred times an ordinary handshake and are never weak.
    public var excludedGroups: Set<String> = []

    public init(
        connectionBudget: Int = 100, spacing: Double = 0, handshakeTimeout: Double = 10,
        versions: [TLSVersion] = [.tls1_3, .tls1_2, .tls1_1, .tls1_0], enumerateLegacySuites: Bool = true
    ) {
        self.connectionBudget = connectionBudget
        self.spacing = spacing
        self.handshakeTimeout = handshakeTimeout
        self.versions = versions
        self.enumerateLegacySuites = enumerateLegacySuites
    }
}
