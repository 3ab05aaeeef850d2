import Foundation
import XCTest

@testable import MailStore

/// The commit thread (`CommitThread`) and the Maildir's background commits: batch n is made
/// durable while batch n + 1 is written, in order, one batch in flight, and a failure there
/// ends the run with nothing recorded past it.
final class CommitPipelineTests: XCTestCase {
    let message = "Subject: hello\r\n\r\nbody\r\n"

    // MARK: CommitThread

    func testJobsRunOneAtATimeInOrderOnTheirOwnThread() {
        let thread = CommitThread<Int>()
        let gate = DispatchSemaphore(value: 0)
        let log = Log()
        let caller = pthread_self()
        XCTAssertNil(thread.wait(), "nothing started")
        try? thread.start {
            gate.wait()
            log.append(pthread_equal(pthread_self(), caller) == 0 ? "job 1 on its own thread" : "job 1 on the caller's")
            return 1
        }
        XCTAssertTrue(thread.isBusy)
        XCTAssertNil(thread.poll(), "still running")
        gate.signal()
        XCTAssertEqual(thread.wait(), 1)
        XCTAssertFalse(thread.isBusy)
        XCTAssertNil(thread.poll(), "collected once")
        try? thread.start {
            log.append("job 2")
            return 2
        }
        var polled: Int?
        for _ in 0..<1000 where polled == nil {
            polled = thread.poll()
            if polled == nil { usleep(1000) }
        }
        XCTAssertEqual(polled, 2)
        XCTAssertEqual(log.entries, ["job 1 on its own thread", "job 2"])
    }

    /// SIGINT must reach the pull's thread, whose blocking poll it interrupts.
    func testTheThreadBlocksSignals() {
        let thread = CommitThread<Bool>()
        try? thread.start {
            var mask = sigset_t()
            pthread_sigmask(SIG_BLOCK, nil, &mask)
            return sigismember(&mask, SIGINT) == 1 && sigismember(&mask, SIGTERM) == 1
        }
        XCTAssertEqual(thread.wait(), true)
        var mask = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &mask)
        XCTAssertEqual(sigismember(&mask, SIGINT), 0, "the caller's mask is unchanged")
    }

    func testStopLetsTheBusyJobEnd() {
        let thread = CommitThread<Int>()
        let log = Log()
        try? thread.start {
            usleep(50_000)
            log.append("ended")
            return 1
        }
        thread.stop()
        XCTAssertEqual(log.entries, ["ended"])
        try? thread.start { 3 }  // a new thread
        XCTAssertEqual(thread.wait(), 3)
    }

    // MARK: Maildir

    /// Batch 1 commits in the background while batch 2 is written; the next commit waits for
    /// it; the final one leaves everything durable, visible and recorded.
    func testBackgroundCommitsInOrder() throws {
        let directory = TemporaryDirectory()
        let maildir = try Maildir.open(at: directory.path)
        for key in 1...3 { try store(message, in: maildir, info: MessageInfo(key: "\(key)")) }
        let first = try recorded("imap-uidvalidity 7", "imap-highest-uid 3")
        try maildir.commitInBackground(recording: first)
        XCTAssertEqual(maildir.uncommittedCount, 0, "the batch went to the commit thread")
        for key in 4...5 { try store(message, in: maildir, info: MessageInfo(flags: [.seen], key: "\(key)")) }
        XCTAssertEqual(fileNames(directory.sub("cur")), [], "batch 2 is not visible before its commit")
        let second = try recorded("imap-uidvalidity 7", "imap-highest-uid 5")
        try maildir.commitInBackground(recording: second)
        // Starting batch 2's commit waited for batch 1's and applied it.
        XCTAssertEqual(maildir.state, first)
        XCTAssertEqual(fileNames(directory.sub("new")).count, 3)
        let final = try recorded("imap-uidvalidity 7", "imap-highest-uid 6")
        XCTAssertEqual(try maildir.commit(recording: final), [], "nothing new: only the state")
        XCTAssertEqual(maildir.state, final)
        XCTAssertEqual(fileNames(directory.sub("new")).count, 3)
        XCTAssertEqual(fileNames(directory.sub("cur")).count, 2)
        XCTAssertEqual(fileNames(directory.sub("tmp")), [])
        try maildir.close()
        XCTAssertEqual(
            text(directory.sub("mailtls-state")), "mailtls-state 1\nimap-uidvalidity 7\nimap-highest-uid 6\nend\n")
    }

    /// The state file cannot be written on the commit thread: the failure comes back as the
    /// write error (curl 23), the batch is neither recorded nor visible nor left in tmp/, and the
    /// Maildir refuses every later commit (the caller's next states would cover that batch).
    func testFailureOnTheCommitThread() throws {
        let directory = TemporaryDirectory()
        do {
            let maildir = try Maildir.open(at: directory.path)
            _ = try maildir.commit(recording: try recorded("pop3-uidl-count 1", "pop3-uidl a"))
            try FileManager.default.createDirectory(
                atPath: directory.sub("mailtls-state.tmp"), withIntermediateDirectories: false)
            for key in ["b", "c"] { try store(message, in: maildir, info: MessageInfo(key: key)) }
            try maildir.commitInBackground(
                recording: try recorded("pop3-uidl-count 3", "pop3-uidl a", "pop3-uidl b", "pop3-uidl c"))
            do {
                try maildir.waitForCommit()
                XCTFail("the commit succeeded")
            } catch {
                XCTAssertEqual(error.kind, .writeFailed)
                XCTAssertEqual(error.kind.intendedCurlCode, 23)
                XCTAssertTrue(error.message.contains(directory.sub("mailtls-state.tmp")), error.message)
            }
            XCTAssertEqual(maildir.state, try recorded("pop3-uidl-count 1", "pop3-uidl a"))
            assertThrowsKind(.storeUnusable) { try store(self.message, in: maildir) }
            assertThrowsKind(.storeUnusable) {
                _ = try maildir.commit(recording: try recorded("pop3-uidl-count 2", "pop3-uidl a", "pop3-uidl d"))
            }
            XCTAssertEqual(fileNames(directory.sub("new")), [])
            XCTAssertEqual(fileNames(directory.sub("tmp")), [])
        }
        try FileManager.default.removeItem(atPath: directory.sub("mailtls-state.tmp"))
        let reopened = try Maildir.open(at: directory.path)
        XCTAssertEqual(reopened.state, try recorded("pop3-uidl-count 1", "pop3-uidl a"))
    }

    /// A failed background commit stops the writer at its next message, not a batch later;
    /// the messages written meanwhile are dropped with the store.
    func testFailureShowsAtTheNextMessage() throws {
        let directory = TemporaryDirectory()
        do {
            let maildir = try Maildir.open(at: directory.path)
            try FileManager.default.createDirectory(
                atPath: directory.sub("mailtls-state.tmp"), withIntermediateDirectories: false)
            try store(message, in: maildir, info: MessageInfo(key: "1"))
            try maildir.commitInBackground(recording: try recorded("pop3-uidl-count 1", "pop3-uidl 1"))
            var failure: MailStoreError?
            var written = 0
            while failure == nil && written < 10_000 {
                do {
                    try store(message, in: maildir, info: MessageInfo(key: "\(written + 2)"))
                    written += 1
                    usleep(1000)
                } catch {
                    failure = error as? MailStoreError
                }
            }
            XCTAssertEqual(failure?.kind, .writeFailed, "\(String(describing: failure))")
            XCTAssertEqual(fileNames(directory.sub("new")), [])
        }
        XCTAssertEqual(fileNames(directory.sub("tmp")), [], "the messages written meanwhile are gone")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.sub("mailtls-state")))
    }

    /// What a pull does when interrupted with a batch in flight: the message being written is
    /// abandoned, the final commit waits for the one in flight and records the finished rest.
    func testInterruptionWithABatchInFlight() throws {
        let directory = TemporaryDirectory()
        let maildir = try Maildir.open(at: directory.path)
        for key in 1...3 { try store(message, in: maildir, info: MessageInfo(key: "\(key)")) }
        try maildir.commitInBackground(recording: try recorded("imap-uidvalidity 7", "imap-highest-uid 3"))
        try store(message, in: maildir, info: MessageInfo(key: "4"))
        let writer = try maildir.beginMessage(MessageInfo(key: "5"))
        try writer.write(Array("Subject: half".utf8))
        writer.abandon()
        let saved = try maildir.commit(recording: try recorded("imap-uidvalidity 7", "imap-highest-uid 4"))
        XCTAssertEqual(saved.map(\.key), ["4"])
        XCTAssertEqual(fileNames(directory.sub("new")).count, 4)
        XCTAssertEqual(fileNames(directory.sub("tmp")), [])
        XCTAssertEqual(maildir.state, try recorded("imap-uidvalidity 7", "imap-highest-uid 4"))
    }

    /// Dropping the store (an error ends the run) with a batch in flight: that batch completes
    /// and stays recorded; what was finished after it is removed from tmp/.
    func testDroppedStoreFinishesTheBatchInFlight() throws {
        let directory = TemporaryDirectory()
        let first = try recorded("imap-uidvalidity 7", "imap-highest-uid 2")
        do {
            let maildir = try Maildir.open(at: directory.path)
            for key in 1...2 { try store(message, in: maildir, info: MessageInfo(key: "\(key)")) }
            try maildir.commitInBackground(recording: first)
            try store(message, in: maildir, info: MessageInfo(key: "3"))
        }
        XCTAssertEqual(fileNames(directory.sub("new")).count, 2)
        XCTAssertEqual(fileNames(directory.sub("tmp")), [])
        XCTAssertEqual(try Maildir.open(at: directory.path).state, first)
    }

    /// An mbox commits at once: the protocol's default.
    func testMboxCommitsInTheBackgroundAtOnce() throws {
        let directory = TemporaryDirectory()
        let mbox = try Mbox.open(at: directory.sub("mbox"))
        try store(message, in: mbox)
        try mbox.commitInBackground(recording: try recorded("pop3-uidl-count 1", "pop3-uidl 1"))
        XCTAssertEqual(mbox.state, try recorded("pop3-uidl-count 1", "pop3-uidl 1"))
        try mbox.waitForCommit()
        try mbox.close()
    }
}

/// Lines appended from either thread.
private final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var entries: [String] { lock.withLock { lines } }
}
