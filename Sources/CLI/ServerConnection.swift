import TLS
import Transport

/// Opens the connections a tool makes, the same way for every protocol: TCP within the connect
/// timeout, then TLS from the first byte (https, smtps, imaps, pop3s) or later through STARTTLS,
/// both under the same TLS configuration and trace.
public struct ServerConnection {
    public let connection: ConnectionOptions
    public let tlsConfiguration: TLSConfiguration
    public let tlsClient: TLSClient
    public let connector: Connector
    public let trace: Trace
    /// The whole operation's deadline (`--max-time`).
    public let deadline: Deadline
    /// Where the connection, the handshake and their timings are recorded (`--json`).
    public let report: RunRecorder?

    public init(
        connection: ConnectionOptions, tlsConfiguration: TLSConfiguration, tlsClient: TLSClient,
        connector: Connector, trace: Trace, deadline: Deadline, report: RunRecorder? = nil
    ) {
        self.connection = connection
        self.tlsConfiguration = tlsConfiguration
        self.tlsClient = tlsClient
        self.connector = connector
        self.trace = trace
        self.deadline = deadline
        self.report = report
    }

    /// Connects; with `implicitTLS` the handshake is the first thing on the connection, and it
    /// counts toward the connect timeout, as in curl. Its facts are then the returned stream's
    /// `tlsFacts`. Every later wait for the server is bounded by `--response-timeout` too.
    /// - Parameters:
    ///   - scheme: the URL's: a server that answers `smtps://` in plaintext is diagnosed with the
    ///     STARTTLS scheme to use instead, and a silent one on `imap://` port 993 with `imaps://`.
    ///   - greeting: the server speaks first (SMTP, IMAP, POP3, FTP): its greeting must arrive
    ///     within the connect timeout (else a default), and silence is explained.
    ///   - address: connect here (a numeric address) instead of resolving `host`, which stays
    ///     the name TLS checks (mail-tls-audit reaches every address of a host in turn).
    public func open(
        host: String, port: UInt16, implicitTLS: Bool, scheme: String? = nil,
        greeting: Bool = false, address: String? = nil
    ) throws -> ByteStream {
        let started = Deadline.now()
        let connectDeadline = connection.connectDeadline(within: deadline)
        report?.connecting(host: host, port: port, scheme: scheme, implicitTLS: implicitTLS)
        // `--resolve`: the address given for this name and port; the name stays the TLS one.
        let resolved = ResolveEntry.address(for: host, port: Int(port), in: connection.resolve)
        if let resolved, address == nil { trace.info("Resolved \(host):\(port) to \(resolved) (--resolve)") }
        let address = address ?? resolved
        let socket = try measure(.connect) {
            try connector.connect(
                host: address ?? host, port: port, family: connection.family, deadline: connectDeadline,
                trace: trace)
        }
        report?.connected(address: socket.peerAddress)
        var transport: Transport = socket
        if implicitTLS {
            var configuration = tlsConfiguration
            configuration.startTLSScheme = scheme.flatMap(HandshakeDiagnosis.startTLSScheme(forImplicitTLS:))
            transport = try recordHandshake(facts: { $0.facts }) {
                try tlsClient.handshake(
                    over: socket, serverName: host, configuration: configuration,
                    deadline: connectDeadline, trace: trace)
            }
        }
        let stream = ByteStream(transport: transport, deadline: deadline)
        stream.idleTimeout = connection.idleTimeout
        if greeting, let scheme {
            let expectation = GreetingExpectation(
                port: port, implicitTLS: implicitTLS,
                secureScheme: implicitTLS ? scheme : scheme + "s",
                connectTimeout: connection.connectTimeout)
            stream.expectGreeting(
                by: expectation.deadline(startedAt: started).earliest(connectDeadline),
                hint: expectation.hint)
        }
        return stream
    }

    /// Upgrades a plaintext stream after the server's STARTTLS go-ahead (rule 2 is enforced by
    /// `ByteStream.startTLS`) and returns the handshake's facts.
    @discardableResult
    public func startTLS(_ stream: ByteStream, host: String) throws -> TLSSessionFacts {
        report?.upgrading()
        return try recordHandshake(facts: { $0 }) {
            try stream.startTLS(client: tlsClient, serverName: host, configuration: tlsConfiguration, trace: trace)
        }
    }
}
