import ExitCode
import Transport

/// When a plaintext mail session upgrades to TLS (STARTTLS, STLS), per DESIGN.md rule 2.
public enum StartTLSPolicy: Sendable, Equatable {
    /// `--no-ssl`, or the connection is implicit TLS already: never send STARTTLS.
    case never
    /// The default and `--ssl`: upgrade when the server offers it; go on in plaintext only when
    /// it does not (never after a refusal, a failed handshake or a failed certificate check).
    case ifOffered
    /// `--ssl-reqd`: TLS or nothing (curl 64), before any credential or command is sent.
    case required
}

/// How a session upgrades its stream: the CLI supplies the TLS client and configuration, so
/// protocol code never sees TLS options. `perform` runs `ByteStream.startTLS`, which refuses
/// bytes received before the handshake, and returns the handshake's facts (for `--json`).
public struct TLSUpgrade {
    public let policy: StartTLSPolicy
    public let perform: (ByteStream) throws -> TLSSessionFacts

    public init(policy: StartTLSPolicy, perform: @escaping (ByteStream) throws -> TLSSessionFacts) {
        self.policy = policy
        self.perform = perform
    }
}

/// TLS was required and could not be had, or credentials would cross in plaintext (curl 64,
/// USE_SSL_FAILED). Thrown before any credential is sent.
public struct TLSRequiredError: CurlCodeError, Equatable {
    public var curlCode: CurlCode { .useSSLFailed }
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
