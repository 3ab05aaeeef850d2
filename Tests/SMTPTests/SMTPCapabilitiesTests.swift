import XCTest

@testable import SMTP

final class SMTPCapabilitiesTests: XCTestCase {
    private func capabilities(_ lines: String...) -> SMTPCapabilities {
        SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: lines))
    }

    func testPostfix() {
        let caps = capabilities(
            "mx.example", "PIPELINING", "SIZE 10240000", "VRFY", "ETRN", "STARTTLS",
            "AUTH PLAIN LOGIN", "AUTH=PLAIN LOGIN", "ENHANCEDSTATUSCODES", "8BITMIME",
            "DSN", "SMTPUTF8", "CHUNKING")
        XCTAssertEqual(caps.greeting, "mx.example")
        XCTAssertTrue(caps.startTLS)
        XCTAssertEqual(caps.authMechanisms, ["PLAIN", "LOGIN"])
        XCTAssertTrue(caps.size)
        XCTAssertEqual(caps.maximumMessageSize, 10_240_000)
        XCTAssertTrue(caps.eightBitMIME)
        XCTAssertTrue(caps.smtpUTF8)
        XCTAssertTrue(caps.pipelining)
        XCTAssertTrue(caps.chunking)
        XCTAssertTrue(caps.enhancedStatusCodes)
        XCTAssertTrue(caps.dsn)
        XCTAssertEqual(
            caps.others,
            [
                SMTPExtension(keyword: "VRFY", parameters: []),
                SMTPExtension(keyword: "ETRN", parameters: []),
            ])
    }

    func testKeywordsIgnoreCase() {
        let caps = capabilities("mx", "starttls", "auth plain cram-md5", "8bitmime", "Pipelining", "sIzE 5")
        XCTAssertTrue(caps.startTLS)
        XCTAssertEqual(caps.authMechanisms, ["PLAIN", "CRAM-MD5"])
        XCTAssertTrue(caps.eightBitMIME)
        XCTAssertTrue(caps.pipelining)
        XCTAssertEqual(caps.maximumMessageSize, 5)
        XCTAssertTrue(caps.offersAuth("cram-md5"))
        XCTAssertFalse(caps.offersAuth("LOGIN"))
    }

    func testGreetingLineIsNotAKeyword() {
        XCTAssertFalse(capabilities("STARTTLS").startTLS)
        XCTAssertEqual(
            capabilities("mx.example Hello [1.2.3.4]"),
            {
                var caps = SMTPCapabilities()
                caps.greeting = "mx.example Hello [1.2.3.4]"
                return caps
            }())
    }

    func testSize() {
        let table: [(String, Bool, UInt64?)] = [
            ("SIZE", true, nil),
            ("SIZE 0", true, nil),
            ("SIZE 52428800", true, 52_428_800),
            ("SIZE 18446744073709551615", true, UInt64.max),
            ("SIZE 18446744073709551616", true, nil),
            ("SIZE -1", true, nil),
            ("SIZE lots", true, nil),
            ("SIZE  1000", true, 1000),
            ("SIZE\t1000", true, 1000),
        ]
        for (line, offered, limit) in table {
            let caps = capabilities("mx", line)
            XCTAssertEqual(caps.size, offered, line)
            XCTAssertEqual(caps.maximumMessageSize, limit, line)
        }
        XCTAssertFalse(capabilities("mx").size)
    }

    func testAuthForms() {
        let table: [([String], [String])] = [
            (["AUTH PLAIN LOGIN"], ["PLAIN", "LOGIN"]),
            (["AUTH=PLAIN LOGIN"], ["PLAIN", "LOGIN"]),
            (["AUTH=LOGIN"], ["LOGIN"]),
            (["AUTH"], []),
            (["AUTH GSSAPI", "AUTH PLAIN GSSAPI"], ["GSSAPI", "PLAIN"]),
            (["AUTH  SCRAM-SHA-256  XOAUTH2 "], ["SCRAM-SHA-256", "XOAUTH2"]),
            (["AUTH PLAIN BAD/NAME TOO-LONG-MECHANISM-NAME-X OK_1"], ["PLAIN", "OK_1"]),
            (["auth=plain"], ["PLAIN"]),
            (["AUTHX PLAIN"], []),
        ]
        for (lines, mechanisms) in table {
            let caps = SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["mx"] + lines))
            XCTAssertEqual(caps.authMechanisms, mechanisms, "\(lines)")
        }
    }

    func testUnknownKeywordsKeptAndGarbageIgnored() {
        let caps = capabilities(
            "mx", "X-EXPS GSSAPI NTLM", "BINARYMIME", "DELIVERBY 60", "-BAD", "", "NO_UNDERSCORE",
            "XCLIENT NAME ADDR")
        XCTAssertEqual(
            caps.others,
            [
                SMTPExtension(keyword: "X-EXPS", parameters: ["GSSAPI", "NTLM"]),
                SMTPExtension(keyword: "BINARYMIME", parameters: []),
                SMTPExtension(keyword: "DELIVERBY", parameters: ["60"]),
                SMTPExtension(keyword: "XCLIENT", parameters: ["NAME", "ADDR"]),
            ])
    }

    func testFromReceivedReply() throws {
        var parser = SMTPReplyParser()
        var reply: SMTPReply?
        for line in ["250-mx.example", "250-starttls", "250 AUTH LOGIN"] {
            reply = try parser.consume(line: [UInt8](line))
        }
        let caps = SMTPCapabilities(ehloReply: try XCTUnwrap(reply))
        XCTAssertTrue(caps.startTLS)
        XCTAssertEqual(caps.authMechanisms, ["LOGIN"])
    }

    func testNothingOffered() {
        let none = SMTPCapabilities()
        XCTAssertFalse(none.startTLS || none.size || none.eightBitMIME || none.smtpUTF8 || none.pipelining)
        XCTAssertEqual(none.authMechanisms, [])
        XCTAssertEqual(
            capabilities("mx.example"), SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["mx.example"])))
    }
}
