import Codec
import LineProtocol
import SASL
import TLS
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
    public internal(set) var isAuthenticated = false
    /// The last tagged OK carried `[CAPABILITY ...]`: no CAPABILITY command needed after it.
    var capabilitiesFromCompletion = false
    /// Logged in without learning the capabilities again: `capabilities` are those from before
    /// login, which a server may change; `currentCapabilities()` asks when a step needs them.
    var capabilitiesStale = false
    /// CAPABILITY was refused (NO or BAD) and the session went on without: not asked again.
    var capabilityRefused = false
    /// The STARTTLS handshake's facts (nil for implicit TLS, whose facts the caller has).
    public private(set) var tlsFacts: TLSSessionFacts?
    /// Set while `open` runs: a failed CAPABILITY under `--ssl-reqd` before TLS is curl 64.
    var upgradePolicy = StartTLSPolicy.never
    /// Status responses (`* OK`, `* NO`, `* BAD`) one command may draw besides its answer.
    let maxUnsolicitedResponses = LineLimits.default.maxUnsolicitedResponses

    /// `tagPrefix`: the letters before each tag's number (curl's second connection in one run
    /// tags with `B`).
    public init(
        stream: ByteStream, trace: Trace, implicitTLS: Bool, limits: IMAPLimits = .default, tagPrefix: String = "A"
    ) {
        self.tags = IMAPTagGenerator(prefix: tagPrefix)
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
        // Whether a literal may go without waiting (LITERAL+) is asked only when one is sent.
        let literalMode = command.hasLiteral ? try currentCapabilities().literalMode : capabilities.literalMode
        let tag = tags.next()
        for piece in command.encoded(tag: tag, literalMode: literalMode).pieces {
            trace.sent(piece.bytes, display: piece.display)
            try stream.write(piece.bytes)
            guard piece.awaitsContinuation else { continue }
            try stream.flush()
            try awaitContinuation(tag: tag, stage: command.stage)
        }
        try stream.flush()
        return tag
    }

    /// Waits for the `+` a synchronizing literal needs. Untagged data may come first (RFC 3501
    /// section 7: a server sends it at any time), a bounded number of responses; a tagged NO or
    /// BAD for the command is its refusal.
    private func awaitContinuation(tag: String, stage: IMAPError.Stage) throws {
        var skipped = 0
        while true {
            switch try reader.read().response {
            case .continuation: return
            case .tagged(let tagged) where tagged.tag == tag: throw IMAPError.rejected(stage, tagged)
            case .untagged(.condition(.bye, let text)):
                throw IMAPError(.serverClosing, "Server closed the session: \(printable(Array(text.description.utf8)))")
            case .untagged: try countStatusResponse(&skipped)
            case .tagged: throw IMAPError(.unexpectedResponse, "Expected a continuation request, got something else")
            }
        }
    }

    /// Reads responses until the tagged completion of `tag`, handing untagged ones to `untagged`.
    /// A NO or BAD completion throws the error for `stage`; `* BYE` before it is the server
    /// closing under us (curl 56).
    @discardableResult
    public func complete(
        _ tag: String, stage: IMAPError.Stage, byeExpected: Bool = false,
        bodyLiteral: (IMAPFetchBodyContext) throws -> IMAPLiteralDestination = { _ in .collect },
        untagged: (IMAPUntaggedResponse, IMAPResponseFrame) throws -> Void = { _, _ in }
    ) throws -> IMAPTaggedResponse {
        var statusResponses = 0
        var untaggedResponses = 0
        while true {
            let received = try reader.read(bodyLiteral: bodyLiteral)
            switch received.response {
            case .tagged(let tagged):
                guard tagged.tag == tag else {
                    throw IMAPError(
                        .unexpectedResponse,
                        "Server completed command \(printable(Array(tagged.tag.utf8))) that was never sent")
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
                untaggedResponses += 1
                guard untaggedResponses <= reader.limits.maxUntaggedResponses else {
                    throw IMAPError(
                        .responseTooLong,
                        "Server sent more than \(reader.limits.maxUntaggedResponses) untagged responses to one command")
                }
                if case .condition = response { try countStatusResponse(&statusResponses) }
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

    /// Counts one untagged status response for the command in flight: a server that sends them
    /// without end instead of answering is an error (curl 8), not a loop that never ends.
    func countStatusResponse(_ count: inout Int) throws {
        count += 1
        guard count <= maxUnsolicitedResponses else {
            throw IMAPError(
                .unexpectedResponse,
                "Server sent more than \(maxUnsolicitedResponses) status responses "
                    + "without answering the command")
        }
    }

    /// Sends a command and reads it to completion.
    @discardableResult
    public func run(
        _ command: IMAPCommand,
        untagged: (IMAPUntaggedResponse, IMAPResponseFrame) throws -> Void = { _, _ in }
    ) throws -> IMAPTaggedResponse {
        try complete(try send(command), stage: command.stage, untagged: untagged)
    }

    // MARK: Opening

    /// Reads the greeting, learns the capabilities and upgrades to TLS per `tls.policy`
    /// (`StartTLSNegotiation`). DESIGN.md rule 2: a PREAUTH greeting on a plaintext connection
    /// makes TLS impossible, so unless the user asked for plaintext it ends the session (curl
    /// 7.88 went on in plaintext).
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
                throw TLSRequiredError(
                    "The server greeted with PREAUTH in plaintext: STARTTLS is impossible, nothing was sent "
                        + "(use imaps://, or --no-ssl to accept a plaintext session)")
            }
        default:
            throw IMAPError(.badGreeting, "Server refused the session: \(printable(Array(text.description.utf8)))")
        }
        upgradePolicy = tls.policy
        if case .capability(let names)? = text.code { capabilities = names } else { try askCapabilities() }
        try StartTLSNegotiation.run(self, upgrade: tls, stream: stream, trace: trace, isSecure: isSecure)
    }

    /// The capabilities as they stand now: after a login whose OK did not say them, CAPABILITY
    /// is asked once, the first time a step needs them (curl asks nothing after login).
    public func currentCapabilities() throws -> IMAPCapabilities {
        if capabilitiesStale && !capabilityRefused {
            capabilitiesStale = false
            try askCapabilities()
        }
        return capabilities
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

extension IMAPSession: StartTLSPeer {
    public var startTLSCommand: String { "STARTTLS" }
    public var offersStartTLS: Bool { capabilities.startTLS }

    /// A tagged NO or BAD is a refusal; anything else (a `+` continuation) is not an answer.
    public func requestUpgrade() throws -> StartTLSAnswer {
        do {
            try run(.startTLS)
            return .goAhead
        } catch let error as IMAPError {
            guard case .rejected(_, let tagged) = error.kind else { throw error }
            return .refused(code: tagged.status == .no ? "NO" : "BAD")
        }
    }

    public func tlsEstablished(_ facts: TLSSessionFacts) {
        tlsFacts = facts
        isSecure = true
    }

    public func forgetCapabilities() { capabilities = IMAPCapabilities() }

    /// A CAPABILITY refused with NO or BAD (curl's test server does that) leaves the session
    /// without capabilities, hence LOGIN, when no STARTTLS is in play (`--no-ssl`, implicit
    /// TLS, after STARTTLS), as curl goes on. Before TLS under `--ssl-reqd` it is curl 64; under
    /// `--ssl` it stays an error: what the server can do is unknown, STARTTLS included.
    public func askCapabilities() throws {
        do {
            try run(.capability)
        } catch let error as IMAPError {
            guard case .rejected = error.kind else { throw error }
            if upgradePolicy == .required && !isSecure {
                throw TLSRequiredError("CAPABILITY failed, so STARTTLS cannot be negotiated (-v shows the reply)")
            }
            guard isSecure || upgradePolicy == .never else { throw error }
            trace.info("CAPABILITY failed: going on without capabilities")
            capabilities = IMAPCapabilities()
            capabilityRefused = true
        }
    }
}
