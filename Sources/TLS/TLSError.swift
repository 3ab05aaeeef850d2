import ExitCode

/// A TLS failure, with the distinctions curl's exit codes make. Each kind declares its curl code
/// below; the message keeps the library's own words. The facts, the library's error code and
/// the alert travel along so a refused server can still be reported in full.
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
    /// The facts of the handshake when it finished and policy refused it; nil when the
    /// handshake itself failed.
    public var facts: TLSSessionFacts?
    /// The TLS library's own error code (GnuTLS's negative `GNUTLS_E_*`), when it gave one.
    public var libraryCode: Int?
    /// The alert the peer sent, when one ended the handshake or a read.
    public var alert: TLSAlert?

    public init(
        _ kind: Kind, _ message: String, facts: TLSSessionFacts? = nil, libraryCode: Int? = nil,
        alert: TLSAlert? = nil
    ) {
        self.kind = kind
        self.message = message
        self.facts = facts
        self.libraryCode = libraryCode
        self.alert = alert
    }

    public var description: String { message }
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
