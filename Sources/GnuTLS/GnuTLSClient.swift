internal import CGnuTLS
import TLS
import Transport
#if canImport(Glibc)
import Glibc
#endif

/// The GnuTLS backend of `TLSClient`: priority string, SNI, handshake, then the policy checks in
/// curl's order (chain and host name, OCSP staple, public-key pin), reported to the trace in
/// curl's `-v` layout before any of them fails the connection.
public struct GnuTLSClient: TLSClient {
    public init() {}

    public var libraryVersion: String {
        "GnuTLS/" + (gnutls_check_version(nil).map { String(cString: $0) } ?? "unknown")
    }

    public func handshake(over transport: Transport, serverName: String, configuration: TLSConfiguration,
                          deadline: Deadline, trace: Trace) throws -> TLSConnection {
        let priority = try GnuTLSPriority.string(for: configuration)
        let credentials = try GnuTLSCredentials(configuration: configuration, trace: trace)
        let srp = try configuration.srp.map { srp throws(TLSError) in try GnuTLSSRPCredentials(srp) }
        let session = try GnuTLSSession(credentials: credentials, srpCredentials: srp,
                                        hasClientCertificate: configuration.clientCertificate != nil, underlying: transport)
        try apply(priority: priority, to: session)
        trace.info("GnuTLS priority: \(priority)")
        if !HostName.isIPAddressLiteral(serverName) {
            _ = serverName.withCString { gnutls_server_name_set(session.handle, GNUTLS_NAME_DNS, $0, strlen($0)) }
        }
        if configuration.requireCertificateStatus {
            _ = gnutls_ocsp_status_request_enable_client(session.handle, nil, 0, nil)
        }
        try session.handshake(deadline: deadline)

        let leaf = GnuTLSCertificate.leaf(of: session.handle)
        var facts = TLSSessionFacts(
            version: gnutls_protocol_get_name(gnutls_protocol_get_version(session.handle)).map { String(cString: $0) } ?? "unknown",
            cipherSuite: gnutls_ciphersuite_get(session.handle).map { String(cString: $0) } ?? "unknown",
            certificate: leaf?.facts,
            verificationFailures: [],
            verified: configuration.verifyPeer,
            hostnameMatched: leaf?.matches(hostname: serverName) ?? false)
        trace.info("SSL connection using \(facts.version) / \(facts.cipherSuite)")

        if leaf == nil && configuration.srp != nil && gnutls_kx_get(session.handle) == GNUTLS_KX_SRP {
            // Plain SRP: the server proved it knows the password verifier; there is no certificate.
            facts.authenticatedBySRP = true
        } else {
            // Always run verification: under -k its result is not enforced, but only it marks a
            // stapled OCSP response as checked.
            let failures = try verify(session, serverName: serverName)
            if configuration.verifyPeer { facts.verificationFailures = failures }
            let status = GnuTLSOCSP.status(of: session.handle, leaf: leaf)
            if configuration.requireCertificateStatus || status == .revoked { facts.certificateStatus = status }
            if configuration.requireCertificateStatus && status == .revoked {
                // GnuTLS's verification also flags the revoked staple; --cert-status reports it (91).
                facts.verificationFailures.removeAll { $0 == .revoked }
            }
        }
        facts.publicKeyPinned = configuration.pinnedPublicKey != nil && leaf != nil
        session.facts = facts
        if trace.isEnabled {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            for line in CertificateReport.lines(for: facts, serverName: serverName, now: now.tv_sec) {
                trace.info(line)
            }
        }
        try enforce(facts, configuration: configuration, leaf: leaf, peer: transport.peerName)
        return session
    }

    /// Fails the connection for the first policy it breaks, in curl's order.
    private func enforce(_ facts: TLSSessionFacts, configuration: TLSConfiguration, leaf: X509Certificate?,
                         peer: String) throws(TLSError) {
        if let first = facts.verificationFailures.first {
            let all = facts.verificationFailures.map(\.rawValue).joined(separator: ", ")
            throw TLSError(.verification(first), "SSL certificate problem: \(all) (\(peer))")
        }
        if let reason = facts.certificateStatus.failureReason {
            // A revoked staple is never accepted; without --cert-status it is a verification failure.
            throw configuration.requireCertificateStatus
                ? TLSError(.certificateStatus, "SSL certificate status problem: \(reason) (\(peer))")
                : TLSError(.verification(.revoked), "SSL certificate problem: \(reason) (\(peer))")
        }
        if let pin = configuration.pinnedPublicKey {
            guard let leaf, let spki = leaf.subjectPublicKeyInfo, let digest = leaf.subjectPublicKeyDigest,
                  pin.matches(spki: spki, sha256: digest) else {
                throw TLSError(.pinnedKeyMismatch, "SSL: public key does not match pinned public key (\(peer) has "
                               + "\(leaf?.publicKeyPin ?? "no certificate"))")
            }
        }
    }

    private func apply(priority: String, to session: GnuTLSSession) throws(TLSError) {
        var failure: String?
        priority.withCString { base in
            var errorPosition: UnsafePointer<CChar>?
            let status = gnutls_priority_set_direct(session.handle, base, &errorPosition)
            if status != GNUTLS_E_SUCCESS {
                // The error position points into `base`: read it inside withCString.
                let at = errorPosition.map { String(cString: $0) } ?? priority
                failure = "failed setting cipher list: '\(priority)' (error at '\(at)': \(gnutlsMessage(status)))"
            }
        }
        if let failure { throw TLSError(.cipher, failure) }
    }

    /// Runs GnuTLS's chain and host-name verification and names each reason it failed.
    private func verify(_ session: GnuTLSSession, serverName: String) throws(TLSError) -> [VerificationFailure] {
        var status: UInt32 = 0
        let result = serverName.withCString { gnutls_certificate_verify_peers3(session.handle, $0, &status) }
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
