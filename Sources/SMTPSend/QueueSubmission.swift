import CLI
import MailStore
import SMTP

/// `--queue DIR`: the message is first written to an entry in the queue's `tmp/` (so a message
/// read from a pipe can be sent again), sent from there, and kept (fdatasync, rename into
/// `new/`, fsync) only when the send failed for a temporary reason (`SendmailExitStatus`: a 4xx
/// reply, a timeout, a refused or dropped connection). A sent message and one refused for good
/// (5xx) leave nothing behind.
struct QueueSubmission {
    let directory: String
    let arguments: [String]
    let notes: Notes

    /// Returns the delivery, or nil when the message was queued.
    func send(
        _ message: OutgoingMessage, deliver: (OutgoingMessage) throws -> SMTPSendCommand.Delivery
    ) throws -> SMTPSendCommand.Delivery? {
        let queue = try MessageQueue.open(at: directory)
        let entry = try queue.beginEntry()
        var stored = message
        do {
            let header = QueueEntryHeader(
                arguments: arguments, sender: message.envelope.sender.address,
                recipients: message.envelope.recipients.map(\.address))
            let encoded = header.encoded()
            try entry.write(encoded)
            let (size, eightBit) = try Self.copy(message.source, into: entry)
            stored.source = QueuedMessageSource(entry: entry, offset: Int64(encoded.count))
            stored.messageSize = size
            stored.eightBit = eightBit ? .present : .none
        } catch {
            entry.discard()
            throw error
        }
        do {
            let delivery = try deliver(stored)
            entry.discard()
            return delivery
        } catch  where SendmailExitStatus.isTemporary(error) {
            let path = try entry.keep()
            notes.line("queued as \(path) after a temporary failure (\(error)); --flush-queue sends it")
            return nil
        } catch {
            entry.discard()
            throw error
        }
    }

    /// Copies the message into the entry in bounded pieces; returns its size and whether it
    /// has 8-bit bytes (for SIZE and BODY=8BITMIME, known now even for a pipe).
    static func copy(_ source: MessageSource, into entry: QueueEntryFile) throws -> (UInt64, Bool) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var size: UInt64 = 0
        var eightBit = false
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { return (size, eightBit) }
            if !eightBit && buffer[0..<n].contains(where: { $0 >= 0x80 }) { eightBit = true }
            try buffer.withUnsafeBytes { try entry.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            size += UInt64(n)
        }
    }
}

/// A queue entry's message, read from `offset` (after its header block) in bounded pieces.
final class QueuedMessageSource: MessageSource {
    private let entry: QueueEntryFile
    private var offset: Int64

    init(entry: QueueEntryFile, offset: Int64) {
        self.entry = entry
        self.offset = offset
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do {
            let n = try entry.read(into: buffer, at: offset)
            offset += Int64(n)
            return n
        } catch {
            throw MessageReadError("Failed to read the queued message \(entry.path): \(error.message)")
        }
    }
}
