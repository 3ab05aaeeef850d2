/// Checks the signatures of a certificate chain up to a trust anchor the caller picked, not the
/// configured trust store: DANE-TA (RFC 7671 5.2.2, RFC 7672 3.1.2) names a certificate of the
/// chain as the only anchor, and a TLSA digest match alone proves nothing about the certificates
/// below it. The backend that parses certificates checks the signatures (`GnuTLSClient`).
public protocol TrustAnchorVerifying: Sendable {
    /// nil when `chain[0..<anchorDepth]` verifies with `chain[anchorDepth]` as the one trust
    /// anchor (signatures, validity dates, CA constraints); else why not, in words.
    func verify(chain: [PeerCertificate], anchorDepth: Int) -> String?
}
