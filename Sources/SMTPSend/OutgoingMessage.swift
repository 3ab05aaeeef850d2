import CLI
import SMTP

/// The message to send and its envelope, resolved before connecting from the options and, under
/// `-t` or `--add-from`, the message's header: nothing is sent on bad input.
struct OutgoingMessage {
    var envelope: SMTPEnvelope
    var source: MessageSource
    /// For SIZE: the file's size (plus an added From line), nil for a pipe.
    var messageSize: UInt64?
    var eightBit: MailParameters.EightBitContent

    static func prepare(
        _ smtp: SMTPSendOptions, composition: MessageCompositionOptions = MessageCompositionOptions(),
        context: ToolContext
    ) throws -> OutgoingMessage {
        var recipients = try smtp.mailRecipients.map { try Mailbox(argument: AddressDomainIDNA.converted($0)) }
        var sender = try smtp.mailFrom.map { try Mailbox(argument: AddressDomainIDNA.converted($0), allowNull: true) }
        let mailAuth = try smtp.mailAuth.map {
            try Mailbox(argument: AddressDomainIDNA.converted($0), allowNull: true)
        }
        let message = try ComposedMessage.make(
            composition, uploadFile: smtp.uploadFile, standardInput: context.standardInput)
        let file = message.source
        let eightBit = message.eightBit
        var source: MessageSource = file
        var size = message.size
        if smtp.readRecipients || smtp.addFrom {
            let (header, body) = try MessageWithHeader.read(from: file)
            if smtp.readRecipients { recipients += header.recipients.filter { !recipients.contains($0) } }
            if sender == nil { sender = try header.envelopeSender() }
            var prefix: [UInt8] = []
            if smtp.addFrom, !header.hasFrom, let sender, !sender.isNull {
                prefix = AddedFromField.line(address: sender.address, fullName: smtp.fromName)
                size = size.map { $0 + UInt64(prefix.count) }
            }
            source = PrefixedMessageSource(prefix: prefix + header.bytes + body, rest: file)
        }
        // Without --mail-from the null reverse-path, as curl sends it (RFC 5321 4.5.5); where
        // the sender was to come from the message (-t, sendmail mode), a missing one is an error.
        if sender == nil && !(smtp.readRecipients || smtp.addFrom) { sender = .null }
        guard let sender else {
            throw ToolError.usage("no sender: give --mail-from ADDRESS (sendmail: -f ADDRESS) or a From: header")
        }
        guard !recipients.isEmpty else {
            throw ToolError.usage("no recipients: give --mail-rcpt ADDRESS (or -t with To:/Cc:/Bcc: headers)")
        }
        let envelope = SMTPEnvelope(
            sender: sender, recipients: recipients, auth: mailAuth,
            allowRecipientFailures: smtp.allowRecipientFailures)
        // SIZE counts the file; under -t the removed Bcc lines only make the message smaller.
        return OutgoingMessage(envelope: envelope, source: source, messageSize: size, eightBit: eightBit)
    }
}

/// `-t`: the message's header section, read before connecting, with the rest of the message
/// (the header without Bcc, then the body) as the source to send.
enum MessageWithHeader {
    static func read(from source: MessageSource) throws -> (header: MessageHeader, body: [UInt8]) {
        var reader = MessageHeaderReader()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            let result = n == 0 ? try reader.finish() : try reader.consume(buffer[0..<n])
            if let result { return (result.header, result.body) }
        }
    }
}

/// The From field sendmail and msmtp add to a message that has none: `From: addr`, or with a
/// full name (`-F`) `From: "Full Name" <addr>`, the name as a quoted string with its control
/// characters left out (a CR LF would start a new header field).
enum AddedFromField {
    static func line(address: String, fullName: String?) -> [UInt8] {
        guard let fullName, !fullName.isEmpty else { return Array("From: \(address)\r\n".utf8) }
        var quoted = ""
        for scalar in fullName.unicodeScalars where scalar.value >= 0x20 && scalar.value != 0x7F {
            if scalar == "\"" || scalar == "\\" { quoted += "\\" }
            quoted.unicodeScalars.append(scalar)
        }
        return Array("From: \"\(quoted)\" <\(address)>\r\n".utf8)
    }
}
