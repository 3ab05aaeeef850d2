import CLI
import CurlURL
import MailCLI
import MailStore
import MailSync
import POP3
import Transport

/// `pop3-retrieve URL`: curl's POP3 URLs (list, retrieve a message, custom command), and the
/// maildrop retrieval into a Maildir or mbox that saves only what is new and deletes on the
/// server only what is durably saved.
public enum POP3RetrieveCommand {
    static let runner = ToolRunner(
        name: "pop3-retrieve",
        summary: "Retrieve messages over POP3 or POP3S with curl's URLs, or drain a maildrop into a Maildir or mbox.",
        specs: POP3RetrieveOptions.specs + MailToolOptions.specs + MailToolOptions.probeSpecs
            + MailToolOptions.transferSpecs,
        protocols: ["pop3", "pop3s"],
        features: ["IPv6", "SSL", "TLS-versions", "CRL", "OCSP", "TLS-SRP", "SASL", "APOP", "Maildir", "mbox"])

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        runner.run(context) { parsed, display in
            let transfers = try TransferList.make(parsed)
            let sessions = SessionReuse<POP3Session> { try? $0.quit() }
            defer { sessions.release() }
            try runner.runTransfers(transfers, context: context) { transfer, isLast in
                var pop = POP3RetrieveOptions()
                var shared = try MailToolOptions.parse(transfer.parsed, own: &pop)
                shared.dumpHeaderContinues = TransferList.repeats("dump-header", of: transfer, in: transfers)
                display.showsErrors = shared.output.showsErrors
                try pop.validate()
                let reuse = POP3TransferReuse(transfer: transfer, sessions: sessions, keepOpen: !isLast)
                try run(url: transfer.url, pop: pop, shared: shared, context: context, reuse: reuse)
            }
        }
    }

    static func run(
        url text: String, pop options: POP3RetrieveOptions, shared: MailToolOptions, context: ToolContext,
        reuse: POP3TransferReuse? = nil
    )
        throws
    {
        let pop = options.download
        let url = try CurlURL(parsing: text, defaultScheme: "pop3", supportedSchemes: ["pop3", "pop3s"])
        let implicitTLS = url.scheme == "pop3s"
        if shared.probe { return try probe(url, implicitTLS: implicitTLS, shared: shared, context: context) }
        let draining = pop.isPulling
        let request =
            draining
            ? nil
            : try POP3URLRequest(
                path: url.path, customRequest: pop.request, listOnly: options.listOnly, noBody: options.noBody)
        let apop = try shared.auth.wantsAPOP(url: url)
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 995 : 110,
            context: context)
        guard setup.credentials != nil else { throw noCredentials }
        // The destination is created, locked and its state read before connecting: a problem
        // with it (exit 23) is reported without contacting the server.
        let store: MessageStore? =
            if let path = pop.mbox { try Mbox.open(at: path) } else { try pop.maildir.map { try Maildir.open(at: $0) } }
        if let store { try POP3MaildropPull.checkDestination(store) }
        if draining { Interruption.install() }  // Ctrl-C: save what is whole, exit 130
        let progress = ProgressLine(standardError: context.standardError, output: shared.output)
        if request == nil { reuse?.releaseKept() }
        let reuse = request == nil ? nil : reuse  // only curl's URL requests share a session
        do {
            let session =
                try reuse?.take(url: url)
                ?? login(url: url, setup: setup, apop: apop, implicitTLS: implicitTLS)
            do {
                try context.report.measure(.transfer) {
                    if let store {
                        try drain(session, into: store, pop: pop, progress: progress, report: context.report)
                    } else if let request {
                        try perform(request, session: session, output: pop.output, context: context)
                    }
                }
            } catch let error as POP3Error where error.leavesSessionInStep {
                // The server answered -ERR: QUIT before reporting, as curl does (curl test 855).
                try? session.quit()
                throw error
            }
            if let reuse, reuse.keepOpen {
                reuse.keep(session, url: url)
            } else {
                try session.quit()
            }
        } catch  where draining && Interruption.requested {
            throw progress.interrupted()
        } catch {
            progress.interrupt()
            throw error
        }
    }

    static let noCredentials = ToolError(.loginDenied, "no credentials: give -u USER (or the URL's user, or --netrc)")

    /// Connects, upgrades to TLS as asked, and logs in.
    static func login(
        url: CurlURL, setup: MailSessionSetup, apop: Bool, implicitTLS: Bool
    ) throws -> POP3Session {
        guard let credentials = setup.credentials else { throw noCredentials }
        let stream = try setup.open()
        let session = POP3Session(stream: stream, trace: setup.trace, implicitTLS: implicitTLS)
        setup.report.watch(session)
        try session.open(tls: setup.upgrade)
        setup.noteContinuingWithoutTLS(isSecure: session.isSecure)
        try setup.report.measure(.authentication) {
            try session.authenticate(
                credentials: credentials, method: apop ? .apop : .automatic(setup.preference),
                serverHost: url.host, serverPort: setup.port,
                allowPlaintext: setup.allowPlaintextCredentials, initialResponse: setup.initialResponse,
                channelBinding: stream.channelBinding)
        }
        return session
    }

    /// Retrieves what is new into the Maildir or mbox opened before connecting; one summary line.
    static func drain(
        _ session: POP3Session, into store: MessageStore, pop: MailboxDownloadOptions, progress: ProgressLine,
        report: RunRecorder
    ) throws {
        var pull = POP3MaildropPull(session: session, store: store, delete: pop.delete)
        progress.begin(mailbox: "INBOX")
        pull.progress = { progress.update(messages: $0, bytes: $1) }
        if progress.wantsTotals { pull.totals = { progress.totals(messages: $0, bytes: $1) } }
        let result = try pull.run()
        try store.close()
        report.addTransfer(messages: result.saved, bytes: result.bytes, deleted: result.deleted)
        progress.finish(messages: result.saved, bytes: result.bytes, deleted: result.deleted)
    }

    /// curl's POP3 URL: LIST, RETR, or a custom command; `-o FILE` gets whatever stdout would,
    /// created only once the answer is complete.
    static func perform(
        _ request: POP3URLRequest, session: POP3Session, output: String?, context: ToolContext
    ) throws {
        let file = try output.map { try AtomicOutputFile(path: $0) }
        let out: ByteSink = file ?? context.standardOutput
        var size: Int64 = 0
        try session.custom(
            request,
            output: BodySinkAdapter {
                size += Int64($0.count)
                try out.write($0)
            })
        try file?.commit()
        if request.kind == .retrieve { context.report.addTransfer(messages: 1, bytes: size) }
    }

    /// `--probe`: greeting, CAPA, STLS per the URL and `--ssl`/`--ssl-reqd`, CAPA again; the
    /// lines on stdout, then QUIT. No login.
    static func probe(_ url: CurlURL, implicitTLS: Bool, shared: MailToolOptions, context: ToolContext) throws {
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 995 : 110, context: context)
        let session = POP3Session(stream: try setup.open(), trace: setup.trace, implicitTLS: implicitTLS)
        context.report.watch(session)
        try session.open(tls: setup.upgrade)
        try CapabilityListing.write(session.capabilities.lines, to: context.standardOutput)
        try session.quit()
    }
}

/// Bridges a streamed POP3 body to a closure.
final class BodySinkAdapter: POP3BodySink {
    private let body: (UnsafeRawBufferPointer) throws -> Void
    init(_ body: @escaping (UnsafeRawBufferPointer) throws -> Void) { self.body = body }
    func write(_ bytes: UnsafeRawBufferPointer) throws { try body(bytes) }
}
