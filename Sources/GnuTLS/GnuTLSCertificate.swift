internal import CGnuTLS
internal import CGnuTLSShim
import TLS
import Codec

/// Reads the facts `-v` and policy need out of a DER certificate.
enum GnuTLSCertificate {
    /// The leaf certificate the server sent, parsed; nil when it sent none.
    static func leaf(of session: gnutls_session_t) -> X509Certificate? {
        var count: UInt32 = 0
        guard let list = gnutls_certificate_get_peers(session, &count), count > 0 else { return nil }
        return X509Certificate(der: list[0])
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
        PeerCertificate(
            subject: datumString { gnutls_x509_crt_get_dn3(handle, &$0, 0) } ?? "",
            issuer: datumString { gnutls_x509_crt_get_issuer_dn3(handle, &$0, 0) } ?? "",
            commonName: commonName,
            notBefore: Int(gnutls_x509_crt_get_activation_time(handle)),
            notAfter: Int(gnutls_x509_crt_get_expiration_time(handle)),
            publicKeyAlgorithm: publicKeyAlgorithm,
            version: Int(gnutls_x509_crt_get_version(handle)),
            publicKeyPin: publicKeyPin ?? "")
    }

    private var commonName: String? {
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        guard gnutls_x509_crt_get_dn_by_oid(handle, GNUTLS_OID_X520_COMMON_NAME, 0, 0, &buffer, &size) == GNUTLS_E_SUCCESS
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

    /// SHA-256 of the DER SubjectPublicKeyInfo (what `sha256//` pins name).
    var subjectPublicKeyDigest: [UInt8]? {
        guard let spki = subjectPublicKeyInfo else { return nil }
        var digest = [UInt8](repeating: 0, count: 32)
        let status = spki.withUnsafeBytes { raw in
            gnutls_hash_fast(GNUTLS_DIG_SHA256, raw.baseAddress, raw.count, &digest)
        }
        return status == GNUTLS_E_SUCCESS ? digest : nil
    }

    /// `sha256//<base64>` of the SubjectPublicKeyInfo.
    var publicKeyPin: String? {
        subjectPublicKeyDigest.map { "sha256//" + Base64.encode($0) }
    }

    private func datumString(_ fill: (inout gnutls_datum_t) -> Int32) -> String? {
        var datum = gnutls_datum_t()
        guard fill(&datum) == GNUTLS_E_SUCCESS, let data = datum.data else { return nil }
        defer { mailtls_gnutls_free(data) }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(datum.size)), as: UTF8.self)
    }
}
