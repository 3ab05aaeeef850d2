import CLI
import CurlURL
import MailCLI
import SMTP

/// curl's SMTP "based command": without a message, `smtp-send` sends `VRFY` for each
/// `--mail-rcpt`, `-X COMMAND` (with each `--mail-rcpt` as its argument), or `HELP`, and writes
/// each answer as the server sent it (every line, CR LF included) to stdout or `-o FILE`.
enum SMTPRequestRun {
    static func run(
        url text: String, options: SMTPRequestOptions, recipients: [String], shared: MailToolOptions,
        context: ToolContext
    ) throws {
        let target = try SMTPTarget(text)
        // -X is percent-decoded as curl does; a decoded control character could split the line.
        let custom = try options.request.map { raw in
            guard let bytes = PercentEncoding.decodeLeniently(raw) else {
                throw SMTPError(.badAddress, "Invalid -X command: a control character after decoding")
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let request = try SMTPRequest(custom: custom, recipients: recipients.map(AddressDomainIDNA.converted))
        let output = OutputFile(path: options.output, standardOutput: context.standardOutput)
        let session = try target.connect(shared: shared, context: context)
        try session.quittingAfterRefusal {
            try session.perform(request) { reply in
                guard !options.head else { return }
                for line in reply.rawLines { try output.write(line + [0x0D, 0x0A]) }
            }
        }
        session.quit()
        if !options.head { try output.finish() }
    }
}
