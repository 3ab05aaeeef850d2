import CLI
import MailCLI
import MailStore
import SMTP

/// `--flush-queue --queue DIR`: sends every kept entry, oldest first, one connection per
/// destination (entries with the same arguments), the next message right after the last one's
/// 250 (pipelined MAIL/RCPT/DATA when the server offers PIPELINING), RSET only after a failed
/// transaction. An entry is removed only after the server's 250 for its DATA, so a flush killed
/// at any point loses nothing (a message whose 250 arrived just before the kill is sent again).
///
/// One flush at a time: a second one finds the lock held, says so and does nothing (exit 0), so
/// overlapping cron runs neither wait nor send twice. A 5xx moves the entry to `failed/`; a
/// temporary failure leaves it for the next flush; both are reported, and the run then ends with
/// the first failure's code. Credentials are not in the entries: the flush's own options (`-u`,
/// `--netrc`, an account) come after each entry's arguments and apply to every destination.
struct QueueFlush {
    let directory: String?
    let commandLine: [ParsedOption]
    let positionals: [String]
    let context: ToolContext
    let notes: Notes

    struct Entry {
        let name: String
        let header: QueueEntryHeader
        let offset: Int64
    }

    /// Returns a summary line, nil when there was nothing to do.
    func run() throws -> String? {
        guard let directory else { throw ToolError.usage("--flush-queue needs --queue DIR: the queue to send") }
        guard positionals.isEmpty else {
            throw ToolError.usage("--flush-queue takes no URL: each queued message remembers where it goes")
        }
        let queue = try MessageQueue.open(at: directory)
        guard let lock = try queue.lockForFlush() else {
            notes.line("queue \(directory) is being flushed by another process; this run leaves it to that one")
            return nil
        }
        defer { withExtendedLifetime(lock) {} }
        try queue.removeAbandonedEntries()
        var failures = FlushFailures()
        var groups: [(arguments: [String], entries: [Entry])] = []
        for name in try queue.entryNames() {
            do {
                guard let entry = try Self.readEntry(name, queue: queue) else { continue }
                if let index = groups.firstIndex(where: { $0.arguments == entry.header.arguments }) {
                    groups[index].entries.append(entry)
                } else {
                    groups.append((entry.header.arguments, [entry]))
                }
            } catch {
                failures.record(error)
                notes.line("queue entry \(directory)/new/\(name) is left in place: \(error)")
            }
        }
        guard !groups.isEmpty || failures.count > 0 else { return nil }
        var sent = 0
        for group in groups {
            sent += try sendGroup(group.arguments, group.entries, queue: queue, failures: &failures)
        }
        try queue.syncRemovals()
        if let first = failures.first { throw first }
        return "\(sent) queued message\(sent == 1 ? "" : "s") sent from \(directory)"
    }

    static func readEntry(_ name: String, queue: MessageQueue) throws -> Entry? {
        guard let file = try queue.openEntry(name) else { return nil }
        let size = Int(min(try file.byteCount(), Int64(QueueEntryHeader.maxSize)))
        var bytes = [UInt8](repeating: 0, count: size)
        let count = try bytes.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
        do {
            let (header, offset) = try QueueEntryHeader.parse(bytes.prefix(count))
            return Entry(name: name, header: header, offset: Int64(offset))
        } catch {
            throw QueueEntryError(error.kind, "\(file.path): \(error.message)")
        }
    }
}

/// Failures of a flush: counted, the first kept for the exit code.
struct FlushFailures {
    private(set) var count = 0
    private(set) var first: Error?

    mutating func record(_ error: Error) {
        count += 1
        if first == nil { first = error }
    }
}
