import CurlURL
import LineProtocol
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
        specs: SMTPSendOptions.specs + MailAuthOptions.specs + StartTLSOptions.specs + TLSOptions.specs
            + ConnectionOptions.specs + OutputOptions.specs,
        protocols: ["smtp", "smtps"],
        features: ["IPv6", "SSL", "TLS-versions", "CRL", "OCSP", "TLS-SRP", "SASL", "PIPELINING", "8BITMIME", "SMTPUTF8"])

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        runner.run(context) { parsed, display in
            var smtp = SMTPSendOptions(), auth = MailAuthOptions(), startTLS = StartTLSOptions()
            var tls = TLSOptions(), connection = ConnectionOptions(), output = OutputOptions()
            for option in parsed.options where option.name != "help" && option.name != "version" {
                if try output.apply(option) || smtp.apply(option) || auth.apply(option) || startTLS.apply(option)
                    || tls.apply(option) || connection.apply(option) { continue }
            }
            display.showsErrors = output.showsErrors
            guard parsed.positionals.count == 1 else {
                throw ToolError.usage(parsed.positionals.isEmpty ? "no URL specified" : "only one URL per run")
            }
            let reply = try send(url: parsed.positionals[0], smtp: smtp, auth: auth, startTLS: startTLS, tls: tls,
                                 connection: connection, output: output, context: context)
            if !output.silent { try context.standardOutput.write(reply.summary + "\n") }
        }
    }

    static func send(url text: String, smtp: SMTPSendOptions, auth: MailAuthOptions, startTLS: StartTLSOptions,
                     tls: TLSOptions, connection: ConnectionOptions, output: OutputOptions,
                     context: ToolContext) throws -> SMTPReply {
        let url = try CurlURL(parsing: text, defaultScheme: "smtp", supportedSchemes: ["smtp", "smtps"])
        let implicitTLS = url.scheme == "smtps"
        let clientName = try ehloName(url)
        _ = try SMTPCommand.ehlo(clientName)  // refused here, before connecting, if unusable
        // Everything the user gave is checked before connecting: nothing is sent on bad input.
        var recipients = try smtp.mailRecipients.map { try Mailbox(argument: $0) }
        var sender = try smtp.mailFrom.map { try Mailbox(argument: $0, allowNull: true) }
        let mailAuth = try smtp.mailAuth.map { try Mailbox(argument: $0, allowNull: true) }
        let credentials = try auth.credentials(url: url, environment: context.environment)
        let preference = try auth.preference(url: url)
        let trace = try output.trace(standardError: context.standardError)
        let client = runner.tlsClient
        let tlsConfiguration = try tls.configuration(environment: context.environment, libraryVersion: client.libraryVersion)

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
        let envelope = SMTPEnvelope(sender: sender, recipients: recipients, auth: mailAuth,
                                    allowRecipientFailures: smtp.allowRecipientFailures)

        let server = ServerConnection(connection: connection, tlsConfiguration: tlsConfiguration, tlsClient: client,
                                      trace: trace, deadline: connection.operationDeadline())
        let port = url.effectivePort ?? (implicitTLS ? 465 : 25)
        let stream = try server.open(host: url.host, port: UInt16(port), implicitTLS: implicitTLS)
        let session = SMTPSession(stream: stream, trace: trace, implicitTLS: implicitTLS)
        let upgrade = TLSUpgrade(policy: implicitTLS ? .never : startTLS.policy) { try server.startTLS($0, host: url.host) }
        try session.open(clientName: clientName, tls: upgrade)
        if let credentials {
            try session.authenticate(credentials: credentials, preference: preference, serverHost: url.host,
                                     serverPort: port, allowPlaintext: startTLS.plaintextRequested,
                                     initialResponse: auth.initialResponse, channelBinding: stream.channelBinding)
        }
        // SIZE counts the file; under -t the removed Bcc lines only make the message smaller.
        let reply = try session.sendMessage(envelope, source: source, messageSize: file.regularFileSize, eightBit: eightBit)
        session.quit()
        return reply
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
