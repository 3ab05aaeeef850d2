internal import CGnuTLS
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// One scan connection over GnuTLS: a fresh transport from the caller (its STARTTLS dialog
/// already done), the offer's priority string, a handshake that verifies nothing (a scan asks
/// what the server accepts, not whom to trust), and the summary of what was negotiated.
final class GnuTLSProber: TLSProber {
    private let connect: () throws -> Transport
    private let serverName: String
    private let handshakeTimeout: Double
    private let catalogue: GnuTLSSuiteCatalogue
    private let credentials: GnuTLSCredentials
    private let anonymous: GnuTLSAnonCredentials
    /// No verification, every version allowed: the offer's priority string decides.
    private static let configuration: TLSConfiguration = {
        var configuration = TLSConfiguration()
        configuration.verifyPeer = false
        configuration.minimumVersion = .tls1_0
        return configuration
    }()

    init(
        connect: @escaping () throws -> Transport, serverName: String, handshakeTimeout: Double,
        catalogue: GnuTLSSuiteCatalogue
    ) throws(TLSError) {
        self.connect = connect
        self.serverName = serverName
        self.handshakeTimeout = handshakeTimeout
        self.catalogue = catalogue
        self.credentials = try GnuTLSCredentials(configuration: Self.configuration, trace: SilentTrace())
        self.anonymous = try GnuTLSAnonCredentials()
    }

    func probe(_ offer: TLSProbeOffer) throws -> TLSProbeOutcome {
        let transport = try connect()
        let session: GnuTLSSession
        do {
            session = try GnuTLSSession(
                credentials: credentials, srpCredentials: nil, hasClientCertificate: false, underlying: transport)
        } catch {
            transport.close()
            throw error
        }
        defer { session.close() }
        gnutls_credentials_set(session.handle, GNUTLS_CRD_ANON, UnsafeMutableRawPointer(anonymous.handle))
        let priority = GnuTLSProbePriority.string(for: offer, base: catalogue.base)
        if let failure = Self.setPriority(priority, on: session) {
            return .refused("GnuTLS cannot offer this: \(failure)")
        }
        if !HostName.isIPAddressLiteral(serverName) {
            _ = serverName.withCString { gnutls_server_name_set(session.handle, GNUTLS_NAME_DNS, $0, strlen($0)) }
        }
        do {
            try session.handshake(deadline: .after(seconds: handshakeTimeout), configuration: Self.configuration)
        } catch let error as TransportError where error.kind == .timeout {
            // A server that stops answering is not one that refuses: the scan ends.
            throw error
        } catch let error as TLSError {
            return .refused(error.message)
        } catch {
            return .refused("\(error)")
        }
        return summary(of: session)
    }

    private func summary(of session: GnuTLSSession) -> TLSProbeOutcome {
        let handle = session.handle
        guard let version = GnuTLSFacts.version(of: handle) else {
            return .refused("the server negotiated a protocol that is not TLS 1.0-1.3")
        }
        let suite =
            catalogue.suite(of: handle, version: version)?.name
            ?? gnutls_ciphersuite_get(handle).map { String(cString: $0) } ?? "unknown"
        let group = gnutls_group_get(handle)
        return .accepted(
            TLSHandshakeSummary(
                version: version, cipherSuite: suite,
                group: group == GNUTLS_GROUP_INVALID ? nil : gnutls_group_get_name(group).map { String(cString: $0) },
                secureRenegotiation: gnutls_safe_renegotiation_status(handle) != 0,
                extendedMasterSecret: gnutls_session_ext_master_secret_status(handle) != 0))
    }

    /// nil when GnuTLS took the priority string, else its complaint.
    private static func setPriority(_ priority: String, on session: GnuTLSSession) -> String? {
        priority.withCString { text in
            var errorPosition: UnsafePointer<CChar>?
            let status = gnutls_priority_set_direct(session.handle, text, &errorPosition)
            guard status != GNUTLS_E_SUCCESS else { return nil }
            // The error position points into `text`: read it here.
            let at = errorPosition.map { String(cString: $0) } ?? priority
            return "'\(priority)' (error at '\(at)': \(gnutlsMessage(status)))"
        }
    }
}
