import CLI
import Codec
import CurlURL
import IMAP
import MailCLI
import MailStore
import MailSync
import TLS
import Transport

/// `imap-fetch URL`: curl's IMAP URLs (list, fetch a message, search, custom command), and the
/// mailbox pull into a Maildir or mbox that only fetches what is new.
public enum IMAPFetchCommand {
    static let runner = ToolRunner(
        name: "imap-fetch",
        summary: "Fetch messages over IMAP or IMAPS with curl's URLs, or pull whole mailboxes into a Maildir or mbox.",
        specs: IMAPFetchOptions.specs + MailToolOptions.specs + MailToolOptions.probeSpecs
            + MailToolOptions.transferSpecs,
        protocols: ["imap", "imaps"],
        features: ["IPv6", "SSL", "TLS-versions", "CRL", "OCSP", "TLS-SRP", "SASL", "Maildir", "mbox"])

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        runner.run(context) { parsed, display in
            let transfers = try TransferList.make(parsed)
            let sessions = SessionReuse<IMAPKeptSession> { $0.session.logout() }
            defer { sessions.release() }
            try runner.runTransfers(transfers, context: context) { transfer, isLast in
                var imap = IMAPFetchOptions()
                var shared = try MailToolOptions.parse(transfer.parsed, own: &imap)
                shared.dumpHeaderContinues = TransferList.repeats("dump-header", of: transfer, in: transfers)
                display.showsErrors = shared.output.showsErrors
                try imap.validate()
                let reuse = IMAPTransferReuse(transfer: transfer, sessions: sessions, keepOpen: !isLast)
                try run(url: transfer.url, imap: imap, shared: shared, context: context, reuse: reuse)
            }
        }
    }

    static func run(
        url text: String, imap: IMAPFetchOptions, shared: MailToolOptions, context: ToolContext,
        reuse: IMAPTransferReuse? = nil
    ) throws {
        let url = try CurlURL(parsing: text, defaultScheme: "imap", supportedSchemes: ["imap", "imaps"])
        let implicitTLS = url.scheme == "imaps"
        if shared.probe { return try probe(url, implicitTLS: implicitTLS, shared: shared, context: context) }
        let pulling = imap.download.isPulling
        // Everything the user gave is checked before connecting.
        let upload = try imap.uploadFile.map { try Upload(url: url, file: $0, context: context) }
        let request =
            pulling || upload != nil
            ? nil : try IMAPURLRequest(path: url.path, query: url.query, customRequest: imap.download.request)
        let mailbox = pulling ? try pullMailbox(url) : nil
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 993 : 143,
            context: context)
        // The destination is created, locked and its state read before connecting: a problem
        // with it (exit 23) is reported without contacting the server.
        let store = pulling ? try openStore(imap.download) : nil
        if let store, let mailbox {
            if imap.allMailboxes {
                _ = try SyncRecord(store.state)
            } else {
                try IMAPMailboxPull.checkDestination(store, mailbox: mailbox)
            }
        }
        if pulling { Interruption.install() }  // Ctrl-C: save what is whole, exit 130
        let progress = ProgressLine(standardError: context.standardError, output: shared.output)
        if request == nil { reuse?.releaseKept() }
        let reuse = request == nil ? nil : reuse  // only curl's URL requests share a session
        do {
            let kept =
                try reuse?.take(url: url)
                ?? IMAPKeptSession(
                    try login(url: url, setup: setup, implicitTLS: implicitTLS, tagPrefix: reuse?.nextTagPrefix ?? "A"))
            let session = kept.session
            do {
                try context.report.measure(.transfer) {
                    if let mailbox, let store {
                        try pull(
                            session, mailbox: mailbox, into: store, imap: imap, output: shared.output,
                            progress: progress, context: context)
                    } else if let upload {
                        try session.run(try .append(upload.mailbox, flags: [.seen], message: upload.message))
                    } else if let request {
                        try perform(request, kept: kept, output: imap.download.output, context: context)
                    }
                }
            } catch let error as IMAPError where error.leavesSessionInStep {
                // The server answered: say goodbye before reporting, as curl does (curl test 803).
                session.logout()
                throw error
            }
            if let reuse, reuse.keepOpen {
                reuse.keep(kept, url: url)
            } else {
                session.logout()
            }
        } catch  where pulling && Interruption.requested {
            throw progress.interrupted()
        } catch {
            progress.interrupt()
            throw error
        }
    }

    /// `--probe`: greeting, CAPABILITY, STARTTLS per the URL and `--ssl`/`--ssl-reqd`,
    /// CAPABILITY again; the names on stdout, then LOGOUT. No login.
    static func probe(_ url: CurlURL, implicitTLS: Bool, shared: MailToolOptions, context: ToolContext) throws {
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 993 : 143, context: context)
        let session = IMAPSession(stream: try setup.open(), trace: setup.trace, implicitTLS: implicitTLS)
        context.report.watch(session)
        try session.open(tls: setup.upgrade)
        try CapabilityListing.write(session.capabilities.names, to: context.standardOutput)
        session.logout()
    }

    /// Connects, upgrades to TLS as asked, and logs in (unless the server greeted with PREAUTH).
    static func login(
        url: CurlURL, setup: MailSessionSetup, implicitTLS: Bool, tagPrefix: String = "A"
    ) throws -> IMAPSession {
        let stream = try setup.open()
        let session = IMAPSession(stream: stream, trace: setup.trace, implicitTLS: implicitTLS, tagPrefix: tagPrefix)
        setup.report.watch(session)
        try session.open(tls: setup.upgrade)
        setup.noteContinuingWithoutTLS(isSecure: session.isSecure)
        if let credentials = setup.credentials {
            try setup.report.measure(.authentication) {
                try session.authenticate(
                    credentials: credentials, preference: setup.preference, serverHost: url.host,
                    serverPort: setup.port, allowPlaintext: setup.allowPlaintextCredentials,
                    initialResponse: setup.initialResponse, channelBinding: stream.channelBinding)
            }
        } else if !session.isAuthenticated {
            throw ToolError(.loginDenied, "no credentials: give -u USER (or the URL's user, or --netrc)")
        }
        return session
    }

    /// `-T FILE`: the message (line ends made CR LF) and the URL's mailbox it goes into.
    struct Upload {
        let mailbox: IMAPMailboxName
        let message: [UInt8]

        init(url: CurlURL, file: String, context: ToolContext) throws {
            let request = try IMAPURLRequest(path: url.path, query: nil)
            guard case .list(let mailbox?) = request.action, url.query == nil, request.uidValidity == nil else {
                throw ToolError(.urlMalformat, "-T needs a URL that names a mailbox only (imap://host/Sent)")
            }
            self.mailbox = mailbox
            message = IMAPMessageText.withCRLF(try UploadFile.read(file, standardInput: context.standardInput))
            _ = try IMAPCommand.append(mailbox, flags: [.seen], message: message)  // refused here if unsendable
        }
    }

    /// The mailbox a pull reads: the URL's path, INBOX when empty.
    static func pullMailbox(_ url: CurlURL) throws -> IMAPMailboxName {
        guard url.query == nil else {
            throw ToolError(.urlMalformat, "With --maildir/--mbox the URL names a mailbox only (no ?search)")
        }
        let path = url.path.drop { $0 == "/" }
        if path.isEmpty { return .inbox }
        let request = try IMAPURLRequest(path: "/" + path + (path.hasSuffix("/") ? "" : "/"), query: nil)
        guard case .list(let reference?) = request.action else {
            throw ToolError(.urlMalformat, "With --maildir/--mbox the URL names a mailbox only (imap://host/INBOX)")
        }
        return reference
    }

    /// The `--mbox` file or `--maildir` directory, opened (created if missing).
    static func openStore(_ download: MailboxDownloadOptions) throws -> MessageStore? {
        if let path = download.mbox { return try Mbox.open(at: path) }
        return try download.maildir.map { try Maildir.open(at: $0) }
    }

    // MARK: curl's URL requests

    static func perform(
        _ request: IMAPURLRequest, kept: IMAPKeptSession, output path: String?, context: ToolContext
    ) throws {
        let session = kept.session
        if let mailbox = request.mailbox {
            // A session that has the mailbox selected already (the transfer before) does not
            // select it again, as curl does (curl test 804).
            let selected = try kept.select(mailbox)
            if let wanted = request.uidValidity, selected.uidValidity != wanted {
                throw IMAPError(
                    .uidValidityChanged,
                    "Mailbox UIDVALIDITY has changed (\(selected.uidValidity.map(String.init) ?? "none") "
                        + "instead of \(wanted))")
            }
        }
        // `-o FILE` gets whatever stdout would (the message, a listing, a custom answer), and
        // is created only once the command completed.
        let file = try path.map { try AtomicOutputFile(path: $0) }
        let out: ByteSink = file ?? context.standardOutput
        let command = request.command()
        switch request.action {
        case .fetch:
            var size: Int64 = 0
            try session.fetchBody(
                command,
                into: SinkAdapter {
                    size += Int64($0.count)
                    try out.write($0)
                })
            context.report.addTransfer(messages: 1, bytes: size)
        case .custom(_, let custom):
            try session.runPrinting(command, show: custom.shows) { try out.write($0) }
        case .list, .search:
            try session.runPrinting(command, show: { _ in true }) { try out.write($0) }
        }
        try file?.commit()
    }

    // MARK: Mailbox pull

    /// Pulls the mailbox (or, with --all-mailboxes, every mailbox) into the store opened before
    /// connecting; one summary line per mailbox.
    static func pull(
        _ session: IMAPSession, mailbox: IMAPMailboxName, into destination: MessageStore, imap: IMAPFetchOptions,
        output: OutputOptions, progress: ProgressLine, context: ToolContext
    ) throws {
        func pullOne(_ name: IMAPMailboxName, into store: MessageStore) throws {
            var pull = IMAPMailboxPull(session: session, mailbox: name, store: store, delete: imap.download.delete)
            progress.begin(mailbox: ControlCharacterEscaping.escape(name.displayName))
            pull.progress = { progress.update(messages: $0, bytes: $1) }
            if progress.wantsTotals { pull.totals = { progress.totals(messages: $0, bytes: $1) } }
            let result = try pull.run()
            if result.uidValidityChanged && !output.silent {
                try? context.standardError.write(
                    "imap-fetch: UIDVALIDITY of \(name.displayName) changed: fetched it again, "
                        + "\(result.skippedDuplicates) messages already saved were skipped\n")
            }
            try store.close()
            context.report.addTransfer(messages: result.saved, bytes: result.bytes, deleted: result.deleted)
            progress.finish(messages: result.saved, bytes: result.bytes, deleted: result.deleted)
        }
        if imap.allMailboxes, let root = destination as? Maildir {
            _ = try SyncRecord(root.state)  // a damaged state stops the run before any folder is pulled
            for entry in try session.listMailboxes() where entry.isSelectable {
                let store =
                    entry.name == .inbox || entry.name.displayName.uppercased() == "INBOX"
                    ? root
                    : try root.folder(
                        try MaildirFolderName(
                            serverName: String(decoding: entry.name.bytes, as: UTF8.self),
                            delimiter: entry.delimiter.map { Character(Unicode.Scalar($0)) }))
                try pullOne(entry.name, into: store)
            }
        } else {
            try pullOne(mailbox, into: destination)
        }
    }
}

/// Bridges a streamed literal to a closure.
final class SinkAdapter: IMAPLiteralSink {
    private let body: (UnsafeRawBufferPointer) throws -> Void
    init(_ body: @escaping (UnsafeRawBufferPointer) throws -> Void) { self.body = body }
    func write(_ bytes: UnsafeRawBufferPointer) throws { try body(bytes) }
}
