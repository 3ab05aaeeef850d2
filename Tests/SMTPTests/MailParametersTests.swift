import XCTest

@testable import SMTP

final class MailParametersTests: XCTestCase {
    private func caps(_ keywords: String...) -> SMTPCapabilities {
        SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["mx"] + keywords))
    }

    private func negotiate(
        sender: String = "a@x", recipients: [String] = ["b@y"], auth: String? = nil,
        size: UInt64? = nil, eightBit: MailParameters.EightBitContent = .none,
        _ capabilities: SMTPCapabilities, authenticated: Bool = false
    ) throws -> MailParameters {
        try MailParameters.negotiate(
            sender: try Mailbox(argument: sender, allowNull: true),
            recipients: try recipients.map { try Mailbox(argument: $0) },
            auth: try auth.map { try Mailbox(argument: $0, allowNull: true) },
            messageSize: size, eightBit: eightBit, capabilities: capabilities, authenticated: authenticated)
    }

    func testChosen() throws {
        let table: [(MailParameters, MailParameters)] = [
            (try negotiate(caps()), MailParameters()),
            (try negotiate(size: 100, caps()), MailParameters()),
            (try negotiate(size: 100, caps("SIZE")), MailParameters(size: 100)),
            (try negotiate(size: 100, caps("SIZE 100")), MailParameters(size: 100)),
            (try negotiate(size: 100, caps("SIZE 0")), MailParameters(size: 100)),
            (try negotiate(caps("SIZE 10")), MailParameters()),
            (try negotiate(eightBit: .none, caps("8BITMIME")), MailParameters()),
            (try negotiate(eightBit: .present, caps("8BITMIME")), MailParameters(eightBitMIME: true)),
            (try negotiate(eightBit: .unknown, caps("8BITMIME")), MailParameters(eightBitMIME: true)),
            (try negotiate(eightBit: .unknown, caps()), MailParameters()),
            (try negotiate(sender: "é@x", caps("SMTPUTF8")), MailParameters(smtpUTF8: true)),
            (try negotiate(recipients: ["b@y", "c@bücher.example"], caps("SMTPUTF8")), MailParameters(smtpUTF8: true)),
            (try negotiate(caps("SMTPUTF8")), MailParameters()),
            (
                try negotiate(auth: "me@x", caps("AUTH PLAIN"), authenticated: true),
                MailParameters(auth: try Mailbox(argument: "me@x"))
            ),
            (try negotiate(auth: "<>", caps("AUTH PLAIN"), authenticated: true), MailParameters(auth: .null)),
            (try negotiate(auth: "me@x", caps("AUTH PLAIN"), authenticated: false), MailParameters()),
            (try negotiate(sender: "<>", caps()), MailParameters()),
        ]
        for (index, (chosen, expected)) in table.enumerated() {
            XCTAssertEqual(chosen, expected, "row \(index)")
        }
    }

    func testRefused() {
        let table: [(() throws -> MailParameters, SMTPError)] = [
            (
                { try self.negotiate(size: 101, self.caps("SIZE 100")) },
                SMTPError(.messageTooLarge, "Message too large: 101 bytes, the server accepts at most 100")
            ),
            (
                { try self.negotiate(eightBit: .present, self.caps()) },
                SMTPError(.needs8BitMIME, "The message has 8-bit bytes and the server does not offer 8BITMIME")
            ),
            (
                { try self.negotiate(recipients: ["b@y", "josé@y"], self.caps("8BITMIME")) },
                SMTPError(.needsSMTPUTF8, "Address \"jos??@y\" is not ASCII and the server does not offer SMTPUTF8")
            ),
            (
                { try self.negotiate(auth: "ü@x", self.caps("AUTH PLAIN"), authenticated: true) },
                SMTPError(.needsSMTPUTF8, "Address \"??@x\" is not ASCII and the server does not offer SMTPUTF8")
            ),
        ]
        for (index, (attempt, expected)) in table.enumerated() {
            XCTAssertThrowsError(try attempt(), "row \(index)") { error in
                XCTAssertEqual(error as? SMTPError, expected, "row \(index)")
            }
        }
    }
}
