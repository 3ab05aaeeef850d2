import IMAP
import POP3
import SMTP
import TLS
import Transport

/// The audit's dialog with each protocol, on the suite's own sessions: greeting, capabilities,
/// STARTTLS per the session's discipline (one command per reply, nothing buffered before the
/// handshake, capabilities asked again under TLS), then QUIT or LOGOUT. No login.
enum ServiceDialog {
    /// The name the audit gives in EHLO.
    static let clientName = "localhost"

    static func smtp(
        _ stream: ByteStream, environment: AuditEnvironment, upgrade: TLSUpgrade, capture: PlaintextCapture
    ) throws -> DialogResult {
        let session = SMTPSession(stream: stream, trace: environment.trace, implicitTLS: upgrade.policy == .never)
        capture.snapshot = { [unowned session] in (session.capabilities.lines, login(session.capabilities)) }
        try session.open(clientName: clientName, tls: upgrade)
        let result = DialogResult(
            capabilities: session.capabilities.lines, login: login(session.capabilities),
            startTLSFacts: session.tlsFacts)
        session.quit()
        return result
    }

    static func imap(
        _ stream: ByteStream, environment: AuditEnvironment, upgrade: TLSUpgrade, capture: PlaintextCapture
    ) throws -> DialogResult {
        let session = IMAPSession(stream: stream, trace: environment.trace, implicitTLS: upgrade.policy == .never)
        capture.snapshot = { [unowned session] in (session.capabilities.names, login(session.capabilities)) }
        try session.open(tls: upgrade)
        let result = DialogResult(
            capabilities: session.capabilities.names, login: login(session.capabilities),
            startTLSFacts: session.tlsFacts)
        session.logout()
        return result
    }

    static func pop3(
        _ stream: ByteStream, environment: AuditEnvironment, upgrade: TLSUpgrade, capture: PlaintextCapture
    ) throws -> DialogResult {
        let session = POP3Session(stream: stream, trace: environment.trace, implicitTLS: upgrade.policy == .never)
        capture.snapshot = { [unowned session] in (session.capabilities.lines, login(session.capabilities)) }
        try session.open(tls: upgrade)
        let result = DialogResult(
            capabilities: session.capabilities.lines, login: login(session.capabilities),
            startTLSFacts: session.tlsFacts)
        try? session.quit()
        return result
    }

    /// SMTP: the AUTH mechanisms (RFC 4954); there is no password command besides AUTH.
    static func login(_ capabilities: SMTPCapabilities) -> PlaintextLogin {
        PlaintextLogin(mechanisms: capabilities.authMechanisms, passwordCommand: false)
    }

    /// IMAP: `AUTH=` mechanisms, and LOGIN unless `LOGINDISABLED` (RFC 3501 section 6.2.3).
    static func login(_ capabilities: IMAPCapabilities) -> PlaintextLogin {
        PlaintextLogin(mechanisms: capabilities.authMechanisms, passwordCommand: !capabilities.loginDisabled)
    }

    /// POP3: `SASL` mechanisms and `USER` (RFC 2449).
    static func login(_ capabilities: POP3Capabilities) -> PlaintextLogin {
        PlaintextLogin(mechanisms: capabilities.saslMechanisms.map { "\($0)" }, passwordCommand: capabilities.user)
    }
}
