import Foundation
import XCTest

@testable import MailStore

/// Full and read-only file systems, on a small tmpfs. Needs the right to mount (root in a VM
/// or container that allows it); skipped otherwise.
final class DiskErrorTests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var mounted = false

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        mounted = run("/bin/mount", ["-t", "tmpfs", "-o", "size=128k,mode=0700", "tmpfs", directory.path])
        try XCTSkipUnless(mounted, "cannot mount a tmpfs here")
    }

    override func tearDown() {
        if mounted { _ = run("/bin/umount", [directory.path]) }
        directory = nil
    }

    private func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    private let big = Array(repeating: UInt8(ascii: "x"), count: 64 * 1024)

    func testMaildirOnAFullDisk() throws {
        let maildir = try Maildir.open(at: directory.sub("m"))
        try store("Subject: small\r\n\r\n", in: maildir, info: MessageInfo(key: "1"))
        let writer = try maildir.beginMessage(MessageInfo(key: "2"))
        do {
            for _ in 0..<8 { try writer.write(big) }
            try writer.finish()
            XCTFail("wrote 512 KiB into 128 KiB")
        } catch {
            XCTAssertEqual(error.kind, .writeFailed)
            XCTAssertEqual(error.errorNumber, ENOSPC)
            XCTAssertTrue(error.message.contains(directory.sub("m/tmp/")), error.message)
            XCTAssertTrue(error.message.contains("No space left on device"), error.message)
            XCTAssertEqual(error.kind.intendedCurlCode, 23)
        }
        // The failed message is gone; the finished one can still be committed.
        XCTAssertEqual(fileNames(directory.sub("m/tmp")).count, 1)
        let saved = try maildir.commit(recording: try recorded("pop3-uidl-count 1", "pop3-uidl 1"))
        XCTAssertEqual(saved.map(\.key), ["1"])
        XCTAssertEqual(fileNames(directory.sub("m/new")).count, 1)
        XCTAssertEqual(fileNames(directory.sub("m/tmp")), [])
    }

    func testMboxOnAFullDisk() throws {
        let path = directory.sub("mbox")
        let mbox = try Mbox.open(at: path)
        try store("Subject: small\r\n\r\n", in: mbox)
        _ = try mbox.commit(recording: .empty)
        let committed = contents(path)
        try store("Subject: second\r\n\r\n", in: mbox)
        let writer = try mbox.beginMessage(MessageInfo())
        XCTAssertThrowsError(try { for _ in 0..<8 { try writer.write(self.big) } }()) { error in
            XCTAssertEqual((error as? MailStoreError)?.errorNumber, ENOSPC)
        }
        // The failed message is cut off at once; discarding cuts off the rest of the batch.
        XCTAssertTrue(text(path).hasSuffix("Subject: second\n\n\n"), text(path).debugDescription)
        mbox.discardUncommitted()
        XCTAssertEqual(contents(path), committed)
    }

    func testReadOnlyFileSystem() throws {
        try Maildir.open(at: directory.sub("m")).close()
        XCTAssertTrue(run("/bin/mount", ["-o", "remount,ro", directory.path]))
        do {
            _ = try Maildir.open(at: directory.sub("m"))
            XCTFail("opened for writing on a read-only file system")
        } catch {
            XCTAssertEqual(error.kind, .writeFailed)
            XCTAssertEqual(error.errorNumber, EROFS)
            XCTAssertTrue(error.message.contains(directory.sub("m")), error.message)
        }
        assertThrowsKind(.writeFailed) { _ = try Mbox.open(at: directory.sub("mbox")) }
    }
}
