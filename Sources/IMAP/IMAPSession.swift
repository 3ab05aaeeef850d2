import LineProtocol
import SASL
import Transport

/// One IMAP4rev1 client session (RFC 3501), sequential like the RFC's dialog: greeting,
/// CAPABILITY, STARTTLS and CAPABILITY again, authentication, then mailbox commands. Protocol
/// logic only: the stream, the TLS upgrade and where message bodies go come from the caller.
public final class IMAPSession {
    let stream: ByteStream
    public let trace: Trace
    let reader: IMAPResponseReader
    private var tags = IMAPTagGenerator()
    /// What the server said it can do; replaced, never merged, after STARTTLS and login.
    public private(set) var capabilities = IMAPCapabilities()
    public private(set) var isSecure: Bool
    /// The greeting was PREAUTH: the session is authenticated already.
    public private(set) var isAuthenticated = false
    /// The last tagged OK carried `[CAPABILITY ...]`: no CAPABILITY command needed after it.
    var capabilitiesFromCompletion = false

    public init(stream: ByteStream, trace: Trace, implicitTLS: Bool, limits: IMAPLimits = .default) {
        self.stream = stream
        self.trace = trace
        self.isSecure = implicitTLS
        self.reader = IMAPResponseReader(stream: stream, trace: trace, limits: limits)
    }

    // MARK: Commands

    /// Sends a command, waiting for the server's `+` wherever a synchronizing literal needs it.
    /// Returns its tag; the caller reads the responses (commands can be pipelined).
    @discardableResult
    public func send(_ command: IMAPCommand) throws -> String {
        let tag = tags.next()
        for piece in command.encoded(tag: tag, literalMode: capabilities.literalMode).pieces {
            trace.sent(piece.bytes, display: piece.display)
            try stream.write(piece.bytes)
            guard piece.awaitsContinuation else { continue }
            try stream.flush()
            let answer = try reader.read()
            switch answer.response {
            case .continuation: continue
            case .tagged(let tagged) where tagged.tag == tag: throw IMAPError.rejected(command.stage, tagged)
            default: throw IMAPError(.unexpectedResponse, "Expected a continuation request, got something else")
            }
        }
        try stream.flush()
        return tag
    }

    /// Reads responses until the tagged completion of `tag`, handing untagged ones to `untagged`.
    /// A NO or BAD completion throws the error for `stage`; `* BYE` before it is the server
    /// closing under us (curl 56).
    @discardableResult
    public func complete(_ tag: String, stage: IMAPError.Stage, byeExpected: Bool = false,
                         bodyLiteral: (IMAPFetchBodyContext) throws -> IMAPLiteralDestination = { _ in .collect },
                         untagged: (IMAPUntaggedResponse, IMAPResponseFrame) throws -> Void = { _, _ in }) throws -> IMAPTaggedResponse {
        while true {
            let received = try reader.read(bodyLiteral: bodyLiteral)
            switch received.response {
            case .tagged(let tagged):
                guard tagged.tag == tag else {
                    throw IMAPError(.unexpectedResponse, "Server completed command \(printable(Array(tagged.tag.utf8))) that was never sent")
                }
                if case .capability(let names)? = tagged.text.code {
                    capabilities = names
                    capabilitiesFromCompletion = true
                }
                guard tagged.status == .ok else { throw IMAPError.rejected(stage, tagged) }
                return tagged
            case .untagged(.condition(.bye, _)) where byeExpected:
                continue
            case .untagged(.condition(.bye, let text)):
                throw IMAPError(.serverClosing, "Server closed the session: \(printable(Array(text.description.utf8)))")
            case .untagged(let response):
                if case .capability(let names) = response { capabilities = names }
                if case .condition(_, let text) = response, case .alert? = text.code {
                    trace.info("Server alert: \(text.text)")
                }
                try untagged(response, received.frame)
            case .continuation:
                throw IMAPError(.unexpectedResponse, "Server asked for a continuation nobody wanted")
            }
        }
    }

    /// Sends a command and reads it to completion.
    @discardableResult
    public func run(_ command: IMAPCommand,
                    untagged: (IMAPUntaggedResponse, IMAPResponseFrame) throws -> Void = { _, _ in }) throws -> IMAPTaggedResponse {
        try complete(try send(command), stage: command.stage, untagged: untagged)
    }

    // MARK: Opening

    /// Reads the greeting, learns the capabilities and upgrades to TLS per `tls.policy`.
    /// DESIGN.md rule 2: a PREAUTH greeting on a plaintext connection makes TLS impossible, so
    /// unless the user asked for plaintext it ends the session (curl 7.88 went on in plaintext).
    public func open(tls: TLSUpgrade) throws {
        let greeting = try reader.read()
        guard case .untagged(.condition(let status, let text)) = greeting.response else {
            throw IMAPError(.badGreeting, "Unexpected greeting from the server")
        }
        switch status {
        case .ok: break
        case .preauth:
            isAuthenticated = true
            if !isSecure && tls.policy != .never {
                throw TLSRequiredError("The server greeted with PREAUTH in plaintext: STARTTLS is impossible, nothing was sent "
                                       + "(use imaps://, or --no-ssl to accept a plaintext session)")
            }
        default:
            throw IMAPError(.badGreeting, "Server refused the session: \(printable(Array(text.description.utf8)))")
        }
        if case .capability(let names)? = text.code { capabilities = names } else { try refreshCapabilities(tls) }
        guard !isSecure, tls.policy != .never else { return }
        guard capabilities.startTLS else {
            if tls.policy == .required {
                throw TLSRequiredError("STARTTLS not supported by the server (and --ssl-reqd was given); nothing else was sent")
            }
            trace.info("The server offers no STARTTLS: continuing without TLS")
            return
        }
        do {
            try run(.startTLS)
        } catch let error as IMAPError {
            throw TLSRequiredError("STARTTLS refused by the server: \(error.message)")
        }
        try tls.perform(stream)
        isSecure = true
        capabilities = IMAPCapabilities()
        try refreshCapabilities(tls)
    }

    private func refreshCapabilities(_ tls: TLSUpgrade) throws {
        do {
            try run(.capability)
        } catch let error as IMAPError where tls.policy == .required && !isSecure {
            throw TLSRequiredError("CAPABILITY failed, so STARTTLS cannot be negotiated: \(error.message)")
        }
    }

    // MARK: Authentication

    /// Logs in: SASL (AUTHENTICATE) when the server lists mechanisms, else LOGIN. Credentials
    /// never cross an unencrypted connection unless the user asked (`allowPlaintext`).
    public func authenticate(credentials: SASLCredentials, preference: SASLMechanismPreference, serverHost: String,
                             serverPort: Int, allowPlaintext: Bool, initialResponse: Bool = true,
                             channelBinding: SASLChannelBinding? = nil) throws {
        guard !isAuthenticated else { return }
        guard isSecure || allowPlaintext else {
            throw TLSRequiredError("refusing to send credentials over an unencrypted connection: the server offers no "
                                   + "STARTTLS (use imaps://, or --no-ssl to send them in plaintext anyway)")
        }
        let offered = SASLMechanism.list(capabilities.authMechanisms)
        // curl's rule: LOGIN only when the server lists no SASL mechanism and none was asked for.
        if offered.isEmpty {
            guard preference == .any, !capabilities.loginDisabled, let password = credentials.password else {
                throw SASLError(.noCommonMechanism, "the server offers no SASL mechanism and LOGIN is not possible here")
            }
            capabilitiesFromCompletion = false
            try run(try .login(user: Array(credentials.user.utf8), password: Array(password.utf8)))
        } else {
            SASLClient.prepare(offered: offered, preference: preference)
            let mechanism = try SASLMechanismChoice.choose(offered: offered, preference: preference, credentials: credentials,
                                                           channelBinding: channelBinding)
            let client = try SASLClient(mechanism: mechanism, service: .imap, serverHost: serverHost, serverPort: serverPort,
                                        credentials: credentials, channelBinding: channelBinding, tlsProtected: isSecure)
            capabilitiesFromCompletion = false
            try SASLExchange.run(client, dialect: IMAPAuthDialect(session: self),
                                 initialResponseAllowed: initialResponse && capabilities.saslIR)
        }
        isAuthenticated = true
        // A server may change its capabilities after login; ask unless the OK said them.
        if !capabilitiesFromCompletion { try run(.capability) }
    }

    // MARK: Mailboxes

    /// What SELECT or EXAMINE reported.
    public struct SelectedMailbox: Equatable, Sendable {
        public var exists: UInt32 = 0
        public var uidValidity: UInt32?
        public var uidNext: UInt32?
    }

    /// Opens a mailbox: SELECT (read-write, needed to delete) or EXAMINE (read-only).
    public func select(_ mailbox: IMAPMailboxName, readOnly: Bool) throws -> SelectedMailbox {
        var selected = SelectedMailbox()
        try run(readOnly ? .examine(mailbox) : .select(mailbox)) { response, _ in
            switch response {
            case .exists(let count): selected.exists = count
            case .condition(.ok, let text):
                switch text.code {
                case .uidValidity(let value)?: selected.uidValidity = value
                case .uidNext(let value)?: selected.uidNext = value
                default: break
                }
            default: break
            }
        }
        return selected
    }

    /// Every mailbox the account lists (`LIST "" *`).
    public func listMailboxes() throws -> [IMAPListEntry] {
        var entries: [IMAPListEntry] = []
        try run(try .list(reference: nil)) { response, _ in
            if case .list(let entry) = response { entries.append(entry) }
        }
        return entries
    }

    /// Runs a command and hands each untagged response's raw lines to `output`.
    public func runPrinting(_ command: IMAPCommand, show: (IMAPResponseFrame) -> Bool,
                            output: ([UInt8]) throws -> Void) throws {
        try run(command) { _, frame in
            if show(frame) { try output(frame.wireBytes) }
        }
    }

    /// `UID SEARCH`/`SEARCH`: the matching numbers.
    public func search(_ command: IMAPCommand) throws -> [UInt32] {
        var found: [UInt32] = []
        try run(command) { response, _ in
            if case .search(let numbers) = response { found += numbers }
        }
        return found
    }

    /// Fetches one message (or section) and streams its body to `sink`. Fails with curl 78
    /// when the server answers OK but sends no such message.
    public func fetchBody(_ command: IMAPCommand, into sink: IMAPLiteralSink) throws {
        var delivered = false
        let tag = try send(command)
        try complete(tag, stage: command.stage, bodyLiteral: { _ in
            delivered = true
            return .stream(sink)
        }) { response, _ in
            guard case .fetch(let fetch) = response, !delivered else { return }
            // A body sent as a quoted string or NIL is not streamed: write it here.
            for (_, data) in fetch.bodies {
                if case .bytes(let bytes) = data {
                    try bytes.withUnsafeBytes { try sink.write($0) }
                    delivered = true
                }
            }
        }
        guard delivered else {
            throw IMAPError(.rejected(command.stage, IMAPTaggedResponse(tag: tag, status: .no, text: IMAPResponseText(text: "no such message"))),
                            "FETCH failed: no such message")
        }
    }

    /// Takes the capabilities a completion carries (`A003 OK [CAPABILITY ...] Logged in`).
    func noteCompletion(_ tagged: IMAPTaggedResponse) {
        if case .capability(let names)? = tagged.text.code {
            capabilities = names
            capabilitiesFromCompletion = true
        }
    }

    /// Says goodbye; a server that does not answer does not fail what was already saved.
    public func logout() {
        do {
            try complete(try send(.logout), stage: .other, byeExpected: true)
        } catch {
            trace.info("LOGOUT: \(error)")
        }
        stream.close()
    }
}

/// SASL in IMAP's words (RFC 3501 section 6.2.2, RFC 4959): `AUTHENTICATE mech [initial]`,
/// `+ <base64>` challenges, the tagged OK on success.
struct IMAPAuthDialect: SASLDialect {
    let session: IMAPSession
    private final class TagBox { var tag = "" }
    private let box = TagBox()

    init(session: IMAPSession) { self.session = session }

    func sendAuthenticate(mechanism: SASLMechanism, initialResponse: [UInt8]?) throws {
        box.tag = try session.send(.authenticate(mechanism: mechanism.name, initialResponse: initialResponse))
    }

    func readStep() throws -> SASLServerStep {
        let received = try session.reader.read()
        switch received.response {
        case .continuation(let request):
            return .challenge(try SASLBase64.decodeChallenge(String(decoding: request.text, as: UTF8.self)))
        case .tagged(let tagged) where tagged.tag == box.tag:
            guard tagged.status == .ok else { throw IMAPError.rejected(.authenticate, tagged) }
            session.noteCompletion(tagged)
            return .success(additionalData: nil)
        case .untagged:
            return try readStep()
        default:
            throw IMAPError(.unexpectedResponse, "Unexpected response during AUTHENTICATE")
        }
    }

    func sendResponse(_ response: [UInt8]) throws {
        try session.stream.writeLine(SASLBase64.encodeResponse(response), display: "<redacted>", trace: session.trace)
        try session.stream.flush()
    }

    func cancel() throws {
        try session.stream.writeLine("*", trace: session.trace)
        try session.stream.flush()
        _ = try? session.complete(box.tag, stage: .authenticate)
    }
}
