import XCTest

@testable import IMAP

final class IMAPLiteralAnnouncementTests: XCTestCase {
    func testAnnouncements() throws {
        let table: [(String, IMAPLiteralAnnouncement?)] = [
            ("* 1 FETCH (BODY[] {751}", IMAPLiteralAnnouncement(size: 751, isBinary: false, offset: 18)),
            ("{0}", IMAPLiteralAnnouncement(size: 0, isBinary: false, offset: 0)),
            ("x {007}", IMAPLiteralAnnouncement(size: 7, isBinary: false, offset: 2)),
            ("* 1 FETCH (BINARY[] ~{5}", IMAPLiteralAnnouncement(size: 5, isBinary: true, offset: 20)),
            ("x {4294967296}", IMAPLiteralAnnouncement(size: 4_294_967_296, isBinary: false, offset: 2)),
            ("* OK done", nil),
            ("* OK }", nil),
            ("* OK {see the manual}", nil),
            ("* OK {5} more", nil),
            ("", nil),
        ]
        for (line, expected) in table {
            XCTAssertEqual(try IMAPLiteralAnnouncement.parse(endOf: [UInt8](line), maxSize: 1 << 32), expected, line)
        }
    }

    func testRefused() {
        let table: [(String, String)] = [
            ("x {-1}", "Invalid literal size from server: {-1}"),
            ("x {1a}", "Invalid literal size from server: {1a}"),
            ("x {}", "Invalid literal announcement from server: {}"),
            ("x {0x10}", "Invalid literal size from server: {0x10}"),
            ("x {99999999999}", "Literal size from server too large: {99999999999} (limit 4294967296 bytes)"),
            ("x {4294967297}", "Literal size from server too large: {4294967297} (limit 4294967296 bytes)"),
            ("x {99999999999999999999999}", "Literal size from server too large: {99999999999999999999999}"),
            (
                "x {1234567890123456789012345}",
                "Invalid literal announcement from server: {123456789012345678901234...}"
            ),
            ("x {5+}", "Server sent a non-synchronizing literal {5+}, which only clients may send"),
            ("x {5-}", "Server sent a non-synchronizing literal {5-}, which only clients may send"),
            ("x {\u{1B}[2J}", "Invalid literal size from server: {?[2J}"),
        ]
        for (line, message) in table {
            XCTAssertThrowsError(try IMAPLiteralAnnouncement.parse(endOf: [UInt8](line), maxSize: 1 << 32), line) {
                error in
                XCTAssertEqual(error as? IMAPError, IMAPError(.badLiteral, message), line)
            }
        }
    }
}
