import Codec
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Builds the run's `RunReport` while the run goes on. `ToolRunner` enables it when `--json` is
/// given and writes the report at the end; `ServerConnection` records the connection, the TLS
/// handshake and their timings; `RecordingTrace` records the dialog; each command adds its own
/// parts through the small API below (its `ReportDialect`, its session's capabilities, timed
/// phases, recipients, counts). Disabled, every call returns at once.
public final class RunRecorder {
    public enum Phase: Sendable { case connect, tls, authentication, transfer }

    public private(set) var isEnabled = false
    public private(set) var report = RunReport(tool: "", startedAt: 0)
    /// Labels the dialog's lines; set by the command (`use(_:)`).
    private var dialect: ReportDialect?
    private var capabilitySource: (() -> [String])?
    private var startedNanoseconds: UInt64 = 0
    private var connections = 0
    private var tlsEstablished = false
    private var hasSent = false
    private static let maxGreetingLines = 50

    public init() {}

    /// Starts recording (called by `ToolRunner` when `--json` is given).
    func enable(tool: String) {
        reset()
        isEnabled = true
        report = RunReport(tool: tool, startedAt: Int(time(nil)))
        startedNanoseconds = Deadline.now()
    }

    /// Forgets everything: a context that runs a tool again (in-process tests) starts anew.
    func reset() {
        isEnabled = false
        report = RunReport(tool: "", startedAt: 0)
        dialect = nil
        capabilitySource = nil
        connections = 0
        tlsEstablished = false
        hasSent = false
    }

    // MARK: The command's API

    /// The command's protocol, to label reply codes and the authentication in the dialog.
    public func use(_ dialect: ReportDialect) {
        guard isEnabled else { return }
        self.dialect = dialect
    }

    /// Where the session keeps its capabilities (EHLO keywords, CAPABILITY names, CAPA lines):
    /// read before a STARTTLS upgrade and when authentication or the transfer begins, else
    /// when the run ends (a `--probe`): the report holds the session until then.
    public func watchCapabilities<Session: AnyObject>(of session: Session, _ read: @escaping (Session) -> [String]) {
        guard isEnabled else { return }
        capabilitySource = { read(session).map { ControlCharacterEscaping.escape($0) } }
    }

    /// Runs `body` as `phase`, adding its duration to the phase's total.
    public func measure<T>(_ phase: Phase, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        if phase == .authentication || phase == .transfer { snapshotCapabilities(beforeUpgrade: false) }
        let start = Deadline.now()
        defer { add(phase, nanoseconds: Deadline.now() &- start) }
        return try body()
    }

    /// smtp-send: the envelope's recipients, before anything is sent (their fate still unknown).
    public func recordRecipients(_ addresses: [String]) {
        guard isEnabled else { return }
        var delivery = RunReport.Delivery()
        delivery.recipients = addresses.map { RunReport.Recipient(address: $0, status: "unknown") }
        report.delivery = delivery
    }

    /// smtp-send: the server's final reply; the recipients not in `refused` were accepted.
    public func recordDelivery(reply: String, queueID: String?, refused: [(address: String, reply: String)]) {
        guard isEnabled else { return }
        var delivery = report.delivery ?? RunReport.Delivery()
        delivery.reply = ControlCharacterEscaping.escape(reply)
        delivery.queueID = queueID.map { ControlCharacterEscaping.escape($0) }
        for index in delivery.recipients.indices {
            let refusal = refused.first { $0.address == delivery.recipients[index].address }
            delivery.recipients[index].status = refusal == nil ? "accepted" : "refused"
            delivery.recipients[index].reply = refusal.map { ControlCharacterEscaping.escape($0.reply) }
        }
        report.delivery = delivery
    }

    /// Fetch tools: messages saved (or written), their bytes, and messages deleted on the server.
    public func addTransfer(messages: Int, bytes: Int64, deleted: Int = 0) {
        guard isEnabled else { return }
        var transfer = report.transfer ?? RunReport.Transfer()
        transfer.messages += messages
        transfer.bytes += bytes
        transfer.deleted += deleted
        report.transfer = transfer
    }

    // MARK: The connection (ServerConnection)

    /// A connection is about to be made; the first one is the report's target.
    func connecting(host: String, port: UInt16, scheme: String?, implicitTLS: Bool) {
        guard isEnabled else { return }
        connections += 1
        guard connections == 1 else { return }
        report.target = RunReport.Target(scheme: scheme, host: host, address: nil, port: Int(port))
        report.mode = implicitTLS ? .implicit : .plaintext
    }

    func connected(address: String?) {
        guard isEnabled, connections == 1 else { return }
        report.target?.address = address
    }

    /// A STARTTLS (STLS, AUTH TLS) handshake is about to start on a plaintext connection.
    func upgrading() {
        guard isEnabled else { return }
        snapshotCapabilities(beforeUpgrade: true)
        if report.mode == .plaintext { report.mode = .starttls }
    }

    func handshakeFinished(_ facts: TLSSessionFacts) {
        guard isEnabled else { return }
        if report.tls == nil { report.tls = facts }
        tlsEstablished = true
    }

    /// A handshake failed; a certificate refused by policy still has its facts.
    func handshakeFailed(_ error: Error) {
        guard isEnabled, report.tls == nil, let error = error as? TLSError else { return }
        report.tls = error.facts
    }

    // MARK: The dialog (RecordingTrace)

    func recordSent(_ bytes: [UInt8], display: String?) {
        guard isEnabled else { return }
        hasSent = true
        for line in DialogLog.split(display.map { Array($0.utf8) } ?? bytes) {
            let text = ControlCharacterEscaping.escape(line)
            if report.authentication == nil, let login = dialect?.authentication(text) {
                report.authentication = RunReport.Authentication(mechanism: login)
            }
            report.dialog.append(DialogLog.Line(direction: .sent, text: text, code: nil))
        }
    }

    func recordReceived(_ bytes: [UInt8]) {
        guard isEnabled else { return }
        for line in DialogLog.split(bytes) {
            let text = ControlCharacterEscaping.escape(line)
            if !hasSent && connections <= 1 && report.greeting.count < Self.maxGreetingLines {
                report.greeting.append(text)
            }
            report.dialog.append(DialogLog.Line(direction: .received, text: text, code: dialect?.replyCode(text)))
        }
    }

    // MARK: The end (ToolRunner)

    /// The finished report: the exit code, the error when there is one, the total time.
    func finish(exitCode: Int32, error: RunReport.Failure?) -> RunReport {
        snapshotCapabilities(beforeUpgrade: false)
        capabilitySource = nil
        report.exitCode = exitCode
        report.error = error
        report.timings.total = Self.milliseconds(Deadline.now() &- startedNanoseconds)
        return report
    }

    private func snapshotCapabilities(beforeUpgrade: Bool) {
        guard let source = capabilitySource else { return }
        if beforeUpgrade || !tlsEstablished {
            if report.capabilities.beforeTLS == nil { report.capabilities.beforeTLS = source() }
        } else if report.capabilities.afterTLS == nil {
            report.capabilities.afterTLS = source()
        }
    }

    private func add(_ phase: Phase, nanoseconds: UInt64) {
        let ms = Self.milliseconds(nanoseconds)
        switch phase {
        case .connect: report.timings.connect = (report.timings.connect ?? 0) + ms
        case .tls: report.timings.tls = (report.timings.tls ?? 0) + ms
        case .authentication: report.timings.authentication = (report.timings.authentication ?? 0) + ms
        case .transfer: report.timings.transfer = (report.timings.transfer ?? 0) + ms
        }
    }

    /// Milliseconds with microsecond precision.
    static func milliseconds(_ nanoseconds: UInt64) -> Double {
        Double(nanoseconds / 1000) / 1000
    }
}
