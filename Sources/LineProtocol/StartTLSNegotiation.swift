import TLS
import Transport

/// What the server answered to STARTTLS, STLS or AUTH TLS.
public enum StartTLSAnswer: Equatable, Sendable {
    /// Go ahead: the TLS handshake starts with the next byte.
    case goAhead
    /// Refused. `code` is the reply's code or status only (`454`, `-ERR`, `NO`): the text came
    /// before TLS, so anyone on the path may have written it (`-v` shows it).
    case refused(code: String)
    /// The server does not know the command (FTP's 500/502/504 to `AUTH TLS` when its FEAT
    /// did not say either way): like a missing capability, plaintext under `--ssl`, curl 64
    /// under `--ssl-reqd`. A peer answers this only when no capability offered the upgrade.
    case notSupported(code: String)
}

/// The part of a session the STARTTLS negotiation drives (each protocol implements it).
public protocol StartTLSPeer: AnyObject {
    /// The command as users know it: `STARTTLS`, `STLS`, `AUTH TLS`.
    var startTLSCommand: String { get }
    /// The capabilities learned so far offer the upgrade.
    var offersStartTLS: Bool { get }
    /// Sends the command and reads its answer; throws only for what is not an answer to it.
    func requestUpgrade() throws -> StartTLSAnswer
    /// The handshake is done: the session is secure from now on.
    func tlsEstablished(_ facts: TLSSessionFacts)
    /// Forgets every capability learned in plaintext (anyone could have written them).
    func forgetCapabilities()
    /// Asks for the capabilities again, now under TLS (EHLO, CAPABILITY, CAPA, FEAT).
    func askCapabilities() throws
}

/// DESIGN.md rule 2, once for SMTP, IMAP, POP3 and FTP: capability check, command, go-ahead,
/// the buffered-bytes rule (`ByteStream.startTLS` refuses bytes received before the handshake),
/// the handshake, then every capability forgotten and asked again. Under `--ssl-reqd` anything
/// that prevents TLS ends with `TLSRequiredError` (curl 64) before any credential or command is
/// sent; a refusal never falls back to plaintext, under `--ssl` either.
public enum StartTLSNegotiation {
    /// - Returns: the handshake's facts; nil when the session stays in plaintext (implicit TLS,
    ///   `--no-ssl`, or `--ssl` with a server that does not offer the upgrade).
    @discardableResult
    public static func run(
        _ peer: StartTLSPeer, upgrade: TLSUpgrade, stream: ByteStream, trace: Trace,
        isSecure: Bool
    ) throws -> TLSSessionFacts? {
        guard !isSecure, upgrade.policy != .never else { return nil }
        let command = peer.startTLSCommand
        guard peer.offersStartTLS else { return try unsupported(command, upgrade: upgrade, trace: trace) }
        switch try peer.requestUpgrade() {
        case .goAhead:
            break
        case .refused(let code):
            // Replies pipelined after the refusal answer commands the client never sent: what
            // an injection looks like (curl 8), rather than a plain refusal (64).
            if stream.hasUnreadInput() { throw DataBeforeHandshakeError(bufferedByteCount: stream.bufferedCount, afterRefusal: true) }
            throw TLSRequiredError(
                "\(command) refused by the server (reply \(code); -v shows its text); nothing else was sent")
        case .notSupported(let code):
            trace.info("The server does not know \(command) (reply \(code))")
            return try unsupported(command, upgrade: upgrade, trace: trace)
        }
        let facts = try upgrade.perform(stream)
        peer.tlsEstablished(facts)
        peer.forgetCapabilities()
        try peer.askCapabilities()
        return facts
    }

    /// The server offers no upgrade: plaintext, unless TLS is required.
    private static func unsupported(_ command: String, upgrade: TLSUpgrade, trace: Trace) throws -> TLSSessionFacts? {
        if upgrade.policy == .required {
            throw TLSRequiredError(
                "\(command) not supported by the server (and --ssl-reqd was given); nothing else was sent")
        }
        trace.info("The server offers no \(command): continuing without TLS")
        return nil
    }
}
