import CLI
import TLS
import Transport

/// What every audit connection shares: the network, the TLS backend and its configuration,
/// the trace, the time limits and the connection budget.
struct AuditEnvironment {
    let tlsClient: TLSClient
    let connector: Connector
    let tls: TLSConfiguration
    let trace: Trace
    let connection: ConnectionOptions
    let deadline: Deadline
    let budget: ConnectionBudget
    /// `--connect-to` rules.
    let connectTo: [ConnectTo]

    /// How every tool opens its connections: TCP within the connect timeout, implicit TLS, and
    /// the greeting awaited no longer than the connect timeout (a server that accepts and never
    /// greets ends the probe with "No greeting from ...", not a hang until `--max-time`).
    var server: ServerConnection {
        ServerConnection(
            connection: connection, tlsConfiguration: tls, tlsClient: tlsClient, connector: connector, trace: trace,
            deadline: deadline)
    }

    /// The scan engine, when the TLS backend has one (GnuTLS does; a fake client may not).
    var scanner: TLSScanning? { tlsClient as? TLSScanning }

    /// A TCP connection to `address`:`port` (a numeric address: names are resolved before),
    /// with TLS from the first byte for an implicit-TLS service, the certificate judged for
    /// `name`; the server's greeting is awaited within the connect timeout.
    func open(address: String, port: UInt16, name: String, service: AuditService) throws -> ByteStream {
        try server.open(
            host: name, port: port, implicitTLS: service.implicitTLS, scheme: service.scheme, greeting: true,
            address: address)
    }

    /// The STARTTLS handshake on `stream`, the certificate judged for `name`.
    func startTLS(_ stream: ByteStream, name: String) throws -> TLSSessionFacts {
        try server.startTLS(stream, host: name)
    }
}
