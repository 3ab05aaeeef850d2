import Foundation
import XCTest

@testable import MailStore

/// The queue directory: entries become visible in new/ only when kept, complete and synced.
final class MessageQueueTests: XCTestCase {
    func testKeptEntryIsVisibleDiscardedLeavesNothing() throws {
        let directory = TemporaryDirectory()
        let queue = try MessageQueue.open(at: directory.sub("q"))
        let kept = try queue.beginEntry()
        try kept.write(Array("header\n\nmessage".utf8))
        XCTAssertEqual(try queue.entryNames(), [], "nothing is visible while it is written")
        XCTAssertEqual(fileNames(directory.sub("q/tmp")), [kept.name])
        let path = try kept.keep()
        XCTAssertEqual(path, directory.sub("q/new/") + kept.name)
        XCTAssertEqual(contents(path), Array("header\n\nmessage".utf8))
        let dropped = try queue.beginEntry()
        try dropped.write(Array("x".utf8))
        dropped.discard()
        XCTAssertEqual(fileNames(directory.sub("q/tmp")), [])
        XCTAssertEqual(try queue.entryNames(), [kept.name])
    }

    func testReadRemoveAndSetAside() throws {
        let directory = TemporaryDirectory()
        let queue = try MessageQueue.open(at: directory.path + "/q")
        var names: [String] = []
        for text in ["one", "two"] {
            let entry = try queue.beginEntry()
            try entry.write(Array(text.utf8))
            _ = try entry.keep()
            names.append(entry.name)
        }
        XCTAssertEqual(try queue.entryNames(), names, "oldest first")
        let file = try XCTUnwrap(try queue.openEntry(names[0]))
        var buffer = [UInt8](repeating: 0, count: 10)
        let n = try buffer.withUnsafeMutableBytes { try file.read(into: $0, at: 1) }
        XCTAssertEqual(Array(buffer[0..<n]), Array("ne".utf8))
        try queue.remove(names[0])
        XCTAssertNil(try queue.openEntry(names[0]), "gone: another flush sent it")
        let failed = try queue.moveToFailed(names[1])
        XCTAssertEqual(contents(failed), Array("two".utf8))
        XCTAssertEqual(try queue.entryNames(), [])
    }

    func testAbandonedTemporaryFilesAreRemovedLiveOnesKept() throws {
        let directory = TemporaryDirectory()
        let queue = try MessageQueue.open(at: directory.path + "/q")
        let live = try queue.beginEntry()
        try live.write(Array("still being written".utf8))
        let host = MaildirUniqueName.localHost()
        let dead = "1.M1P\(Int32.max - 1)Q0.\(host)"
        FileManager.default.createFile(atPath: directory.path + "/q/tmp/" + dead, contents: Data("x".utf8))
        try queue.removeAbandonedEntries()
        XCTAssertEqual(fileNames(directory.path + "/q/tmp"), [live.name])
    }

    func testOneFlushAtATime() throws {
        let directory = TemporaryDirectory()
        let queue = try MessageQueue.open(at: directory.path + "/q")
        let lock = try XCTUnwrap(try queue.lockForFlush())
        // fcntl locks are per process: another process is needed to see it held.
        let script =
            "import fcntl,sys\nf=open(sys.argv[1],'r+')\ntry:\n fcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\n"
            + " print('free')\nexcept OSError:\n print('held')\n"
        func probe() throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, directory.path + "/q/flush.lock"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        XCTAssertEqual(try probe(), "held\n")
        withExtendedLifetime(lock) {}
        _ = consume lock
        XCTAssertEqual(try probe(), "free\n")
    }
}
