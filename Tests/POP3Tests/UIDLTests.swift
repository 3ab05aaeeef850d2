import XCTest

@testable import POP3

final class UIDLTests: XCTestCase {
    func testUIDLValidation() throws {
        XCTAssertEqual(try UIDL("whqtswO00WBw418f9t5JxYwZ").value, "whqtswO00WBw418f9t5JxYwZ")
        XCTAssertEqual(try UIDL(String(repeating: "~", count: 70)).value.count, 70)
        for bad in ["", String(repeating: "a", count: 71), "a b", "a\tb", "ä", "a\r", "\u{7F}"] {
            // A server's bad unique-id is a malformed response (curl 8, WEIRD_SERVER_REPLY).
            XCTAssertEqual(pop3ErrorKind { _ = try UIDL(bad) }, .malformedResponse, bad.debugDescription)
        }
        XCTAssertThrowsError(try UIDL("a b")) { error in
            XCTAssertEqual(
                (error as? POP3Error)?.message,
                "Server sent an invalid UIDL \"a?b\" (3 bytes; 1 to 70 printable characters expected)")
        }
    }
}
