import CLI
import CurlURL
import MailCLI
import SMTP

/// curl's several URLs, `-:`/`--next` and several `-T FILE` for smtp-send: the transfers run in
/// order; the messages of one transfer (each `-T`, the ones beyond the URLs included) go over
/// one connection, one transaction after the other as `--flush-queue` sends them (pipelined
/// when the server offers PIPELINING, RSET only after a refused transaction), and the next
/// transfer reuses that connection when its URL (EHLO name included), login and connection
/// options are the same. A refused transaction does not stop the others; the transfer then
/// fails with the first refusal, after QUIT.
enum SMTPTransfers {
    /// The options that only shape one transfer's messages or output.
    static let requestOptions: Set<String> = [
        "output", "upload-file", "mail-from", "mail-rcpt", "mail-auth", "mail-rcpt-allowfails", "header",
        "crlf", "form", "add-from", "read-recipients", "head",
    ]

    /// Whether the command line needs this: several URLs, `-:`, or several `-T`.
    static func needed(_ parsed: OptionParser.Result) -> Bool {
        !parsed.nextGroups.isEmpty || parsed.positionals.count > 1
            || parsed.options.filter { $0.name == "upload-file" }.count > 1
    }

    static func run(_ parsed: OptionParser.Result, display: inout ErrorDisplay, context: ToolContext) throws {
        let transfers = try TransferList.make(parsed)
        let sessions = SessionReuse<SMTPSession> { $0.quit() }
        defer { sessions.release() }
        try SMTPSendCommand.runner.runTransfers(transfers, context: context) { transfer, isLast in
            var arguments = SMTPSendArguments()
            var shared = try MailToolOptions.parse(transfer.parsed, own: &arguments)
            shared.dumpHeaderContinues = TransferList.repeats("dump-header", of: transfer, in: transfers)
            display.showsErrors = shared.output.showsErrors
            let files = transfer.parsed.options.filter { $0.name == "upload-file" }.map(\.argument)
            if files.count > 1, arguments.smtp.queue != nil {
                throw ToolError.usage("--queue takes one -T FILE per URL")
            }
            guard !files.isEmpty, arguments.smtp.queue == nil, !shared.probe, !arguments.request.head else {
                // A command, a probe, a queued or a composed message: one transfer as before.
                sessions.release()
                return try SMTPSendCommand.run(transfer.parsed, display: &display, context: context, sendmail: false)
            }
            try send(
                files, transfer: transfer, arguments: arguments, shared: shared, sessions: sessions,
                keepOpen: !isLast, context: context)
        }
    }

    /// Sends one transfer's messages (all read and checked before connecting).
    static func send(
        _ files: [String], transfer: Transfer, arguments: SMTPSendArguments, shared: MailToolOptions,
        sessions: SessionReuse<SMTPSession>, keepOpen: Bool, context: ToolContext
    ) throws {
        let messages = try files.map { file in
            var smtp = arguments.smtp
            smtp.uploadFile = file
            return try OutgoingMessage.prepare(smtp, composition: arguments.composition, context: context)
        }
        let target = try SMTPTarget(transfer.url)
        let key = ConnectionKey(
            url: target.url, transfer: transfer, requestOptions: requestOptions, session: target.clientName)
        let session: SMTPSession
        if let kept = sessions.take(key) {
            session = kept
        } else {
            sessions.release()
            session = try target.connect(shared: shared, context: context)
        }
        let notes = Notes(tool: "smtp-send", sink: context.standardError, shown: shared.output.showsErrors)
        let output = OutputFile(path: arguments.request.output, standardOutput: context.standardOutput)
        var refusal: SMTPError?
        var needsReset = false
        for message in messages {
            if needsReset { try session.reset() }
            do {
                let reply = try session.sendMessage(
                    message.envelope, source: message.source, messageSize: message.messageSize,
                    eightBit: message.eightBit)
                notes.reportRefused(session.refusedRecipients)
                if !shared.output.silent { try output.write(Array((reply.summary + "\n").utf8)) }
                needsReset = false
            } catch let error as SMTPError where QueueFlush.endsOnlyTheTransaction(error) {
                notes.reportRefused(session.refusedRecipients)
                // The first refusal is the transfer's error; a later one is only reported.
                if refusal == nil { refusal = error } else { notes.line("message refused: \(error)") }
                needsReset = true
            }
        }
        if let refusal {
            session.quit()
            throw refusal
        }
        if keepOpen { sessions.keep(session, for: key) } else { session.quit() }
    }
}
