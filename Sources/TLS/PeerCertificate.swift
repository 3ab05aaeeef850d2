/// What the server's leaf certificate says, extracted by the backend for `-v` and for policy.
public struct PeerCertificate: Sendable, Equatable {
    /// RFC 4514 distinguished names, as the server sent them (escape before printing).
    public var subject: String
    public var issuer: String
    /// The first CN of the subject, for curl's `common name:` line.
    public var commonName: String?
    /// Seconds since the epoch (UTC).
    public var notBefore: Int
    public var notAfter: Int
    /// "RSA", "EC/ECDSA", "Ed25519".
    public var publicKeyAlgorithm: String
    public var version: Int
    /// `sha256//<base64>` of the SubjectPublicKeyInfo, as `--pinnedpubkey` takes it.
    public var publicKeyPin: String

    public init(subject: String, issuer: String, commonName: String?, notBefore: Int, notAfter: Int,
                publicKeyAlgorithm: String, version: Int, publicKeyPin: String) {
        self.subject = subject
        self.issuer = issuer
        self.commonName = commonName
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.publicKeyAlgorithm = publicKeyAlgorithm
        self.version = version
        self.publicKeyPin = publicKeyPin
    }
}
