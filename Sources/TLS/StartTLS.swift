import Transport

extension ByteStream {
    /// Upgrades a plaintext session to TLS after the server's go-ahead (STARTTLS, STLS, AUTH TLS).
    /// Bytes received before the handshake are refused (`DataBeforeHandshakeError`): the rule
    /// lives here so that no protocol can forget it.
    public func startTLS(client: TLSClient, serverName: String, configuration: TLSConfiguration,
                         trace: Trace) throws -> TLSSessionFacts {
        var facts: TLSSessionFacts?
        let deadline = self.waitDeadline
        try upgrade { plain in
            let connection = try client.handshake(over: plain, serverName: serverName,
                                                  configuration: configuration, deadline: deadline, trace: trace)
            facts = connection.facts
            return connection
        }
        return facts!
    }
}
