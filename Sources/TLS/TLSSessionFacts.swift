/// What a finished handshake established: one value that `-v` renders (`CertificateReport`),
/// that data output encodes, and that `TLSPolicy` judges. The backend extracts the facts; the
/// verdicts (`verification`, `pinnedPublicKeyMatched`) are filled in by `TLSPolicy.judge`.
/// Secrets (channel-binding data, keys) are never part of it.
public struct TLSSessionFacts: Sendable, Equatable, Encodable {
    public var version: TLSVersion
    /// The negotiated suite as the library names it ("TLS_AES_256_GCM_SHA384").
    public var cipherSuite: String
    /// The key-exchange group ("X25519", "SECP256R1"); nil when none was used (RSA, SRP).
    public var keyExchangeGroup: String?
    /// The server's signature algorithm ("RSA-PSS-RSAE-SHA256"); nil when it signed nothing.
    public var signatureAlgorithm: String?
    /// Whether an earlier session was resumed.
    public var resumed = false
    /// The ALPN protocol the server selected (RFC 7301); nil when none.
    public var alpn: String?
    /// The host from the URL: sent as SNI when a DNS name, matched against the certificate.
    public var serverName: String
    /// The chain as the server sent it, leaf first; empty when it sent no certificate.
    public var peerCertificates: [PeerCertificate] = []
    /// How the server proved who it is.
    public var authentication = PeerAuthentication.certificate
    /// The verification verdict, with its reasons.
    public var verification = VerificationVerdict.skipped(found: [])
    /// Whether the leaf certificate matches `serverName` (DNS name or IP address).
    public var hostnameMatched = false
    /// What the stapled OCSP response says, whether or not `--cert-status` asked.
    public var ocspStaple = CertificateStatus.notChecked
    /// Whether `--cert-status` requires a good staple.
    public var ocspRequired = false
    /// `--pinnedpubkey`: nil when not asked for, else whether the leaf's key matched.
    public var pinnedPublicKeyMatched: Bool?
    /// Where the trust anchors came from; empty when none were loaded (`-k`).
    public var trust: [TrustSource] = []
    /// The channel binding the connection can give SCRAM-*-PLUS ("tls-exporter" under TLS 1.3,
    /// "tls-unique" under TLS 1.2); nil when none. The binding data itself is not a fact.
    public var channelBindingType: String?
    /// Warning alerts the peer sent during the handshake (which went on).
    public var warningAlerts: [TLSAlert] = []

    public init(version: TLSVersion, cipherSuite: String, serverName: String) {
        self.version = version
        self.cipherSuite = cipherSuite
        self.serverName = serverName
    }

    /// The leaf certificate, which verification, host name, OCSP and pinning are about.
    public var leaf: PeerCertificate? { peerCertificates.first }

    private enum CodingKeys: String, CodingKey {
        case version, cipherSuite, keyExchangeGroup, signatureAlgorithm, resumed, alpn, serverName,
            peerCertificates, authentication, verification, hostnameMatched, ocspStaple, ocspRequired,
            pinnedPublicKeyMatched, trust, channelBindingType, warningAlerts
    }

    /// Every key is always present (null when absent), so the data's shape does not vary.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(cipherSuite, forKey: .cipherSuite)
        try container.encode(keyExchangeGroup, forKey: .keyExchangeGroup)
        try container.encode(signatureAlgorithm, forKey: .signatureAlgorithm)
        try container.encode(resumed, forKey: .resumed)
        try container.encode(alpn, forKey: .alpn)
        try container.encode(serverName, forKey: .serverName)
        try container.encode(peerCertificates, forKey: .peerCertificates)
        try container.encode(authentication, forKey: .authentication)
        try container.encode(verification, forKey: .verification)
        try container.encode(hostnameMatched, forKey: .hostnameMatched)
        try container.encode(ocspStaple, forKey: .ocspStaple)
        try container.encode(ocspRequired, forKey: .ocspRequired)
        try container.encode(pinnedPublicKeyMatched, forKey: .pinnedPublicKeyMatched)
        try container.encode(trust, forKey: .trust)
        try container.encode(channelBindingType, forKey: .channelBindingType)
        try container.encode(warningAlerts, forKey: .warningAlerts)
    }
}

/// How the server authenticated itself in the handshake.
public enum PeerAuthentication: String, Sendable, Equatable, Encodable {
    /// With its certificate chain (or tried to: the chain may be empty or refused).
    case certificate
    /// TLS-SRP (RFC 5054) without a certificate.
    case srp
}
