import Transport

/// What one scan connection offers: a single TLS version and, per dimension, the key exchanges,
/// ciphers, MACs and groups to offer. nil in a dimension means "everything the scanner can
/// offer" (the backend's broad default), so a version probe offers as much as possible.
public struct TLSProbeOffer: Sendable, Equatable, Encodable {
    public var version: TLSVersion
    public var keyExchanges: [String]?
    public var ciphers: [String]?
    public var macs: [String]?
    public var groups: [String]?

    public init(
        version: TLSVersion, keyExchanges: [String]? = nil, ciphers: [String]? = nil, macs: [String]? = nil,
        groups: [String]? = nil
    ) {
        self.version = version
        self.keyExchanges = keyExchanges
        self.ciphers = ciphers
        self.macs = macs
        self.groups = groups
    }
}

/// What a finished scan handshake established: only what the scan needs (the full facts and
/// the certificate are the audit's ordinary handshake's business).
public struct TLSHandshakeSummary: Sendable, Equatable, Encodable {
    public var version: TLSVersion
    /// The library's name of the suite, as in `TLSCipherSuite.name`.
    public var cipherSuite: String
    /// The key-exchange group ("X25519"); nil when none was used (RSA key exchange).
    public var group: String?
    /// RFC 5746: the server sent the renegotiation_info extension.
    public var secureRenegotiation: Bool
    /// RFC 7627: the server agreed to the extended master secret.
    public var extendedMasterSecret: Bool

    public init(
        version: TLSVersion, cipherSuite: String, group: String?, secureRenegotiation: Bool,
        extendedMasterSecret: Bool
    ) {
        self.version = version
        self.cipherSuite = cipherSuite
        self.group = group
        self.secureRenegotiation = secureRenegotiation
        self.extendedMasterSecret = extendedMasterSecret
    }
}

/// The answer to one offer.
public enum TLSProbeOutcome: Sendable, Equatable {
    /// The handshake completed.
    case accepted(TLSHandshakeSummary)
    /// The server refused the offer (an alert, or it closed during the handshake); the text says how.
    case refused(String)
}

/// One scan connection: connects (through the caller's STARTTLS dialog, if any), offers, and
/// says what the server answered. Throws when no handshake could even start (the connection
/// was refused, the greeting was `421`, the server stopped answering): the scan ends there as
/// "unreachable / rate limited", never as "not supported".
public protocol TLSProber {
    func probe(_ offer: TLSProbeOffer) throws -> TLSProbeOutcome
}

/// The backend entry point the audit calls: a whole scan of one service.
public protocol TLSScanning: Sendable {
    /// - Parameters:
    ///   - serverName: sent as SNI when it is a DNS name.
    ///   - connect: opens one fresh connection to the service, ready for a ClientHello (for a
    ///     STARTTLS service: after the server's go-ahead, nothing buffered). Throwing (refused,
    ///     `421`, timeout) ends the scan as unreachable / rate limited.
    func scan(
        serverName: String, options: TLSScanOptions, connect: @escaping () throws -> Transport
    )
        -> TLSScanResult
}
