import LineProtocol
import SASL
import TLS
import Transport

/// One POP3 session (RFC 1939, 2449, 2595, 5034), sequential like the RFC's dialog: greeting,
/// CAPA, STLS and CAPA again, authentication, then the maildrop. Protocol logic only.
public final class POP3Session {
    let stream: ByteStream
    let trace: Trace
    let limits: POP3Limits
    let core: LineSession
    /// Reads RETR bodies: one for the session, not one per message.
    private lazy var bodyCore = POP3BodyReader.session(over: stream)
    /// What CAPA said; replaced, never merged, after STLS.
    public private(set) var capabilities = POP3Capabilities()
    /// The greeting's APOP timestamp; forgotten after STLS (it was sent in plaintext).
    private var apopTimestamp: APOPTimestamp?
    public private(set) var isSecure: Bool
    /// The STLS handshake's facts (nil for implicit TLS, whose facts the caller has).
    public private(set) var tlsFacts: TLSSessionFacts?
    /// Set while `open` runs: a failed CAPA under `--ssl-reqd` before TLS is curl 64.
    private var upgradePolicy = StartTLSPolicy.never

    public init(stream: ByteStream, trace: Trace, implicitTLS: Bool, limits: POP3Limits = .default) {
        self.stream = stream
        self.trace = trace
        self.isSecure = implicitTLS
        self.limits = limits
        self.core = LineSession(stream: stream, trace: trace, mapError: POP3Error.framing)
    }

    // MARK: Commands

    func send(_ command: POP3Command) throws {
        try core.send(bytes: command.wireBytes, display: command.display + "\r\n")
    }

    func readResponse(allowsContinuation: Bool = false) throws -> POP3Response {
        try POP3Response.read(from: core, limits: limits, allowsContinuation: allowsContinuation)
    }

    /// Sends a command and reads its status line; `-ERR` throws the error for `stage`. Bytes
    /// waiting before it is sent are refused (no response is outstanding).
    @discardableResult
    func run(_ command: POP3Command, stage: POP3Error.Stage) throws -> POP3Response {
        try core.ensureNoUnsolicitedInput()
        try send(command)
        try core.flush()
        let response = try readResponse()
        guard response.isOK else { throw POP3Error.rejected(stage, response) }
        return response
    }

    // MARK: Opening

    /// Reads the greeting, asks CAPA and upgrades to TLS per `tls.policy` (`StartTLSNegotiation`).
    public func open(tls: TLSUpgrade) throws {
        let greeting = try readResponse()
        guard greeting.isOK else { throw POP3Error.rejected(.greeting, greeting) }
        apopTimestamp = APOPTimestamp(greeting: greeting)
        upgradePolicy = tls.policy
        try askCapabilities()
        try StartTLSNegotiation.run(self, upgrade: tls, stream: stream, trace: trace, isSecure: isSecure)
    }

    // MARK: Authentication

    /// How to log in.
    public enum LoginMethod: Sendable, Equatable {
        /// SASL when the server lists mechanisms, else USER/PASS.
        case automatic(SASLMechanismPreference)
        /// APOP (RFC 1939 section 7): only with the greeting's timestamp, inside TLS or when the
        /// user allowed plaintext.
        case apop
    }

    /// Logs in. Credentials never cross an unencrypted connection unless `allowPlaintext`.
    public func authenticate(
        credentials: SASLCredentials, method: LoginMethod, serverHost: String, serverPort: Int,
        allowPlaintext: Bool, initialResponse: Bool = true,
        channelBinding: SASLChannelBinding? = nil
    ) throws {
        try LoginPreamble.requirePrivacy(
            isSecure: isSecure, allowPlaintext: allowPlaintext, upgradeCommand: "STLS",
            secureScheme: "pop3s")
        let password = credentials.password ?? ""
        switch method {
        case .apop:
            guard let timestamp = apopTimestamp else {
                throw POP3Error(
                    .unsendableArgument, "APOP is not possible: the greeting has no timestamp (or it came before STLS)")
            }
            try run(try .apop(name: credentials.user, timestamp: timestamp, secret: password), stage: .apop)
        case .automatic(let preference):
            let login = LoginPreamble(
                credentials: credentials, preference: preference, service: .pop, serverHost: serverHost,
                serverPort: serverPort, channelBinding: channelBinding)
            try login.authenticate(
                offered: capabilities.saslMechanisms, isSecure: isSecure,
                initialResponseAllowed: initialResponse, dialect: POP3AuthDialect(session: self)
            ) {
                guard preference == .any else {
                    throw SASLError(.mechanismNotOffered, "the server offers no SASL mechanism (no SASL in CAPA)")
                }
                try run(try .user(credentials.user), stage: .user)
                try run(try .pass(password), stage: .pass)
            }
        }
    }

    // MARK: Maildrop

    /// `UIDL`: every message's number and unique id.
    public func uniqueIDs() throws -> [POP3UniqueIDListing] {
        try run(.uidl(), stage: .listing)
        return try POP3UniqueIDListing.readListing(from: stream, trace: trace, limits: limits)
    }

    /// `UIDL` in compact form (`POP3UniqueIDTable`), for a pull of a large maildrop.
    public func uniqueIDTable() throws -> POP3UniqueIDTable {
        try run(.uidl(), stage: .listing)
        return try POP3UniqueIDTable.read(from: stream, trace: trace, limits: limits)
    }

    /// `LIST`: every message's number and size.
    public func scanListing() throws -> [POP3ScanListing] {
        try run(.list(), stage: .listing)
        return try POP3ScanListing.readListing(from: stream, trace: trace, limits: limits)
    }

    /// Retrieves messages, keeping up to `window` RETR commands in flight when the server
    /// offers PIPELINING (RFC 2449), else one at a time; each body streams into the sink
    /// `sinkFor` returns, and `done` runs once it is complete (in message order).
    public func retrieve(
        _ numbers: some Collection<UInt32>, window: Int, sinkFor: (UInt32) throws -> POP3BodySink,
        done: (UInt32, UInt64) throws -> Void
    ) throws {
        let depth = capabilities.pipelining ? max(1, window) : 1
        // Walked twice, in step: the commands sent ahead, the answers read (a lazy collection
        // of 100,000 numbers is never made an array).
        var toSend = numbers.makeIterator()
        var sent = 0
        var allSent = false
        for (index, number) in numbers.enumerated() {
            // Refill the window half at a time: one write (and TLS record) per batch of
            // commands rather than per message.
            if sent - index <= depth / 2 {
                if sent == index { try core.ensureNoUnsolicitedInput() }
                while !allSent && sent < index + depth {
                    guard let next = toSend.next() else {
                        allSent = true
                        break
                    }
                    try send(.retr(next))
                    sent += 1
                }
                try stream.flush()
            }
            let response = try readResponse()
            guard response.isOK else { throw POP3Error.rejected(.message, response) }
            let sink = try sinkFor(number)
            let size = try POP3BodyReader.read(with: bodyCore, limits: limits) { try sink.write($0) }
            try done(number, size)
        }
    }

    /// `DELE` for each message, pipelined when offered; the server deletes them at QUIT.
    public func delete(_ numbers: [UInt32]) throws {
        let depth = capabilities.pipelining ? 64 : 1
        var sent = 0
        for index in numbers.indices {
            if sent == index { try core.ensureNoUnsolicitedInput() }
            while sent < numbers.count && sent < index + depth {
                try send(.dele(numbers[sent]))
                sent += 1
            }
            try stream.flush()
            let response = try readResponse()
            guard response.isOK else { throw POP3Error.rejected(.dele, response) }
        }
    }

    /// Sends a command and streams its multi-line answer to `output`. A single-line answer
    /// (STAT, DELE, LIST n) writes nothing, as curl: its status line is a header there, which
    /// `-v` shows.
    public func custom(_ request: POP3URLRequest, output: POP3BodySink) throws {
        try run(request.command, stage: request.rejectionStage)
        guard request.expectsMultilineBody else { return }
        if request.writesBody {
            _ = try POP3BodyReader.read(from: stream, into: output, limits: limits)
        } else {
            _ = try POP3BodyReader.skip(from: stream, limits: limits)
        }
    }

    /// QUIT commits the deletions (RFC 1939 section 6). Its failure is reported: with `--delete`
    /// it means the server may not have deleted anything (nothing is lost either way).
    public func quit() throws {
        try run(.quit, stage: .other)
        stream.close()
    }
}

extension POP3Session: StartTLSPeer {
    public var startTLSCommand: String { "STLS" }
    public var offersStartTLS: Bool { capabilities.startTLS }

    public func requestUpgrade() throws -> StartTLSAnswer {
        try core.ensureNoUnsolicitedInput()
        try send(.stls)
        try core.flush()
        let response = try readResponse()
        return response.isOK ? .goAhead : .refused(code: "-ERR")
    }

    public func tlsEstablished(_ facts: TLSSessionFacts) {
        tlsFacts = facts
        isSecure = true
    }

    public func forgetCapabilities() {
        capabilities = POP3Capabilities()
        apopTimestamp = nil
    }

    /// CAPA (RFC 2449). A server without it is plain RFC 1939: no capabilities, unless TLS is
    /// required, where a failed CAPA means STLS cannot be negotiated (curl 64).
    public func askCapabilities() throws {
        try core.ensureNoUnsolicitedInput()
        try send(.capa)
        try core.flush()
        let response = try readResponse()
        guard response.isOK else {
            if upgradePolicy == .required && !isSecure {
                throw TLSRequiredError("CAPA failed, so STLS cannot be negotiated (reply -ERR; -v shows its text)")
            }
            capabilities = POP3Capabilities()
            return
        }
        capabilities = try POP3Capabilities.read(from: stream, trace: trace, limits: limits)
    }
}
