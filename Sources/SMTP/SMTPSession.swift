import LineProtocol
import SASL
import TLS
import Transport

/// One SMTP submission session (RFC 5321, 3207, 4954, 2920), sequential like the RFC's dialog:
/// greeting, EHLO, STARTTLS and EHLO again, AUTH, then messages. Protocol logic only: the stream,
/// the TLS upgrade and the message source come from the caller.
public final class SMTPSession {
    let stream: ByteStream
    let trace: Trace
    let core: LineSession
    /// What the last EHLO said; replaced, never merged, after STARTTLS.
    public private(set) var capabilities = SMTPCapabilities()
    /// TLS protects the session (implicit TLS, or after STARTTLS).
    public private(set) var isSecure: Bool
    public private(set) var isAuthenticated = false
    /// The recipients the last `sendMessage` went on without (`--mail-rcpt-allowfails`), with
    /// the server's refusal of each, in order.
    public private(set) var refusedRecipients: [(recipient: Mailbox, reply: SMTPReply)] = []
    /// The STARTTLS handshake's facts (nil for implicit TLS, whose facts the caller has).
    public private(set) var tlsFacts: TLSSessionFacts?
    /// Set while `open` runs: EHLO's HELO fallback needs to know whether TLS is required.
    private var upgradePolicy = StartTLSPolicy.never
    private var clientName = ""
    /// The connection was closed because the dialog is out of step: nothing more is sent.
    var isAbandoned = false

    public init(stream: ByteStream, trace: Trace, implicitTLS: Bool, limits: LineLimits = .default) {
        self.stream = stream
        self.trace = trace
        self.isSecure = implicitTLS
        self.core = LineSession(stream: stream, trace: trace, limits: limits, mapError: SMTPError.framing)
    }

    // MARK: Commands and replies

    /// Queues one command line; `display` replaces it in the trace when it holds a secret.
    func send(_ command: String, display: String? = nil) throws {
        try core.send(command, display: display)
    }

    func flush() throws { try core.flush() }

    func readReply() throws -> SMTPReply { try core.read(SMTPReplyParser(limits: core.limits)) }

    /// Sends one command and reads its reply; bytes waiting before it is sent are refused.
    func command(_ command: String, display: String? = nil) throws -> SMTPReply {
        try core.ensureNoUnsolicitedInput()
        try send(command, display: display)
        try flush()
        return try readReply()
    }

    // MARK: Opening

    /// Reads the greeting, says EHLO (HELO when EHLO is refused, never under `--ssl-reqd`
    /// before TLS), and upgrades to TLS per `tls.policy` (`StartTLSNegotiation`).
    public func open(clientName: String, tls: TLSUpgrade) throws {
        let greeting = try readReply()
        guard greeting.code == 220 else { throw SMTPError.rejected(.greeting, greeting) }
        self.clientName = clientName
        upgradePolicy = tls.policy
        try hello()
        try StartTLSNegotiation.run(self, upgrade: tls, stream: stream, trace: trace, isSecure: isSecure)
    }

    private func hello() throws {
        let reply = try command(try SMTPCommand.ehlo(clientName))
        if reply.code == 250 {
            capabilities = SMTPCapabilities(ehloReply: reply)
            return
        }
        guard (500...599).contains(reply.code) else { throw SMTPError.rejected(.ehlo, reply) }
        // HELO cannot lead to STARTTLS: under --ssl-reqd the session ends before it.
        if upgradePolicy == .required && !isSecure {
            throw TLSRequiredError(
                "EHLO refused by the server (reply \(reply.code)), so STARTTLS cannot be negotiated "
                    + "(and --ssl-reqd was given); nothing else was sent")
        }
        // RFC 5321 section 3.2: a server that does not know EHLO still knows HELO.
        let helo = try command(try SMTPCommand.helo(clientName))
        guard helo.code == 250 else { throw SMTPError.rejected(.helo, helo) }
        capabilities = SMTPCapabilities()
    }

    // MARK: Authentication

    /// Authenticates with the strongest mechanism both sides have (or the one asked for).
    /// - Parameter allowPlaintext: the user asked for a plaintext session (`--no-ssl`); otherwise
    ///   credentials never cross an unencrypted connection (DESIGN.md rule 3).
    public func authenticate(
        credentials: SASLCredentials, preference: SASLMechanismPreference,
        serverHost: String, serverPort: Int, allowPlaintext: Bool,
        initialResponse: Bool = true, channelBinding: SASLChannelBinding? = nil
    ) throws {
        try LoginPreamble.requirePrivacy(
            isSecure: isSecure, allowPlaintext: allowPlaintext, upgradeCommand: "STARTTLS",
            secureScheme: "smtps")
        let login = LoginPreamble(
            credentials: credentials, preference: preference, service: .smtp, serverHost: serverHost,
            serverPort: serverPort, channelBinding: channelBinding)
        try login.authenticate(
            offered: SASLMechanism.list(capabilities.authMechanisms), isSecure: isSecure,
            initialResponseAllowed: initialResponse, dialect: SMTPAuthDialect(session: self)
        ) {
            throw SASLError(.noCommonMechanism, "the server offers no AUTH (no SASL mechanisms) on this connection")
        }
        isAuthenticated = true
    }

    // MARK: Sending

    /// Sends one message: MAIL, RCPT (pipelined when the server allows), DATA, the dot-stuffed
    /// body streamed from `source`, and returns the server's final reply (its queue id).
    /// - Parameters:
    ///   - messageSize: declared with SIZE when known (a regular file), checked against the limit.
    ///   - eightBit: whether the body has 8-bit bytes (`.unknown` for stdin).
    public func sendMessage(
        _ envelope: SMTPEnvelope, source: MessageSource, messageSize: UInt64?,
        eightBit: MailParameters.EightBitContent
    ) throws -> SMTPReply {
        let parameters = try MailParameters.negotiate(
            sender: envelope.sender, recipients: envelope.recipients, auth: envelope.auth, messageSize: messageSize,
            eightBit: eightBit, capabilities: capabilities, authenticated: isAuthenticated)
        // DATA joins the batch only when a refused recipient cannot lead to a partial delivery:
        // with one recipient the server refuses DATA itself; with allowfails partial is wanted.
        let pipelineData =
            capabilities.pipelining && (envelope.recipients.count == 1 || envelope.allowRecipientFailures)
        refusedRecipients = []
        try core.ensureNoUnsolicitedInput()
        try send(SMTPCommand.mailFrom(envelope.sender, parameters))
        if !capabilities.pipelining { try expect(250, for: .mail) }
        var accepted = 0
        var firstRefusal: SMTPError?
        for recipient in envelope.recipients {
            if !capabilities.pipelining { try core.ensureNoUnsolicitedInput() }
            try send(SMTPCommand.rcptTo(recipient))
            if !capabilities.pipelining {
                try readRecipientReply(&accepted, &firstRefusal, envelope: envelope, recipient: recipient)
            }
        }
        if pipelineData { try send("DATA") }
        if capabilities.pipelining {
            try flush()
            let mail = try readReply()
            var recipientError: Error?
            for recipient in envelope.recipients {
                do {
                    try readRecipientReply(&accepted, &firstRefusal, envelope: envelope, recipient: recipient)
                } catch {
                    recipientError = recipientError ?? error
                }
            }
            if mail.code != 250 {
                if pipelineData { discardPipelinedDataReply() }
                throw SMTPError.rejected(.mail, mail)
            }
            if let recipientError {
                if pipelineData { discardPipelinedDataReply() }
                throw recipientError
            }
        }
        if accepted == 0, let firstRefusal {
            if pipelineData { discardPipelinedDataReply() }
            throw firstRefusal
        }
        if !pipelineData {
            try core.ensureNoUnsolicitedInput()
            try send("DATA")
            try flush()
        }
        let data = try readReply()
        guard data.code == 354 else { throw SMTPError.rejected(.data, data) }
        try core.ensureNoUnsolicitedInput()
        try streamBody(from: source, eightBitDeclared: parameters.eightBitMIME)
        let final = try readReply()
        guard final.code == 250 else { throw SMTPError.rejected(.message, final) }
        return final
    }

    private func expect(_ code: Int, for stage: SMTPError.Stage) throws {
        try flush()
        let reply = try readReply()
        guard reply.code == code else { throw SMTPError.rejected(stage, reply) }
    }

    /// One RCPT reply: counted when accepted; a refusal ends the session unless allowfails.
    private func readRecipientReply(
        _ accepted: inout Int, _ firstRefusal: inout SMTPError?, envelope: SMTPEnvelope, recipient: Mailbox
    ) throws {
        if !capabilities.pipelining { try flush() }
        let reply = try readReply()
        if reply.code == 250 || reply.code == 251 {
            accepted += 1
            return
        }
        let refusal = SMTPError.rejected(.rcpt, reply)
        if firstRefusal == nil { firstRefusal = refusal }
        if envelope.allowRecipientFailures {
            refusedRecipients.append((recipient, reply))
            trace.info("Recipient refused, going on (--mail-rcpt-allowfails): \(reply.summary)")
            return
        }
        throw refusal
    }

    /// Streams the message through the dot-stuffing encoder in bounded pieces. If 8-bit bytes
    /// turn up that were not declared and the server lacks 8BITMIME, the connection is dropped
    /// before the final `.`, so no partial or mangled message is delivered.
    private func streamBody(from source: MessageSource, eightBitDeclared: Bool) throws {
        var encoder = SMTPDataEncoder()
        var input = [UInt8](repeating: 0, count: 64 * 1024)
        var output: [UInt8] = []
        output.reserveCapacity(2 * input.count)
        while true {
            let count = try input.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            output.removeAll(keepingCapacity: true)
            input.withUnsafeBytes { encoder.encode(UnsafeRawBufferPointer(rebasing: $0[0..<count]), into: &output) }
            if encoder.contains8BitBytes && !eightBitDeclared && !capabilities.eightBitMIME {
                stream.close()
                throw SMTPError(
                    .needs8BitMIME,
                    "The message has 8-bit bytes and the server does not offer 8BITMIME; "
                        + "the transfer was abandoned before the end of DATA, nothing was delivered")
            }
            try stream.write(output)
        }
        let end = encoder.finish()
        trace.info(
            "Message: \(encoder.inputByteCount) bytes read, \(encoder.outputByteCount + UInt64(end.count)) bytes sent")
        try stream.write(end)
        try flush()
    }

    /// Ends a failed transaction before the next one on the same connection (RSET, RFC 5321
    /// 4.1.1.5). A completed transaction needs none: the next MAIL starts a new one.
    public func reset() throws {
        let reply = try command("RSET")
        guard reply.code == 250 else { throw SMTPError.rejected(.command, reply) }
    }

    /// Says goodbye; a server that does not answer does not fail a delivered message.
    public func quit() {
        guard !isAbandoned else { return }
        do {
            try send("QUIT")
            try flush()
            _ = try readReply()
        } catch {
            trace.info("QUIT failed: \(error)")
        }
        stream.close()
    }
}

extension SMTPSession: StartTLSPeer {
    public var startTLSCommand: String { "STARTTLS" }
    public var offersStartTLS: Bool { capabilities.startTLS }

    public func requestUpgrade() throws -> StartTLSAnswer {
        let reply = try command("STARTTLS")
        return reply.code == 220 ? .goAhead : .refused(code: String(reply.code))
    }

    public func tlsEstablished(_ facts: TLSSessionFacts) {
        tlsFacts = facts
        isSecure = true
    }

    public func forgetCapabilities() { capabilities = SMTPCapabilities() }
    public func askCapabilities() throws { try hello() }
}
