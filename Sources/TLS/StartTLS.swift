import Transport

extension ByteStream {
    /// Upgrades a plaintext session to TLS after the server's go-ahead (STARTTLS, STLS, AUTH TLS).
    /// Bytes received before the handshake are refused (`DataBeforeHandshakeError`): the rule
    /// lives here so that no protocol can forget it.
    @discardableResult
    public func startTLS(
        client: TLSClient, serverName: String, configuration: TLSConfiguration,
        trace: Trace
    ) throws -> TLSSessionFacts {
        var facts: TLSSessionFacts?
        let deadline = self.waitDeadline
        try upgrade { plain in
            let connection = try client.handshake(
                over: plain, serverName: serverName,
                configuration: configuration, deadline: deadline, trace: trace)
            facts = connection.facts
            return connection
        }
        guard let facts else {
            throw TLSError(.handshake, "TLS upgrade with \(transport.peerName) did not run a handshake")
        }
        return facts
    }

    /// Ends TLS on this stream and goes on in plaintext over the same connection (FTP's CCC).
    public func clearTLS() throws {
        let deadline = waitDeadline
        try downgrade { transport in
            guard let tls = transport as? TLSConnection else {
                throw TLSError(.handshake, "CCC: the connection to \(transport.peerName) is not TLS")
            }
            return try tls.shutdownTLS(deadline: deadline)
        }
    }

    /// The facts of this stream's TLS handshake (implicit TLS or after STARTTLS); nil while it
    /// is plaintext.
    public var tlsFacts: TLSSessionFacts? {
        (transport as? TLSConnection)?.facts
    }
}
