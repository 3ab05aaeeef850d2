import IMAP
import MailStore
import MailSync
import XCTest

/// What the commands check about a destination before connecting: a state of the other
/// protocol, or of another IMAP mailbox, is refused without a server.
final class DestinationCheckTests: XCTestCase {
    private func maildir(recording record: SyncRecord, in directory: TemporaryDirectory) throws -> Maildir {
        let store = try Maildir.open(at: directory.sub("Maildir"))
        _ = try store.commit(recording: try record.syncState())
        return store
    }

    func testIMAPPullRefusesPOP3AndOtherMailboxes() throws {
        let directory = TemporaryDirectory()
        let pop3 = try maildir(recording: .pop3(POP3SyncState()), in: directory)
        XCTAssertEqual(
            mailStoreError { try IMAPMailboxPull.checkDestination(pop3, mailbox: .inbox) }?.message,
            "This destination was filled by POP3; pull IMAP mail into another one")
        try pop3.close()

        let other = TemporaryDirectory()
        let inbox = try maildir(
            recording: .imap(IMAPSyncState(uidValidity: 7, highestSavedUID: 3, mailbox: Array("INBOX".utf8))), in: other
        )
        XCTAssertNoThrow(try IMAPMailboxPull.checkDestination(inbox, mailbox: .inbox))
        XCTAssertEqual(
            mailStoreError { try IMAPMailboxPull.checkDestination(inbox, mailbox: IMAPMailboxName("Archive")) }?.kind,
            .unusableDestination)
        try inbox.close()
    }

    func testPOP3RetrievalRefusesIMAP() throws {
        let directory = TemporaryDirectory()
        let imap = try maildir(recording: .imap(IMAPSyncState(uidValidity: 7)), in: directory)
        XCTAssertEqual(
            mailStoreError { try POP3MaildropPull.checkDestination(imap) }?.message,
            "This destination was filled by IMAP; retrieve POP3 mail into another one")
        try imap.close()

        let empty = TemporaryDirectory()
        let fresh = try Maildir.open(at: empty.sub("Maildir"))
        XCTAssertNoThrow(try POP3MaildropPull.checkDestination(fresh))
        try fresh.close()
    }
}
