/// What a finished handshake established: the facts `-v` reports and tests assert on.
public struct TLSSessionFacts: Sendable, Equatable {
    /// "TLS1.3".
    public var version: String
    /// The negotiated suite as the library names it ("TLS_AES_256_GCM_SHA384").
    public var cipherSuite: String
    public var certificate: PeerCertificate?
    /// Failures found by verification; empty when verified (or when `-k` skipped enforcement).
    public var verificationFailures: [VerificationFailure]
    /// Whether verification ran and was enforced (false under `-k`).
    public var verified: Bool
    /// Whether the host name matched the certificate.
    public var hostnameMatched: Bool
    /// The stapled OCSP verdict.
    public var certificateStatus: CertificateStatus = .notChecked
    /// Whether `--pinnedpubkey` was checked (it passed, or the handshake would have failed).
    public var publicKeyPinned = false
    /// The server was authenticated by TLS-SRP alone (no certificate in the key exchange).
    public var authenticatedBySRP = false

    public init(version: String, cipherSuite: String, certificate: PeerCertificate?,
                verificationFailures: [VerificationFailure], verified: Bool, hostnameMatched: Bool) {
        self.version = version
        self.cipherSuite = cipherSuite
        self.certificate = certificate
        self.verificationFailures = verificationFailures
        self.verified = verified
        self.hostnameMatched = hostnameMatched
    }
}
