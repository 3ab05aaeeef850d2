import LineProtocol
import TLS
import Transport

/// One FTP control connection (RFC 959, RFC 4217 for AUTH TLS, RFC 2389 FEAT, RFC 2428 EPSV),
/// sequential like the RFC's dialog: greeting, FEAT, AUTH TLS and FEAT again, USER/PASS,
/// PBSZ/PROT, then directory changes and transfers. Protocol logic only: data connections come
/// from an `FTPDataConnector` the caller supplies.
public final class FTPSession {
    let stream: ByteStream
    let trace: Trace
    let limits: FTPLimits
    let core: LineSession
    /// What FEAT said; replaced, never merged, after AUTH TLS.
    public internal(set) var features = FTPFeatures()
    /// The control connection is encrypted (implicit FTPS, or after AUTH TLS).
    public internal(set) var isSecure: Bool
    /// AUTH TLS's handshake facts (nil for implicit TLS, whose facts are the stream's).
    public internal(set) var tlsFacts: TLSSessionFacts?
    /// PROT P was accepted: every data connection is TLS.
    public internal(set) var protectsData = false
    /// The facts of the last data connection's handshake.
    public internal(set) var dataTLSFacts: TLSSessionFacts?

    public init(stream: ByteStream, trace: Trace, implicitTLS: Bool, limits: FTPLimits = .default) {
        self.stream = stream
        self.trace = trace
        self.isSecure = implicitTLS
        self.limits = limits
        self.core = LineSession(stream: stream, trace: trace, limits: limits.reply, mapError: FTPError.framing)
    }

    /// What the control connection's TLS was when CCC ended it: its facts and its session,
    /// which the data connections still resume (they stay protected).
    private var clearedTLS: (facts: TLSSessionFacts, resumption: TLSResumptionData?)?

    /// The control connection's TLS facts, implicit or after AUTH TLS (kept after CCC); nil in
    /// plaintext.
    public var controlTLSFacts: TLSSessionFacts? { stream.tlsFacts ?? clearedTLS?.facts }

    /// What a data connection resumes: the control connection's session. Asked for at each
    /// data connection, so a TLS 1.3 ticket sent after the handshake is there; after CCC, the
    /// session as it was when TLS ended.
    public var resumption: TLSResumptionData? {
        (stream.transport as? TLSConnection)?.resumptionData() ?? clearedTLS?.resumption
    }

    // MARK: Replies

    /// Reads one reply (a preliminary 1yz one included), bounded by `limits.reply`.
    public func readReply() throws -> NumericReply {
        try core.read(NumericReplyFramer(mode: .rfc959, limits: limits.reply))
    }

    /// Reads replies until one is not preliminary (1yz), a bounded number of them.
    func readFinalReply() throws -> NumericReply {
        for _ in 0...limits.maxPreliminaryReplies {
            let reply = try readReply()
            if reply.code >= 200 { return reply }
        }
        throw FTPError(.malformedReply, "More than \(limits.maxPreliminaryReplies) preliminary replies to one command")
    }

    /// Sends one command (nothing may be waiting before it).
    func send(_ command: FTPCommand) throws {
        try core.ensureNoUnsolicitedInput()
        try core.send(command.line, display: command.isSecret ? command.display : nil)
        try core.flush()
    }

    /// Sends a command and returns its final reply.
    @discardableResult
    func run(_ command: FTPCommand) throws -> NumericReply {
        try send(command)
        return try readFinalReply()
    }

    /// Sends a command; a reply outside `accepted` throws the error for `stage`.
    @discardableResult
    func expect(
        _ command: FTPCommand, _ accepted: ClosedRange<Int>, stage: FTPError.Stage, what: String
    ) throws -> NumericReply {
        let reply = try run(command)
        guard accepted.contains(reply.code) else { throw FTPError.rejected(stage, reply, what) }
        return reply
    }

    // MARK: Opening and login

    /// Reads the greeting, asks FEAT and upgrades per `tls.policy` (`StartTLSNegotiation` runs
    /// AUTH TLS, refuses bytes after the 234 and asks FEAT again under TLS).
    public func open(tls: TLSUpgrade) throws {
        let greeting = try readFinalReply()
        guard greeting.code == 220 else { throw FTPError.rejected(.greeting, greeting, "Got unexpected FTP greeting") }
        try askCapabilities()
        try StartTLSNegotiation.run(self, upgrade: tls, stream: stream, trace: trace, isSecure: isSecure)
    }

    /// USER, then PASS when asked for (331); ACCT is not supported (332 is a refusal).
    public func login(user: String, password: String) throws {
        let reply = try run(try .user(user))
        switch reply.code {
        case 230, 202: return
        case 331:
            try expect(try .pass(password), 202...230, stage: .login, what: "Access denied")
        default:
            throw FTPError.rejected(.login, reply, "Access denied")
        }
    }

    /// RFC 4217 9: PBSZ 0, then PROT P. A refusal leaves the data connections in the clear,
    /// which only `--ssl` (not `--ssl-reqd`, not ftps://) accepts: `required` makes it curl 64.
    public func protectData(required: Bool) throws {
        guard isSecure else { return }
        let pbsz = try run(.pbsz0)
        let prot = try (pbsz.code / 100 == 2 ? run(.protP) : pbsz)
        guard prot.code / 100 == 2 else {
            if required {
                throw FTPError.rejected(
                    .protection, prot, "PROT P refused: the data connections cannot be protected")
            }
            trace.info("PROT P refused (\(prot.code)): data connections stay in the clear (--ssl)")
            return
        }
        protectsData = true
    }

    /// CCC (RFC 4217 12.3, `--ftp-ssl-ccc`): after login, the control connection goes back to
    /// plaintext; the data connections stay protected. A refusal is curl 64.
    public func clearCommandChannel() throws {
        guard isSecure else { return }
        try expect(.ccc, 200...200, stage: .protection, what: "Failed to clear the command channel (CCC)")
        if let tls = stream.transport as? TLSConnection { clearedTLS = (tls.facts, tls.resumptionData()) }
        try stream.clearTLS()
        trace.info("Command channel cleared (CCC): the control connection is plaintext from here on")
    }

    // MARK: Commands

    /// CWD into each directory; with `create`, a refused CWD is followed by MKD and CWD again
    /// (`--ftp-create-dirs`).
    public func changeDirectories(_ directories: [String], create: Bool) throws {
        for directory in directories {
            let reply = try run(try .cwd(directory))
            if reply.code / 100 == 2 { continue }
            guard create else {
                throw FTPError.rejected(.cwd, reply, "Server denied you to change to the given directory")
            }
            try expect(try .mkd(directory), 200...299, stage: .cwd, what: "Failed to MKD dir")
            try expect(
                try .cwd(directory), 200...299, stage: .cwd, what: "Server denied you to change to the given directory")
        }
    }

    /// TYPE I for files, TYPE A for listings.
    public func setType(ascii: Bool) throws {
        try expect(ascii ? .typeASCII : .typeImage, 200...299, stage: .type, what: "Couldn't set desired mode")
    }

    /// SIZE (RFC 3659 4): the file's size, or nil when the server does not say (any refusal).
    public func size(of path: String) throws -> UInt64? {
        let reply = try run(try .size(path))
        guard reply.code == 213, let text = reply.texts.last, !text.isEmpty, text.count <= 20,
            text.allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        return UInt64(String(decoding: text, as: UTF8.self))
    }

    /// REST (RFC 3659 5): the next RETR starts at `offset`.
    public func restart(at offset: UInt64) throws {
        try expect(.rest(offset), 300...399, stage: .rest, what: "Couldn't use REST")
    }

    /// A `-Q` command: any 4xx or 5xx reply is curl 21. A leading `*` lets it fail.
    public func quote(_ line: String) throws {
        let mayFail = line.hasPrefix("*")
        let text = mayFail ? String(line.dropFirst()) : line
        let parts = text.split(separator: " ", maxSplits: 1)
        let command = try FTPCommand(String(parts.first ?? ""), parts.count > 1 ? String(parts[1]) : nil)
        let reply = try run(command)
        if reply.code >= 400 && !mayFail { throw FTPError.rejected(.quote, reply, "QUOT command failed") }
    }

    /// QUIT, then close; failures here do not change the outcome of what was done.
    public func quit() {
        _ = try? run(.quit)
        stream.close()
    }
}
