import XCTest

@testable import SMTP

final class SMTPErrorTests: XCTestCase {
    func testRejectedMessagesFollowCurl() {
        let reply = SMTPReply(code: 550, lines: ["5.7.1 Relaying denied"])
        let table: [(SMTPError.Stage, String)] = [
            (.greeting, "Got unexpected smtp-server response: 550 5.7.1 Relaying denied"),
            (.ehlo, "Remote access denied: 550 5.7.1 Relaying denied"),
            (.helo, "Remote access denied: 550 5.7.1 Relaying denied"),
            (.startTLS, "STARTTLS denied, code 550 5.7.1 Relaying denied"),
            (.auth, "Authentication failed: 550 5.7.1 Relaying denied"),
            (.mail, "MAIL failed: 550 5.7.1 Relaying denied"),
            (.rcpt, "RCPT failed: 550 5.7.1 Relaying denied"),
            (.data, "DATA failed: 550 5.7.1 Relaying denied"),
            (.message, "Message not accepted: 550 5.7.1 Relaying denied"),
            (.command, "Command failed: 550 5.7.1 Relaying denied"),
        ]
        for (stage, message) in table {
            let error = SMTPError.rejected(stage, reply)
            XCTAssertEqual(error.kind, .rejected(stage, reply))
            XCTAssertEqual(error.message, message)
            XCTAssertEqual(error.description, message)
        }
    }
}
