import CLI
import MailCLI
import MailStore
import SMTP

extension QueueFlush {
    /// Sends the entries of one destination over one connection; returns how many were sent.
    /// A failure of the connection itself leaves this destination's remaining entries queued.
    func sendGroup(
        _ arguments: [String], _ entries: [Entry], queue: MessageQueue, failures: inout FlushFailures
    ) throws -> Int {
        var sent = 0
        do {
            let parsed = try OptionParser(specs: SMTPSendCommand.runner.specs).parse(arguments + ownArguments)
            var arguments = SMTPSendArguments()
            let shared = try MailToolOptions.parse(parsed, own: &arguments)
            let smtp = arguments.smtp
            let session = try SMTPTarget(parsed.positionals[0]).connect(shared: shared, context: context)
            var needsReset = false
            for entry in entries {
                guard let file = try queue.openEntry(entry.name) else { continue }
                if needsReset { try session.reset() }
                do {
                    try send(entry, file: file, session: session, allowFailures: smtp.allowRecipientFailures)
                    try queue.remove(entry.name)
                    sent += 1
                    needsReset = false
                } catch let error as SMTPError where Self.endsOnlyTheTransaction(error) {
                    failures.record(error)
                    try keepOrSetAside(entry, queue: queue, error: error)
                    needsReset = true
                }
            }
            session.quit()
        } catch {
            failures.record(error)
            notes.line("could not flush to \(arguments.first ?? "?"), its messages stay queued: \(error)")
        }
        return sent
    }

    /// The flush's own options, given after each entry's arguments (later options win).
    private var ownArguments: [String] {
        commandLine.filter { $0.name != "flush-queue" && $0.name != "queue" }.flatMap { option -> [String] in
            let name = (option.negated ? "--no-" : "--") + option.name
            return option.spec.takesArgument ? [name, option.argument] : [name]
        }
    }

    private func send(_ entry: Entry, file: QueueEntryFile, session: SMTPSession, allowFailures: Bool) throws {
        let sender = try Mailbox(argument: "<\(entry.header.sender)>", allowNull: true)
        let recipients = try entry.header.recipients.map { try Mailbox(argument: "<\($0)>") }
        let envelope = SMTPEnvelope(sender: sender, recipients: recipients, allowRecipientFailures: allowFailures)
        let source = QueuedMessageSource(entry: file, offset: entry.offset)
        let size = UInt64(max(0, try file.byteCount() - entry.offset))
        _ = try session.sendMessage(envelope, source: source, messageSize: size, eightBit: .unknown)
        notes.reportRefused(session.refusedRecipients)
    }

    /// A refusal of MAIL, RCPT, DATA or the message: the connection can go on with the next.
    static func endsOnlyTheTransaction(_ error: SMTPError) -> Bool {
        switch error.kind {
        case .rejected(let stage, _):
            switch stage {
            case .mail, .rcpt, .data, .message: return true
            case .greeting, .ehlo, .helo, .startTLS, .auth, .command: return false
            }
        case .messageTooLarge, .needs8BitMIME, .needsSMTPUTF8, .badAddress: return true
        case .malformedReply, .replyTooLong, .tooManyLines, .unsolicitedReply, .messageHeaderTooLarge: return false
        }
    }

    /// A temporary refusal keeps the entry for the next flush; a permanent one moves it to
    /// `failed/`, where it is kept but no longer sent.
    private func keepOrSetAside(_ entry: Entry, queue: MessageQueue, error: SMTPError) throws {
        if SendmailExitStatus.isTemporary(error) {
            notes.line("queued message \(entry.name) stays queued: \(error)")
        } else {
            let path = try queue.moveToFailed(entry.name)
            notes.line("queued message refused for good, moved to \(path): \(error)")
        }
    }
}
