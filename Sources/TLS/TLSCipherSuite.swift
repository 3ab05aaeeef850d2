/// One cipher suite a scan can offer, named by the TLS library's parts: the key exchange, the
/// bulk cipher and the MAC, which is how a priority string selects suites. Pure value.
public struct TLSCipherSuite: Sendable, Hashable, Encodable {
    /// The two bytes of the IANA registry (0xC030 for TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384).
    public var id: UInt16
    /// The library's name ("TLS_ECDHE_RSA_AES_256_GCM_SHA384").
    public var name: String
    /// "ECDHE-RSA", "RSA", "DHE-RSA"; nil for TLS 1.3 suites, which leave it to the groups.
    public var keyExchange: String?
    /// "AES-256-GCM", "CHACHA20-POLY1305", "AES-128-CBC".
    public var cipher: String
    /// "AEAD", "SHA1", "SHA256".
    public var mac: String
    /// The oldest version the suite is defined for; `.tls1_3` for the TLS 1.3-only suites.
    public var minimumVersion: TLSVersion

    public init(
        id: UInt16, name: String, keyExchange: String?, cipher: String, mac: String, minimumVersion: TLSVersion
    ) {
        self.id = id
        self.name = name
        self.keyExchange = keyExchange
        self.cipher = cipher
        self.mac = mac
        self.minimumVersion = minimumVersion
    }

    /// Whether a handshake of `version` can use this suite: TLS 1.3 has its own suites, and a
    /// TLS 1.2 suite (AEAD, SHA-2) does not exist in TLS 1.0 and 1.1.
    public func isUsable(with version: TLSVersion) -> Bool {
        version == .tls1_3 ? minimumVersion == .tls1_3 : minimumVersion != .tls1_3 && minimumVersion <= version
    }

    /// "0xC0,0x30", as `gnutls-cli -l` and `openssl ciphers -V` print it.
    public var hexID: String {
        "0x" + Self.hexByte(UInt8(id >> 8)) + ",0x" + Self.hexByte(UInt8(id & 0xFF))
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// The IANA registry's name (RFC 8446, 5246 style), which sslyze and testssl.sh print:
    /// "TLS_ECDHE_RSA_AES_128_CBC_SHA1" is "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA".
    public var ianaName: String { TLSCipherSuiteName.iana(libraryName: name, isTLS13: minimumVersion == .tls1_3) }

    private enum CodingKeys: String, CodingKey {
        case id, name, ianaName, keyExchange, cipher, mac, weaknesses
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hexID, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(ianaName, forKey: .ianaName)
        try container.encode(keyExchange, forKey: .keyExchange)
        try container.encode(cipher, forKey: .cipher)
        try container.encode(mac, forKey: .mac)
        try container.encode(weaknesses, forKey: .weaknesses)
    }
}
