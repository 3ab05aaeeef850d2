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
public enum SMTPSendCommand {
    static let runner = ToolRunner(
        name: "smtp-send",
        summary: "Submit a message over SMTP (STARTTLS) or SMTPS, with SASL, as curl does, and safely.",
        specs: SMTPSendArguments.specs + MailToolOptions.specs + MailToolOptions.probeSpecs,
        protocols: ["smtp", "smtps"],
        features: [
            "IPv6", "SSL", "TLS-versions", "CRL", "OCSP", "TLS-SRP", "SASL", "PIPELINING", "8BITMIME", "SMTPUTF8",
        ])

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        runner.run(context) { parsed, display in
            var arguments = SMTPSendArguments()
            let shared = try MailToolOptions.parse(parsed, own: &arguments)
            display.showsErrors = shared.output.showsErrors
            if shared.probe { return try probe(url: parsed.positionals[0], shared: shared, context: context) }
            if try arguments.sendsCommand() {
                try SMTPRequestRun.run(
                    url: parsed.positionals[0], options: arguments.request,
                    recipients: arguments.smtp.mailRecipients, shared: shared, context: context)
                return
            }
            let reply = try send(
                url: parsed.positionals[0], smtp: arguments.smtp, composition: arguments.composition,
                shared: shared, context: context)
            if !shared.output.silent && !arguments.request.head {
                let output = OutputFile(path: arguments.request.output, standardOutput: context.standardOutput)
                try output.write(Array((reply.summary + "\n").utf8))
            }
        }
    }

    static func send(
        url text: String, smtp: SMTPSendOptions, composition: MessageCompositionOptions = MessageCompositionOptions(),
        shared: MailToolOptions, context: ToolContext
    ) throws -> SMTPReply {
        let target = try SMTPTarget(text)
        // Everything the user gave is checked before connecting: nothing is sent on bad input.
        var recipients = try smtp.mailRecipients.map { try Mailbox(argument: $0) }
        var from = try smtp.mailFrom.map { try Mailbox(argument: $0, allowNull: true) }
        let mailAuth = try smtp.mailAuth.map { try Mailbox(argument: $0, allowNull: true) }
        let message = try ComposedMessage.make(
            composition, uploadFile: smtp.uploadFile, standardInput: context.standardInput)
        var source = message.source
        if smtp.readRecipients {
            let (header, rest) = try MessageWithHeader.read(from: source)
            recipients += header.recipients.filter { !recipients.contains($0) }
            if from == nil { from = try header.envelopeSender() }
            source = rest
            guard from != nil else {
                throw ToolError.usage("no sender: give --mail-from ADDRESS (or -t with a From: header)")
            }
        }
        // Without --mail-from the null reverse-path, as curl sends it (RFC 5321 4.5.5).
        let sender = from ?? .null
        guard !recipients.isEmpty else {
            throw ToolError.usage("no recipients: give --mail-rcpt ADDRESS (or -t with To:/Cc:/Bcc: headers)")
        }
        let envelope = SMTPEnvelope(
            sender: sender, recipients: recipients, auth: mailAuth,
            allowRecipientFailures: smtp.allowRecipientFailures)

        let session = try target.connect(shared: shared, context: context)
        // SIZE counts the file; under -t the removed Bcc lines only make the message smaller.
        let reply = try session.quittingAfterRefusal {
            try session.sendMessage(
                envelope, source: source, messageSize: message.size, eightBit: message.eightBit)
        }
        session.quit()
        return reply
    }

    /// `--probe`: greeting, EHLO, STARTTLS per the URL and `--ssl`/`--ssl-reqd`, EHLO again; the
    /// keywords on stdout, then QUIT. No sender, recipient, message or login is needed.
    static func probe(url text: String, shared: MailToolOptions, context: ToolContext) throws {
        let target = try SMTPTarget(text)
        let setup = try shared.prepare(
            url: target.url, implicitTLS: target.implicitTLS, defaultPort: target.implicitTLS ? 465 : 25,
            context: context)
        let session = SMTPSession(stream: try setup.open(), trace: setup.trace, implicitTLS: target.implicitTLS)
        try session.open(clientName: target.clientName, tls: setup.upgrade)
        try CapabilityListing.write(session.capabilities.lines, to: context.standardOutput)
        session.quit()
    }
}

/// `-t`: the message's header section, read before connecting, with the rest of the message
/// (the header without Bcc, then the body) as the source to send.
enum MessageWithHeader {
    static func read(from source: MessageSource) throws -> (MessageHeader, MessageSource) {
        var reader = MessageHeaderReader()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            let result = n == 0 ? try reader.finish() : try reader.consume(buffer[0..<n])
            if let result {
                return (result.header, PrefixedMessageSource(prefix: result.header.bytes + result.body, rest: source))
            }
        }
    }
}
