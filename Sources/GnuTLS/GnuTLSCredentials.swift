internal import CGnuTLS
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Owns a `gnutls_certificate_credentials_t`: the trust anchors and CRLs one connection uses.
final class GnuTLSCredentials {
    let handle: gnutls_certificate_credentials_t
    /// The trust anchors loaded, for the facts; empty when none were.
    private(set) var trust: [TrustSource] = []

    /// Loads trust per `configuration`, and the client certificate. Under `-k` trust is loaded
    /// only to check a stapled OCSP response for `--cert-status`, and load errors are ignored
    /// there, as curl ignores an unreadable `--cacert` under `-k`.
    init(configuration: TLSConfiguration, trace: Trace) throws(TLSError) {
        var credentials: gnutls_certificate_credentials_t?
        guard gnutls_certificate_allocate_credentials(&credentials) == GNUTLS_E_SUCCESS, let credentials else {
            throw TLSError(.handshake, "GnuTLS could not allocate credentials")
        }
        handle = credentials
        if let client = configuration.clientCertificate {
            try GnuTLSClientCertificate.load(client, into: handle)
        }
        if configuration.verifyPeer {
            try loadTrust(configuration, trace: trace)
        } else if configuration.requireCertificateStatus {
            try? loadTrust(configuration, trace: trace)
        }
    }

    private func loadTrust(_ configuration: TLSConfiguration, trace: Trace) throws(TLSError) {
        let trust = configuration.trust
        if trust.usesSystemStore {
            let count = gnutls_certificate_set_x509_system_trust(handle)
            if count < 0 {
                trace.info("  system trust store unavailable: \(gnutlsMessage(count))")
            } else {
                trace.info("  CAfile: system trust store (\(count) certificates)")
                self.trust.append(.system(certificates: Int(count)))
            }
        }
        if let file = trust.caFile {
            guard access(file, R_OK) == 0 else {
                throw TLSError(.caFile, "error setting certificate file: \(file): \(String(cString: strerror(errno)))")
            }
            let count = gnutls_certificate_set_x509_trust_file(handle, file, GNUTLS_X509_FMT_PEM)
            guard count > 0 else {
                throw TLSError(
                    .caFile,
                    "error reading ca cert file \(file): "
                        + (count < 0 ? gnutlsMessage(count) : "no certificates found"))
            }
            trace.info("  CAfile: \(count) certificates in \(file)")
            self.trust.append(.file(path: file, certificates: Int(count)))
        }
        if let directory = trust.caPath {
            let count = gnutls_certificate_set_x509_trust_dir(handle, directory, GNUTLS_X509_FMT_PEM)
            guard count >= 0, access(directory, R_OK | X_OK) == 0 else {
                throw TLSError(
                    .caFile,
                    "error reading ca cert directory \(directory): "
                        + (count < 0 ? gnutlsMessage(count) : String(cString: strerror(errno))))
            }
            trace.info("  CApath: \(count) certificates in \(directory)")
            self.trust.append(.directory(path: directory, certificates: Int(count)))
        }
        if let crl = configuration.crlFile {
            guard access(crl, R_OK) == 0 else {
                throw TLSError(.crlFile, "error setting CRL file: \(crl): \(String(cString: strerror(errno)))")
            }
            let count = gnutls_certificate_set_x509_crl_file(handle, crl, GNUTLS_X509_FMT_PEM)
            guard count >= 0 else {
                throw TLSError(.crlFile, "error reading CRL file \(crl): \(gnutlsMessage(count))")
            }
            trace.info("  CRLfile: \(count) CRLs in \(crl)")
        }
    }

    deinit {
        gnutls_certificate_free_credentials(handle)
    }
}
