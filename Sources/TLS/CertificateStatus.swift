/// What the server's stapled OCSP response (RFC 6960, RFC 6066 section 8) says about its
/// certificate. Only a verified, matching `good` passes `--cert-status`.
public enum CertificateStatus: Sendable, Equatable, Encodable {
    /// Nothing was checked (no certificate to check, e.g. TLS-SRP).
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

    /// The status as a word: "notChecked", "good", "revoked", "unknown", "missing", "invalid".
    public var code: String {
        switch self {
        case .notChecked: "notChecked"
        case .good: "good"
        case .revoked: "revoked"
        case .unknown: "unknown"
        case .missing: "missing"
        case .invalid: "invalid"
        }
    }

    private enum CodingKeys: String, CodingKey { case status, reason }

    /// `{"status": "invalid", "reason": "..."}`; `reason` is null unless the status fails.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .status)
        try container.encode(failureReason, forKey: .reason)
    }
}
