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
        specs: MailboxDownloadOptions.specs + MailToolOptions.specs + MailToolOptions.probeSpecs,
        protocols: ["pop3", "pop3s"],
        features: ["IPv6", "SSL", "TLS-versions", "CRL", "OCSP", "TLS-SRP", "SASL", "APOP", "Maildir", "mbox"])

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        runner.run(context) { parsed, display in
            var pop = MailboxDownloadOptions()
            let shared = try MailToolOptions.parse(parsed, own: &pop)
            display.showsErrors = shared.output.showsErrors
            try pop.validate()
            try run(url: parsed.positionals[0], pop: pop, shared: shared, context: context)
        }
    }

    static func run(url text: String, pop: MailboxDownloadOptions, shared: MailToolOptions, context: ToolContext) throws
    {
        let url = try CurlURL(parsing: text, defaultScheme: "pop3", supportedSchemes: ["pop3", "pop3s"])
        let implicitTLS = url.scheme == "pop3s"
        if shared.probe { return try probe(url, implicitTLS: implicitTLS, shared: shared, context: context) }
        let draining = pop.isPulling
        let request = draining ? nil : try POP3URLRequest(path: url.path, customRequest: pop.request)
        let apop = try shared.auth.wantsAPOP(url: url)
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 995 : 110,
            context: context)
        guard let credentials = setup.credentials else {
            throw ToolError(.loginDenied, "no credentials: give -u USER (or the URL's user, or --netrc)")
        }
        if draining { Interruption.install() }  // Ctrl-C: save what is whole, exit 130
        let progress = ProgressLine(standardError: context.standardError, output: shared.output)
        do {
            let stream = try setup.open()
            let session = POP3Session(stream: stream, trace: setup.trace, implicitTLS: implicitTLS)
            try session.open(tls: setup.upgrade)
            try session.authenticate(
                credentials: credentials, method: apop ? .apop : .automatic(setup.preference),
                serverHost: url.host, serverPort: setup.port,
                allowPlaintext: setup.allowPlaintextCredentials, initialResponse: setup.initialResponse,
                channelBinding: stream.channelBinding)
            if draining {
                try drain(session, pop: pop, progress: progress)
            } else if let request {
                try perform(request, session: session, output: pop.output, context: context)
            }
            try session.quit()
        } catch  where draining && Interruption.requested {
            throw progress.interrupted()
        } catch {
            progress.interrupt()
            throw error
        }
    }

    /// Retrieves what is new into the Maildir or mbox; one summary line.
    static func drain(_ session: POP3Session, pop: MailboxDownloadOptions, progress: ProgressLine) throws {
        let store: MessageStore = try pop.mbox.map { try Mbox.open(at: $0) } ?? Maildir.open(at: pop.maildir!)
        var pull = POP3MaildropPull(session: session, store: store, delete: pop.delete)
        progress.begin(mailbox: "INBOX")
        pull.progress = { progress.update(messages: $0, bytes: $1) }
        if progress.wantsTotals { pull.totals = { progress.totals(messages: $0, bytes: $1) } }
        let result = try pull.run()
        try store.close()
        progress.finish(messages: result.saved, bytes: result.bytes, deleted: result.deleted)
    }

    /// curl's POP3 URL: LIST, RETR to stdout or a file, or a custom command.
    static func perform(
        _ request: POP3URLRequest, session: POP3Session, output: String?, context: ToolContext
    ) throws {
        if let path = output, request.kind == .retrieve {
            let file = try AtomicOutputFile(path: path)
            try session.custom(request, output: BodySinkAdapter { try file.write($0) })
            try file.commit()
        } else {
            let out = context.standardOutput
            try session.custom(request, output: BodySinkAdapter { try out.write($0) })
        }
    }

    /// `--probe`: greeting, CAPA, STLS per the URL and `--ssl`/`--ssl-reqd`, CAPA again; the
    /// lines on stdout, then QUIT. No login.
    static func probe(_ url: CurlURL, implicitTLS: Bool, shared: MailToolOptions, context: ToolContext) throws {
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 995 : 110, context: context)
        let session = POP3Session(stream: try setup.open(), trace: setup.trace, implicitTLS: implicitTLS)
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
