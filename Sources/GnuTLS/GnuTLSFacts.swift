internal import CGnuTLS
import TLS

/// Reads the facts of a finished handshake out of the session; the verdicts are left to
/// `TLSPolicy.judge`, which sees only these facts and the user's options.
enum GnuTLSFacts {
    static func extract(
        _ session: GnuTLSSession, serverName: String,
        configuration: TLSConfiguration
    ) throws(TLSError) -> TLSSessionFacts {
        let handle = session.handle
        guard let version = version(of: handle) else {
            throw TLSError(
                .handshake, "TLS handshake with \(session.peerName) negotiated a protocol that is not TLS 1.0-1.3")
        }
        var facts = TLSSessionFacts(
            version: version, cipherSuite: string(gnutls_ciphersuite_get(handle)) ?? "unknown",
            serverName: serverName)
        facts.keyExchangeGroup = keyExchangeGroup(of: handle)
        facts.signatureAlgorithm = signatureAlgorithm(of: handle)
        facts.resumed = gnutls_session_is_resumed(handle) != 0
        facts.alpn = alpn(of: handle)
        facts.trust = session.credentials.trust
        facts.channelBindingType = session.channelBinding?.type
        facts.warningAlerts = session.warningAlerts

        let chain = GnuTLSCertificate.chain(of: handle)
        facts.peerCertificates = chain.map(\.facts)
        facts.hostnameMatched = chain.first?.matches(hostname: serverName) ?? false
        var found: [VerificationFailure] = []
        if chain.isEmpty && configuration.srp != nil && gnutls_kx_get(handle) == GNUTLS_KX_SRP {
            // Plain SRP: the server proved it knows the password verifier; there is no certificate.
            facts.authentication = .srp
        } else {
            // Always run verification: under -k its result is not enforced, but only it marks a
            // stapled OCSP response as checked.
            found = verify(handle, serverName: serverName)
            facts.ocspStaple = GnuTLSOCSP.status(of: handle, leaf: chain.first)
        }
        TLSPolicy.judge(&facts, found: found, configuration: configuration)
        return facts
    }

    static func version(of handle: gnutls_session_t) -> TLSVersion? {
        switch gnutls_protocol_get_version(handle) {
        case GNUTLS_TLS1_0: .tls1_0
        case GNUTLS_TLS1_1: .tls1_1
        case GNUTLS_TLS1_2: .tls1_2
        case GNUTLS_TLS1_3: .tls1_3
        default: nil
        }
    }

    /// "X25519", "SECP256R1"; nil when the key exchange used no group.
    private static func keyExchangeGroup(of handle: gnutls_session_t) -> String? {
        let group = gnutls_group_get(handle)
        guard group != GNUTLS_GROUP_INVALID else { return nil }
        return string(gnutls_group_get_name(group))
    }

    /// The algorithm the server signed the handshake with; nil when it signed nothing.
    private static func signatureAlgorithm(of handle: gnutls_session_t) -> String? {
        let algorithm = gnutls_sign_algorithm_get(handle)
        guard algorithm > 0 else { return nil }
        return string(gnutls_sign_get_name(gnutls_sign_algorithm_t(UInt32(algorithm))))
    }

    private static func alpn(of handle: gnutls_session_t) -> String? {
        var selected = gnutls_datum_t()
        // The datum points into the session: read it, do not free it.
        guard gnutls_alpn_get_selected_protocol(handle, &selected) == GNUTLS_E_SUCCESS, let data = selected.data else {
            return nil
        }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(selected.size)), as: UTF8.self)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Runs GnuTLS's chain and host-name verification and names each reason it failed.
    static func verify(_ handle: gnutls_session_t, serverName: String) -> [VerificationFailure] {
        var status: UInt32 = 0
        let result = serverName.withCString { gnutls_certificate_verify_peers3(handle, $0, &status) }
        guard result == GNUTLS_E_SUCCESS else {
            return result == GNUTLS_E_NO_CERTIFICATE_FOUND ? [.noCertificate] : [.invalid]
        }
        guard status != 0 else { return [] }
        let reasons: [(gnutls_certificate_status_t, VerificationFailure)] = [
            (GNUTLS_CERT_REVOKED, .revoked),
            (GNUTLS_CERT_EXPIRED, .expired),
            (GNUTLS_CERT_NOT_ACTIVATED, .notYetValid),
            (GNUTLS_CERT_SIGNER_NOT_FOUND, .untrustedIssuer),
            (GNUTLS_CERT_SIGNER_NOT_CA, .untrustedIssuer),
            (GNUTLS_CERT_UNEXPECTED_OWNER, .hostnameMismatch),
            (GNUTLS_CERT_INSECURE_ALGORITHM, .insecureAlgorithm),
        ]
        var failures: [VerificationFailure] = []
        for (bit, reason) in reasons where status & bit.rawValue != 0 && !failures.contains(reason) {
            failures.append(reason)
        }
        return failures.isEmpty ? [.invalid] : failures
    }
}
