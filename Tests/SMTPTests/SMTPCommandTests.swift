import XCTest

@testable import SMTP

final class SMTPCommandTests: XCTestCase {
    func testMailFrom() throws {
        let sender = try Mailbox(argument: "a@b.example")
        let table: [(Mailbox, MailParameters, String)] = [
            (sender, MailParameters(), "MAIL FROM:<a@b.example>"),
            (.null, MailParameters(), "MAIL FROM:<>"),
            (sender, MailParameters(size: 1234), "MAIL FROM:<a@b.example> SIZE=1234"),
            (sender, MailParameters(size: 0), "MAIL FROM:<a@b.example> SIZE=0"),
            (sender, MailParameters(eightBitMIME: true), "MAIL FROM:<a@b.example> BODY=8BITMIME"),
            (sender, MailParameters(smtpUTF8: true), "MAIL FROM:<a@b.example> SMTPUTF8"),
            (
                sender, MailParameters(auth: try Mailbox(argument: "me@b.example")),
                "MAIL FROM:<a@b.example> AUTH=<me@b.example>"
            ),
            (sender, MailParameters(auth: .null), "MAIL FROM:<a@b.example> AUTH=<>"),
            (
                sender, MailParameters(auth: try Mailbox(argument: "a+b=c@x")),
                "MAIL FROM:<a@b.example> AUTH=<a+2Bb+3Dc@x>"
            ),
            (
                try Mailbox(argument: "josé@x"),
                MailParameters(size: 9, eightBitMIME: true, smtpUTF8: true, auth: try Mailbox(argument: "josé@x")),
                "MAIL FROM:<josé@x> SIZE=9 BODY=8BITMIME SMTPUTF8 AUTH=<jos+C3+A9@x>"
            ),
        ]
        for (mailbox, parameters, line) in table {
            XCTAssertEqual(SMTPCommand.mailFrom(mailbox, parameters), line)
        }
    }

    func testRcptTo() throws {
        XCTAssertEqual(SMTPCommand.rcptTo(try Mailbox(argument: "<x@y>")), "RCPT TO:<x@y>")
        XCTAssertEqual(SMTPCommand.rcptTo(try Mailbox(argument: "\"a b\"@y")), "RCPT TO:<\"a b\"@y>")
        XCTAssertEqual(SMTPCommand.rcptTo(try Mailbox(argument: "postmaster")), "RCPT TO:<postmaster>")
    }

    func testEhloAndHelo() throws {
        XCTAssertEqual(try SMTPCommand.ehlo("client.example"), "EHLO client.example")
        XCTAssertEqual(try SMTPCommand.ehlo("[192.0.2.1]"), "EHLO [192.0.2.1]")
        XCTAssertEqual(try SMTPCommand.helo("client.example"), "HELO client.example")
        for bad in ["", "a b", "x\r\nMAIL FROM:<a@b>", "x\0", "x\t"] {
            XCTAssertThrowsError(try SMTPCommand.ehlo(bad), bad.debugDescription) { error in
                XCTAssertEqual((error as? SMTPError)?.kind, .badAddress)
            }
            XCTAssertThrowsError(try SMTPCommand.helo(bad), bad.debugDescription)
        }
    }

    func testXText() {
        let table: [(String, String)] = [
            ("<a@b>", "<a@b>"),
            ("", ""),
            ("+", "+2B"),
            ("=", "+3D"),
            ("a b", "a+20b"),
            ("~!", "~!"),
            ("é", "+C3+A9"),
            ("\u{7F}", "+7F"),
        ]
        for (text, encoded) in table {
            XCTAssertEqual(XText.encode(text), encoded, text)
        }
    }
}
