import CLI
import Codec
import SMTP

/// What smtp-send tells the run report (`--json`): SMTP's reply codes and AUTH mechanism in the
/// dialog, the EHLO keywords, the envelope's recipients and the server's final reply.
struct SMTPReportDialect: ReportDialect {
    func replyCode(_ line: String) -> String? { Self.numericCode(line) }

    /// `AUTH <mechanism> [initial-response]` (RFC 4954).
    func authentication(_ line: String) -> String? {
        let words = Self.words(line)
        guard words.count >= 2, words[0].uppercased() == "AUTH" else { return nil }
        return String(words[1])
    }

    /// The queue id in a reply to the end of DATA: Postfix's `queued as 4XyZ`, Exim's `id=1abc`.
    static func queueID(in reply: String) -> String? {
        if let range = reply.firstRange(ofText: "queued as ") {
            let id = reply[range.upperBound...].prefix { !" ,;)".contains($0) }
            return id.isEmpty ? nil : String(id)
        }
        for word in reply.split(separator: " ") where word.hasPrefix("id=") && word.count > 3 {
            return String(word.dropFirst(3))
        }
        return nil
    }
}

extension RunRecorder {
    /// An SMTP session of this run: its dialect and its EHLO keywords.
    func watch(_ session: SMTPSession) {
        use(SMTPReportDialect())
        watchCapabilities(of: session) { $0.capabilities.lines }
    }

    /// The envelope's recipients, before anything is sent.
    func recordRecipients(of envelope: SMTPEnvelope) {
        recordRecipients(envelope.recipients.map(\.address))
    }

    /// The server's final reply; the recipients not refused on the way were accepted.
    func recordDelivery(_ reply: SMTPReply, refused: [(recipient: Mailbox, reply: SMTPReply)]) {
        recordDelivery(
            reply: reply.summary, queueID: SMTPReportDialect.queueID(in: reply.summary),
            refused: refused.map { (address: $0.recipient.address, reply: $0.reply.summary) })
    }
}
