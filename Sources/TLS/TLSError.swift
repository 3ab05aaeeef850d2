import ExitCode

/// A TLS failure, with the distinctions curl's exit codes make. The CLI maps each kind to its
/// code in one place (`ExitCode.swift`); the message keeps the library's own words.
public struct TLSError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The handshake failed or no common version/cipher (curl 35).
        case handshake
        /// The peer certificate failed verification (curl 60).
        case verification(VerificationFailure)
        /// `--cacert`/`--capath` unreadable or empty (curl 77).
        case caFile
        /// `--crlfile` unreadable (curl 82).
        case crlFile
        /// `--ciphers` rejected by the library (curl 59).
        case cipher
        /// A protocol version this TLS library does not have: SSLv2, SSLv3 (curl 4).
        case notBuiltIn
        /// Local client certificate or key unusable (curl 58).
        case clientCertificate
        /// `--pinnedpubkey` did not match (curl 90).
        case pinnedKeyMismatch
        /// `--cert-status`: OCSP staple missing or not good (curl 91).
        case certificateStatus
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Why a certificate was not accepted; several can hold at once, the first one listed wins the
/// message order.
public enum VerificationFailure: String, Sendable, Equatable, CaseIterable {
    case untrustedIssuer = "certificate issuer is not trusted"
    case expired = "certificate has expired"
    case notYetValid = "certificate is not yet activated"
    case hostnameMismatch = "certificate does not match the host name"
    case revoked = "certificate is revoked"
    case insecureAlgorithm = "certificate uses an insecure algorithm"
    case noCertificate = "server sent no certificate"
    case invalid = "certificate is invalid"
}

extension TLSError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .handshake: .sslConnectError
        case .verification: .peerFailedVerification
        case .caFile: .sslCACertBadFile
        case .crlFile: .sslCRLBadFile
        case .cipher: .sslCipher
        case .notBuiltIn: .notBuiltIn
        case .clientCertificate: .sslCertProblem
        case .pinnedKeyMismatch: .sslPinnedPubKeyNotMatch
        case .certificateStatus: .sslInvalidCertStatus
        }
    }
}
