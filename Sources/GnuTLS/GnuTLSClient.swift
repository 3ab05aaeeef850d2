internal import CGnuTLS
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The GnuTLS backend of `TLSClient`: priority string, SNI, handshake, then the facts, which
/// `TLSPolicy` judges in curl's order (chain and host name, OCSP staple, public-key pin); `-v`
/// shows them before any rule fails the connection.
public struct GnuTLSClient: TLSClient {
    public init() {}

    public var libraryVersion: String {
        "GnuTLS/" + (gnutls_check_version(nil).map { String(cString: $0) } ?? "unknown")
    }

    public func handshake(
        over transport: Transport, serverName: String, configuration: TLSConfiguration,
        deadline: Deadline, trace: Trace
    ) throws -> TLSConnection {
        let priority = try GnuTLSPriority.string(for: configuration)
        let credentials = try GnuTLSCredentials(configuration: configuration, trace: trace)
        let srp = try configuration.srp.map { srp throws(TLSError) in try GnuTLSSRPCredentials(srp) }
        let session = try GnuTLSSession(
            credentials: credentials, srpCredentials: srp,
            hasClientCertificate: configuration.clientCertificate != nil, underlying: transport)
        try apply(priority: priority, ciphers: configuration.ciphers, to: session)
        trace.info("GnuTLS priority: \(priority)")
        if !HostName.isIPAddressLiteral(serverName) {
            _ = serverName.withCString { gnutls_server_name_set(session.handle, GNUTLS_NAME_DNS, $0, strlen($0)) }
        }
        if let resumption = configuration.resumption { try session.offerResumption(resumption) }
        if configuration.requireCertificateStatus {
            _ = gnutls_ocsp_status_request_enable_client(session.handle, nil, 0, nil)
        }
        do {
            try session.handshake(deadline: deadline, configuration: configuration)
        } catch {
            for alert in session.warningAlerts { trace.info(CertificateReport.alertLine(alert)) }
            throw error
        }
        let facts = try GnuTLSFacts.extract(session, serverName: serverName, configuration: configuration)
        session.facts = facts
        report(facts, to: trace)
        if configuration.enforcesPolicy { try TLSPolicy.enforce(facts, peer: transport.peerName) }
        return session
    }

    /// `-v`: the facts in curl's layout, before policy can refuse them.
    private func report(_ facts: TLSSessionFacts, to trace: Trace) {
        guard trace.isEnabled else { return }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        for line in CertificateReport.traceLines(for: facts, now: now.tv_sec) { trace.info(line) }
    }

    private func apply(priority: String, ciphers: String?, to session: GnuTLSSession) throws(TLSError) {
        var failure: String?
        priority.withCString { base in
            var errorPosition: UnsafePointer<CChar>?
            let status = gnutls_priority_set_direct(session.handle, base, &errorPosition)
            if status != GNUTLS_E_SUCCESS {
                // The error position points into `base`: read it inside withCString.
                let at = errorPosition.map { String(cString: $0) } ?? priority
                failure = "failed setting cipher list: '\(priority)' (error at '\(at)': \(gnutlsMessage(status)))"
                if ciphers != nil {
                    failure! +=
                        "; --ciphers takes a GnuTLS priority string, e.g. --ciphers 'NORMAL:-VERS-ALL:+VERS-TLS1.2'"
                }
            }
        }
        if let failure { throw TLSError(.cipher, failure) }
    }
}
