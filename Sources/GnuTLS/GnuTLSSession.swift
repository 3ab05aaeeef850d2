internal import CGnuTLS
internal import CGnuTLSShim
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Owns a `gnutls_session_t` running over another `Transport` (a socket, or the plaintext
/// connection of a STARTTLS upgrade). GnuTLS reaches that transport through push/pull callbacks
/// that find this object through the transport pointer; a Swift error thrown inside a callback
/// (a timeout, a reset) is kept and rethrown to the caller, so curl's codes survive the C layer.
final class GnuTLSSession: TLSConnection {
    let handle: gnutls_session_t
    let credentials: GnuTLSCredentials
    private let srpCredentials: GnuTLSSRPCredentials?
    /// Whether we offered a client certificate: decides how a certificate alert is explained.
    private let hasClientCertificate: Bool
    let underlying: Transport
    /// Deadline of the operation in progress; read by the callbacks.
    var deadline: Deadline = .never
    /// The first error thrown by the underlying transport during a GnuTLS call.
    fileprivate var transportError: Error?
    /// True while the handshake runs: a send that fails then is held back (see `push`).
    fileprivate var handshaking = false
    /// Set while `receiveAvailable` runs: the pull callback says "would block" (EAGAIN) instead
    /// of waiting when the socket has nothing more, so GnuTLS keeps a partial record for later.
    var readsWithoutWaiting = false
    /// What the transport delivered beyond GnuTLS's last request (`GnuTLSReadAhead`).
    var readAhead = GnuTLSReadAhead()
    /// A send error held back during the handshake.
    fileprivate var heldSendError: Error?
    private var closed = false
    /// gnutls_bye is only valid on an established session (it crashes before a handshake).
    private var established = false
    /// Set by the client once the handshake is judged.
    var facts = TLSSessionFacts(version: .tls1_3, cipherSuite: "", serverName: "")
    /// Warning alerts the peer sent during the handshake, which went on past them.
    private(set) var warningAlerts: [TLSAlert] = []
    /// More warning alerts than a real server sends; past this many, one ends the handshake.
    static let maximumWarningAlerts = 16
    /// The first bytes the peer sent during the handshake: a plaintext greeting means the
    /// server expects STARTTLS (`HandshakeDiagnosis.plaintextAnswer`).
    fileprivate var firstBytes: [UInt8] = []

    init(
        credentials: GnuTLSCredentials, srpCredentials: GnuTLSSRPCredentials?, hasClientCertificate: Bool,
        underlying: Transport
    ) throws(TLSError) {
        var session: gnutls_session_t?
        // GNUTLS_NO_SIGNAL: writing to a closed peer must be an error, not SIGPIPE.
        let flags = UInt32(GNUTLS_CLIENT) | UInt32(GNUTLS_NO_SIGNAL.rawValue)
        guard gnutls_init(&session, flags) == GNUTLS_E_SUCCESS, let session else {
            throw TLSError(.handshake, "GnuTLS could not create a session")
        }
        self.handle = session
        self.credentials = credentials
        self.srpCredentials = srpCredentials
        self.hasClientCertificate = hasClientCertificate
        self.underlying = underlying
        gnutls_credentials_set(handle, GNUTLS_CRD_CERTIFICATE, UnsafeMutableRawPointer(credentials.handle))
        if let srpCredentials {
            gnutls_credentials_set(handle, GNUTLS_CRD_SRP, UnsafeMutableRawPointer(srpCredentials.handle))
        }
        gnutls_transport_set_ptr(handle, Unmanaged.passUnretained(self).toOpaque())
        gnutls_transport_set_push_function(handle, gnutlsPush)
        gnutls_transport_set_pull_function(handle, gnutlsPull)
        gnutls_transport_set_pull_timeout_function(handle, gnutlsPullTimeout)
    }

    deinit {
        close()
        gnutls_deinit(handle)
    }

    var peerName: String { underlying.peerName }

    var peerAddress: String? { underlying.peerAddress }

    var channelBinding: (type: String, data: [UInt8])? {
        let tls13 = gnutls_protocol_get_version(handle) == GNUTLS_TLS1_3
        let (kind, name) = tls13 ? (GNUTLS_CB_TLS_EXPORTER, "tls-exporter") : (GNUTLS_CB_TLS_UNIQUE, "tls-unique")
        var datum = gnutls_datum_t()
        guard gnutls_session_channel_binding(handle, kind, &datum) == GNUTLS_E_SUCCESS, let data = datum.data else {
            return nil
        }
        defer { mailtls_gnutls_free(data) }
        return (name, Array(UnsafeBufferPointer(start: data, count: Int(datum.size))))
    }

    func waitForInput(milliseconds: Int32) -> Bool {
        gnutls_record_check_pending(handle) > 0 || readAhead.count > 0
            || underlying.waitForInput(milliseconds: milliseconds)
    }

    /// Runs the handshake to completion or failure. A warning alert is not fatal (GnuTLS's
    /// documentation, RFC 5246 section 7.2.2): it is recorded and the handshake goes on.
    func handshake(deadline: Deadline, configuration: TLSConfiguration) throws {
        self.deadline = deadline
        handshaking = true
        defer { handshaking = false }
        while true {
            let status = gnutls_handshake(handle)
            if status == GNUTLS_E_SUCCESS {
                established = true
                return
            }
            if status == GNUTLS_E_AGAIN || status == GNUTLS_E_INTERRUPTED { continue }
            if let error = takeTransportError(), (error as? TransportError)?.kind == .timeout { throw error }
            if status == GNUTLS_E_WARNING_ALERT_RECEIVED && warningAlerts.count < Self.maximumWarningAlerts {
                warningAlerts.append(TLSAlert(level: .warning, number: Int(gnutls_alert_get(handle).rawValue)))
                continue
            }
            if gnutls_error_is_fatal(status) == 0 && status != GNUTLS_E_WARNING_ALERT_RECEIVED { continue }
            throw handshakeFailure(status, configuration: configuration)
        }
    }

    /// The error for a failed handshake, explained where the cause is one the user can fix.
    private func handshakeFailure(_ status: Int32, configuration: TLSConfiguration) -> TLSError {
        let prefix = "TLS handshake with \(peerName) failed: "
        let alert = receivedAlert(status)
        if let plaintext = HandshakeDiagnosis.plaintextAnswer(
            firstBytes: firstBytes,
            startTLSScheme: configuration.startTLSScheme)
        {
            return TLSError(.handshake, prefix + plaintext, libraryCode: Int(status))
        }
        if let refusal = certificateRefusal(status) { return refusal }
        if let sendError = heldSendError, status != GNUTLS_E_FATAL_ALERT_RECEIVED {
            return TLSError(.handshake, prefix + "\(sendError)", libraryCode: Int(status), alert: alert)
        }
        if status == GNUTLS_E_UNSUPPORTED_VERSION_PACKET || alert?.number == TLSAlert.protocolVersion {
            return TLSError(
                .handshake, prefix + HandshakeDiagnosis.versionRefused(configuration) + ": " + describe(status),
                libraryCode: Int(status), alert: alert)
        }
        return TLSError(.handshake, prefix + describe(status), libraryCode: Int(status), alert: alert)
    }

    /// The alert behind a GnuTLS status that says one was received.
    private func receivedAlert(_ status: Int32) -> TLSAlert? {
        switch status {
        case GNUTLS_E_FATAL_ALERT_RECEIVED: TLSAlert(level: .fatal, number: Int(gnutls_alert_get(handle).rawValue))
        case GNUTLS_E_WARNING_ALERT_RECEIVED: TLSAlert(level: .warning, number: Int(gnutls_alert_get(handle).rawValue))
        default: nil
        }
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        self.deadline = deadline
        while true {
            let n = gnutls_record_recv(handle, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            let status = Int32(n)
            switch status {
            case GNUTLS_E_AGAIN, GNUTLS_E_INTERRUPTED:
                continue
            case GNUTLS_E_PREMATURE_TERMINATION:
                // The peer closed TCP without close_notify; framing above decides if data is missing.
                return 0
            default:
                if let error = takeTransportError() { throw error }
                // TLS 1.3: a server refuses a client certificate only after the handshake.
                if let refusal = certificateRefusal(status) { throw refusal }
                throw TransportError(.receive, "TLS receive from \(peerName) failed: \(describe(status))")
            }
        }
    }

    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {
        self.deadline = deadline
        var offset = 0
        while offset < bytes.count {
            let n = gnutls_record_send(handle, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 {
                offset += n
                continue
            }
            let status = Int32(n)
            if status == GNUTLS_E_AGAIN || status == GNUTLS_E_INTERRUPTED { continue }
            if let error = takeTransportError() { throw alertExplaining(error) }
            throw TransportError(.send, "TLS send to \(peerName) failed: \(describe(status))")
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        if established {
            // Best effort close_notify without waiting for the peer's; bounded by a short deadline.
            deadline = .after(seconds: 1)
            _ = gnutls_bye(handle, GNUTLS_SHUT_WR)
        }
        underlying.close()
    }

    /// close_notify, then TCP's half-close; reading stays possible until `close`.
    func closeWrite(deadline: Deadline) throws {
        guard established, !closed else { return }
        self.deadline = deadline
        var status = gnutls_bye(handle, GNUTLS_SHUT_WR)
        while status == GNUTLS_E_AGAIN || status == GNUTLS_E_INTERRUPTED { status = gnutls_bye(handle, GNUTLS_SHUT_WR) }
        if let error = takeTransportError() { throw error }
        established = false  // close() sends no second close_notify
        try underlying.closeWrite(deadline: deadline)
    }

    /// CCC: close_notify both ways, then the underlying transport, still open, is the caller's.
    func shutdownTLS(deadline: Deadline) throws -> Transport {
        guard established, !closed else { throw TransportError(.send, "TLS connection to \(peerName) is not open") }
        self.deadline = deadline
        var status = gnutls_bye(handle, GNUTLS_SHUT_RDWR)
        while status == GNUTLS_E_AGAIN || status == GNUTLS_E_INTERRUPTED {
            status = gnutls_bye(handle, GNUTLS_SHUT_RDWR)
        }
        if let error = takeTransportError() { throw error }
        guard status == GNUTLS_E_SUCCESS else {
            throw TransportError(.receive, "TLS shutdown with \(peerName) failed: \(describe(status))")
        }
        closed = true
        // Bytes already read past the close_notify came before anything was asked in clear.
        guard readAhead.count == 0 else {
            throw TransportError(.receive, "\(peerName) sent data right after closing TLS, before being asked")
        }
        return underlying
    }

    func takeTransportError() -> Error? {
        defer { transportError = nil }
        return transportError
    }

    /// After a failed send: a server that refused us under TLS 1.3 has sent an alert and closed
    /// before our first write; read that alert (briefly) so the error says why.
    private func alertExplaining(_ sendError: Error) -> Error {
        guard hasClientCertificate || gnutls_certificate_client_get_request_status(handle) != 0 else {
            return sendError
        }
        deadline = .after(seconds: 0.5)
        var byte: UInt8 = 0
        let status = Int32(gnutls_record_recv(handle, &byte, 1))
        _ = takeTransportError()
        return certificateRefusal(status) ?? sendError
    }

    /// A fatal alert about certificates from a server that asked for ours: the server refused our
    /// client certificate, or wanted one. Under TLS 1.3 it arrives on the first read after the
    /// handshake, so both places report it the same way (curl 35).
    private func certificateRefusal(_ status: Int32) -> TLSError? {
        guard status == GNUTLS_E_FATAL_ALERT_RECEIVED || status == GNUTLS_E_CERTIFICATE_REQUIRED else { return nil }
        let alert = status == GNUTLS_E_CERTIFICATE_REQUIRED ? GNUTLS_A_CERTIFICATE_REQUIRED : gnutls_alert_get(handle)
        let certificateAlerts: [gnutls_alert_description_t] = [
            GNUTLS_A_BAD_CERTIFICATE, GNUTLS_A_UNSUPPORTED_CERTIFICATE, GNUTLS_A_CERTIFICATE_REVOKED,
            GNUTLS_A_CERTIFICATE_EXPIRED, GNUTLS_A_CERTIFICATE_UNKNOWN, GNUTLS_A_UNKNOWN_CA,
            GNUTLS_A_ACCESS_DENIED, GNUTLS_A_CERTIFICATE_REQUIRED,
        ]
        let requested =
            gnutls_certificate_client_get_request_status(handle) != 0 || alert == GNUTLS_A_CERTIFICATE_REQUIRED
        let name = gnutls_alert_get_name(alert).map { String(cString: $0) } ?? "alert \(alert.rawValue)"
        let received = TLSAlert(level: .fatal, number: Int(alert.rawValue))
        func refusal(_ message: String) -> TLSError {
            TLSError(.handshake, message, libraryCode: Int(status), alert: received)
        }
        if requested && !hasClientCertificate {
            // Servers word this differently (TLS 1.2 gnutls-serv sends decode_error): the cause is
            // that they asked for a certificate and got none.
            return refusal("\(peerName) requires a client certificate (use --cert): TLS alert \(name)")
        }
        guard requested else { return nil }
        if certificateAlerts.contains(alert) {
            return refusal("\(peerName) refused the client certificate: TLS alert \(name)")
        }
        return refusal(
            "\(peerName) ended the handshake with TLS alert \(name) after asking for a client "
                + "certificate: it probably refused the client certificate")
    }

    /// GnuTLS's message, plus the alert's name when the peer sent one.
    func describe(_ status: Int32) -> String {
        var text = gnutlsMessage(status)
        if status == GNUTLS_E_FATAL_ALERT_RECEIVED || status == GNUTLS_E_WARNING_ALERT_RECEIVED,
            let alert = gnutls_alert_get_name(gnutls_alert_get(handle))
        {
            text += " (\(String(cString: alert)))"
        }
        return text
    }

    fileprivate static func from(_ pointer: gnutls_transport_ptr_t?) -> GnuTLSSession {
        Unmanaged<GnuTLSSession>.fromOpaque(pointer!).takeUnretainedValue()
    }

    fileprivate func pull(_ buffer: UnsafeMutableRawPointer?, _ length: Int) -> Int {
        if readAhead.count == 0 && readsWithoutWaiting && !underlying.waitForInput(milliseconds: 0) {
            gnutls_transport_set_errno(handle, EAGAIN)
            return -1
        }
        do {
            if readAhead.count == 0, try readAhead.fill(from: underlying, deadline: deadline) == 0 { return 0 }
            guard let buffer else { return 0 }
            let count = readAhead.take(into: buffer, length: length)
            if handshaking && firstBytes.count < HandshakeDiagnosis.greetingPrefixLength {
                let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
                firstBytes += bytes.prefix(HandshakeDiagnosis.greetingPrefixLength - firstBytes.count)
            }
            return count
        } catch {
            transportError = error
            gnutls_transport_set_errno(handle, EIO)
            return -1
        }
    }

    fileprivate func push(_ data: UnsafeRawPointer?, _ length: Int) -> Int {
        do {
            try underlying.send(UnsafeRawBufferPointer(start: data, count: length), deadline: deadline)
            return length
        } catch let error as TransportError where handshaking && error.kind == .send {
            // A server that rejects us mid-handshake sends an alert and closes; our next flight
            // then fails. Hold the error back so the handshake goes on to read that alert, which
            // says why (e.g. "access denied" for a refused client certificate).
            if heldSendError == nil { heldSendError = error }
            return length
        } catch {
            transportError = error
            gnutls_transport_set_errno(handle, EIO)
            return -1
        }
    }
}

private func gnutlsPull(_ context: gnutls_transport_ptr_t?, _ buffer: UnsafeMutableRawPointer?, _ length: Int) -> Int {
    GnuTLSSession.from(context).pull(buffer, length)
}

private func gnutlsPush(_ context: gnutls_transport_ptr_t?, _ data: UnsafeRawPointer?, _ length: Int) -> Int {
    GnuTLSSession.from(context).push(data, length)
}

/// GnuTLS asks whether data is ready within `milliseconds` (its "indefinite" value: no limit);
/// the operation's deadline bounds the wait either way.
private func gnutlsPullTimeout(_ context: gnutls_transport_ptr_t?, _ milliseconds: UInt32) -> Int32 {
    let session = GnuTLSSession.from(context)
    let limit = session.deadline.pollTimeout
    var wait = mailtls_is_indefinite_timeout(milliseconds) != 0 ? -1 : Int32(clamping: milliseconds)
    if limit >= 0 && (wait < 0 || limit < wait) { wait = limit }
    return session.underlying.waitForInput(milliseconds: wait) ? 1 : 0
}
