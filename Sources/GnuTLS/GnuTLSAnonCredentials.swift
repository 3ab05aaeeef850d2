internal import CGnuTLS
import TLS

/// Owns a `gnutls_anon_client_credentials_t`: with it a scan can offer the anonymous key
/// exchanges (ANON-DH, ANON-ECDH), which a server that accepts them lets anyone in the middle
/// use (Postfix's opportunistic TLS does by default).
final class GnuTLSAnonCredentials {
    let handle: gnutls_anon_client_credentials_t

    init() throws(TLSError) {
        var credentials: gnutls_anon_client_credentials_t?
        guard gnutls_anon_allocate_client_credentials(&credentials) == GNUTLS_E_SUCCESS, let credentials else {
            throw TLSError(.handshake, "GnuTLS could not allocate anonymous credentials")
        }
        handle = credentials
    }

    deinit {
        gnutls_anon_free_client_credentials(handle)
    }
}
