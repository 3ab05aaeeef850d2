import MailStore
import MailSync
import POP3
import XCTest

/// The pulls' records keep the state file format of every earlier mailtls byte for byte.
final class SyncRecordTests: XCTestCase {
    static func records() throws -> [(SyncRecord, [String])] {
        [
            (.empty, []),
            (
                .imap(IMAPSyncState(uidValidity: 4_294_967_295, highestSavedUID: 0)),
                ["imap-uidvalidity 4294967295", "imap-highest-uid 0"]
            ),
            (
                .imap(IMAPSyncState(uidValidity: 1, highestSavedUID: 9, mailbox: Array("INBOX".utf8))),
                ["imap-uidvalidity 1", "imap-highest-uid 9", "imap-mailbox 494e424f58"]
            ),
            (.pop3(POP3SyncState()), ["pop3-uidl-count 0"]),
            (
                .pop3(try POP3SyncState(uidls: [UIDL("b:2"), UIDL("a~1")])),
                ["pop3-uidl-count 2", "pop3-uidl a~1", "pop3-uidl b:2"]
            ),
        ]
    }

    func testRoundTrip() throws {
        for (record, lines) in try Self.records() {
            XCTAssertEqual(try record.syncState().lines, lines)
            XCTAssertEqual(try SyncRecord(SyncState(lines: lines)), record)
        }
    }

    /// State files written before the sync layer existed read as they did, and are written
    /// back identically.
    func testExistingStateFilesStayByteCompatible() throws {
        let files = [
            "mailtls-state 1\nimap-uidvalidity 3857529045\nimap-highest-uid 4021\nimap-mailbox 494e424f58\nend\n",
            "mailtls-state 1\npop3-uidl-count 2\npop3-uidl QhdPYR:00WBw1Ph7x7\npop3-uidl whqtswO00WBw418f9t5JxYwZ\nend\n",
        ]
        for file in files {
            let directory = TemporaryDirectory()
            try Maildir.open(at: directory.path).close()
            write(file, to: directory.sub("mailtls-state"))
            let maildir = try Maildir.open(at: directory.path)
            let record = try SyncRecord(maildir.state)
            let writer = try maildir.beginMessage(MessageInfo())
            try writer.write(Array("Subject: x\r\n\r\nbody\r\n".utf8))
            try writer.finish()
            XCTAssertEqual(
                try maildir.commit(recording: record.syncState()).count, 1, "the state file is written again")
            try maildir.close()
            XCTAssertEqual(text(directory.sub("mailtls-state")), file)
        }
    }

    static let corrupt: [(lines: [String], reason: String)] = [
        (["imap-uidvalidity 0", "imap-highest-uid 1"], "line 2: UIDVALIDITY 0"),
        (["imap-uidvalidity 4294967296", "imap-highest-uid 1"], "line 2: \"4294967296\" is not a number"),
        (["imap-uidvalidity 01", "imap-highest-uid 1"], "line 2: \"01\" is not a number"),
        (["imap-uidvalidity -1", "imap-highest-uid 1"], "line 2: \"-1\" is not a number"),
        (["imap-uidvalidity 1"], "line 3: imap-highest-uid expected"),
        (["imap-highest-uid 1", "imap-uidvalidity 1"], "line 2: unexpected line"),
        (["imap-uidvalidity 1", "imap-highest-uid 1", "pop3-uidl-count 0"], "line 4: unexpected line"),
        (["imap-uidvalidity 1", "imap-highest-uid 1", "imap-mailbox 4"], "line 4: invalid imap-mailbox"),
        (["imap-uidvalidity 1", "imap-highest-uid 1", "imap-mailbox 4A"], "line 4: invalid imap-mailbox"),
        (["pop3-uidl-count 2", "pop3-uidl a"], "line 4: pop3-uidl expected (count 2)"),
        (["pop3-uidl-count 1", "pop3-uidl a", "pop3-uidl b"], "line 4: unexpected line"),
        (["pop3-uidl-count 2", "pop3-uidl a", "pop3-uidl a"], "line 4: UIDL a listed twice"),
        (["pop3-uidl-count 1", "pop3-uidl \(String(repeating: "x", count: 71))"], "line 3: invalid UIDL"),
        (["pop3-uidl-count 1", "pop3-uidl a b"], "line 3: invalid UIDL"),
        (["pop3-uidl-count 1", "pop3-uidl "], "line 3: pop3-uidl without a value"),
        (["pop3-uidl-count 1000001"], "line 2: \"1000001\" is not a number up to 1000000"),
        (["unknown 1"], "line 2: unexpected line"),
    ]

    func testCorruptRecordsAreRefused() throws {
        for (lines, reason) in Self.corrupt {
            let error = mailStoreError { _ = try SyncRecord(SyncState(lines: lines, origin: "/m/state")) }
            XCTAssertEqual(error?.kind, .corruptState)
            XCTAssertTrue(
                error?.message.hasPrefix("State file /m/state is damaged (\(reason)") == true,
                "\(lines): \(error?.message ?? "")")
        }
    }

    /// Read from a destination, a damaged record names its state file.
    func testCorruptStateFileIsRefused() throws {
        let directory = TemporaryDirectory()
        try Maildir.open(at: directory.path).close()
        write("mailtls-state 1\nimap-uidvalidity 0\nimap-highest-uid 3\nend\n", to: directory.sub("mailtls-state"))
        let maildir = try Maildir.open(at: directory.path)
        let error = mailStoreError { _ = try SyncRecord(maildir.state) }
        XCTAssertEqual(error?.kind, .corruptState)
        XCTAssertTrue(
            error?.message.hasPrefix("State file \(directory.sub("mailtls-state")) is damaged (line 2") == true,
            error?.message ?? "")
        try maildir.close()
    }
}
