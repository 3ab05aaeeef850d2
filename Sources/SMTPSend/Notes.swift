import CLI
import Codec
import SMTP

/// One-line notes on stderr that a user must see even without `-v` (hidden only by `-s`
/// without `-S`, like error lines): a message kept in the queue, a recipient refused, a session
/// that went on without TLS. Server text is escaped before it reaches the terminal.
struct Notes {
    let tool: String
    let sink: ByteSink
    let shown: Bool

    func line(_ text: String) {
        guard shown else { return }
        try? sink.write("\(tool): \(ControlCharacterEscaping.escape(text))\n")
    }

    func reportRefused(_ refused: [(recipient: Mailbox, reply: SMTPReply)]) {
        for (recipient, reply) in refused {
            line("warning: recipient \(recipient.path) refused, not sent to it: \(reply.summary)")
        }
    }
}
