import TLS

/// What one run did, as data: the document `--json FILE` writes (schema/report-v1.json). Built
/// up during the run by `RunRecorder` (the connection, the dialog through `RecordingTrace`, the
/// command's own parts) and written once by `ToolRunner` at the end, success or failure. It
/// holds no secret: the dialog is the one `-v` shows, credentials and message bodies elided.
public struct RunReport: Encodable {
    /// Incremented only when a field changes meaning or goes away (new fields keep the version).
    public static let version = 1

    public var tool: String
    /// Seconds since the epoch (UTC) when the run started.
    public var startedAt: Int
    public var target: Target?
    /// How the first connection was protected.
    public var mode: Mode?
    /// What the server said before it was asked anything (SMTP 220, IMAP `* OK`, FTP 220).
    public var greeting: [String] = []
    public var capabilities = Capabilities()
    /// The TLS facts of the first connection's handshake; present after a refused certificate
    /// too (the handshake finished, policy said no), absent when no handshake finished.
    public var tls: TLSSessionFacts?
    /// The authentication the client started: the SASL mechanism or the protocol's own login
    /// command (IMAP `LOGIN`, POP3 `USER`, `APOP`); never a credential.
    public var authentication: Authentication?
    public var dialog = DialogLog()
    /// smtp-send: each recipient's fate and the server's final reply with its queue id.
    public var delivery: Delivery?
    /// Fetch tools: what was saved.
    public var transfer: Transfer?
    public var timings = Timings()
    public var exitCode: Int32 = 0
    public var error: Failure?

    public init(tool: String, startedAt: Int) {
        self.tool = tool
        self.startedAt = startedAt
    }

    public enum Mode: String, Encodable, Sendable {
        /// TLS from the first byte (smtps, imaps, pop3s, https, ftps, ldaps).
        case implicit
        /// A plaintext connection upgraded (or an upgrade attempted) with STARTTLS/STLS/AUTH TLS.
        case starttls
        /// No TLS at all.
        case plaintext
    }

    public struct Target: Encodable, Sendable {
        public var scheme: String?
        public var host: String
        /// The numeric address connected to; nil when no connection was made.
        public var address: String?
        public var port: Int

        private enum CodingKeys: String, CodingKey { case scheme, host, address, port }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(scheme, forKey: .scheme)
            try container.encode(host, forKey: .host)
            try container.encode(address, forKey: .address)
            try container.encode(port, forKey: .port)
        }
    }

    public struct Capabilities: Encodable, Sendable {
        /// Before TLS (plaintext and STARTTLS sessions); nil when the session began with TLS.
        public var beforeTLS: [String]?
        /// After the handshake (implicit TLS and STARTTLS sessions); nil without TLS.
        public var afterTLS: [String]?

        private enum CodingKeys: String, CodingKey { case beforeTLS, afterTLS }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(beforeTLS, forKey: .beforeTLS)
            try container.encode(afterTLS, forKey: .afterTLS)
        }
    }

    public struct Authentication: Encodable, Sendable {
        public var mechanism: String
    }

    public struct Delivery: Encodable, Sendable {
        public var recipients: [Recipient] = []
        /// The server's reply to the end of the message; nil when it was not sent.
        public var reply: String?
        /// The queue id in that reply (`queued as 4XyZ`, `id=1abc`), when it has one.
        public var queueID: String?

        public init() {}

        private enum CodingKeys: String, CodingKey { case recipients, reply, queueID = "queueId" }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(recipients, forKey: .recipients)
            try container.encode(reply, forKey: .reply)
            try container.encode(queueID, forKey: .queueID)
        }
    }

    public struct Recipient: Encodable, Sendable {
        public var address: String
        /// "accepted", "refused", or "unknown" (the run ended before the server's answer was known).
        public var status: String
        /// The server's refusal, when refused.
        public var reply: String?

        public init(address: String, status: String, reply: String? = nil) {
            self.address = address
            self.status = status
            self.reply = reply
        }

        private enum CodingKeys: String, CodingKey { case address, status, reply }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(address, forKey: .address)
            try container.encode(status, forKey: .status)
            try container.encode(reply, forKey: .reply)
        }
    }

    public struct Transfer: Encodable, Sendable {
        public var messages = 0
        public var bytes: Int64 = 0
        /// Messages deleted on the server (after they were saved).
        public var deleted = 0
    }

    /// Milliseconds spent in each phase over the whole run; nil for a phase never entered.
    public struct Timings: Encodable, Sendable {
        public var connect: Double?
        public var tls: Double?
        public var authentication: Double?
        public var transfer: Double?
        public var total: Double = 0

        private enum CodingKeys: String, CodingKey { case connect, tls, authentication, transfer, total }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(connect, forKey: .connect)
            try container.encode(tls, forKey: .tls)
            try container.encode(authentication, forKey: .authentication)
            try container.encode(transfer, forKey: .transfer)
            try container.encode(total, forKey: .total)
        }
    }

    /// Why the run failed: curl's code (the exit code unless sendmail mode maps it) and the
    /// message of the error line.
    public struct Failure: Encodable, Sendable {
        public var curlCode: Int32
        public var message: String
    }

    private enum CodingKeys: String, CodingKey {
        case reportVersion, tool, startedAt, target, mode, greeting, capabilities, tls, authentication, dialog,
            delivery, transfer, timings, exitCode, error
    }

    /// Every key is always present (null when absent), so the document's shape does not vary.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.version, forKey: .reportVersion)
        try container.encode(tool, forKey: .tool)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(target, forKey: .target)
        try container.encode(mode, forKey: .mode)
        try container.encode(greeting, forKey: .greeting)
        try container.encode(capabilities, forKey: .capabilities)
        try container.encode(tls, forKey: .tls)
        try container.encode(authentication, forKey: .authentication)
        try container.encode(dialog, forKey: .dialog)
        try container.encode(delivery, forKey: .delivery)
        try container.encode(transfer, forKey: .transfer)
        try container.encode(timings, forKey: .timings)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(error, forKey: .error)
    }
}
