internal import CGnuTLS
internal import CGnuTLSShim
import TLS

/// DANE-TA's signature check (`TrustAnchorVerifying`): a trust list holding just the matched
/// certificate, and the certificates below it verified against it, as GnuTLS verifies any chain.
extension GnuTLSClient: TrustAnchorVerifying {
    public func verify(chain: [PeerCertificate], anchorDepth: Int) -> String? {
        guard anchorDepth >= 1, anchorDepth < chain.count,
            anchorDepth < GnuTLSCertificate.maximumChainLength
        else { return "no certificate at depth \(anchorDepth) of a chain of \(chain.count)" }
        var below: [X509Certificate] = []
        for (index, certificate) in chain.prefix(anchorDepth).enumerated() {
            guard let parsed = X509Certificate.parse(bytes: certificate.der) else {
                return "certificate \(index) of the chain cannot be parsed"
            }
            below.append(parsed)
        }
        var list: gnutls_x509_trust_list_t?
        guard gnutls_x509_trust_list_init(&list, 0) == GNUTLS_E_SUCCESS, let list else {
            return "GnuTLS could not make a trust list"
        }
        // The list owns the anchor once added (deinit with 1 frees it).
        defer { gnutls_x509_trust_list_deinit(list, 1) }
        guard let owned = X509Certificate.ownedHandle(der: chain[anchorDepth].der) else {
            return "the trust anchor (certificate \(anchorDepth)) cannot be parsed"
        }
        var anchor: gnutls_x509_crt_t? = owned
        guard gnutls_x509_trust_list_add_cas(list, &anchor, 1, 0) == 1 else {
            gnutls_x509_crt_deinit(owned)
            return "GnuTLS did not take the trust anchor"
        }
        var handles: [gnutls_x509_crt_t?] = below.map { $0.handle }
        var status: UInt32 = 0
        let result = withExtendedLifetime(below) {
            gnutls_x509_trust_list_verify_crt2(list, &handles, UInt32(handles.count), nil, 0, 0, &status, nil)
        }
        guard result == GNUTLS_E_SUCCESS else {
            return "GnuTLS could not verify the chain: " + String(cString: gnutls_strerror(result))
        }
        guard status != 0 else { return nil }
        var text = gnutls_datum_t()
        guard gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &text, 0) == GNUTLS_E_SUCCESS,
            let data = text.data
        else { return "the chain does not verify up to the trust anchor (status \(status))" }
        defer { mailtls_gnutls_free(data) }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(text.size)), as: UTF8.self)
    }
}

extension X509Certificate {
    /// From DER bytes (a `PeerCertificate.der`).
    static func parse(bytes: [UInt8]) -> X509Certificate? {
        guard !bytes.isEmpty else { return nil }
        var copy = bytes
        return copy.withUnsafeMutableBufferPointer { buffer in
            X509Certificate(der: gnutls_datum_t(data: buffer.baseAddress, size: UInt32(buffer.count)))
        }
    }

    /// A certificate handle the caller owns (for a trust list, which frees what it holds).
    static func ownedHandle(der bytes: [UInt8]) -> gnutls_x509_crt_t? {
        guard !bytes.isEmpty else { return nil }
        var crt: gnutls_x509_crt_t?
        guard gnutls_x509_crt_init(&crt) == GNUTLS_E_SUCCESS, let crt else { return nil }
        var copy = bytes
        let status = copy.withUnsafeMutableBufferPointer { buffer in
            var datum = gnutls_datum_t(data: buffer.baseAddress, size: UInt32(buffer.count))
            return gnutls_x509_crt_import(crt, &datum, GNUTLS_X509_FMT_DER)
        }
        guard status == GNUTLS_E_SUCCESS else {
            gnutls_x509_crt_deinit(crt)
            return nil
        }
        return crt
    }
}
