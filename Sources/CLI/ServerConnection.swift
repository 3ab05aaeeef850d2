import TLS
import Transport

/// Opens the connections a tool makes, the same way for every protocol: TCP within the connect
/// timeout, then TLS from the first byte (https, smtps, imaps, pop3s) or later through STARTTLS,
/// both under the same TLS configuration and trace.
public struct ServerConnection {
    public let connection: ConnectionOptions
    public let tlsConfiguration: TLSConfiguration
    public let tlsClient: TLSClient
    public let trace: Trace
    /// The whole operation's deadline (`--max-time`).
    public let deadline: Deadline

    public init(connection: ConnectionOptions, tlsConfiguration: TLSConfiguration, tlsClient: TLSClient,
                trace: Trace, deadline: Deadline) {
        self.connection = connection
        self.tlsConfiguration = tlsConfiguration
        self.tlsClient = tlsClient
        self.trace = trace
        self.deadline = deadline
    }

    /// Connects; with `implicitTLS` the handshake is the first thing on the connection, and it
    /// counts toward the connect timeout, as in curl.
    public func open(host: String, port: UInt16, implicitTLS: Bool) throws -> ByteStream {
        let connectDeadline = connection.connectDeadline(within: deadline)
        let socket = try connection.connector(trace: trace).connect(host: host, port: port, deadline: connectDeadline)
        guard implicitTLS else { return ByteStream(transport: socket, deadline: deadline) }
        let secure = try tlsClient.handshake(over: socket, serverName: host, configuration: tlsConfiguration,
                                             deadline: connectDeadline, trace: trace)
        return ByteStream(transport: secure, deadline: deadline)
    }

    /// Upgrades a plaintext stream after the server's STARTTLS go-ahead (rule 2 is enforced by
    /// `ByteStream.startTLS`).
    @discardableResult
    public func startTLS(_ stream: ByteStream, host: String) throws -> TLSSessionFacts {
        try stream.startTLS(client: tlsClient, serverName: host, configuration: tlsConfiguration, trace: trace)
    }
}
