/// Everything the user said about TLS, backend-neutral. The TLS option group of the CLI fills it;
/// a backend turns it into library calls.
public struct TLSConfiguration: Sendable, Equatable {
    /// Verify the chain and the host name (`-k` turns both off).
    public var verifyPeer = true
    /// Where trust anchors come from.
    public var trust = TrustStore.system
    /// `--crlfile`.
    public var crlFile: String?
    /// Lowest acceptable version; curl's default floor is TLS 1.2 here.
    public var minimumVersion: TLSVersion = .tls1_2
    /// `--tls-max`; nil means the library's highest.
    public var maximumVersion: TLSVersion?
    /// `--ciphers`: a GnuTLS priority string used as the base (see man page).
    public var ciphers: String?
    /// `--pinnedpubkey`: checked even when `verifyPeer` is off.
    public var pinnedPublicKey: PinnedPublicKey?
    /// `--cert-status`: require a stapled OCSP response saying `good`.
    public var requireCertificateStatus = false
    /// `--cert`/`--key`: the client's certificate.
    public var clientCertificate: ClientCertificate?
    /// `--tlsuser`/`--tlspassword`: TLS-SRP key exchange only, TLS 1.2 at most.
    public var srp: SRPCredentials?

    /// The plaintext scheme that reaches this service with STARTTLS (`smtp` for `smtps://`),
    /// named when a server answers the handshake in plaintext; nil: no suggestion.
    public var startTLSScheme: String?

    /// A session to resume (an FTP data connection resumes its control connection's); the
    /// certificate is verified as for a full handshake either way. nil: a full handshake.
    public var resumption: TLSResumptionData?

    /// false for `mail-tls-audit`: every check runs as usual (trust loaded, chain and host name
    /// verified, staple read) and the verdict is in the facts, but no rule refuses the
    /// connection, so the audit sees the rest of a server whose certificate is wrong.
    public var enforcesPolicy = true

    public init() {}

    /// The versions the user allowed: the minimum up to `--tls-max` (or TLS 1.3), and TLS 1.2
    /// at most for TLS-SRP (RFC 5054). Empty windows are refused before connecting.
    public var versionWindow: ClosedRange<TLSVersion> {
        var maximum = maximumVersion ?? .tls1_3
        if srp != nil { maximum = min(maximum, .tls1_2) }
        return minimumVersion...max(minimumVersion, maximum)
    }
}
