import XCTest

@testable import MailStore

final class MaildirFolderNameTests: XCTestCase {
    static let table: [(String, Character?, String)] = [
        ("INBOX", "/", ""),
        ("inbox", ".", ""),
        ("Work", "/", ".Work"),
        ("Work/Projects", "/", ".Work.Projects"),
        ("Work.Projects", ".", ".Work.Projects"),
        ("a.b/c", "/", ".a%2Eb.c"),
        ("a/b", nil, ".a%2Fb"),
        ("100%", "/", ".100%25"),
        ("INBOX/Sub", "/", ".INBOX.Sub"),
        ("Entw&APw-rfe", "/", ".Entw&APw-rfe"),
        ("tab\there", "/", ".tab%09here"),
        ("Übersicht", "/", ".Übersicht"),
        ("..", "/", ".%2E%2E"),
    ]

    func testEncoding() throws {
        for (name, delimiter, directory) in Self.table {
            XCTAssertEqual(try MaildirFolderName(serverName: name, delimiter: delimiter).directoryName, directory, name)
        }
    }

    func testEmptyLevelsAreRefused() {
        for name in ["", "a//b", "/a", "a/"] {
            assertThrowsKind(.unsupportedFolderName) { _ = try MaildirFolderName(serverName: name, delimiter: "/") }
        }
        assertThrowsKind(.unsupportedFolderName) {
            _ = try MaildirFolderName(levels: [String(repeating: "x", count: 300)])
        }
    }
}
