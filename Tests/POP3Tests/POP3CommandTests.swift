import SASL
import XCTest

@testable import POP3

final class POP3CommandTests: XCTestCase {
    func testCommandLines() throws {
        let plain = try XCTUnwrap(SASLMechanism("PLAIN"))
        let table: [(POP3Command, String, String)] = [
            (try .user("bob"), "USER bob", "USER bob"),
            (try .pass("bob pass"), "PASS bob pass", "PASS <redacted>"),
            (.auth(plain), "AUTH PLAIN", "AUTH PLAIN"),
            (.auth(plain, initialResponse: [0, 98, 0, 112]), "AUTH PLAIN AGIAcA==", "AUTH PLAIN <redacted>"),
            (.auth(plain, initialResponse: []), "AUTH PLAIN =", "AUTH PLAIN <redacted>"),
            (.stat, "STAT", "STAT"), (.noop, "NOOP", "NOOP"), (.rset, "RSET", "RSET"), (.quit, "QUIT", "QUIT"),
            (.stls, "STLS", "STLS"), (.capa, "CAPA", "CAPA"),
            (.list(), "LIST", "LIST"), (.list(7), "LIST 7", "LIST 7"),
            (.uidl(), "UIDL", "UIDL"), (.uidl(4294967295), "UIDL 4294967295", "UIDL 4294967295"),
            (.retr(1), "RETR 1", "RETR 1"), (.top(3, lines: 0), "TOP 3 0", "TOP 3 0"),
            (.dele(12), "DELE 12", "DELE 12"),
            (try .custom("XTND XMIT"), "XTND XMIT", "XTND XMIT"),
        ]
        for (command, line, display) in table {
            XCTAssertEqual(command.line, line)
            XCTAssertEqual(command.display, display)
            XCTAssertEqual(command.wireBytes, [UInt8](line + "\r\n"))
        }
    }

    func testArgumentsThatWouldSplitTheCommandAreRefused() {
        for bad in ["bob\r\nDELE 1", "bob\n", "bob\r", "b\0b"] {
            XCTAssertEqual(pop3ErrorKind { _ = try POP3Command.user(bad) }, .unsendableArgument, bad.debugDescription)
            XCTAssertEqual(pop3ErrorKind { _ = try POP3Command.pass(bad) }, .unsendableArgument, bad.debugDescription)
            XCTAssertEqual(pop3ErrorKind { _ = try POP3Command.custom(bad) }, .unsendableArgument, bad.debugDescription)
            let timestamp = APOPTimestamp(text: [UInt8]("<1.2@h>"))!
            XCTAssertEqual(
                pop3ErrorKind { _ = try POP3Command.apop(name: bad, timestamp: timestamp, secret: "s") },
                .unsendableArgument)
        }
        XCTAssertEqual(pop3ErrorKind { _ = try POP3Command.user("") }, .unsendableArgument)
        XCTAssertEqual(pop3ErrorKind { _ = try POP3Command.custom("") }, .unsendableArgument)
        // Other bytes pass as the user gave them (the server judges).
        XCTAssertEqual(try POP3Command.pass("p\u{e4}ss word\t!").line, "PASS p\u{e4}ss word\t!")
    }

    /// RFC 5034 section 4: 255 octets with CR LF at most, else the response goes after `+ `.
    func testInitialResponseLengthRule() throws {
        let plain = try XCTUnwrap(SASLMechanism("PLAIN"))
        // "AUTH PLAIN " is 11 bytes; 11 + base64 + 2 <= 255 -> base64 <= 242 -> 180 raw bytes (240 base64).
        XCTAssertTrue(POP3Command.initialResponseFits(plain, [UInt8](repeating: 1, count: 180)))
        XCTAssertFalse(POP3Command.initialResponseFits(plain, [UInt8](repeating: 1, count: 183)))
        XCTAssertTrue(POP3Command.initialResponseFits(plain, []))
    }

    func testResponseShapes() {
        let table: [(String, Bool)] = [
            ("LIST", true), ("list", true), ("LIST 1", false), ("UIDL", true), ("UIDL 3", false), ("CAPA", true),
            ("RETR 1", true), ("TOP 1 0", true), ("top 1 0", true), ("AUTH", true), ("AUTH PLAIN", false),
            ("LANG", true), ("LANG en", false),
            ("DELE 1", false), ("NOOP", false), ("STAT", false), ("RSET", false), ("QUIT", false), ("STLS", false),
            ("USER x", false), ("PASS x", false), ("APOP a b", false), ("UTF8", false),
            ("XTND XMIT", true), ("FOO", true), ("LISTX", true), ("LIST ", true),
        ]
        for (line, multiline) in table {
            XCTAssertEqual(POP3ResponseShape.isMultiline(line), multiline, line)
        }
    }
}
