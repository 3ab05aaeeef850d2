import Codec
import TLS
import Transport

/// One LDAP connection (RFC 4511): requests go out as BER, responses come back one message at
/// a time through `LDAPMessageFramer`, each checked against the ID of the request it answers.
/// StartTLS uses `TLSUpgrade` (the buffered-bytes rule lives in `ByteStream.startTLS`).
public final class LDAPSession {
    public let stream: ByteStream
    public let trace: Trace
    let framer: LDAPMessageFramer
    private var lastMessageID: Int64 = 0
    /// The facts of the TLS handshake: implicit TLS (ldaps) or after StartTLS.
    public private(set) var tlsFacts: TLSSessionFacts?

    public init(stream: ByteStream, trace: Trace, limits: BERLimits = .standard) {
        self.stream = stream
        self.trace = trace
        self.framer = LDAPMessageFramer(stream: stream, limits: limits)
        self.tlsFacts = stream.tlsFacts
    }

    public var isSecure: Bool { tlsFacts != nil }

    /// Sends a request under a new message ID and returns the ID. `display` is what the trace
    /// shows (the request without its secrets).
    @discardableResult
    func send(_ request: LDAPRequest, controls: [LDAPControl] = [], display: @autoclosure () -> String) throws -> Int64
    {
        lastMessageID += 1
        let bytes = request.message(id: lastMessageID, controls: controls)
        if trace.isEnabled { trace.sent(bytes, display: "[\(lastMessageID)] " + display()) }
        try stream.write(bytes)
        try stream.flush()
        return lastMessageID
    }

    /// The next response to request `id`. An unsolicited Notice of Disconnection ends the
    /// session; any other message for another ID is a server that cannot be followed.
    func receive(for id: Int64) throws -> LDAPMessage {
        guard let bytes = try framer.next() else {
            throw LDAPError(.connectionClosed, "Connection closed by the LDAP server while a response was due")
        }
        let message = try LDAPMessage.decode(bytes, limits: framer.limits)
        if trace.isEnabled { trace.received(Array("[\(message.messageID)] \(message.response.summary)".utf8)) }
        if message.messageID == 0, case .extended(let result, _, _) = message.response {
            throw LDAPError(
                .disconnected(result),
                "The LDAP server ended the session: \(result.resultCode) \(result.diagnosticMessage)")
        }
        guard message.messageID == id else {
            throw LDAPError(.unexpectedResponse, "LDAP server answered message \(message.messageID), expected \(id)")
        }
        return message
    }

    /// StartTLS (RFC 4511 section 4.14, RFC 4513 section 3) as `upgrade.policy` asks, by
    /// DESIGN.md rule 2 (as `StartTLSNegotiation` for the line protocols): a server that does
    /// not offer StartTLS lets `.ifOffered` continue in plaintext; any other refusal, and any
    /// refusal under `.required`, is curl 64 before anything else is sent. A failed handshake
    /// always ends the session.
    public func startTLS(_ upgrade: TLSUpgrade) throws {
        guard upgrade.policy != .never, !isSecure else { return }
        let id = try send(.extended(name: LDAPRequest.startTLSName, value: nil), display: "ExtendedRequest StartTLS")
        guard case .extended(let result, _, _) = try receive(for: id).response else {
            throw LDAPError(.unexpectedResponse, "LDAP server answered StartTLS with another response type")
        }
        guard result.resultCode == .success else {
            let detail = result.diagnosticMessage.isEmpty ? "" : " (\(result.diagnosticMessage))"
            let why = "LDAP server refused StartTLS: \(result.resultCode)\(detail)"
            guard upgrade.policy == .ifOffered, Self.meansStartTLSNotOffered(result.resultCode) else {
                throw TLSRequiredError(why + "; nothing else was sent")
            }
            trace.info(why + "; the server offers no StartTLS: continuing without TLS")
            return
        }
        tlsFacts = try upgrade.perform(stream)
    }

    /// The answers of a server without StartTLS: protocolError for an extended operation it
    /// does not know (RFC 4511 section 4.12) or "TLS not supported" (section 4.14.2), and
    /// unavailable, slapd's answer when it has no TLS configured. Others (operationsError,
    /// confidentialityRequired, ...) come from a server that does StartTLS but not now.
    static func meansStartTLSNotOffered(_ code: LDAPResultCode) -> Bool {
        code == .protocolError || code == .unavailable
    }

    /// Simple bind (RFC 4513 section 5.1). The caller checks the plaintext rule first.
    public func bind(name: String, password: String) throws {
        try Self.checkSimpleBind(name: name, password: password)
        let id = try send(
            .simpleBind(name: name, password: Array(password.utf8)),
            display: "BindRequest simple name=\"\(name)\" password=<redacted>")
        guard case .bind(let result, _) = try receive(for: id).response else {
            throw LDAPError(.unexpectedResponse, "LDAP server answered a bind with another response type")
        }
        guard result.resultCode == .success else { throw Self.bindError(result) }
    }

    /// RFC 4513 section 6.3.1: clients SHOULD refuse an empty password. With a DN it makes an
    /// unauthenticated bind (section 5.1.2), which a server may answer with success while the
    /// session stays anonymous, so the user would believe they were logged in. An empty DN and
    /// password is the anonymous bind and passes.
    public static func checkSimpleBind(name: String, password: String) throws(LDAPError) {
        guard password.isEmpty, !name.isEmpty else { return }
        throw LDAPError(
            .unauthenticatedBind,
            "refusing a simple bind as \"\(name)\" with an empty password (an unauthenticated bind, "
                + "RFC 4513 section 5.1.2); leave out -u to search anonymously")
    }

    static func bindError(_ result: LDAPResult) -> LDAPError {
        let detail = result.diagnosticMessage.isEmpty ? "" : ": \(result.diagnosticMessage)"
        return LDAPError(.bindRefused(result), "LDAP bind failed: \(result.resultCode)\(detail)")
    }

    /// UnbindRequest (RFC 4511 section 4.3): no response; the connection is closed.
    public func unbind() {
        _ = try? send(.unbind, display: "UnbindRequest")
        stream.close()
    }
}

extension LDAPMessage.Response {
    /// One line for `-v`; values are not shown (entries may be large and binary). The server's
    /// text is escaped here: the trace splits what it receives at line ends, so a DN holding
    /// one would otherwise forge a `< ` line.
    var summary: String {
        switch self {
        case .bind(let result, let credentials):
            "BindResponse \(result.resultCode)" + (credentials.map { " (\($0.count) bytes of SASL data)" } ?? "")
        case .searchResultEntry(let entry):
            "SearchResultEntry \(ControlCharacterEscaping.escape(entry.objectName))"
        case .searchResultReference(let uris):
            "SearchResultReference \(ControlCharacterEscaping.escape(uris.joined(separator: " ")))"
        case .searchResultDone(let result):
            "SearchResultDone \(result.resultCode) \(ControlCharacterEscaping.escape(result.diagnosticMessage))"
        case .extended(let result, let name, _):
            "ExtendedResponse \(result.resultCode) \(ControlCharacterEscaping.escape(name ?? ""))"
        }
    }
}
