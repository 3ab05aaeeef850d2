internal import CGnuTLS
import TLS

/// Reads the OCSP response the server stapled and judges it. Call after
/// `gnutls_certificate_verify_peers3`: only that marks a staple as checked, even under `-k`.
enum GnuTLSOCSP {
    static func status(of session: gnutls_session_t, leaf: X509Certificate?) -> CertificateStatus {
        var staple = gnutls_datum_t()
        guard gnutls_ocsp_status_request_get(session, &staple) == GNUTLS_E_SUCCESS else { return .missing }
        var response: gnutls_ocsp_resp_t?
        guard gnutls_ocsp_resp_init(&response) == GNUTLS_E_SUCCESS, let response else {
            return .invalid("GnuTLS could not allocate an OCSP response")
        }
        defer { gnutls_ocsp_resp_deinit(response) }
        let imported = gnutls_ocsp_resp_import(response, &staple)
        guard imported == GNUTLS_E_SUCCESS else { return .invalid("cannot parse it: \(gnutlsMessage(imported))") }
        guard let leaf, gnutls_ocsp_resp_check_crt(response, 0, leaf.handle) == GNUTLS_E_SUCCESS else {
            return .invalid("it is about another certificate")
        }
        var certificateStatus: UInt32 = 0
        let read = gnutls_ocsp_resp_get_single(response, 0, nil, nil, nil, nil, &certificateStatus, nil, nil, nil, nil)
        guard read == GNUTLS_E_SUCCESS else { return .invalid("cannot read its status: \(gnutlsMessage(read))") }
        switch gnutls_ocsp_cert_status_t(certificateStatus) {
        case GNUTLS_OCSP_CERT_REVOKED:
            return .revoked
        case GNUTLS_OCSP_CERT_GOOD:
            // A "good" only counts when GnuTLS verified the response's signature and freshness.
            return gnutls_ocsp_status_request_is_checked(session, 0) != 0
                ? .good : .invalid("its signature or validity period could not be verified")
        default:
            return .unknown
        }
    }
}
