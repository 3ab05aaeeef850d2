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
        try Self.refuseIMAP(store.state)
        let listing: POP3UniqueIDTable
        do {
            listing = try session.uniqueIDTable()
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
        // Read over the listing: UIDLs of messages gone from the server are dropped as they are
        // read, so the state does not grow forever, and no second table of ids is made.
        var recorded = try Self.recordedState(of: store, over: listing)
        var result = Result()
        // The listing entries not recorded yet, by index, as the state was read (it grows as
        // the pull saves): no array, string or dictionary per message.
        let before = recorded
        let wanted = (0..<listing.count).lazy.filter { !before.contains($0) }
        if let totals, !wanted.isEmpty {
            let sizes = Dictionary(try session.scanListing().map { ($0.messageNumber, $0.size) }) { a, _ in a }
            totals(
                wanted.count,
                wanted.reduce(Int64(0)) { $0 + Int64(clamping: sizes[listing.messageNumber(at: $1)] ?? 0) })
        }
        var pending = try retrieve(wanted, of: listing, recording: &recorded, into: &result)
        try commit(&recorded, &pending, listing)
        if delete {
            let saved = (0..<listing.count).filter { recorded.contains($0) }.map { listing.messageNumber(at: $0) }
            try session.delete(saved)
            result.deleted = saved.count
        }
        return result
    }

    /// Retrieves the `wanted` entries of the listing into the store, committing as it goes;
    /// returns the entries saved since the last commit.
    private func retrieve(
        _ wanted: some Collection<Int>, of listing: POP3UniqueIDTable, recording recorded: inout POP3ListedState,
        into result: inout Result
    ) throws -> [Int32] {
        var pending: [Int32] = []
        var upcoming = wanted.makeIterator()  // `retrieve` goes in order
        var index = 0  // the entry being retrieved
        var current: (writer: any MessageWriter, sink: MessageWriterSink)?
        do {
            try session.retrieve(
                wanted.lazy.map { listing.messageNumber(at: $0) }, window: window,
                sinkFor: { number in
                    index = upcoming.next()!
                    precondition(listing.messageNumber(at: index) == number, "RETR answers out of order")
                    let writer = try store.beginMessage(MessageInfo(key: listing.uids.uidl(at: index).value))
                    let sink = MessageWriterSink(writer)
                    current = (writer, sink)
                    return sink
                },
                done: { _, _ in
                    guard let (writer, sink) = current else { return }
                    current = nil
                    try writer.finish()
                    pending.append(Int32(index))
                    result.saved += 1
                    result.bytes += sink.byteCount
                    progress(result.saved, result.bytes)
                    if store.shouldCommit { try commit(&recorded, &pending, listing, inBackground: true) }
                    try Interruption.check()  // Ctrl-C: stop at this message boundary, keep what is whole
                })
        } catch {
            // Whole messages before the failure are kept and recorded; the one in flight is not.
            current?.writer.abandon()
            try? commit(&recorded, &pending, listing)
            throw error
        }
        return pending
    }

    /// The checks of a destination that need no server (its state is readable and not
    /// IMAP's), which the command runs before connecting.
    public static func checkDestination(_ store: MessageStore) throws(MailStoreError) {
        try refuseIMAP(store.state)
        _ = try SyncRecord(store.state)
    }

    /// What earlier runs saved into this destination and the server still lists; refused when
    /// IMAP filled it.
    private static func recordedState(of store: MessageStore, over listing: POP3UniqueIDTable)
        throws(MailStoreError) -> POP3ListedState
    {
        try refuseIMAP(store.state)
        var reader = SyncStateReader(store.state)
        let state =
            try POP3ListedState(reading: &reader, over: listing.uids, order: listing.byteOrder)
            ?? POP3ListedState(over: listing.uids, order: listing.byteOrder)
        try reader.finish()
        return state
    }

    /// Refuses a destination IMAP filled (its first line is IMAP's), before anything is fetched.
    private static func refuseIMAP(_ state: SyncState) throws(MailStoreError) {
        var reader = SyncStateReader(state)
        guard try IMAPSyncState(reading: &reader) == nil else {
            throw MailStoreError(
                .corruptState, "This destination was filled by IMAP; retrieve POP3 mail into another one")
        }
    }

    /// Records the pending listing entries with the earlier ones. `recorded` grows in place
    /// (no copy of a large state per commit): if the commit fails, the pull ends, and nothing
    /// but this commit records it.
    /// In the background between batches; the final commit (synchronous) waits for it before
    /// any DELE.
    private func commit(
        _ recorded: inout POP3ListedState, _ pending: inout [Int32], _ listing: POP3UniqueIDTable,
        inBackground: Bool = false
    ) throws {
        // The commit in flight first: the state is written by the commit thread from the
        // listing (`POP3ListedState.syncState`), so its bits must not change under it.
        try store.waitForCommit()
        for index in pending { try recorded.insert(Int(index)) }
        // Nothing saved or dropped since the last commit, which has ended: it recorded this
        // state (and comparing two generated states would make one whole).
        guard recorded.changedSinceCommit else {
            pending = []
            return
        }
        let state = recorded.syncState()
        if inBackground {
            try store.commitInBackground(recording: state)
        } else {
            _ = try store.commit(recording: state)
        }
        recorded.changedSinceCommit = false
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
