import MailStore
import XCTest

/// A state whose lines are written in chunks when recorded (`SyncState.init(lineCount:
/// byteCount:lines:)`) is the same state as its text, on disk byte for byte.
final class GeneratedSyncStateTests: XCTestCase {
    /// 20,000 lines: several 64 KiB chunks.
    private let lines = ["pop3-uidl-count 20000"] + (0..<20_000).map { "pop3-uidl id\(100_000 + $0)" }

    private func generated(_ lines: [String], byteCount: Int? = nil) -> SyncState {
        let size = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        return SyncState(lineCount: lines.count, byteCount: byteCount ?? size) { (writer) throws(MailStoreError) in
            for line in lines {
                let space = line.firstIndex(of: " ")!
                try writer.append(key: String(line[..<space]), value: line[line.index(after: space)...].utf8)
            }
        }
    }

    func testGeneratedStateEqualsItsText() throws {
        let state = generated(lines)
        let text = try SyncState(lines: lines)
        XCTAssertEqual(state.text, text.text)
        XCTAssertEqual(state.byteCount, text.byteCount)
        XCTAssertEqual(state, text)
        XCTAssertEqual(text, state)
        XCTAssertEqual(state, generated(lines))
        var changed = lines
        changed[7] = "pop3-uidl id1xxxxx"
        XCTAssertNotEqual(state, try SyncState(lines: changed))
        XCTAssertNotEqual(state, generated(changed))
        XCTAssertNotEqual(state, try SyncState(lines: Array(lines.dropLast())))
        var chunks: [Int] = []
        try state.write(inChunks: { chunks.append($0.count) })
        XCTAssertGreaterThan(chunks.count, 3)
        XCTAssertTrue(chunks.dropLast().allSatisfy { $0 >= 64 << 10 && $0 < (64 << 10) + 256 })
    }

    /// Lines that do not match the counts given, or that a state file cannot hold, are not
    /// written.
    func testMismatchedOrInvalidLinesAreRefused() {
        var error = mailStoreError { try generated(lines, byteCount: 5).write(inChunks: { _ in }) }
        XCTAssertEqual(error?.kind, .corruptState)
        error = mailStoreError { try generated(["maildir-pending new/x"]).write(inChunks: { _ in }) }
        XCTAssertEqual(error?.kind, .corruptState)
        XCTAssertTrue(error?.message.contains("Cannot record the sync state line") == true, error?.message ?? "")
    }

    /// Recorded into a Maildir (on the commit thread and at once), the file is the text's.
    func testMaildirRecordsTheSameFile() throws {
        var files: [String] = []
        for state in [try SyncState(lines: lines), generated(lines)] {
            let directory = TemporaryDirectory()
            let maildir = try Maildir.open(at: directory.path)
            let writer = try maildir.beginMessage(MessageInfo())
            try writer.write(Array("Subject: x\r\n\r\nbody\r\n".utf8))
            try writer.finish()
            try maildir.commitInBackground(recording: state)
            try maildir.waitForCommit()
            XCTAssertEqual(maildir.state, state)
            XCTAssertEqual(try maildir.commit(recording: state).count, 0)
            try maildir.close()
            files.append(text(directory.sub("mailtls-state")))
            let again = try Maildir.open(at: directory.path)
            XCTAssertEqual(again.state, state)
            try again.close()
        }
        XCTAssertEqual(files[0], files[1])
        XCTAssertTrue(files[0].hasPrefix("mailtls-state 1\npop3-uidl-count 20000\npop3-uidl id100000\n"))
    }
}
