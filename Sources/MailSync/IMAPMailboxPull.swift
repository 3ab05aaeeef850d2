import IMAP
import MailStore
import Transport

/// Pulls every message of a mailbox not yet in a `MessageStore` (mbsync's job, one way): one
/// `UID FETCH n:*` streams all new messages, each literal going straight into its store file;
/// the store makes them durable in batches, and only then is the highest saved UID recorded
/// (DESIGN.md rule 4). With `delete`, messages are flagged `\Deleted` and expunged only after
/// the commit that saved them. What to do at each step is `IMAPPullMachine`'s to say; this
/// type does the I/O.
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
    /// When set, the pull first asks for the new messages' RFC822.SIZE (one short FETCH) and
    /// reports how many there are and their bytes, for the progress line's totals.
    public var totals: ((Int, Int64) -> Void)?

    public init(session: IMAPSession, mailbox: IMAPMailboxName, store: MessageStore, delete: Bool) {
        self.session = session
        self.mailbox = mailbox
        self.store = store
        self.delete = delete
    }

    /// The checks of a destination that need no server: its state is readable, and records
    /// IMAP and this mailbox (or nothing). The commands run them before connecting, so that a
    /// destination problem is reported without contacting the server.
    public static func checkDestination(_ store: MessageStore, mailbox: IMAPMailboxName) throws(MailStoreError) {
        // UIDVALIDITY is the server's: the machine is made only for its checks of the record.
        _ = try IMAPPullMachine(mailbox: mailbox, uidValidity: 0, recorded: try SyncRecord(store.state))
    }

    public func run() throws -> Result {
        var result = Result()
        let selected = try session.select(mailbox, readOnly: !delete)
        guard let uidValidity = selected.uidValidity else {
            throw IMAPError(
                .malformedResponse, "The server sent no UIDVALIDITY for \(mailbox.displayName): cannot pull safely")
        }
        var machine = try IMAPPullMachine(
            mailbox: mailbox, uidValidity: uidValidity, recorded: try SyncRecord(store.state))
        var known: Set<MessageFingerprint>?
        if machine.isResync, let recorded = machine.recorded {
            session.trace.info(
                "UIDVALIDITY of \(mailbox.displayName) changed from \(recorded.uidValidity) to \(uidValidity): "
                    + "fetching it again, skipping messages already saved")
            result.uidValidityChanged = true
            known = try store.fingerprints()
        }
        if machine.needsFetch(exists: selected.exists, uidNext: selected.uidNext) {
            if let totals { try reportTotals(from: machine.highest + 1, to: totals) }
            try fetch(&machine, known: known, result: &result)
        } else {
            try machine.fetchCompleted()
        }
        try commit(&machine)
        if delete, let through = try machine.deletableThrough() {
            result.deleted = try expunge(through: through)
        }
        return result
    }

    private func fetch(_ machine: inout IMAPPullMachine, known: Set<MessageFingerprint>?, result: inout Result) throws {
        let command = IMAPCommand.fetch(
            IMAPSequenceSet(from: machine.highest + 1),
            items: [.uid, .flags, .internalDate, .body(IMAPSection(), partial: nil, peek: true)],
            uid: true)
        let tag = try session.send(command)
        var current: MessageWriterSink?
        do {
            try session.complete(
                tag, stage: .fetch,
                bodyLiteral: { context in
                    guard try machine.bodyAnnounced(uid: context.uid) else { return .discard }
                    let sink = try begin(
                        IMAPFetchResponse(sequenceNumber: context.sequenceNumber, attributes: context.attributesBefore),
                        keepHeader: known != nil)
                    current = sink
                    return .stream(sink)
                }
            ) { response, _ in
                guard case .fetch(let fetch) = response else { return }
                let sink: MessageWriterSink
                switch try machine.responseEnded(uid: fetch.uid, body: Self.body(of: fetch)) {
                case .ignore:
                    return
                case .abandon:
                    current?.writer.abandon()
                    current = nil
                    return
                case .saveQuoted(let uid):
                    guard case .bytes(let bytes)? = fetch.body(.body()) else { throw Self.missingBody(uid) }  // .quoted has them
                    sink = try begin(fetch, keepHeader: known != nil)
                    current = sink
                    try bytes.withUnsafeBytes { try sink.write($0) }
                case .finish(let uid):
                    guard let streamed = current else { throw Self.missingBody(uid) }  // .receivingBody began one
                    sink = streamed
                }
                current = nil
                try finish(sink, known: known, result: &result)
                try machine.messageDone()
                if store.shouldCommit { try commit(&machine, inBackground: true) }
                try Interruption.check()  // Ctrl-C: stop at this message boundary, keep what is whole
            }
            try machine.fetchCompleted()
        } catch {
            // The messages finished before the failure are whole: keep them (and record them)
            // so the next run does not fetch them again; the one in flight is dropped.
            current?.writer.abandon()
            if let record = machine.fail() {
                _ = try? store.commit(recording: SyncRecord.imap(record).syncState())
            } else {
                try? store.waitForCommit()  // a batch in flight is whole too
            }
            throw error
        }
    }

    /// How many messages a fetch from `first` brings and their RFC822.SIZE sum (`UID FETCH n:*`
    /// answers for the highest UID even when it is below `n`: those are not counted).
    private func reportTotals(from first: UInt32, to report: (Int, Int64) -> Void) throws {
        var count = 0
        var bytes: Int64 = 0
        try session.run(.fetch(IMAPSequenceSet(from: first), items: [.uid, .rfc822Size], uid: true)) { response, _ in
            guard case .fetch(let fetch) = response, let uid = fetch.uid, uid >= first else { return }
            count += 1
            bytes += Int64(clamping: fetch.rfc822Size ?? 0)
        }
        report(count, bytes)
    }

    /// Starts a message in the store for a FETCH response's body.
    private func begin(_ fetch: IMAPFetchResponse, keepHeader: Bool) throws -> MessageWriterSink {
        let info = MessageInfo(
            flags: MessageFlags(imapFlags: fetch.flags ?? []),
            internalDate: fetch.internalDate?.secondsSince1970, key: fetch.uid.map(String.init))
        return MessageWriterSink(try store.beginMessage(info), keepHeader: keepHeader)
    }

    /// Finishes a whole message, or drops it when a re-sync finds its fingerprint on disk.
    private func finish(_ sink: MessageWriterSink, known: Set<MessageFingerprint>?, result: inout Result) throws {
        if let known, let fingerprint = MessageFingerprint(header: sink.header), known.contains(fingerprint) {
            sink.writer.abandon()
            result.skippedDuplicates += 1
        } else {
            try sink.writer.finish()
            result.saved += 1
            result.bytes += sink.byteCount
            progress(result.saved, result.bytes)
        }
    }

    /// Commits what the machine says may be recorded now, and tells it. In the background
    /// between batches: the final commit (synchronous) waits for it before any expunge.
    private func commit(_ machine: inout IMAPPullMachine, inBackground: Bool = false) throws {
        let state = try SyncRecord.imap(try machine.commitRecord()).syncState()
        if inBackground {
            try store.commitInBackground(recording: state)
        } else {
            _ = try store.commit(recording: state)
        }
        try machine.didCommit()
    }

    private static func missingBody(_ uid: UInt32) -> IMAPError {
        IMAPError(.unexpectedResponse, "The server sent UID \(uid) without its message")
    }

    private static func body(of fetch: IMAPFetchResponse) -> IMAPPullMachine.Body {
        switch fetch.body(.body()) {
        case nil: .absent
        case .bytes?: .quoted
        case .null?, .streamed?, .discarded?: .other
        }
    }

    /// Flags `1:uid` deleted and expunges them: every one of them is durably saved (the
    /// recorded state covers them). UID EXPUNGE when offered, so others' deletions stay.
    private func expunge(through uid: UInt32) throws -> Int {
        let set = IMAPSequenceSet(range: 1, through: uid)
        var expunged = 0
        try session.run(.store(set, .add, flags: [.deleted], silent: true, uid: true))
        let final: IMAPCommand = try session.currentCapabilities().uidPlus ? .uidExpunge(set) : .expunge
        try session.run(final) { response, _ in
            if case .expunge = response { expunged += 1 }
        }
        return expunged
    }
}
