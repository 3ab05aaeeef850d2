import IMAP
import MailStore
import MailSync
import XCTest

/// The IMAP pull's state machine, without sockets: transitions, the watermark, UIDVALIDITY
/// changes and when deleting is allowed.
final class IMAPPullMachineTests: XCTestCase {
    private let inbox = Array("INBOX".utf8)

    private func machine(recorded: SyncRecord = .empty, uidValidity: UInt32 = 7) throws -> IMAPPullMachine {
        try IMAPPullMachine(mailbox: .inbox, uidValidity: uidValidity, recorded: recorded)
    }

    private func imapErrorKind(_ body: () throws -> Void) -> IMAPError.Kind? {
        do {
            try body()
        } catch let error as IMAPError {
            return error.kind
        } catch {
            XCTFail("unexpected \(error)")
        }
        return nil
    }

    /// Streams and finishes one message as the pull does.
    private func receive(_ uid: UInt32, into machine: inout IMAPPullMachine) throws {
        XCTAssertTrue(try machine.bodyAnnounced(uid: uid))
        XCTAssertEqual(try machine.responseEnded(uid: uid, body: .other), .finish(uid: uid))
        try machine.messageDone()
    }

    func testTransitionsOfOneMessage() throws {
        var machine = try machine()
        XCTAssertEqual(machine.state, .awaitingMessage)
        XCTAssertTrue(try machine.bodyAnnounced(uid: nil), "a UID after the body is learnt at the end")
        XCTAssertEqual(machine.state, .receivingBody(uid: nil))
        XCTAssertEqual(try machine.responseEnded(uid: 3, body: .other), .finish(uid: 3))
        XCTAssertEqual(machine.state, .finishingMessage(uid: 3))
        try machine.messageDone()
        XCTAssertEqual(machine.state, .awaitingMessage)
        XCTAssertEqual(machine.lastUID, 3)
        try machine.fetchCompleted()
        XCTAssertEqual(machine.state, .fetched)
        XCTAssertEqual(try machine.commitRecord(), IMAPSyncState(uidValidity: 7, highestSavedUID: 3, mailbox: inbox))
        try machine.didCommit()
        XCTAssertEqual(machine.state, .committed)
        XCTAssertEqual(try machine.deletableThrough(), 3)
    }

    func testWatermarkPassesOnlyFinishedMessages() throws {
        var machine = try machine()
        try receive(4, into: &machine)
        XCTAssertTrue(try machine.bodyAnnounced(uid: 9))
        XCTAssertEqual(
            imapErrorKind { _ = try machine.commitRecord() }, .unexpectedResponse, "no commit while a body streams")
        XCTAssertEqual(try machine.responseEnded(uid: 9, body: .other), .finish(uid: 9))
        XCTAssertEqual(machine.lastUID, 4, "the body arrived, but the message is not finished")
        XCTAssertEqual(
            imapErrorKind { _ = try machine.commitRecord() }, .unexpectedResponse, "no commit while finishing")
        // A failure now keeps what was finished, and only that.
        var failing = machine
        XCTAssertEqual(failing.fail(), IMAPSyncState(uidValidity: 7, highestSavedUID: 4, mailbox: inbox))
        XCTAssertEqual(failing.state, .failed)
        try machine.messageDone()
        XCTAssertEqual(try machine.commitRecord(), IMAPSyncState(uidValidity: 7, highestSavedUID: 9, mailbox: inbox))
        try machine.didCommit()
        XCTAssertEqual(machine.committedUID, 9)
        XCTAssertNil(machine.fail(), "the last commit covers every finished message")
    }

    func testMessagesAtOrBelowTheWatermarkAreDropped() throws {
        var machine = try machine(recorded: .imap(IMAPSyncState(uidValidity: 7, highestSavedUID: 10, mailbox: inbox)))
        XCTAssertFalse(machine.isResync)
        XCTAssertEqual(machine.highest, 10)
        XCTAssertFalse(try machine.bodyAnnounced(uid: 10), "n:* names the last message even when nothing is new")
        XCTAssertEqual(try machine.responseEnded(uid: 10, body: .other), .ignore)
        XCTAssertTrue(try machine.bodyAnnounced(uid: nil))
        XCTAssertEqual(try machine.responseEnded(uid: 8, body: .other), .abandon)
        XCTAssertEqual(machine.state, .awaitingMessage)
        XCTAssertEqual(try machine.responseEnded(uid: nil, body: .absent), .ignore, "an unsolicited FETCH")
        XCTAssertEqual(machine.lastUID, 10)
    }

    func testQuotedBodiesAndFlagUpdates() throws {
        var machine = try machine()
        XCTAssertEqual(try machine.responseEnded(uid: 2, body: .quoted), .saveQuoted(uid: 2))
        try machine.messageDone()
        XCTAssertEqual(try machine.responseEnded(uid: 2, body: .absent), .ignore, "a flag update of a saved message")
        XCTAssertEqual(
            imapErrorKind { _ = try machine.responseEnded(uid: 5, body: .absent) }, .unexpectedResponse,
            "a new UID without its message")
        XCTAssertEqual(imapErrorKind { _ = try machine.responseEnded(uid: 5, body: .other) }, .unexpectedResponse)
    }

    func testServerErrorsInTheFetch() throws {
        var machine = try machine()
        try receive(5, into: &machine)
        XCTAssertTrue(try machine.bodyAnnounced(uid: nil))
        XCTAssertEqual(
            imapErrorKind { _ = try machine.responseEnded(uid: nil, body: .other) }, .malformedResponse, "no UID")
        XCTAssertEqual(
            imapErrorKind { _ = try machine.responseEnded(uid: 5, body: .other) }, .unexpectedResponse, "out of order")
        XCTAssertEqual(
            imapErrorKind { _ = try machine.bodyAnnounced(uid: 6) }, .unexpectedResponse, "two bodies in one response")
        XCTAssertEqual(machine.state, .receivingBody(uid: nil))
    }

    func testEventsWrongInTheirStateThrow() throws {
        var machine = try machine()
        XCTAssertEqual(imapErrorKind { try machine.messageDone() }, .unexpectedResponse)
        XCTAssertEqual(imapErrorKind { _ = try machine.deletableThrough() }, .unexpectedResponse)
        XCTAssertTrue(try machine.bodyAnnounced(uid: 1))
        XCTAssertEqual(imapErrorKind { try machine.fetchCompleted() }, .unexpectedResponse)
        XCTAssertEqual(imapErrorKind { try machine.didCommit() }, .unexpectedResponse)
        XCTAssertEqual(try machine.responseEnded(uid: 1, body: .other), .finish(uid: 1))
        XCTAssertEqual(imapErrorKind { _ = try machine.responseEnded(uid: 2, body: .other) }, .unexpectedResponse)
        XCTAssertEqual(imapErrorKind { _ = try machine.bodyAnnounced(uid: 2) }, .unexpectedResponse)
        try machine.messageDone()
        try machine.fetchCompleted()
        XCTAssertEqual(imapErrorKind { _ = try machine.bodyAnnounced(uid: 2) }, .unexpectedResponse)
        XCTAssertEqual(imapErrorKind { _ = try machine.responseEnded(uid: 2, body: .quoted) }, .unexpectedResponse)
        XCTAssertEqual(imapErrorKind { try machine.fetchCompleted() }, .unexpectedResponse)
        try machine.didCommit()
        XCTAssertEqual(imapErrorKind { _ = try machine.commitRecord() }, .unexpectedResponse)
        XCTAssertEqual(imapErrorKind { try machine.didCommit() }, .unexpectedResponse)
    }

    func testDeletingOnlyAfterTheFinalCommit() throws {
        var machine = try machine()
        try receive(1, into: &machine)
        try machine.didCommit()  // a batch commit mid-fetch
        XCTAssertEqual(imapErrorKind { _ = try machine.deletableThrough() }, .unexpectedResponse, "fetch still running")
        try receive(2, into: &machine)
        try machine.fetchCompleted()
        XCTAssertEqual(
            imapErrorKind { _ = try machine.deletableThrough() }, .unexpectedResponse, "final commit not durable yet")
        _ = try machine.commitRecord()
        var failed = machine
        _ = failed.fail()  // the final commit failed
        XCTAssertEqual(imapErrorKind { _ = try failed.deletableThrough() }, .unexpectedResponse)
        try machine.didCommit()
        XCTAssertEqual(try machine.deletableThrough(), 2)

        var empty = try self.machine()
        try empty.fetchCompleted()
        try empty.didCommit()
        XCTAssertNil(try empty.deletableThrough(), "nothing saved, nothing to delete")
    }

    func testUIDValidityChangeResynchronises() throws {
        let old = IMAPSyncState(uidValidity: 5, highestSavedUID: 100, mailbox: inbox)
        var machine = try machine(recorded: .imap(old), uidValidity: 6)
        XCTAssertTrue(machine.isResync)
        XCTAssertEqual(machine.recorded, old)
        XCTAssertEqual(machine.highest, 0, "every message is fetched again")
        XCTAssertTrue(machine.needsFetch(exists: 3, uidNext: 4))
        try receive(1, into: &machine)
        XCTAssertEqual(try machine.commitRecord(), old, "an interrupted re-sync must re-sync again")
        try machine.didCommit()
        try receive(2, into: &machine)
        var failing = machine
        XCTAssertEqual(failing.fail(), old)
        try machine.fetchCompleted()
        XCTAssertEqual(try machine.commitRecord(), IMAPSyncState(uidValidity: 6, highestSavedUID: 2, mailbox: inbox))
    }

    func testRecordedStatesOfOtherMailboxesOrProtocolsAreRefused() throws {
        let other = SyncRecord.imap(IMAPSyncState(uidValidity: 7, highestSavedUID: 3, mailbox: Array("Sent".utf8)))
        XCTAssertEqual(mailStoreError { _ = try self.machine(recorded: other) }?.kind, .unusableDestination)
        XCTAssertEqual(mailStoreError { _ = try self.machine(recorded: .pop3(POP3SyncState())) }?.kind, .corruptState)
        // A state that did not record its mailbox gets it recorded.
        var machine = try machine(recorded: .imap(IMAPSyncState(uidValidity: 7, highestSavedUID: 3)))
        XCTAssertEqual(machine.highest, 3)
        try machine.fetchCompleted()
        XCTAssertEqual(try machine.commitRecord(), IMAPSyncState(uidValidity: 7, highestSavedUID: 3, mailbox: inbox))
    }

    func testNeedsFetch() throws {
        let machine = try machine(recorded: .imap(IMAPSyncState(uidValidity: 7, highestSavedUID: 10, mailbox: inbox)))
        XCTAssertFalse(machine.needsFetch(exists: 0, uidNext: 20), "an empty mailbox")
        XCTAssertFalse(machine.needsFetch(exists: 5, uidNext: 11), "nothing above the watermark")
        XCTAssertTrue(machine.needsFetch(exists: 5, uidNext: 12))
        XCTAssertTrue(machine.needsFetch(exists: 5, uidNext: nil), "no UIDNEXT: ask")
        let full = try self.machine(
            recorded: .imap(IMAPSyncState(uidValidity: 7, highestSavedUID: .max, mailbox: inbox)))
        XCTAssertFalse(full.needsFetch(exists: 5, uidNext: nil))
    }
}
