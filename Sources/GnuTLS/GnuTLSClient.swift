import CGnuTLS
import TLS
import Transport
#if canImport(Glibc)
import Glibc
#endif

/// The GnuTLS backend of `TLSClient`: priority string, SNI, handshake, then verification of the
/// peer with the reasons curl distinguishes, reported to the trace in curl's `-v` layout.
public struct GnuTLSClient: TLSClient {
    public init() {}

    public var libraryVersion: String {
        "GnuTLS/" + (gnutls_check_version(nil).map { String(cString: $0) } ?? "unknown")
    }

    public func handshake(over transport: Transport, serverName: String, configuration: TLSConfiguration,
                          deadline: Deadline, trace: Trace) throws -> TLSConnection {
        let priority = try GnuTLSPriority.string(for: configuration)
        let credentials = try GnuTLSCredentials(configuration: configuration, trace: trace)
        let session = try GnuTLSSession(credentials: credentials, underlying: transport)
        try apply(priority: priority, to: session)
        trace.info("GnuTLS priority: \(priority)")
        if !HostName.isIPAddressLiteral(serverName) {
            _ = serverName.withCString { gnutls_server_name_set(session.handle, GNUTLS_NAME_DNS, $0, strlen($0)) }
        }
        try session.handshake(deadline: deadline)

        let certificate = GnuTLSCertificate.leaf(of: session.handle)
        var facts = TLSSessionFacts(
            version: gnutls_protocol_get_name(gnutls_protocol_get_version(session.handle)).map { String(cString: $0) } ?? "unknown",
            cipherSuite: gnutls_ciphersuite_get(session.handle).map { String(cString: $0) } ?? "unknown",
            certificate: certificate?.facts,
            verificationFailures: [],
            verified: configuration.verifyPeer,
            hostnameMatched: certificate?.matches(hostname: serverName) ?? false)
        trace.info("SSL connection using \(facts.version) / \(facts.cipherSuite)")
        if configuration.verifyPeer {
            facts.verificationFailures = try verify(session, serverName: serverName)
        }
        session.facts = facts
        if trace.isEnabled {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            for line in CertificateReport.lines(for: facts, serverName: serverName, now: now.tv_sec) {
                trace.info(line)
            }
        }
        if let first = facts.verificationFailures.first {
            let all = facts.verificationFailures.map(\.rawValue).joined(separator: ", ")
            throw TLSError(.verification(first), "SSL certificate problem: \(all) (\(transport.peerName))")
        }
        return session
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
            throw TLSError(.verification(.invalid), "SSL certificate problem: \(gnutlsMessage(result)) (\(session.peerName))")
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
