internal import CGnuTLS
internal import CGnuTLSShim
import TLS

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the facts `-v`, data output and policy need out of the server's DER certificates.
enum GnuTLSCertificate {
    /// More certificates than any real chain has; GnuTLS bounds the list too.
    static let maximumChainLength = 32

    /// The chain the server sent, leaf first, parsed; empty when it sent none. A certificate
    /// GnuTLS cannot parse ends the list (what follows it cannot be placed in the chain).
    static func chain(of session: gnutls_session_t) -> [X509Certificate] {
        var count: UInt32 = 0
        guard let list = gnutls_certificate_get_peers(session, &count) else { return [] }
        var chain: [X509Certificate] = []
        for index in 0..<min(Int(count), maximumChainLength) {
            guard let certificate = X509Certificate(der: list[index]) else { break }
            chain.append(certificate)
        }
        return chain
    }
}

/// Owns a `gnutls_x509_crt_t`.
final class X509Certificate {
    let handle: gnutls_x509_crt_t

    init?(der: gnutls_datum_t) {
        var crt: gnutls_x509_crt_t?
        guard gnutls_x509_crt_init(&crt) == GNUTLS_E_SUCCESS, let crt else { return nil }
        handle = crt
        var datum = der
        guard gnutls_x509_crt_import(handle, &datum, GNUTLS_X509_FMT_DER) == GNUTLS_E_SUCCESS else { return nil }
    }

    deinit { gnutls_x509_crt_deinit(handle) }

    func matches(hostname: String) -> Bool {
        gnutls_x509_crt_check_hostname2(handle, hostname, 0) != 0
    }

    var facts: PeerCertificate {
        let spki = subjectPublicKeyInfo ?? []
        let names = subjectAltNames
        return PeerCertificate(
            subject: datumString { gnutls_x509_crt_get_dn3(handle, &$0, 0) } ?? "",
            issuer: datumString { gnutls_x509_crt_get_issuer_dn3(handle, &$0, 0) } ?? "",
            commonName: commonName,
            notBefore: Int(gnutls_x509_crt_get_activation_time(handle)),
            notAfter: Int(gnutls_x509_crt_get_expiration_time(handle)),
            dnsNames: names.dns, ipAddresses: names.ip,
            publicKeyAlgorithm: publicKeyAlgorithm, publicKeyBits: publicKeyBits,
            version: Int(gnutls_x509_crt_get_version(handle)),
            subjectPublicKeyInfo: spki,
            subjectPublicKeyDigest: spki.isEmpty ? [] : Self.sha256(spki) ?? [],
            der: der ?? [])
    }

    /// The certificate re-exported as DER (the bytes the server sent: GnuTLS keeps them).
    var der: [UInt8]? {
        var datum = gnutls_datum_t()
        guard gnutls_x509_crt_export2(handle, GNUTLS_X509_FMT_DER, &datum) == GNUTLS_E_SUCCESS, let data = datum.data
        else { return nil }
        defer { mailtls_gnutls_free(data) }
        return Array(UnsafeBufferPointer(start: data, count: Int(datum.size)))
    }

    /// More subjectAltName entries than a certificate plausibly carries; the rest are ignored.
    static let maximumAltNames = 1000

    /// The dNSName and iPAddress entries of subjectAltName (RFC 5280 section 4.2.1.6).
    private var subjectAltNames: (dns: [String], ip: [String]) {
        var dns: [String] = [], ip: [String] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        for sequence in 0..<UInt32(Self.maximumAltNames) {
            var size = buffer.count
            let type = gnutls_x509_crt_get_subject_alt_name(handle, sequence, &buffer, &size, nil)
            if type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE { break }
            if type < 0 { continue }  // too long or malformed: skip this entry
            let value = Array(buffer.prefix(size))
            switch gnutls_x509_subject_alt_name_t(UInt32(type)) {
            case GNUTLS_SAN_DNSNAME: dns.append(String(decoding: value, as: UTF8.self))
            case GNUTLS_SAN_IPADDRESS: if let text = Self.ipAddressText(value) { ip.append(text) }
            default: break
            }
        }
        return (dns, ip)
    }

    /// An iPAddress entry (4 or 16 network-order bytes) as text.
    static func ipAddressText(_ bytes: [UInt8]) -> String? {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(family, bytes, &text, socklen_t(text.count)) != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private var commonName: String? {
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        guard
            gnutls_x509_crt_get_dn_by_oid(handle, GNUTLS_OID_X520_COMMON_NAME, 0, 0, &buffer, &size) == GNUTLS_E_SUCCESS
        else { return nil }
        return String(decoding: buffer.prefix(size).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private var publicKeyAlgorithm: String {
        let algorithm = gnutls_x509_crt_get_pk_algorithm(handle, nil)
        guard algorithm >= 0, let name = gnutls_pk_algorithm_get_name(gnutls_pk_algorithm_t(UInt32(algorithm))) else {
            return "unknown"
        }
        return String(cString: name)
    }

    /// The key size in bits as GnuTLS reports it (RSA modulus, EC curve); 0 when unknown.
    private var publicKeyBits: Int {
        var bits: UInt32 = 0
        guard gnutls_x509_crt_get_pk_algorithm(handle, &bits) >= 0 else { return 0 }
        return Int(bits)
    }

    /// DER SubjectPublicKeyInfo of the certificate (what `--pinnedpubkey` hashes).
    var subjectPublicKeyInfo: [UInt8]? {
        var key: gnutls_pubkey_t?
        guard gnutls_pubkey_init(&key) == GNUTLS_E_SUCCESS, let key else { return nil }
        defer { gnutls_pubkey_deinit(key) }
        guard gnutls_pubkey_import_x509(key, handle, 0) == GNUTLS_E_SUCCESS else { return nil }
        var der = gnutls_datum_t()
        guard gnutls_pubkey_export2(key, GNUTLS_X509_FMT_DER, &der) == GNUTLS_E_SUCCESS else { return nil }
        defer { mailtls_gnutls_free(der.data) }
        return Array(UnsafeBufferPointer(start: der.data, count: Int(der.size)))
    }

    /// SHA-256 of `bytes` (what `sha256//` pins name, of the SubjectPublicKeyInfo).
    static func sha256(_ bytes: [UInt8]) -> [UInt8]? {
        var digest = [UInt8](repeating: 0, count: 32)
        let status = bytes.withUnsafeBytes { raw in
            gnutls_hash_fast(GNUTLS_DIG_SHA256, raw.baseAddress, raw.count, &digest)
        }
        return status == GNUTLS_E_SUCCESS ? digest : nil
    }

    private func datumString(_ fill: (inout gnutls_datum_t) -> Int32) -> String? {
        var datum = gnutls_datum_t()
        guard fill(&datum) == GNUTLS_E_SUCCESS, let data = datum.data else { return nil }
        defer { mailtls_gnutls_free(data) }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(datum.size)), as: UTF8.self)
    }
}
