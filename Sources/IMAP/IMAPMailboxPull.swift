import MailStore
import Transport

/// Pulls every message of a mailbox not yet in a `MessageStore` (mbsync's job, one way): one
/// `UID FETCH n:*` streams all new messages, each literal going straight into its store file;
/// the store makes them durable in batches, and only then is the highest saved UID recorded
/// (DESIGN.md rule 4). With `delete`, messages are flagged `\Deleted` and expunged only after
/// the commit that saved them.
///
/// UIDVALIDITY change: the recorded UID means nothing any more. The change is reported, the
/// whole mailbox is fetched again, and every message whose fingerprint (Message-ID, else
/// Date+From+Subject) is already on disk is dropped instead of saved: nothing is lost, and a
/// message is saved twice only if it has no fingerprint at all.
public struct IMAPMailboxPull {
    public struct Result: Equatable, Sendable {
        public var saved = 0
        public var bytes: Int64 = 0
        public var skippedDuplicates = 0
        public var deleted = 0
        public var uidValidityChanged = false
    }

    public let session: IMAPSession
    public let mailbox: IMAPMailboxName
    public let store: MessageStore
    public let delete: Bool
    /// Called after each saved message (count, bytes), for the progress line.
    public var progress: (Int, Int64) -> Void = { _, _ in }

    public init(session: IMAPSession, mailbox: IMAPMailboxName, store: MessageStore, delete: Bool) {
        self.session = session
        self.mailbox = mailbox
        self.store = store
        self.delete = delete
    }

    public func run() throws -> Result {
        var result = Result()
        let selected = try session.select(mailbox, readOnly: !delete)
        guard let uidValidity = selected.uidValidity else {
            throw IMAPError(.malformedResponse, "The server sent no UIDVALIDITY for \(mailbox.displayName): cannot pull safely")
        }
        var highest: UInt32 = 0
        var known: Set<MessageFingerprint>?
        switch store.state {
        case .empty: break
        case .imap(let recorded) where recorded.mailbox != nil && recorded.mailbox != mailbox.bytes:
            let other = String(decoding: recorded.mailbox ?? [], as: UTF8.self)
            throw MailStoreError(.unusableDestination, "This destination holds the mailbox \(other); pull \(mailbox.displayName) "
                                 + "into another one (a watermark of one mailbox means nothing in another)")
        case .imap(let recorded) where recorded.uidValidity == uidValidity: highest = recorded.highestSavedUID
        case .imap(let recorded):
            session.trace.info("UIDVALIDITY of \(mailbox.displayName) changed from \(recorded.uidValidity) to \(uidValidity): "
                               + "fetching it again, skipping messages already saved")
            result.uidValidityChanged = true
            known = try store.fingerprints()
        case .pop3:
            throw MailStoreError(.corruptState, "This destination was filled by POP3; pull IMAP mail into another one")
        }
        var state = IMAPSyncState(uidValidity: uidValidity, highestSavedUID: highest, mailbox: mailbox.bytes)
        let hasNew = selected.exists > 0 && highest < UInt32.max && (selected.uidNext.map { $0 > highest + 1 } ?? true)
        if hasNew {
            try fetch(after: highest, state: &state, known: known, result: &result)
        }
        _ = try store.commit(recording: .imap(state))
        if delete && state.highestSavedUID > 0 {
            result.deleted = try expunge(through: state.highestSavedUID)
        }
        return result
    }

    private func fetch(after highest: UInt32, state: inout IMAPSyncState, known: Set<MessageFingerprint>?,
                       result: inout Result) throws {
        let command = IMAPCommand.fetch(IMAPSequenceSet(from: highest + 1),
                                        items: [.uid, .flags, .internalDate, .body(IMAPSection(), partial: nil, peek: true)],
                                        uid: true)
        let tag = try session.send(command)
        var current: (writer: any MessageWriter, sink: StoreSink)?
        var lastUID = highest
        var committedState = state
        defer {
            state = IMAPSyncState(uidValidity: state.uidValidity, highestSavedUID: max(lastUID, committedState.highestSavedUID),
                                  mailbox: mailbox.bytes)
        }
        do {
            try session.complete(tag, stage: .fetch, bodyLiteral: { context in
                if let uid = context.uid, uid <= highest { return .discard }  // n:* names the last message too
                let fetch = IMAPFetchResponse(sequenceNumber: context.sequenceNumber, attributes: context.attributesBefore)
                let info = MessageInfo(flags: MessageFlags(fetch.flags ?? []), internalDate: fetch.internalDate?.secondsSince1970,
                                       key: fetch.uid.map(String.init))
                let writer = try store.beginMessage(info)
                let sink = StoreSink(writer: writer, keepHeader: known != nil)
                current = (writer, sink)
                return .stream(sink)
            }) { response, _ in
                guard case .fetch(let fetch) = response else { return }
                var message = current
                current = nil
                if message == nil, let uid = fetch.uid, uid > highest {
                    // The body came as a quoted string (legal, never streamed), or not at all.
                    guard case .bytes(let bytes)? = fetch.body(.body()) else {
                        if fetch.body(.body()) == nil && uid <= lastUID { return }  // a flag update
                        throw IMAPError(.unexpectedResponse, "The server sent UID \(uid) without its message")
                    }
                    let writer = try store.beginMessage(MessageInfo(flags: MessageFlags(fetch.flags ?? []),
                                                                    internalDate: fetch.internalDate?.secondsSince1970,
                                                                    key: String(uid)))
                    let sink = StoreSink(writer: writer, keepHeader: known != nil)
                    try bytes.withUnsafeBytes { try sink.write($0) }
                    message = (writer, sink)
                }
                guard let (writer, sink) = message else { return }  // unsolicited FLAGS, or at or below the watermark
                guard let uid = fetch.uid else {
                    writer.abandon()
                    throw IMAPError(.malformedResponse, "The server sent a message without its UID")
                }
                if uid <= highest { writer.abandon(); return }
                guard uid > lastUID else {
                    writer.abandon()
                    throw IMAPError(.unexpectedResponse, "The server sent UID \(uid) after UID \(lastUID): out of order")
                }
                if let known, let fingerprint = MessageFingerprint(header: sink.header), known.contains(fingerprint) {
                    writer.abandon()
                    result.skippedDuplicates += 1
                } else {
                    try writer.finish()
                    result.saved += 1
                    result.bytes += sink.byteCount
                    progress(result.saved, result.bytes)
                }
                // Only now, with the message finished (or known to be on disk), may the
                // watermark pass it.
                lastUID = uid
                if store.shouldCommit {
                    let covering = IMAPSyncState(uidValidity: state.uidValidity, highestSavedUID: lastUID, mailbox: mailbox.bytes)
                    // During a re-sync the old UIDVALIDITY stays recorded until the end, so an
                    // interrupted run re-syncs (with the fingerprint check) again.
                    _ = try store.commit(recording: known == nil ? .imap(covering) : store.state)
                    if known == nil { committedState = covering }
                }
            }
        } catch {
            // The messages finished before the failure are whole: keep them (and record them)
            // so the next run does not fetch them again; the one in flight is dropped.
            if let (writer, _) = current { writer.abandon() }
            if lastUID > committedState.highestSavedUID {
                let covering = IMAPSyncState(uidValidity: state.uidValidity, highestSavedUID: lastUID, mailbox: mailbox.bytes)
                _ = try? store.commit(recording: known == nil ? .imap(covering) : store.state)
            }
            throw error
        }
        if let (writer, _) = current { writer.abandon() }
    }

    /// Flags `1:uid` deleted and expunges them: every one of them is durably saved (the
    /// recorded state covers them). UID EXPUNGE when offered, so others' deletions stay.
    private func expunge(through uid: UInt32) throws -> Int {
        let set = IMAPSequenceSet(range: 1, through: uid)
        var expunged = 0
        try session.run(.store(set, .add, flags: [.deleted], silent: true, uid: true))
        let final: IMAPCommand = session.capabilities.uidPlus ? .uidExpunge(set) : .expunge
        try session.run(final) { response, _ in
            if case .expunge = response { expunged += 1 }
        }
        return expunged
    }
}

/// Feeds a streamed literal into a store writer, keeping the first bytes of the header when a
/// fingerprint is needed (UIDVALIDITY re-sync).
final class StoreSink: IMAPLiteralSink {
    let writer: any MessageWriter
    private let keepHeader: Bool
    private(set) var header: [UInt8] = []
    private(set) var byteCount: Int64 = 0
    static let headerLimit = 64 * 1024

    init(writer: any MessageWriter, keepHeader: Bool) {
        self.writer = writer
        self.keepHeader = keepHeader
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if keepHeader && header.count < StoreSink.headerLimit {
            header += bytes.prefix(StoreSink.headerLimit - header.count)
        }
        byteCount += Int64(bytes.count)
        try writer.write(bytes)
    }
}

extension MessageFlags {
    /// IMAP system flags as Maildir knows them; keywords have no Maildir letter.
    init(_ flags: [IMAPFlag]) {
        self = []
        for flag in flags {
            switch flag.name.lowercased() {
            case "\\seen": insert(.seen)
            case "\\answered": insert(.answered)
            case "\\flagged": insert(.flagged)
            case "\\deleted": insert(.deleted)
            case "\\draft": insert(.draft)
            default: break
            }
        }
    }
}
