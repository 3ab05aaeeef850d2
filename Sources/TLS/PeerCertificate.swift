import Codec

/// What one certificate of the server's chain says, extracted by the backend for `-v`, for
/// data output and for policy (the SubjectPublicKeyInfo is what `--pinnedpubkey` judges).
public struct PeerCertificate: Sendable, Equatable, Encodable {
    /// RFC 4514 distinguished names, as the server sent them (escape before printing).
    public var subject: String
    public var issuer: String
    /// The first CN of the subject, for curl's `common name:` line.
    public var commonName: String?
    /// Seconds since the epoch (UTC).
    public var notBefore: Int
    public var notAfter: Int
    /// subjectAltName dNSName entries (RFC 5280 section 4.2.1.6), in certificate order.
    public var dnsNames: [String]
    /// subjectAltName iPAddress entries, printed ("127.0.0.1", "::1").
    public var ipAddresses: [String]
    /// "RSA", "EC/ECDSA", "Ed25519".
    public var publicKeyAlgorithm: String
    /// The key's size in bits (RSA modulus, EC curve size); 0 when the backend could not tell.
    public var publicKeyBits: Int
    public var version: Int
    /// The DER SubjectPublicKeyInfo (encoded as base64).
    public var subjectPublicKeyInfo: [UInt8]
    /// SHA-256 of `subjectPublicKeyInfo` (encoded only as `publicKeyPin`).
    public var subjectPublicKeyDigest: [UInt8]
    /// The whole certificate, DER, as the server sent it (what a TLSA record with selector 0
    /// matches, RFC 6698 2.1.2); empty when the backend could not export it. Not encoded.
    public var der: [UInt8]

    public init(
        subject: String, issuer: String, commonName: String?, notBefore: Int, notAfter: Int,
        dnsNames: [String] = [], ipAddresses: [String] = [], publicKeyAlgorithm: String, publicKeyBits: Int = 0,
        version: Int, subjectPublicKeyInfo: [UInt8], subjectPublicKeyDigest: [UInt8], der: [UInt8] = []
    ) {
        self.subject = subject
        self.issuer = issuer
        self.commonName = commonName
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
        self.publicKeyAlgorithm = publicKeyAlgorithm
        self.publicKeyBits = publicKeyBits
        self.version = version
        self.subjectPublicKeyInfo = subjectPublicKeyInfo
        self.subjectPublicKeyDigest = subjectPublicKeyDigest
        self.der = der
    }

    /// `sha256//<base64>` of the SubjectPublicKeyInfo, as `--pinnedpubkey` takes it; empty when
    /// the backend could not read the key.
    public var publicKeyPin: String {
        subjectPublicKeyDigest.isEmpty ? "" : "sha256//" + Base64.encode(subjectPublicKeyDigest)
    }

    private enum CodingKeys: String, CodingKey {
        case subject, issuer, commonName, notBefore, notAfter, dnsNames, ipAddresses, publicKeyAlgorithm,
            publicKeyBits, version, subjectPublicKeyInfo, publicKeyPin
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(commonName, forKey: .commonName)
        try container.encode(notBefore, forKey: .notBefore)
        try container.encode(notAfter, forKey: .notAfter)
        try container.encode(dnsNames, forKey: .dnsNames)
        try container.encode(ipAddresses, forKey: .ipAddresses)
        try container.encode(publicKeyAlgorithm, forKey: .publicKeyAlgorithm)
        try container.encode(publicKeyBits, forKey: .publicKeyBits)
        try container.encode(version, forKey: .version)
        try container.encode(Base64.encode(subjectPublicKeyInfo), forKey: .subjectPublicKeyInfo)
        try container.encode(publicKeyPin, forKey: .publicKeyPin)
    }
}
