import MailStore
import POP3
import Transport

/// Retrieves every message whose UIDL is not yet recorded into a `MessageStore` (mpop's job):
/// RETR pipelined in a bounded window, each body streaming into its store file; the store
/// makes messages durable in batches and only then records their UIDLs (DESIGN.md rule 4).
/// With `delete`, DELE goes out only after the last commit, for messages durably saved and
/// recorded, and QUIT commits it; a session that breaks before QUIT deletes nothing, and the
/// next run still duplicates nothing (the UIDLs are recorded).
///
/// A server without UIDL cannot tell its messages apart between runs: then only `delete` is
/// allowed (everything is saved, then deleted), as a later run could not know what it has.
public struct POP3MaildropPull {
    public struct Result: Equatable, Sendable {
        public var saved = 0
        public var bytes: Int64 = 0
        public var deleted = 0
    }

    public let session: POP3Session
    public let store: MessageStore
    public let delete: Bool
    /// RETR commands in flight when the server offers PIPELINING.
    public var window = 64
    public var progress: (Int, Int64) -> Void = { _, _ in }
    /// When set, the pull first asks LIST for the sizes and reports how many messages it will
    /// retrieve and their bytes, for the progress line's totals.
    public var totals: ((Int, Int64) -> Void)?

    public init(session: POP3Session, store: MessageStore, delete: Bool) {
        self.session = session
        self.store = store
        self.delete = delete
    }

    public func run() throws -> Result {
        var recorded = try Self.recordedState(of: store)
        let listing: [POP3UniqueIDListing]
        do {
            listing = try session.uniqueIDs()
        } catch let error as POP3Error {
            guard case .rejected = error.kind else { throw error }
            guard delete else {
                throw POP3Error(
                    error.kind,
                    "The server has no UIDL, so a later run could not tell which messages it already "
                        + "has: use --delete (each message is saved, then deleted), or fetch single messages")
            }
            return try retrieveAllAndDelete()
        }
        var result = Result()
        let wanted = listing.filter { !recorded.contains($0.uid) }
        if let totals, !wanted.isEmpty {
            let sizes = Dictionary(try session.scanListing().map { ($0.messageNumber, $0.size) }) { a, _ in a }
            totals(wanted.count, wanted.reduce(Int64(0)) { $0 + Int64(clamping: sizes[$1.messageNumber] ?? 0) })
        }
        let uidByNumber = Dictionary(uniqueKeysWithValues: wanted.map { ($0.messageNumber, $0.uid) })
        var pending: [UIDL] = []
        var current: (writer: any MessageWriter, sink: MessageWriterSink)?
        do {
            try session.retrieve(
                wanted.map(\.messageNumber), window: window,
                sinkFor: { number in
                    let writer = try store.beginMessage(MessageInfo(key: uidByNumber[number]?.value))
                    let sink = MessageWriterSink(writer)
                    current = (writer, sink)
                    return sink
                },
                done: { number, _ in
                    guard let (writer, sink) = current, let uid = uidByNumber[number] else { return }
                    current = nil
                    try writer.finish()
                    pending.append(uid)
                    result.saved += 1
                    result.bytes += sink.byteCount
                    progress(result.saved, result.bytes)
                    if store.shouldCommit { try commit(&recorded, &pending) }
                    try Interruption.check()  // Ctrl-C: stop at this message boundary, keep what is whole
                })
        } catch {
            // Whole messages before the failure are kept and recorded; the one in flight is not.
            current?.writer.abandon()
            try? commit(&recorded, &pending)
            throw error
        }
        // UIDLs of messages gone from the server are dropped, so the state does not grow forever.
        recorded.retainOnly(Set(listing.map(\.uid)).union(pending))
        try commit(&recorded, &pending)
        if delete {
            let saved = listing.filter { recorded.contains($0.uid) }.map(\.messageNumber)
            try session.delete(saved)
            result.deleted = saved.count
        }
        return result
    }

    /// The checks of a destination that need no server (its state is readable and not
    /// IMAP's), which the command runs before connecting.
    public static func checkDestination(_ store: MessageStore) throws(MailStoreError) {
        _ = try recordedState(of: store)
    }

    /// What earlier runs saved into this destination; refused when IMAP filled it.
    private static func recordedState(of store: MessageStore) throws(MailStoreError) -> POP3SyncState {
        switch try SyncRecord(store.state) {
        case .empty: return POP3SyncState()
        case .pop3(let state): return state
        case .imap:
            throw MailStoreError(
                .corruptState, "This destination was filled by IMAP; retrieve POP3 mail into another one")
        }
    }

    private func commit(_ recorded: inout POP3SyncState, _ pending: inout [UIDL]) throws {
        var next = recorded
        for uid in pending { try next.insert(uid) }
        _ = try store.commit(recording: SyncRecord.pop3(next).syncState())
        recorded = next
        pending = []
    }

    /// No UIDL, and `delete`: save every message, commit, then delete them all.
    private func retrieveAllAndDelete() throws -> Result {
        var result = Result()
        let numbers = try session.scanListing().map(\.messageNumber)
        var current: (writer: any MessageWriter, sink: MessageWriterSink)?
        do {
            try session.retrieve(
                numbers, window: window,
                sinkFor: { _ in
                    let writer = try store.beginMessage(MessageInfo())
                    let sink = MessageWriterSink(writer)
                    current = (writer, sink)
                    return sink
                },
                done: { _, _ in
                    guard let (writer, sink) = current else { return }
                    current = nil
                    try writer.finish()
                    result.saved += 1
                    result.bytes += sink.byteCount
                    progress(result.saved, result.bytes)
                    try Interruption.check()
                })
        } catch {
            // Nothing is recorded without UIDL, so what was saved would be saved again by the
            // next run: drop it (the server still has every message; nothing was deleted).
            current?.writer.abandon()
            store.discardUncommitted()
            throw error
        }
        _ = try store.commit(recording: store.state)
        try session.delete(numbers)
        result.deleted = numbers.count
        return result
    }
}
