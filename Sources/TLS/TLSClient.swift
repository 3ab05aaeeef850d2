import Transport

/// A TLS backend: turns a connected transport into an encrypted one. The GnuTLS target provides
/// the only implementation today; a second backend would be one more conforming type.
public protocol TLSClient: Sendable {
    /// The library and its version for `--version` ("GnuTLS/3.7.9").
    var libraryVersion: String { get }

    /// Performs the handshake over `transport` (which the result then owns), verifies the peer
    /// per `configuration`, and reports what it learned to `trace`.
    /// - Parameter serverName: the host from the URL; sent as SNI when it is a DNS name and
    ///   matched against the certificate (DNS name or IP address).
    func handshake(
        over transport: Transport, serverName: String, configuration: TLSConfiguration,
        deadline: Deadline, trace: Trace
    ) throws -> TLSConnection
}

/// An established TLS connection: a transport, plus the facts of its handshake.
public protocol TLSConnection: Transport {
    var facts: TLSSessionFacts { get }
    /// Channel-binding data for SCRAM-*-PLUS: `tls-exporter` (RFC 9266) under TLS 1.3,
    /// `tls-unique` (RFC 5929) under TLS 1.2; nil when the library cannot give it.
    var channelBinding: (type: String, data: [UInt8])? { get }
    /// What a later handshake (`TLSConfiguration.resumption`) needs to resume this session; nil
    /// when the server has given none yet. Under TLS 1.3 the server sends its tickets after the
    /// handshake, so ask after the first reply was read over this connection.
    func resumptionData() -> TLSResumptionData?
    /// Ends TLS on this connection (close_notify sent and the peer's received, RFC 4217 12.3's
    /// CCC) and hands back the plaintext transport it ran over, still open.
    func shutdownTLS(deadline: Deadline) throws -> Transport
}
