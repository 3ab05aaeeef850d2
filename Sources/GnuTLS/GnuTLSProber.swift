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
        // The hook writes the suite id of a ServerHello it stops at here (0: it did not stop).
        let chosen = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
        chosen.initialize(to: 0)
        defer { chosen.deallocate() }
        gnutls_session_set_ptr(session.handle, chosen)
        gnutls_handshake_set_hook_function(
            session.handle, UInt32(GNUTLS_HANDSHAKE_SERVER_HELLO.rawValue), Int32(GNUTLS_HOOK_POST), Self.stopBeforeDH)
        do {
            try session.handshake(deadline: .after(seconds: handshakeTimeout), configuration: Self.configuration)
        } catch let error as TLSError where error.libraryCode == Int(Self.stoppedAtServerHello) && chosen.pointee != 0 {
            // The ServerHello said what the scan asks (version, suite, RFC 5746 and 7627 in its
            // extensions); the finite-field exchange after it is skipped.
            return summaryAtServerHello(of: session, suiteID: UInt16(chosen.pointee & 0xFFFF))
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

    /// The summary of a handshake stopped after its ServerHello: GnuTLS reports the suite only
    /// once the handshake is done, so it comes from the message itself.
    private func summaryAtServerHello(of session: GnuTLSSession, suiteID: UInt16) -> TLSProbeOutcome {
        let handle = session.handle
        guard let version = GnuTLSFacts.version(of: handle) else {
            return .refused("the server negotiated a protocol that is not TLS 1.0-1.3")
        }
        let suite = catalogue.suites.first { $0.id == suiteID && $0.minimumVersion != .tls1_3 }
        return .accepted(
            TLSHandshakeSummary(
                version: version, cipherSuite: suite?.name ?? "unknown", group: nil,
                secureRenegotiation: gnutls_safe_renegotiation_status(handle) != 0,
                extendedMasterSecret: gnutls_session_ext_master_secret_status(handle) != 0))
    }

    /// What `stopBeforeDH` returns to end the handshake (GnuTLS hands a hook's error back).
    private static let stoppedAtServerHello = GNUTLS_E_USER_ERROR

    /// After a TLS 1.2 (or older) ServerHello that chose a finite-field Diffie-Hellman key
    /// exchange, stop: the suite is known, and the exchange that follows (4096-bit groups on
    /// some servers) would cost the scanner and the server tens of milliseconds per suite for
    /// nothing the scan reports. The server has already shown it accepts the suite.
    private static let stopBeforeDH: gnutls_handshake_hook_func = { session, _, _, incoming, message in
        guard let session, incoming != 0, let message = message?.pointee, let data = message.data else { return 0 }
        let version = gnutls_protocol_get_version(session)
        guard version != GNUTLS_TLS1_3, version != GNUTLS_VERSION_UNKNOWN else { return 0 }
        switch gnutls_kx_get(session) {
        case GNUTLS_KX_DHE_RSA, GNUTLS_KX_DHE_DSS, GNUTLS_KX_ANON_DH: break
        default: return 0
        }
        // ServerHello: version (2), random (32), session id (1 + n), cipher suite (2); with its
        // 4-byte handshake header when GnuTLS passes one (type 2).
        let bytes = UnsafeBufferPointer(start: data, count: Int(message.size))
        let start = bytes.count > 4 && bytes[0] == 2 && bytes[1] == 0 ? 4 : 0
        let idLength = start + 34 < bytes.count ? Int(bytes[start + 34]) : bytes.count
        let at = start + 35 + idLength
        guard at + 1 < bytes.count, let chosen = gnutls_session_get_ptr(session) else { return 0 }
        chosen.assumingMemoryBound(to: UInt32.self).pointee = UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1]) | 0x10000
        return stoppedAtServerHello
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
