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
        specs: SMTPSendOptions.specs + MailToolOptions.specs + MailToolOptions.probeSpecs,
        protocols: ["smtp", "smtps"],
        features: [
            "IPv6", "SSL", "TLS-versions", "CRL", "OCSP", "TLS-SRP", "SASL", "PIPELINING", "8BITMIME", "SMTPUTF8",
        ])

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        runner.run(context) { parsed, display in
            var smtp = SMTPSendOptions()
            let shared = try MailToolOptions.parse(parsed, own: &smtp)
            display.showsErrors = shared.output.showsErrors
            if shared.probe { return try probe(url: parsed.positionals[0], shared: shared, context: context) }
            let reply = try send(url: parsed.positionals[0], smtp: smtp, shared: shared, context: context)
            if !shared.output.silent { try context.standardOutput.write(reply.summary + "\n") }
        }
    }

    static func send(
        url text: String, smtp: SMTPSendOptions, shared: MailToolOptions, context: ToolContext
    ) throws -> SMTPReply {
        let url = try CurlURL(parsing: text, defaultScheme: "smtp", supportedSchemes: ["smtp", "smtps"])
        let implicitTLS = url.scheme == "smtps"
        let clientName = try ehloName(url)
        _ = try SMTPCommand.ehlo(clientName)  // refused here, before connecting, if unusable
        // Everything the user gave is checked before connecting: nothing is sent on bad input.
        var recipients = try smtp.mailRecipients.map { try Mailbox(argument: $0) }
        var sender = try smtp.mailFrom.map { try Mailbox(argument: $0, allowNull: true) }
        let mailAuth = try smtp.mailAuth.map { try Mailbox(argument: $0, allowNull: true) }
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 465 : 25,
            context: context)

        let file = try FileMessageSource(path: smtp.uploadFile, standardInput: context.standardInput)
        let eightBit = try file.eightBitContent()
        var source: MessageSource = file
        if smtp.readRecipients {
            let (header, rest) = try MessageWithHeader.read(from: file)
            recipients += header.recipients.filter { !recipients.contains($0) }
            if sender == nil { sender = try header.envelopeSender() }
            source = rest
        }
        guard let sender else {
            throw ToolError.usage("no sender: give --mail-from ADDRESS (or -t with a From: header)")
        }
        guard !recipients.isEmpty else {
            throw ToolError.usage("no recipients: give --mail-rcpt ADDRESS (or -t with To:/Cc:/Bcc: headers)")
        }
        let envelope = SMTPEnvelope(
            sender: sender, recipients: recipients, auth: mailAuth,
            allowRecipientFailures: smtp.allowRecipientFailures)

        let stream = try setup.open()
        let session = SMTPSession(stream: stream, trace: setup.trace, implicitTLS: implicitTLS)
        try session.open(clientName: clientName, tls: setup.upgrade)
        if let credentials = setup.credentials {
            try session.authenticate(
                credentials: credentials, preference: setup.preference, serverHost: url.host,
                serverPort: setup.port, allowPlaintext: setup.allowPlaintextCredentials,
                initialResponse: setup.initialResponse, channelBinding: stream.channelBinding)
        }
        // SIZE counts the file; under -t the removed Bcc lines only make the message smaller.
        let reply = try session.sendMessage(
            envelope, source: source, messageSize: file.regularFileSize, eightBit: eightBit)
        session.quit()
        return reply
    }

    /// `--probe`: greeting, EHLO, STARTTLS per the URL and `--ssl`/`--ssl-reqd`, EHLO again; the
    /// keywords on stdout, then QUIT. No sender, recipient, message or login is needed.
    static func probe(url text: String, shared: MailToolOptions, context: ToolContext) throws {
        let url = try CurlURL(parsing: text, defaultScheme: "smtp", supportedSchemes: ["smtp", "smtps"])
        let implicitTLS = url.scheme == "smtps"
        let clientName = try ehloName(url)
        _ = try SMTPCommand.ehlo(clientName)
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 465 : 25, context: context)
        let session = SMTPSession(stream: try setup.open(), trace: setup.trace, implicitTLS: implicitTLS)
        try session.open(clientName: clientName, tls: setup.upgrade)
        try CapabilityListing.write(session.capabilities.lines, to: context.standardOutput)
        session.quit()
    }

    /// The EHLO name: the URL's path as in curl (`smtp://host/client.example`), else this
    /// machine's host name; never the upload file's name.
    static func ehloName(_ url: CurlURL) throws -> String {
        let path = url.path.drop { $0 == "/" }
        if !path.isEmpty {
            return String(decoding: try PercentEncoding.decode(path), as: UTF8.self)
        }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
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
