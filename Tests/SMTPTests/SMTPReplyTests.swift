import XCTest

@testable import SMTP

final class SMTPReplyTests: XCTestCase {
    func testSummary() {
        let table: [(SMTPReply, String)] = [
            (SMTPReply(code: 550, lines: ["5.7.1 Relaying denied"]), "550 5.7.1 Relaying denied"),
            (SMTPReply(code: 250, lines: [""]), "250"),
            (SMTPReply(code: 250, lines: []), "250"),
            (
                SMTPReply(
                    code: 550,
                    lines: ["5.7.1 The user you are trying", "5.7.1 to contact is not", "5.7.1 accepting mail"]),
                "550 5.7.1 The user you are trying to contact is not accepting mail"
            ),
            (SMTPReply(code: 550, lines: ["5.7.1 First", "5.7.2 Second"]), "550 5.7.1 First 5.7.2 Second"),
            (SMTPReply(code: 554, lines: ["No", "", "thanks"]), "554 No thanks"),
            (SMTPReply(code: 554, lines: ["\u{1B}[31mred"]), "554 ?[31mred"),
            (SMTPReply(code: 554, lines: ["Grüße"]), "554 Gr????e"),
        ]
        for (reply, summary) in table {
            XCTAssertEqual(reply.summary, summary)
        }
    }

    func testSummaryIsBounded() {
        let reply = SMTPReply(code: 550, lines: Array(repeating: String(repeating: "z", count: 500), count: 10))
        XCTAssertEqual(reply.summary.count, 1003)
        XCTAssertTrue(reply.summary.hasSuffix("..."))
    }

    func testClassification() {
        let table: [(Int, [Bool])] = [
            (250, [true, false, false, false]),
            (354, [false, true, false, false]),
            (451, [false, false, true, false]),
            (550, [false, false, false, true]),
        ]
        for (code, expected) in table {
            let reply = SMTPReply(code: code, lines: ["x"])
            XCTAssertEqual(
                [
                    reply.isPositiveCompletion, reply.isPositiveIntermediate,
                    reply.isTransientNegative, reply.isPermanentNegative,
                ], expected, "\(code)")
        }
    }

    func testMadeUpRepliesLookReceived() {
        let reply = SMTPReply(code: 250, lines: ["mx", "2.0.0 SIZE"])
        XCTAssertEqual(reply.rawLines, [[UInt8]("250-mx"), [UInt8]("250 2.0.0 SIZE")])
        XCTAssertNil(reply.enhancedStatusCode)
        XCTAssertEqual(SMTPReply(code: 250, lines: ["2.0.0 Ok"]).enhancedStatusCode?.description, "2.0.0")
    }
}
