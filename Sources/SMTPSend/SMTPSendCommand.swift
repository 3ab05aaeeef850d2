import CLI
import CurlURL
import MailCLI
import SASL
import SMTP
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// `smtp-send URL`: submits one message over SMTP with STARTTLS, or SMTPS, with SASL, and
/// reports the server's verdict in its exit code (curl's) and its final reply on stdout.
/// Run as `sendmail` (or with `--sendmail`) it takes sendmail's options (`SendmailArguments`)
/// and exits with sysexits codes (`SendmailExitStatus`); `--queue DIR` keeps what fails for a
/// temporary reason, `--flush-queue` sends it later (`QueueSubmission`, `QueueFlush`).
public enum SMTPSendCommand {
    static let runner = ToolRunner(
        name: "smtp-send",
        summary: "Submit a message over SMTP (STARTTLS) or SMTPS, with SASL, as curl does, and safely.",
        specs: SMTPSendArguments.specs + MailToolOptions.specs + MailToolOptions.probeSpecs
            + MailToolOptions.transferSpecs,
        protocols: ["smtp", "smtps"],
        features: [
            "IPv6", "SSL", "TLS-versions", "CRL", "OCSP", "TLS-SRP", "SASL", "PIPELINING", "8BITMIME", "SMTPUTF8",
        ])

    static let sendmailRunner: ToolRunner = {
        var sendmail = ToolRunner(
            name: "sendmail", summary: runner.summary + " (sendmail mode)",
            specs: Array(runner.specs.dropLast(ToolRunner.commonSpecs.count)),
            protocols: runner.protocols, features: runner.features)
        let specs = runner.specs
        sendmail.rewriteArguments = { (arguments) throws(ToolError) in
            try SendmailArguments.translate(arguments, specs: specs)
        }
        sendmail.exitStatus = { SendmailExitStatus.status(for: $0).rawValue }
        return sendmail
    }()

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        let sendmail = SendmailArguments.isRequested(programName: context.programName, arguments: context.arguments)
        return (sendmail ? sendmailRunner : runner).run(context) { parsed, display in
            try run(parsed, display: &display, context: context, sendmail: sendmail)
        }
    }

    static func run(
        _ parsed: OptionParser.Result, display: inout ErrorDisplay, context: ToolContext, sendmail: Bool
    ) throws {
        var arguments = SMTPSendArguments()
        let flush = parsed.options.contains { $0.name == "flush-queue" && !$0.negated }
        if !sendmail && !flush && SMTPTransfers.needed(parsed) {
            return try SMTPTransfers.run(parsed, display: &display, context: context)
        }
        if sendmail && !flush && parsed.positionals.isEmpty {
            throw SendmailModeError(
                .noServer,
                "no server to send to: give its URL (smtp://host:587/ or --url URL) before the sendmail "
                    + "options, or define a default account")
        }
        let shared = try MailToolOptions.parse(parsed, own: &arguments, requiresURL: !flush)
        display.showsErrors = shared.output.showsErrors
        let notes = Notes(
            tool: sendmail ? "sendmail" : "smtp-send", sink: context.standardError, shown: display.showsErrors)
        let smtp = arguments.smtp
        if flush {
            let summary = try QueueFlush(
                directory: smtp.queue, commandLine: parsed.options, positionals: parsed.positionals,
                context: context, notes: notes
            ).run()
            if !shared.output.silent, let summary { try context.standardOutput.write(summary + "\n") }
            return
        }
        let url = parsed.positionals[0]
        if shared.probe { return try probe(url: url, shared: shared, context: context) }
        // sendmail's interface always sends a message; curl's sends a command when none is given.
        if !sendmail, try arguments.sendsCommand() {
            return try SMTPRequestRun.run(
                url: url, options: arguments.request, recipients: smtp.mailRecipients, shared: shared, context: context)
        }
        let message = try OutgoingMessage.prepare(smtp, composition: arguments.composition, context: context)
        let result: Delivery?
        if let directory = smtp.queue {
            result = try QueueSubmission(
                directory: directory, arguments: QueueArguments.make(url: url, options: parsed.options), notes: notes
            ).send(message) { try deliver($0, url: url, shared: shared, context: context, notes: notes) }
        } else {
            result = try deliver(message, url: url, shared: shared, context: context, notes: notes)
        }
        guard let result else { return }  // queued
        // sendmail prints nothing on success: cron mails whatever a job writes.
        if !shared.output.silent && !arguments.request.head && !sendmail {
            let output = OutputFile(path: arguments.request.output, standardOutput: context.standardOutput)
            try output.write(Array((result.reply.summary + "\n").utf8))
        }
        if sendmail && !result.refused.isEmpty {
            throw SendmailModeError(
                .partialDelivery,
                "\(result.refused.count) of \(message.envelope.recipients.count) recipients refused; "
                    + "the message went to the others")
        }
    }

    /// The outcome of one message: the server's final reply and who was refused on the way.
    struct Delivery {
        var reply: SMTPReply
        var refused: [(recipient: Mailbox, reply: SMTPReply)]
    }

    static func deliver(
        _ message: OutgoingMessage, url: String, shared: MailToolOptions, context: ToolContext, notes: Notes
    ) throws -> Delivery {
        let session = try SMTPTarget(url).connect(shared: shared, context: context)
        context.report.recordRecipients(of: message.envelope)
        let reply = try session.quittingAfterRefusal {
            try context.report.measure(.transfer) {
                try session.sendMessage(
                    message.envelope, source: message.source, messageSize: message.messageSize,
                    eightBit: message.eightBit)
            }
        }
        context.report.recordDelivery(reply, refused: session.refusedRecipients)
        notes.reportRefused(session.refusedRecipients)
        let refused = session.refusedRecipients
        session.quit()
        return Delivery(reply: reply, refused: refused)
    }

    /// `--probe`: greeting, EHLO, STARTTLS per the URL and `--ssl`/`--ssl-reqd`, EHLO again; the
    /// keywords on stdout, then QUIT. No sender, recipient, message or login is needed.
    static func probe(url text: String, shared: MailToolOptions, context: ToolContext) throws {
        let target = try SMTPTarget(text)
        let setup = try shared.prepare(
            url: target.url, implicitTLS: target.implicitTLS, defaultPort: target.implicitTLS ? 465 : 25,
            context: context)
        let session = SMTPSession(stream: try setup.open(), trace: setup.trace, implicitTLS: target.implicitTLS)
        context.report.watch(session)
        try session.open(clientName: target.clientName, tls: setup.upgrade)
        try CapabilityListing.write(session.capabilities.lines, to: context.standardOutput)
        session.quit()
    }
}
