import Foundation
import XCTest

@testable import MailStore

final class StateFileTests: XCTestCase {
    /// The caller's lines are written verbatim between the header and the store's own lines.
    static func records() throws -> [(StateRecord, String)] {
        [
            (StateRecord(), "mailtls-state 1\nend\n"),
            (
                StateRecord(sync: try recorded("imap-uidvalidity 4294967295", "imap-highest-uid 0")),
                "mailtls-state 1\nimap-uidvalidity 4294967295\nimap-highest-uid 0\nend\n"
            ),
            (StateRecord(sync: try recorded("pop3-uidl-count 0")), "mailtls-state 1\npop3-uidl-count 0\nend\n"),
            (
                StateRecord(
                    sync: try recorded("imap-uidvalidity 1", "imap-highest-uid 9"),
                    pendingDeliveries: ["new/1.M2P3Q4.h", "cur/1.M2P3Q5.h:2,FS"]),
                "mailtls-state 1\nimap-uidvalidity 1\nimap-highest-uid 9\nmaildir-pending new/1.M2P3Q4.h\nmaildir-pending cur/1.M2P3Q5.h:2,FS\nend\n"
            ),
            (StateRecord(sync: .empty, mboxBatchStart: 0), "mailtls-state 1\nmbox-batch-start 0\nend\n"),
            (
                StateRecord(sync: try recorded("pop3-uidl-count 1", "pop3-uidl x"), mboxBatchStart: 1234),
                "mailtls-state 1\npop3-uidl-count 1\npop3-uidl x\nmbox-batch-start 1234\nend\n"
            ),
            (
                StateRecord(sync: try recorded("any thing", "maildir-pending", "x")),
                "mailtls-state 1\nany thing\nmaildir-pending\nx\nend\n"
            ),
        ]
    }

    func testRoundTrip() throws {
        for (record, text) in try Self.records() {
            XCTAssertEqual(String(decoding: StateFileFormat.encode(record), as: UTF8.self), text)
            let decoded = try StateFileFormat.decode(Array(text.utf8), path: "s")
            XCTAssertEqual(decoded, record)
            XCTAssertEqual(decoded.sync.lines, record.sync.lines)
            XCTAssertEqual(decoded.sync.origin, "s")
        }
    }

    func testCallerLinesTheFileCannotHoldAreRefused() {
        for line in [
            "", "a\nb", "tab\there", "ä", "end", "maildir-pending new/x", "mbox-batch-start 1", "mailtls-state 1",
        ] {
            assertThrowsKind(.corruptState) { _ = try SyncState(lines: ["ok 1", line]) }
        }
    }

    func testCallerErrorsNameTheFileAndLine() throws {
        let record = try StateFileFormat.decode(Array("mailtls-state 1\na 1\nb 2\nend\n".utf8), path: "/m/state")
        let error = record.sync.damaged(line: 1, "bad b")
        XCTAssertEqual(error.kind, .corruptState)
        XCTAssertTrue(error.message.hasPrefix("State file /m/state is damaged (line 3: bad b)"), error.message)
        XCTAssertTrue(record.sync.damaged(line: 2, "x").message.contains("(line 4: x)"))
    }

    static let corrupt: [(String, String)] = [
        ("", "cut off"),
        ("mailtls-state 1\n", "cut off"),
        ("mailtls-state 1\nend", "cut off"),
        ("mailtls-state 2\nend\n", "version 2"),
        ("mbsync state\nend\n", "not a mailtls state file"),
        ("mailtls-state 1\r\nend\r\n", "control"),
        ("mailtls-state 1\nend\n\n", "after the end"),
        ("mailtls-state 1\nend\nend\n", "after the end"),
        ("mailtls-state 1\nmaildir-pending tmp/x\nend\n", "invalid pending"),
        ("mailtls-state 1\nmaildir-pending new/../x\nend\n", "invalid pending"),
        ("mailtls-state 1\nmaildir-pending new/.x\nend\n", "invalid pending"),
        ("mailtls-state 1\nmbox-batch-start 1\nmbox-batch-start 2\nend\n", "unexpected line"),
        ("mailtls-state 1\nmbox-batch-start x\nend\n", "not a number"),
        ("mailtls-state 1\nmaildir-pending new/x\nunknown 1\nend\n", "unexpected line"),
        ("mailtls-state 1\nmbox-batch-start 1\nmaildir-pending new/x\nend\n", "unexpected line"),
        ("mailtls-state 1\nmaildir-pending \nend\n", "without a value"),
        ("mailtls-state 1\na 1\nend\u{0}\n", "control"),
    ]

    func testCorruptFilesAreRefused() {
        for (text, reason) in Self.corrupt {
            do {
                _ = try StateFileFormat.decode(Array(text.utf8), path: "/m/state")
                XCTFail("accepted \(text.debugDescription)")
            } catch {
                XCTAssertEqual(error.kind, .corruptState)
                XCTAssertTrue(error.message.contains(reason), "\(text.debugDescription): \(error.message)")
                XCTAssertTrue(error.message.hasPrefix("State file /m/state is damaged"), error.message)
            }
        }
    }

    func testAtomicReplace() throws {
        let directory = TemporaryDirectory()
        let file = StateFile(directory: try .openDirectory(directory.path), name: "state")
        XCTAssertEqual(try file.load(), StateRecord())
        let first = StateRecord(sync: try recorded("imap-uidvalidity 5", "imap-highest-uid 10"))
        try file.save(first)
        let inode = try FileManager.default.attributesOfItem(atPath: directory.sub("state"))[.systemFileNumber] as? Int
        let second = StateRecord(sync: try recorded("imap-uidvalidity 5", "imap-highest-uid 20"))
        try file.save(second)
        XCTAssertEqual(try file.load(), second)
        XCTAssertEqual(fileNames(directory.path), ["state"], "no temporary file left")
        // Replaced by rename: a reader holding the old file still sees the old state whole.
        let newInode =
            try FileManager.default.attributesOfItem(atPath: directory.sub("state"))[.systemFileNumber] as? Int
        XCTAssertNotEqual(inode, newInode)
        XCTAssertEqual(
            try FileManager.default.attributesOfItem(atPath: directory.sub("state"))[.posixPermissions] as? Int, 0o600)
    }

    func testFailedSaveKeepsTheOldState() throws {
        let directory = TemporaryDirectory()
        let file = StateFile(directory: try .openDirectory(directory.path), name: "state")
        let first = StateRecord(sync: try recorded("imap-uidvalidity 5", "imap-highest-uid 10"))
        try file.save(first)
        try FileManager.default.createDirectory(atPath: directory.sub("state.tmp"), withIntermediateDirectories: false)
        XCTAssertThrowsError(try file.save(StateRecord())) { error in
            XCTAssertEqual((error as? StateFile.Failure)?.replaced, false)
        }
        XCTAssertEqual(try file.load(), first)
    }
}
