import LineProtocol
import TLS

extension FTPSession: StartTLSPeer {
    public var startTLSCommand: String { "AUTH TLS" }

    /// FEAT listed AUTH TLS, or FEAT was not answered (RFC 4217 does not require FEAT): then
    /// AUTH TLS is tried, and "unknown command" counts as not offered.
    public var offersStartTLS: Bool { features.authTLS || !features.answered }

    public func requestUpgrade() throws -> StartTLSAnswer {
        let reply = try run(.authTLS)
        if reply.code == 234 { return .goAhead }
        // 500, 502, 504: the server does not know the command (or TLS); only when FEAT did not
        // offer it is that "not supported". After a positive FEAT it is a refusal.
        if !features.authTLS && [500, 501, 502, 504].contains(reply.code) {
            return .notSupported(code: String(reply.code))
        }
        return .refused(code: String(reply.code))
    }

    public func tlsEstablished(_ facts: TLSSessionFacts) {
        tlsFacts = facts
        isSecure = true
    }

    public func forgetCapabilities() {
        features = FTPFeatures()
    }

    /// FEAT (RFC 2389). A server without it (5xx) has no known features.
    public func askCapabilities() throws {
        let reply = try run(.feat)
        features = reply.code == 211 ? FTPFeatures.parse(reply.texts) : FTPFeatures()
    }
}
