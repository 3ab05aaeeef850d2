import Foundation
import XCTest

@testable import MailStore

final class MaildirTests: XCTestCase {
    let message = "Subject: hello\r\nMessage-ID: <1@x>\r\n\r\nbody\r\nFrom here\r\n"
    let stored = "Subject: hello\nMessage-ID: <1@x>\n\nbody\nFrom here\n"

    func testOpenCreatesTheMaildirPrivately() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("Mail")
        let maildir = try Maildir.open(at: path)
        XCTAssertEqual(fileNames(path), ["cur", "mailtls-lock", "new", "tmp"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o700)
        XCTAssertEqual(maildir.state, .empty)
        try maildir.close()
    }

    func testCommitMakesMessagesVisibleOnlyThen() throws {
        let directory = TemporaryDirectory()
        let maildir = try Maildir.open(at: directory.path)
        try store(message, in: maildir, info: MessageInfo(key: "1"))
        try store(
            message, in: maildir, info: MessageInfo(flags: [.seen, .flagged], internalDate: 1_000_000_000, key: "2"))
        XCTAssertEqual(fileNames(directory.sub("new")), [])
        XCTAssertEqual(fileNames(directory.sub("cur")), [])
        XCTAssertEqual(fileNames(directory.sub("tmp")).count, 2)
        XCTAssertEqual(maildir.uncommittedCount, 2)

        let state = try recorded("imap-uidvalidity 7", "imap-highest-uid 2")
        let saved = try maildir.commit(recording: state)
        XCTAssertEqual(saved.map(\.key), ["1", "2"])
        XCTAssertEqual(saved.map(\.byteCount), [Int64(stored.utf8.count), Int64(stored.utf8.count)])
        XCTAssertEqual(fileNames(directory.sub("tmp")), [])
        let new = fileNames(directory.sub("new"))
        let cur = fileNames(directory.sub("cur"))
        XCTAssertEqual(new.count, 1)
        XCTAssertEqual(cur.count, 1)
        XCTAssertFalse(new[0].contains(":"))
        XCTAssertTrue(cur[0].hasSuffix(":2,FS"), cur[0])
        XCTAssertEqual(text(directory.sub("new/" + new[0])), stored)
        XCTAssertEqual(saved[1].path, directory.path + "/cur/" + cur[0])
        let modified = try FileManager.default.attributesOfItem(atPath: saved[1].path)[.modificationDate] as? Date
        XCTAssertEqual(modified?.timeIntervalSince1970, 1_000_000_000)
        XCTAssertEqual(maildir.state, state)
        XCTAssertEqual(maildir.uncommittedCount, 0)
        // The journal of that commit is on disk until the next state write.
        XCTAssertTrue(text(directory.sub("mailtls-state")).contains("maildir-pending"))
        try maildir.close()
        XCTAssertEqual(
            text(directory.sub("mailtls-state")), "mailtls-state 1\nimap-uidvalidity 7\nimap-highest-uid 2\nend\n")

        let reopened = try Maildir.open(at: directory.path)
        XCTAssertEqual(reopened.state, state)
    }

    func testLineEndingsKeptWhenConversionIsOff() throws {
        let directory = TemporaryDirectory()
        var options = StoreOptions()
        options.convertLineEndings = false
        let maildir = try Maildir.open(at: directory.path, options: options)
        try store(message, in: maildir)
        let saved = try maildir.commit(recording: .empty)
        XCTAssertEqual(text(saved[0].path), message)
    }

    func testAbandonLeavesNothing() throws {
        let directory = TemporaryDirectory()
        let maildir = try Maildir.open(at: directory.path)
        let writer = try maildir.beginMessage(MessageInfo())
        try writer.write(Array(repeating: UInt8(ascii: "x"), count: 200_000))
        XCTAssertEqual(fileNames(directory.sub("tmp")).count, 1)
        writer.abandon()
        XCTAssertEqual(fileNames(directory.sub("tmp")), [])
        XCTAssertEqual(try maildir.commit(recording: .empty), [])
        // A writer dropped unfinished abandons too.
        do {
            let dropped = try maildir.beginMessage(MessageInfo())
            try dropped.write([1, 2, 3])
        }
        XCTAssertEqual(fileNames(directory.sub("tmp")), [])
        XCTAssertEqual(fileNames(directory.sub("new")) + fileNames(directory.sub("cur")), [])
    }

    func testLargeMessageStreamsInPieces() throws {
        let directory = TemporaryDirectory()
        let maildir = try Maildir.open(at: directory.path)
        let writer = try maildir.beginMessage(MessageInfo())
        let line = Array("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\r\n".utf8)
        let piece = Array((0..<1024).map { _ in line }.joined())
        for _ in 0..<64 { try writer.write(piece) }
        try writer.finish()
        let saved = try maildir.commit(recording: .empty)
        XCTAssertEqual(saved[0].byteCount, 64 * 1024 * 64)
        let data = contents(saved[0].path)
        XCTAssertEqual(data.count, 64 * 1024 * 64)
        XCTAssertFalse(data.contains(.cr))
    }

    /// Dropping the store without committing (what a crash amounts to in-process) records
    /// nothing and leaves nothing visible or in tmp/.
    func testUncommittedBatchIsDroppedWithTheStore() throws {
        let directory = TemporaryDirectory()
        do {
            let maildir = try Maildir.open(at: directory.path)
            _ = try maildir.commit(recording: try recorded("pop3-uidl-count 1", "pop3-uidl a"))
            for i in 0..<5 { try store(message, in: maildir, info: MessageInfo(key: "\(i)")) }
        }
        XCTAssertEqual(fileNames(directory.sub("tmp")), [])
        XCTAssertEqual(fileNames(directory.sub("new")), [])
        let reopened = try Maildir.open(at: directory.path)
        XCTAssertEqual(reopened.state, try recorded("pop3-uidl-count 1", "pop3-uidl a"))
    }

    /// An interrupted run's files in tmp/ (its process gone) are removed at open; those of a
    /// live process (a delivery agent) and of unknown form stay unless 36 hours old.
    func testReopenRemovesAbandonedTemporaryFiles() throws {
        let directory = TemporaryDirectory()
        _ = try Maildir.open(at: directory.path)
        let host = MaildirUniqueName.localHost()
        let dead = "1700000000.M1P\(try deadProcessID())Q3.\(host)"
        let live = "1700000000.M1P1Q3.\(host)"
        let otherHost = "1700000000.M1P\(try deadProcessID())Q3.elsewhere"
        let foreign = "1700000000.12345_1.mx"
        let ancient = "1600000000.999.mx"
        for name in [dead, live, otherHost, foreign, ancient] { write("partial", to: directory.sub("tmp/" + name)) }
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -37 * 3600)],
            ofItemAtPath: directory.sub("tmp/" + ancient))
        _ = try Maildir.open(at: directory.path)
        XCTAssertEqual(fileNames(directory.sub("tmp")), [live, otherHost, foreign].sorted())
    }

    /// A commit interrupted after recording its batch (state file written) but before every
    /// rename: the next open moves the rest into place, so recorded means saved.
    func testReopenFinishesRecordedRenames() throws {
        let directory = TemporaryDirectory()
        _ = try Maildir.open(at: directory.path)
        let dead = try deadProcessID()
        let host = MaildirUniqueName.localHost()
        let a = "1700000000.M1P\(dead)Q1.\(host)", b = "1700000000.M1P\(dead)Q2.\(host)",
            c = "1700000000.M1P\(dead)Q3.\(host)"
        write("a", to: directory.sub("new/" + a))  // renamed before the crash
        write("b", to: directory.sub("tmp/" + b))  // recorded, not renamed yet
        write("c", to: directory.sub("tmp/" + c))  // recorded, not renamed yet
        write("d", to: directory.sub("tmp/1700000000.M1P\(dead)Q4.\(host)"))  // not recorded
        write(
            "mailtls-state 1\nimap-uidvalidity 9\nimap-highest-uid 3\nmaildir-pending new/\(a)\nmaildir-pending new/\(b)\nmaildir-pending cur/\(c):2,S\nend\n",
            to: directory.sub("mailtls-state"))
        let maildir = try Maildir.open(at: directory.path)
        XCTAssertEqual(maildir.state, try recorded("imap-uidvalidity 9", "imap-highest-uid 3"))
        XCTAssertEqual(fileNames(directory.sub("new")), [a, b])
        XCTAssertEqual(fileNames(directory.sub("cur")), [c + ":2,S"])
        XCTAssertEqual(fileNames(directory.sub("tmp")), [])
        XCTAssertEqual(
            text(directory.sub("mailtls-state")), "mailtls-state 1\nimap-uidvalidity 9\nimap-highest-uid 3\nend\n")
    }

    func testFailedStateWriteUndoesTheBatch() throws {
        let directory = TemporaryDirectory()
        let maildir = try Maildir.open(at: directory.path)
        try store(message, in: maildir)
        // The temporary state file's name taken by a directory: the state cannot be written.
        try FileManager.default.createDirectory(
            atPath: directory.sub("mailtls-state.tmp"), withIntermediateDirectories: false)
        assertThrowsKind(.writeFailed) {
            _ = try maildir.commit(recording: try recorded("imap-uidvalidity 1", "imap-highest-uid 5"))
        }
        XCTAssertEqual(maildir.state, .empty)
        XCTAssertEqual(fileNames(directory.sub("tmp")), [])
        XCTAssertEqual(fileNames(directory.sub("new")), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.sub("mailtls-state")))
        // The store stays usable once the obstacle is gone.
        try FileManager.default.removeItem(atPath: directory.sub("mailtls-state.tmp"))
        try store(message, in: maildir)
        XCTAssertEqual(try maildir.commit(recording: try recorded("imap-uidvalidity 1", "imap-highest-uid 6")).count, 1)
    }

    func testCorruptStateIsRefused() throws {
        let directory = TemporaryDirectory()
        _ = try Maildir.open(at: directory.path)
        write("mailtls-state 1\nmaildir-pending tmp/x\nend\n", to: directory.sub("mailtls-state"))
        do {
            _ = try Maildir.open(at: directory.path)
            XCTFail("opened")
        } catch {
            XCTAssertEqual(error.kind, .corruptState)
            XCTAssertTrue(error.message.contains(directory.sub("mailtls-state")), error.message)
            XCTAssertTrue(error.message.contains("line 2"), error.message)
        }
    }

    func testBatchLimits() throws {
        let directory = TemporaryDirectory()
        var options = StoreOptions()
        options.batchLimits = BatchLimits(maxMessages: 3, maxBytes: 1 << 20, maxSeconds: 60)
        let maildir = try Maildir.open(at: directory.path, options: options)
        XCTAssertFalse(maildir.shouldCommit)
        try store("a", in: maildir)
        try store("b", in: maildir)
        XCTAssertFalse(maildir.shouldCommit)
        try store("c", in: maildir)
        XCTAssertTrue(maildir.shouldCommit)
        _ = try maildir.commit(recording: .empty)
        XCTAssertFalse(maildir.shouldCommit)
        options.batchLimits = BatchLimits(maxMessages: 100, maxBytes: 10, maxSeconds: 60)
        let bytes = try Maildir.open(at: directory.sub("other"), options: options)
        try store("0123456789", in: bytes)
        XCTAssertTrue(bytes.shouldCommit)
        options.batchLimits = BatchLimits(maxMessages: 100, maxBytes: 1000, maxSeconds: 0)
        let age = try Maildir.open(at: directory.sub("third"), options: options)
        try store("x", in: age)
        XCTAssertTrue(age.shouldCommit)
    }

    func testPerMessageDurability() throws {
        let directory = TemporaryDirectory()
        var options = StoreOptions()
        options.durability = .perMessage
        let maildir = try Maildir.open(at: directory.path, options: options)
        for i in 0..<3 { try store(message, in: maildir, info: MessageInfo(key: "\(i)")) }
        XCTAssertEqual(try maildir.commit(recording: .empty).count, 3)
        XCTAssertEqual(fileNames(directory.sub("new")).count, 3)
    }

    func testMaildirPlusPlusFolders() throws {
        let directory = TemporaryDirectory()
        let root = try Maildir.open(at: directory.path)
        XCTAssertTrue(try root.folder(MaildirFolderName(serverName: "INBOX", delimiter: "/")) === root)
        let folder = try root.folder(MaildirFolderName(serverName: "Work/Projects", delimiter: "/"))
        XCTAssertEqual(folder.path, directory.sub(".Work.Projects"))
        XCTAssertEqual(
            fileNames(directory.sub(".Work.Projects")), ["cur", "maildirfolder", "mailtls-lock", "new", "tmp"])
        try store(message, in: folder)
        _ = try folder.commit(recording: try recorded("imap-uidvalidity 3", "imap-highest-uid 1"))
        XCTAssertEqual(fileNames(directory.sub(".Work.Projects/new")).count, 1)
        XCTAssertEqual(root.state, .empty)
    }

    func testPathThatIsAFileIsUnusable() {
        let directory = TemporaryDirectory()
        write("x", to: directory.sub("file"))
        assertThrowsKind(.unusableDestination) { _ = try Maildir.open(at: directory.sub("file")) }
        assertThrowsKind(.unusableDestination) { _ = try Maildir.open(at: directory.sub("file/below")) }
    }

    /// Another process holding the Maildir's lock (an overlapping run) makes open wait, then fail.
    func testLockedByAnotherProcess() throws {
        let directory = TemporaryDirectory()
        try Maildir.open(at: directory.path).close()
        let holder = try lockHolder(directory.sub("mailtls-lock"), seconds: 30)
        defer {
            holder.terminate()
            holder.waitUntilExit()
        }
        var options = StoreOptions()
        options.lockTimeoutMilliseconds = 300
        let started = Date()
        assertThrowsKind(.locked) { _ = try Maildir.open(at: directory.path, options: options) }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.25)
    }

    func testClosedStoreRefusesWork() throws {
        let directory = TemporaryDirectory()
        let maildir = try Maildir.open(at: directory.path)
        try maildir.close()
        assertThrowsKind(.storeUnusable) { _ = try maildir.beginMessage(MessageInfo()) }
    }
}

/// A Python process holding an fcntl write lock on `path` for `seconds`, once it printed that
/// it has it.
func lockHolder(_ path: String, seconds: Int) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "python3", "-c",
        """
        import fcntl, sys, time
        f = open(sys.argv[1], 'r+')
        fcntl.lockf(f, fcntl.LOCK_EX)
        print('locked', flush=True)
        time.sleep(float(sys.argv[2]))
        """, path, String(seconds),
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    _ = output.fileHandleForReading.availableData  // "locked"
    return process
}
