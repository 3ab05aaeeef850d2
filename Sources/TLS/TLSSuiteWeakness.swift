/// What is wrong with a cipher suite, judged from its parts alone (no server, no policy): the
/// audit grades these; a suite with none is a modern AEAD suite with forward secrecy.
public enum TLSSuiteWeakness: String, Sendable, Equatable, Encodable, CaseIterable {
    /// No server authentication (ANON-DH, ANON-ECDH): anyone in the middle can answer.
    case anonymous
    /// No encryption at all.
    case nullCipher
    /// RC4 (RFC 7465 forbids it).
    case rc4
    /// 3DES and other 64-bit block ciphers (SWEET32).
    case smallBlock
    /// MD5 as the record MAC.
    case md5
    /// Static RSA key exchange: no forward secrecy.
    case noForwardSecrecy
    /// CBC mode with MAC-then-encrypt (Lucky13-style padding oracles); TLS 1.2 prefers AEAD.
    case cbc
    /// SHA-1 as the record MAC (acceptable in HMAC, but only legacy suites use it).
    case sha1
}

extension TLSCipherSuite {
    /// Every weakness of this suite, strongest first; empty for the TLS 1.3 suites and the
    /// ECDHE/DHE AEAD suites.
    public var weaknesses: [TLSSuiteWeakness] {
        var found: [TLSSuiteWeakness] = []
        let exchange = keyExchange ?? ""
        if exchange.hasPrefix("ANON") { found.append(.anonymous) }
        if cipher == "NULL" { found.append(.nullCipher) }
        if cipher.hasPrefix("ARCFOUR") || cipher.hasPrefix("RC4") { found.append(.rc4) }
        if cipher.hasPrefix("3DES") || cipher.hasPrefix("DES") || cipher.hasPrefix("IDEA") { found.append(.smallBlock) }
        if mac == "MD5" { found.append(.md5) }
        if exchange == "RSA" || exchange == "PSK" { found.append(.noForwardSecrecy) }
        if cipher.hasSuffix("-CBC") { found.append(.cbc) }
        if mac == "SHA1" { found.append(.sha1) }
        return found
    }
}
