/// What certificate verification concluded about the server, and why. Judged by `TLSPolicy`
/// from what the backend found and what the user asked for (`-k`).
public enum VerificationVerdict: Sendable, Equatable, Encodable {
    /// The chain is trusted and the host name matches.
    case verified
    /// Verification was enforced and found these problems (the connection is refused, curl 60).
    case failed(reasons: [VerificationFailure])
    /// `-k`: verification ran (a stapled OCSP response needs it) but is not enforced; `found`
    /// lists what it would have refused.
    case skipped(found: [VerificationFailure])
    /// TLS-SRP without a certificate: the server proved it knows the password verifier.
    case srpAuthenticated

    /// The reasons that refuse the connection; empty unless `failed`.
    public var failures: [VerificationFailure] {
        if case .failed(let reasons) = self { return reasons }
        return []
    }

    private enum CodingKeys: String, CodingKey { case result, reasons }

    /// `{"result": "verified" | "failed" | "skipped" | "srpAuthenticated", "reasons": [...]}`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .verified:
            try container.encode("verified", forKey: .result)
            try container.encode([VerificationFailure](), forKey: .reasons)
        case .failed(let reasons):
            try container.encode("failed", forKey: .result)
            try container.encode(reasons, forKey: .reasons)
        case .skipped(let found):
            try container.encode("skipped", forKey: .result)
            try container.encode(found, forKey: .reasons)
        case .srpAuthenticated:
            try container.encode("srpAuthenticated", forKey: .result)
            try container.encode([VerificationFailure](), forKey: .reasons)
        }
    }
}

/// Why a certificate was not accepted; several can hold at once, the first one listed wins the
/// message order. Encoded by case name ("expired"); the raw value is the message users see.
public enum VerificationFailure: String, Sendable, Equatable, CaseIterable, Encodable {
    case untrustedIssuer = "certificate issuer is not trusted"
    case expired = "certificate has expired"
    case notYetValid = "certificate is not yet activated"
    case hostnameMismatch = "certificate does not match the host name"
    case revoked = "certificate is revoked"
    case insecureAlgorithm = "certificate uses an insecure algorithm"
    case noCertificate = "server sent no certificate"
    case invalid = "certificate is invalid"

    /// The case name, stable for data consumers.
    public var code: String {
        switch self {
        case .untrustedIssuer: "untrustedIssuer"
        case .expired: "expired"
        case .notYetValid: "notYetValid"
        case .hostnameMismatch: "hostnameMismatch"
        case .revoked: "revoked"
        case .insecureAlgorithm: "insecureAlgorithm"
        case .noCertificate: "noCertificate"
        case .invalid: "invalid"
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
