import TLS

/// What a connection tells the run's report (`--json`): the time spent connecting and in TLS
/// handshakes, and the facts of each handshake, refused ones included.
extension ServerConnection {
    func measure<T>(_ phase: RunRecorder.Phase, _ body: () throws -> T) rethrows -> T {
        guard let report else { return try body() }
        return try report.measure(phase, body)
    }

    /// Runs a handshake as the TLS phase and records its facts; when it fails, the facts a
    /// refused certificate left in the error.
    func recordHandshake<T>(facts: (T) -> TLSSessionFacts, _ body: () throws -> T) throws -> T {
        do {
            let result = try measure(.tls, body)
            report?.handshakeFinished(facts(result))
            return result
        } catch {
            report?.handshakeFailed(error)
            throw error
        }
    }
}
