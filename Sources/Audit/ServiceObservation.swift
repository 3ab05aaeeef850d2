import TLS

/// What one connection to one service showed, before any judgement: the facts the findings are
/// made of, and what the JSON report carries for each service.
public struct ServiceObservation: Sendable, Encodable {
    /// How far the audit got.
    public enum Outcome: Sendable, Equatable {
        /// TLS was established (implicit or after STARTTLS) and the dialog went on.
        case audited
        /// Refused, unreachable or timed out: rate limited / unreachable, not a TLS failure.
        case unreachable(String)
        /// The server answered 421 (or refused the session in its greeting).
        case rateLimited(String)
        /// The plaintext service does not offer STARTTLS (or STLS).
        case starttlsNotOffered
        /// STARTTLS was offered and then refused.
        case starttlsRefused(String)
        /// The TLS handshake failed.
        case handshakeFailed(String)
        /// The server broke the protocol before TLS could be judged.
        case protocolError(String)
        /// `--max-connections` was used up for this address and port.
        case budgetExhausted

        public var code: String {
            switch self {
            case .audited: "audited"
            case .unreachable: "unreachable"
            case .rateLimited: "rate-limited"
            case .starttlsNotOffered: "starttls-not-offered"
            case .starttlsRefused: "starttls-refused"
            case .handshakeFailed: "handshake-failed"
            case .protocolError: "protocol-error"
            case .budgetExhausted: "budget-exhausted"
            }
        }

        public var detail: String? {
            switch self {
            case .audited, .starttlsNotOffered, .budgetExhausted: nil
            case .unreachable(let text), .rateLimited(let text), .starttlsRefused(let text),
                .handshakeFailed(let text), .protocolError(let text):
                text
            }
        }

        /// Whether the service could not be audited at all (no capabilities, no TLS facts).
        public var isUnaudited: Bool {
            switch self {
            case .unreachable, .rateLimited, .protocolError, .budgetExhausted: true
            case .audited, .starttlsNotOffered, .starttlsRefused, .handshakeFailed: false
            }
        }
    }

    public var host: String
    public var service: AuditService
    /// The address the connection went to (after `--connect-to`), and its port.
    public var address: String
    public var connectedPort: UInt16
    public var outcome: Outcome = .audited
    /// Capabilities as the server listed them, before TLS (STARTTLS services) and under TLS.
    public var capabilitiesBeforeTLS: [String]?
    public var capabilitiesAfterTLS: [String]?
    /// What the plaintext session offered for logging in before TLS.
    public var plaintextLogin: PlaintextLogin?
    public var tls: TLSSessionFacts?
    /// The STARTTLS command-injection test (STARTTLS services only).
    public var injection: InjectionResult?
    /// What the injection test saw, in a sentence.
    public var injectionDetail: String?
    /// The TLS scan (versions each alone, suites per version, server order, groups,
    /// renegotiation, extended master secret); nil when the service was not audited.
    public var tlsScan: TLSScanResult?
    /// Answers that made the audit try again (421s), in order.
    public var retries: [String] = []
    public var connections = 0
    public var milliseconds = 0

    public init(host: String, service: AuditService, address: String, connectedPort: UInt16) {
        self.host = host
        self.service = service
        self.address = address
        self.connectedPort = connectedPort
    }

    public var subject: String { AuditTarget.subject(host: host, port: service.port) }

    private enum CodingKeys: String, CodingKey {
        case host, port, scheme, mode, address, connectedPort, outcome, outcomeDetail, capabilitiesBeforeTLS,
            capabilitiesAfterTLS, plaintextLogin, tls, injection, injectionDetail, tlsScan, retries, connections,
            milliseconds
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(host, forKey: .host)
        try container.encode(service.port, forKey: .port)
        try container.encode(service.scheme, forKey: .scheme)
        try container.encode(service.mode, forKey: .mode)
        try container.encode(address, forKey: .address)
        try container.encode(connectedPort, forKey: .connectedPort)
        try container.encode(outcome.code, forKey: .outcome)
        try container.encode(outcome.detail, forKey: .outcomeDetail)
        try container.encode(capabilitiesBeforeTLS, forKey: .capabilitiesBeforeTLS)
        try container.encode(capabilitiesAfterTLS, forKey: .capabilitiesAfterTLS)
        try container.encode(plaintextLogin, forKey: .plaintextLogin)
        try container.encode(tls, forKey: .tls)
        try container.encode(injection, forKey: .injection)
        try container.encode(injectionDetail, forKey: .injectionDetail)
        try container.encode(tlsScan, forKey: .tlsScan)
        try container.encode(retries, forKey: .retries)
        try container.encode(connections, forKey: .connections)
        try container.encode(milliseconds, forKey: .milliseconds)
    }
}

/// What a plaintext session offered for logging in, before TLS (nothing is ever sent).
public struct PlaintextLogin: Sendable, Equatable, Encodable {
    /// SASL mechanisms offered (SMTP `AUTH`, IMAP `AUTH=`, POP3 `SASL`).
    public var mechanisms: [String]
    /// A password command is allowed: IMAP `LOGIN` (no `LOGINDISABLED`), POP3 `USER`.
    public var passwordCommand: Bool

    public init(mechanisms: [String], passwordCommand: Bool) {
        self.mechanisms = mechanisms
        self.passwordCommand = passwordCommand
    }

    /// Whether a client could send a password before TLS.
    public var allowsLogin: Bool { passwordCommand || !mechanisms.isEmpty }
}

/// The STARTTLS command-injection test (CVE-2011-0411): `STARTTLS` and `NOOP` in one write; a
/// server that answers the `NOOP` after the handshake took it from the plaintext buffer.
public enum InjectionResult: String, Sendable, Equatable, Encodable {
    case vulnerable
    case notVulnerable = "not-vulnerable"
    /// The server answered the NOOP before the handshake (in plaintext), or the test could not
    /// finish (rate limited, budget, handshake failed).
    case inconclusive
}
