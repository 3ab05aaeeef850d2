internal import CGnuTLS
internal import CGnuTLSShim
import TLS

/// Loads `--cert`/`--key` into certificate credentials. The certificate and the key are read
/// separately, each in its own format, so every failure names its file and cause (curl 58):
/// unreadable, not a certificate, wrong password, key not matching the certificate.
enum GnuTLSClientCertificate {
    static func load(_ client: ClientCertificate, into credentials: gnutls_certificate_credentials_t) throws(TLSError) {
        if client.certificateType == .p12 {
            try loadPKCS12(client, into: credentials)
            return
        }
        let certificates = try readCertificates(client)
        defer {
            for certificate in certificates { gnutls_x509_crt_deinit(certificate) }
        }
        let key = try readKey(client)
        defer { gnutls_x509_privkey_deinit(key) }
        var list: [gnutls_x509_crt_t?] = certificates
        let status = gnutls_certificate_set_x509_key(credentials, &list, Int32(list.count), key)
        guard status == GNUTLS_E_SUCCESS else {
            let why =
                status == GNUTLS_E_CERTIFICATE_KEY_MISMATCH
                ? "the private key in \(client.effectiveKeyFile) does not match the certificate in \(client.certificateFile)"
                : "cannot use the client certificate \(client.certificateFile): \(gnutlsMessage(status))"
            throw TLSError(.clientCertificate, why)
        }
    }

    private static func format(_ type: ClientCertificate.FileType) -> gnutls_x509_crt_fmt_t {
        type == .der ? GNUTLS_X509_FMT_DER : GNUTLS_X509_FMT_PEM
    }

    /// The file's bytes as a GnuTLS datum; the caller frees `data` with `mailtls_gnutls_free`.
    private static func loadFile(_ path: String, what: String) throws(TLSError) -> gnutls_datum_t {
        var datum = gnutls_datum_t()
        let status = gnutls_load_file(path, &datum)
        guard status == GNUTLS_E_SUCCESS else {
            throw TLSError(.clientCertificate, "cannot read \(what) \(path): \(gnutlsMessage(status))")
        }
        return datum
    }

    private static func readCertificates(_ client: ClientCertificate) throws(TLSError) -> [gnutls_x509_crt_t] {
        var datum = try loadFile(client.certificateFile, what: "client certificate")
        defer { mailtls_gnutls_free(datum.data) }
        var list: UnsafeMutablePointer<gnutls_x509_crt_t?>?
        var count: UInt32 = 0
        let status = gnutls_x509_crt_list_import2(&list, &count, &datum, format(client.certificateType), 0)
        guard status == GNUTLS_E_SUCCESS, let list, count > 0 else {
            throw TLSError(
                .clientCertificate,
                "no \(client.certificateType.rawValue) certificate in \(client.certificateFile): "
                    + gnutlsMessage(status))
        }
        defer { mailtls_gnutls_free(list) }
        return (0..<Int(count)).compactMap { list[$0] }
    }

    private static func readKey(_ client: ClientCertificate) throws(TLSError) -> gnutls_x509_privkey_t {
        let path = client.effectiveKeyFile
        var datum = try loadFile(path, what: "private key")
        defer { mailtls_gnutls_free(datum.data) }
        var key: gnutls_x509_privkey_t?
        guard gnutls_x509_privkey_init(&key) == GNUTLS_E_SUCCESS, let key else {
            throw TLSError(.clientCertificate, "GnuTLS could not allocate a private key")
        }
        let status = gnutls_x509_privkey_import2(key, &datum, format(client.keyType), client.password, 0)
        guard status == GNUTLS_E_SUCCESS else {
            gnutls_x509_privkey_deinit(key)
            if client.password == nil && client.keyNeedsPassword {
                throw TLSError(
                    .clientCertificate,
                    "the private key in \(path) is encrypted and no password was given "
                        + "(use --pass, or --cert FILE:PASSWORD)")
            }
            if status == GNUTLS_E_DECRYPTION_FAILED {
                throw TLSError(.clientCertificate, "wrong password for the private key in \(path)")
            }
            throw TLSError(
                .clientCertificate,
                "no usable \(client.keyType.rawValue) private key in \(path): \(gnutlsMessage(status))")
        }
        return key
    }

    private static func loadPKCS12(
        _ client: ClientCertificate, into credentials: gnutls_certificate_credentials_t
    ) throws(TLSError) {
        var datum = try loadFile(client.certificateFile, what: "PKCS#12 file")
        defer { mailtls_gnutls_free(datum.data) }
        // PKCS#12 files are DER; some tools armor them in PEM.
        var status = gnutls_certificate_set_x509_simple_pkcs12_mem(
            credentials, &datum, GNUTLS_X509_FMT_DER, client.password ?? "")
        if status != GNUTLS_E_SUCCESS && status != GNUTLS_E_MAC_VERIFY_FAILED && status != GNUTLS_E_DECRYPTION_FAILED {
            status = gnutls_certificate_set_x509_simple_pkcs12_mem(
                credentials, &datum, GNUTLS_X509_FMT_PEM, client.password ?? "")
        }
        switch status {
        case GNUTLS_E_SUCCESS: return
        case GNUTLS_E_MAC_VERIFY_FAILED, GNUTLS_E_DECRYPTION_FAILED:
            throw TLSError(.clientCertificate, "wrong password for the PKCS#12 file \(client.certificateFile)")
        default:
            throw TLSError(
                .clientCertificate, "cannot use the PKCS#12 file \(client.certificateFile): \(gnutlsMessage(status))")
        }
    }
}
