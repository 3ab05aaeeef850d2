/// What the server's stapled OCSP response (RFC 6960, RFC 6066 section 8) says about its
/// certificate. Only a verified, matching `good` passes `--cert-status`.
public enum CertificateStatus: Sendable, Equatable {
    /// `--cert-status` was not given and no staple said anything.
    case notChecked
    case good
    case revoked
    case unknown
    /// No staple came with the handshake.
    case missing
    /// A staple came but could not be verified or does not match the certificate.
    case invalid(String)

    /// The reason a status that is not `good` fails, for messages.
    public var failureReason: String? {
        switch self {
        case .notChecked, .good: nil
        case .revoked: "the stapled OCSP response says the certificate is revoked"
        case .unknown: "the stapled OCSP response says the certificate status is unknown"
        case .missing: "the server sent no OCSP response (no stapling)"
        case .invalid(let why): "the stapled OCSP response is invalid: \(why)"
        }
    }
}
