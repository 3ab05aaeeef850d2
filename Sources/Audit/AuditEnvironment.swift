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

    /// A TCP connection to `address`:`port` (a numeric address: names are resolved before),
    /// with TLS from the first byte when `implicitTLS`, the certificate judged for `name`.
    func open(address: String, port: UInt16, name: String, implicitTLS: Bool) throws -> ByteStream {
        let connectDeadline = connection.connectDeadline(within: deadline)
        let socket = try connector.connect(
            host: address, port: port, family: connection.family, deadline: connectDeadline, trace: trace)
        var transport: Transport = socket
        if implicitTLS {
            transport = try tlsClient.handshake(
                over: socket, serverName: name, configuration: tls, deadline: connectDeadline, trace: trace)
        }
        let stream = ByteStream(transport: transport, deadline: deadline)
        stream.idleTimeout = connection.idleTimeout
        return stream
    }

    /// The STARTTLS handshake on `stream`, the certificate judged for `name`.
    func startTLS(_ stream: ByteStream, name: String) throws -> TLSSessionFacts {
        try stream.startTLS(client: tlsClient, serverName: name, configuration: tls, trace: trace)
    }
}
