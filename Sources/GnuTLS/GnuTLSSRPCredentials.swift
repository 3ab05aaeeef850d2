internal import CGnuTLS
import TLS

/// Owns a `gnutls_srp_client_credentials_t` holding the user name and password (RFC 5054).
final class GnuTLSSRPCredentials {
    let handle: gnutls_srp_client_credentials_t

    init(_ srp: SRPCredentials) throws(TLSError) {
        var credentials: gnutls_srp_client_credentials_t?
        guard gnutls_srp_allocate_client_credentials(&credentials) == GNUTLS_E_SUCCESS, let credentials else {
            throw TLSError(.handshake, "GnuTLS could not allocate SRP credentials")
        }
        handle = credentials
        let status = gnutls_srp_set_client_credentials(handle, srp.user, srp.password)
        guard status == GNUTLS_E_SUCCESS else {
            throw TLSError(.handshake, "TLS-SRP credentials rejected: \(gnutlsMessage(status))")
        }
    }

    deinit { gnutls_srp_free_client_credentials(handle) }
}
