import XCTest

@testable import POP3

final class POP3ErrorTests: XCTestCase {
    func testRejectionMessagesSayWhatResponseCodesMean() throws {
        let table: [(POP3Error.Stage, String, String)] = [
            (
                .pass, "-ERR [AUTH] Authentication failed.",
                "Access denied: credentials refused: -ERR [AUTH] Authentication failed."
            ),
            (
                .pass, "-ERR [IN-USE] Mailbox locked",
                "Access denied: mailbox in use (another session holds it): -ERR [IN-USE] Mailbox locked"
            ),
            (
                .auth, "-ERR [SYS/TEMP] backend down",
                "Authentication failed: temporary system error: -ERR [SYS/TEMP] backend down"
            ),
            (
                .apop, "-ERR [LOGIN-DELAY] 60",
                "Access denied: login delay (logging in again too soon): -ERR [LOGIN-DELAY] 60"
            ),
            (.message, "-ERR There's no message 9999.", "No such message: -ERR There's no message 9999."),
            (.stls, "-ERR TLS not now", "STARTTLS denied: -ERR TLS not now"),
            (.custom, "-ERR Unknown command: FOO", "Command failed: -ERR Unknown command: FOO"),
            (.greeting, "-ERR go away\u{1b}[2J", "Got unexpected pop3-server response: -ERR go away?[2J"),
        ]
        for (stage, line, message) in table {
            let response = try POP3Response(line: [UInt8](line))
            let error = POP3Error.rejected(stage, response)
            XCTAssertEqual(error.message, message)
            XCTAssertEqual(error.kind, .rejected(stage, response))
        }
    }

    func testLongServerTextIsCut() throws {
        let response = try POP3Response(line: [UInt8]("-ERR " + String(repeating: "x", count: 1000)))
        XCTAssertLessThan(POP3Error.rejected(.other, response).message.count, 400)
    }
}
