import IMAP
import MailStore

/// The IMAP pull's bookkeeping as a value, without I/O: from the recorded state and the
/// mailbox's UIDVALIDITY, what to fetch; for each FETCH response, what becomes of its message;
/// what a commit may record; and when messages may be deleted. `IMAPMailboxPull` drives it,
/// doing the I/O it decides on. Every event that is wrong in the current state throws.
///
/// DESIGN.md rule 4 lives here: the watermark passes a message only once it is finished (or
/// known to be on disk already), never when its body merely arrived; and deletion is allowed
/// only after the final commit made every message up to the watermark durable.
public struct IMAPPullMachine: Sendable {
    public enum State: Equatable, Sendable {
        /// Between messages: a FETCH response may come, a commit may be made.
        case awaitingMessage
        /// A body literal is streaming into the store; `uid` when it came before the body.
        case receivingBody(uid: UInt32?)
        /// A message's FETCH response is complete: the pull finishes it, or drops it as known.
        case finishingMessage(uid: UInt32)
        /// The UID FETCH completed (or was not needed): the final commit is due.
        case fetched
        /// The final commit is durable: messages up to the watermark may be deleted.
        case committed
        /// An error ended the pull.
        case failed
    }

    /// What the body section of a FETCH response without a streamed literal holds.
    public enum Body: Equatable, Sendable {
        /// No `BODY[]` at all (a flag update).
        case absent
        /// `BODY[]` as a quoted string (legal, never streamed).
        case quoted
        /// NIL, or a literal that was not streamed here.
        case other
    }

    /// What the pull does with a complete FETCH response.
    public enum Step: Equatable, Sendable {
        /// Nothing: a flag update, an unsolicited FETCH, a message at or below the watermark.
        case ignore
        /// Drop the streamed body: its message is at or below the watermark.
        case abandon
        /// Start a message with the quoted body, then finish it as `.finish` says.
        case saveQuoted(uid: UInt32)
        /// Finish the streamed message, or drop it if its fingerprint is known; then report
        /// `messageDone()`.
        case finish(uid: UInt32)
    }

    public private(set) var state = State.awaitingMessage
    /// The mailbox's UIDVALIDITY now.
    public let uidValidity: UInt32
    /// What the destination recorded before this run; nil for a new one.
    public let recorded: IMAPSyncState?
    /// The UIDVALIDITY changed: the whole mailbox is fetched again, and messages whose
    /// fingerprint is on disk are dropped instead of saved.
    public let isResync: Bool
    /// Every UID at or below it is saved already: the fetch starts above it.
    public let highest: UInt32
    /// The highest UID finished or dropped as known: the watermark a commit may record.
    public private(set) var lastUID: UInt32
    /// The watermark the last commit recorded.
    public private(set) var committedUID: UInt32
    private let mailbox: [UInt8]

    /// - Throws: `MailStoreError` when the destination belongs to another mailbox or to POP3.
    public init(mailbox: IMAPMailboxName, uidValidity: UInt32, recorded: SyncRecord) throws(MailStoreError) {
        self.uidValidity = uidValidity
        self.mailbox = mailbox.bytes
        switch recorded {
        case .empty:
            self.recorded = nil
            highest = 0
            isResync = false
        case .imap(let state) where state.mailbox != nil && state.mailbox != mailbox.bytes:
            let other = String(decoding: state.mailbox ?? [], as: UTF8.self)
            throw MailStoreError(
                .unusableDestination,
                "This destination holds the mailbox \(other); pull \(mailbox.displayName) "
                    + "into another one (a watermark of one mailbox means nothing in another)")
        case .imap(let state):
            self.recorded = state
            isResync = state.uidValidity != uidValidity
            highest = isResync ? 0 : state.highestSavedUID
        case .pop3:
            throw MailStoreError(.corruptState, "This destination was filled by POP3; pull IMAP mail into another one")
        }
        lastUID = highest
        committedUID = highest
    }

    /// Whether SELECT's answer leaves anything above the watermark to fetch.
    public func needsFetch(exists: UInt32, uidNext: UInt32?) -> Bool {
        exists > 0 && highest < UInt32.max && (uidNext.map { $0 > highest + 1 } ?? true)
    }

    /// A `BODY[]` literal is announced: true to stream it into a new message, false to discard
    /// it (its UID, sent before it, is at or below the watermark: `n:*` names the last message
    /// even when nothing is new).
    public mutating func bodyAnnounced(uid: UInt32?) throws(IMAPError) -> Bool {
        guard case .awaitingMessage = state else { throw misplaced("a message body") }
        if let uid, uid <= highest { return false }
        state = .receivingBody(uid: uid)
        return true
    }

    /// A FETCH response is complete. `body` is looked at only when no literal was streamed.
    /// - Throws: `IMAPError` for a message without its UID, without its body, or out of order.
    public mutating func responseEnded(uid: UInt32?, body: @autoclosure () -> Body) throws(IMAPError) -> Step {
        switch state {
        case .awaitingMessage:
            guard let uid, uid > highest else { return .ignore }  // unsolicited, or at or below the watermark
            switch body() {
            case .quoted:
                try checkOrder(uid)
                state = .finishingMessage(uid: uid)
                return .saveQuoted(uid: uid)
            case .absent where uid <= lastUID:
                return .ignore  // a flag update of a message this run saved
            case .absent, .other:
                throw IMAPError(.unexpectedResponse, "The server sent UID \(uid) without its message")
            }
        case .receivingBody:
            guard let uid else { throw IMAPError(.malformedResponse, "The server sent a message without its UID") }
            if uid <= highest {
                state = .awaitingMessage
                return .abandon
            }
            try checkOrder(uid)
            state = .finishingMessage(uid: uid)
            return .finish(uid: uid)
        case .finishingMessage, .fetched, .committed, .failed:
            throw misplaced("a FETCH response")
        }
    }

    /// The message of the last `.finish` or `.saveQuoted` is finished, or known to be on disk:
    /// only now may the watermark pass it.
    public mutating func messageDone() throws(IMAPError) {
        guard case .finishingMessage(let uid) = state else { throw misplaced("a finished message") }
        lastUID = uid
        state = .awaitingMessage
    }

    /// The UID FETCH completed (or none was needed).
    public mutating func fetchCompleted() throws(IMAPError) {
        guard case .awaitingMessage = state else { throw misplaced("the end of the FETCH") }
        state = .fetched
    }

    /// What a commit now may record: between messages, the watermark of the finished ones
    /// (during a re-sync the old state, so an interrupted run re-synchronises again); after
    /// the fetch, the final state.
    public func commitRecord() throws(IMAPError) -> IMAPSyncState {
        switch state {
        case .awaitingMessage: return isResync ? recorded ?? current : current
        case .fetched: return current
        case .receivingBody, .finishingMessage, .committed, .failed: throw misplaced("a commit")
        }
    }

    /// The commit of `commitRecord()` is durable, or in flight in the store
    /// (`MessageStore.commitInBackground`), whose failure makes it refuse every later commit:
    /// then nothing records or deletes past it. Deletion waits for the final commit, which is
    /// durable when this is called.
    public mutating func didCommit() throws(IMAPError) {
        switch state {
        case .awaitingMessage: if !isResync { committedUID = lastUID }
        case .fetched:
            committedUID = lastUID
            state = .committed
        case .receivingBody, .finishingMessage, .committed, .failed: throw misplaced("a commit")
        }
    }

    /// The highest UID that may be flagged `\Deleted` and expunged: every message up to it is
    /// durably saved and recorded. Nil when nothing is.
    public func deletableThrough() throws(IMAPError) -> UInt32? {
        guard case .committed = state else { throw misplaced("a deletion") }
        return committedUID > 0 ? committedUID : nil
    }

    /// An error ended the pull. Returns the state to record with the messages finished before
    /// it, which are whole and kept (so the next run does not fetch them again); nil when the
    /// last commit covers them.
    public mutating func fail() -> IMAPSyncState? {
        state = .failed
        guard lastUID > committedUID else { return nil }
        return isResync ? recorded ?? current : current
    }

    private var current: IMAPSyncState {
        IMAPSyncState(uidValidity: uidValidity, highestSavedUID: lastUID, mailbox: mailbox)
    }

    private func checkOrder(_ uid: UInt32) throws(IMAPError) {
        guard uid > lastUID else {
            throw IMAPError(.unexpectedResponse, "The server sent UID \(uid) after UID \(lastUID): out of order")
        }
    }

    private func misplaced(_ event: String) -> IMAPError {
        IMAPError(.unexpectedResponse, "The IMAP pull got \(event) in state \(state)")
    }
}
