import Foundation
import XCTest

@testable import MailStore

/// Destinations below missing directories are created (mode 0700); a file in the way is a
/// clear `.unusableDestination`.
final class ParentDirectoriesTests: XCTestCase {
    private func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    func testMaildirAndMboxBelowMissingDirectories() throws {
        let directory = TemporaryDirectory()
        let maildir = try Maildir.open(at: directory.sub("Mail/work/inbox"))
        try maildir.close()
        XCTAssertEqual(
            fileNames(directory.sub("Mail/work/inbox")).filter { !$0.hasPrefix("mailtls") }, ["cur", "new", "tmp"])
        XCTAssertEqual(try mode(directory.sub("Mail")), 0o700)
        XCTAssertEqual(try mode(directory.sub("Mail/work")), 0o700)

        let mbox = try Mbox.open(at: directory.sub("a/b/c/inbox.mbox"))
        try mbox.close()
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.sub("a/b/c/inbox.mbox")))
        XCTAssertEqual(try mode(directory.sub("a/b")), 0o700)
    }

    func testAFileInTheWay() throws {
        let directory = TemporaryDirectory()
        write("not a directory", to: directory.sub("file"))
        let expected = "\(directory.sub("file")) is not a directory"
        XCTAssertThrowsError(try Maildir.open(at: directory.sub("file/sub/Maildir"))) { error in
            XCTAssertEqual((error as? MailStoreError)?.kind, .unusableDestination)
            XCTAssertEqual((error as? MailStoreError)?.message.hasPrefix(expected), true, "\(error)")
        }
        XCTAssertThrowsError(try Mbox.open(at: directory.sub("file/inbox.mbox"))) { error in
            XCTAssertEqual((error as? MailStoreError)?.kind, .unusableDestination)
            XCTAssertEqual((error as? MailStoreError)?.message.hasPrefix(expected), true, "\(error)")
        }
        XCTAssertThrowsError(try Maildir.open(at: directory.sub("file"))) { error in
            XCTAssertEqual(
                (error as? MailStoreError)?.message,
                "\(directory.sub("file")) is not a directory and cannot be a Maildir")
        }
        XCTAssertEqual(fileNames(directory.path), ["file"], "nothing created")
    }
}
