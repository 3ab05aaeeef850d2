import Foundation
import XCTest

@testable import MailStore

final class MboxTests: XCTestCase {
    /// 2001-09-09 01:46:40 UTC, a Sunday.
    let date: Int64 = 1_000_000_000

    func testSeparatorQuotingAndBlankLines() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        let mbox = try Mbox.open(at: path)
        try store(
            "Subject: a\r\n\r\nFrom me\r\n>From you\r\n", in: mbox,
            info: MessageInfo(internalDate: date, envelopeSender: "<alice@example.org>"))
        try store("Subject: b\r\n\r\nno final newline", in: mbox, info: MessageInfo(internalDate: date + 86400 * 3))
        try store("", in: mbox, info: MessageInfo(internalDate: date, envelopeSender: "<>"))
        XCTAssertEqual(try mbox.commit(recording: .empty).count, 3)
        XCTAssertEqual(
            text(path),
            """
            From alice@example.org Sun Sep  9 01:46:40 2001
            Subject: a

            >From me
            >>From you

            From MAILER-DAEMON Wed Sep 12 01:46:40 2001
            Subject: b

            no final newline

            From MAILER-DAEMON Sun Sep  9 01:46:40 2001


            """)
        try mbox.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".lock"))
    }

    func testSeparatorFields() {
        XCTAssertEqual(MboxSeparator.asctime(0), "Thu Jan  1 00:00:00 1970")
        XCTAssertEqual(MboxSeparator.asctime(1_700_000_000), "Tue Nov 14 22:13:20 2023")
        XCTAssertEqual(MboxSeparator.senderField(nil), "MAILER-DAEMON")
        XCTAssertEqual(MboxSeparator.senderField("<>"), "MAILER-DAEMON")
        XCTAssertEqual(MboxSeparator.senderField("a b@c"), "MAILER-DAEMON")
        XCTAssertEqual(MboxSeparator.senderField("a@b\n"), "MAILER-DAEMON")
        XCTAssertEqual(MboxSeparator.senderField("<a@b>"), "a@b")
        XCTAssertEqual(MboxSeparator.senderField("a@b"), "a@b")
    }

    /// Appending after another program's mbox whose last message lacks the final newline or
    /// blank line still starts our `From ` line on its own line after a blank line.
    func testAppendsAfterForeignContent() throws {
        let directory = TemporaryDirectory()
        for (existing, expectedPrefix) in [
            ("From x Sun Sep  9 01:46:40 2001\n\nold", "old\n\nFrom "),
            ("From x Sun Sep  9 01:46:40 2001\n\nold\n", "old\n\nFrom "),
            ("From x Sun Sep  9 01:46:40 2001\n\nold\n\n", "old\n\nFrom "),
        ] {
            let path = directory.sub("mbox-\(existing.count)")
            write(existing, to: path)
            let mbox = try Mbox.open(at: path)
            try store("new\n", in: mbox)
            _ = try mbox.commit(recording: .empty)
            XCTAssertTrue(text(path).contains(expectedPrefix), text(path))
            XCTAssertFalse(text(path).contains("old\n\n\nFrom "), text(path))
        }
    }

    func testAbandonCutsTheMessageOff() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        let mbox = try Mbox.open(at: path)
        try store("one\n", in: mbox)
        let before = contents(path)
        let writer = try mbox.beginMessage(MessageInfo())
        try writer.write(Array(repeating: UInt8(ascii: "y"), count: 300_000))
        writer.abandon()
        XCTAssertEqual(contents(path), before)
        try store("two\n", in: mbox)
        _ = try mbox.commit(recording: .empty)
        XCTAssertEqual(text(path).components(separatedBy: "From MAILER-DAEMON").count, 3)
    }

    /// A failed batch (here: its state cannot be recorded) is cut off: the file is as before
    /// the batch, and the state is unchanged.
    func testFailedBatchIsTruncatedBack() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        let mbox = try Mbox.open(at: path)
        try store("first\n", in: mbox)
        let first = try recorded("imap-uidvalidity 1", "imap-highest-uid 1")
        _ = try mbox.commit(recording: first)
        let committed = contents(path)
        try store("second\n", in: mbox)
        try store("third\n", in: mbox)
        XCTAssertGreaterThan(contents(path).count, committed.count)
        try FileManager.default.createDirectory(atPath: path + ".mailtls-state.tmp", withIntermediateDirectories: false)
        assertThrowsKind(.writeFailed) {
            _ = try mbox.commit(recording: try recorded("imap-uidvalidity 1", "imap-highest-uid 3"))
        }
        XCTAssertEqual(contents(path), committed)
        XCTAssertEqual(mbox.state, first)
        XCTAssertEqual(mbox.uncommittedCount, 0)
    }

    /// A batch a crash interrupted (its start recorded, its bytes written, no commit, our
    /// dotlock left behind) is cut off at the next open.
    func testInterruptedBatchIsCutOffAtOpen() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        let committed = "From MAILER-DAEMON Sun Sep  9 01:46:40 2001\nSubject: kept\n\n"
        write(committed + "From MAILER-DAEMON Sun Sep  9 01:46:40 2001\nSubject: half", to: path)
        write(
            "mailtls-state 1\npop3-uidl-count 1\npop3-uidl a\nmbox-batch-start \(committed.utf8.count)\nend\n",
            to: path + ".mailtls-state")
        write("\(try deadProcessID()) \(MaildirUniqueName.localHost()) mailtls\n", to: path + ".lock")
        let mbox = try Mbox.open(at: path)
        XCTAssertEqual(text(path), committed)
        XCTAssertNil(mbox.recoveryNote)
        XCTAssertEqual(mbox.state, try recorded("pop3-uidl-count 1", "pop3-uidl a"))
        XCTAssertEqual(text(path + ".mailtls-state"), "mailtls-state 1\npop3-uidl-count 1\npop3-uidl a\nend\n")
    }

    /// Without our stale dotlock, another program may have written since: nothing is cut off,
    /// and the caller gets a note to show.
    func testInterruptedBatchLeftWhenAnotherProgramMayHaveWritten() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        let content =
            "From MAILER-DAEMON Sun Sep  9 01:46:40 2001\nSubject: ours\n\nFrom other Sun Sep  9 01:46:40 2001\n\n"
        write(content, to: path)
        write("mailtls-state 1\nmbox-batch-start 0\nend\n", to: path + ".mailtls-state")
        let mbox = try Mbox.open(at: path)
        XCTAssertEqual(text(path), content)
        XCTAssertNotNil(mbox.recoveryNote)
        XCTAssertEqual(text(path + ".mailtls-state"), "mailtls-state 1\nend\n")
    }

    func testDroppedStoreLeavesNoUncommittedMessage() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        do {
            let mbox = try Mbox.open(at: path)
            try store("kept\n", in: mbox)
            _ = try mbox.commit(recording: .empty)
            try store("dropped\n", in: mbox)
        }
        XCTAssertFalse(text(path).contains("dropped"))
        XCTAssertTrue(text(path).contains("kept"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".lock"))
    }

    /// A second writer in this process finds the dotlock and fails after the bounded wait.
    func testSecondWriterInTheSameProcessWaitsThenFails() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        let first = try Mbox.open(at: path)
        var options = StoreOptions()
        options.lockTimeoutMilliseconds = 200
        let started = Date()
        do {
            _ = try Mbox.open(at: path, options: options)
            XCTFail("opened twice")
        } catch {
            XCTAssertEqual(error.kind, .locked)
            XCTAssertTrue(error.message.contains(path), error.message)
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.15)
        try first.close()
        try Mbox.open(at: path, options: options).close()
    }

    /// Another process's fcntl lock (as Dovecot or mutt take) makes open wait; once it is
    /// released, open goes on.
    func testWaitsForAnotherProcessFcntlLock() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        write("", to: path)
        var options = StoreOptions()
        options.lockTimeoutMilliseconds = 300
        let holder = try lockHolder(path, seconds: 1)
        let started = Date()
        assertThrowsKind(.locked) { _ = try Mbox.open(at: path, options: options) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".lock"), "dotlock released after failing")
        options.lockTimeoutMilliseconds = 10_000
        let mbox = try Mbox.open(at: path, options: options)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.9)
        holder.waitUntilExit()
        try mbox.close()
    }

    func testForeignDotlockIsRespected() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        write("", to: path + ".lock")
        var options = StoreOptions()
        options.lockTimeoutMilliseconds = 100
        assertThrowsKind(.locked) { _ = try Mbox.open(at: path, options: options) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".lock"))
    }

    func testNotARegularFile() {
        let directory = TemporaryDirectory()
        assertThrowsKind(.unusableDestination) { _ = try Mbox.open(at: directory.path) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path + ".lock"))
    }
}
