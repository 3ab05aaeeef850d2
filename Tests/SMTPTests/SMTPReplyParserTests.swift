import XCTest

@testable import SMTP

final class SMTPReplyParserTests: XCTestCase {
    /// Feeds `text` line by line as ByteStream would (LF ends a line, a CR before it is dropped).
    private func parse(_ text: String) throws -> SMTPReply? {
        var parser = SMTPReplyParser()
        var bytes = [UInt8](text)
        while let lf = bytes.firstIndex(of: 0x0A) {
            var line = Array(bytes[..<lf])
            if line.last == 0x0D { line.removeLast() }
            bytes.removeSubrange(...lf)
            if let reply = try parser.consume(line: line) { return reply }
        }
        return nil
    }

    func testAccepted() throws {
        let table: [(String, Int, [String], String?)] = [
            ("220 mx.example ESMTP\r\n", 220, ["mx.example ESMTP"], nil),
            ("250 OK\r\n", 250, ["OK"], nil),
            ("250\r\n", 250, [""], nil),
            ("250 \r\n", 250, [""], nil),
            (
                "250-mx.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n", 250, ["mx.example", "PIPELINING", "STARTTLS"],
                nil
            ),
            ("250-\r\n250\r\n", 250, ["", ""], nil),
            ("250 2.1.0 Ok\r\n", 250, ["2.1.0 Ok"], "2.1.0"),
            ("550-5.7.1 Relaying\r\n550 5.7.1 denied\r\n", 550, ["5.7.1 Relaying", "5.7.1 denied"], "5.7.1"),
            ("550 5.1.1\r\n", 550, ["5.1.1"], "5.1.1"),
            ("354 End data with <CR><LF>.<CR><LF>\r\n", 354, ["End data with <CR><LF>.<CR><LF>"], nil),
            ("421 4.3.2 Shutting down\n", 421, ["4.3.2 Shutting down"], "4.3.2"),
            ("250 Tab\there\r\n", 250, ["Tab\there"], nil),
            ("250 Grüße\r\n", 250, ["Grüße"], nil),
            ("559 x\r\n", 559, ["x"], nil),
            ("200 x\r\n", 200, ["x"], nil),
        ]
        for (input, code, lines, enhanced) in table {
            let reply = try XCTUnwrap(try parse(input), input.debugDescription)
            XCTAssertEqual(reply.code, code, input.debugDescription)
            XCTAssertEqual(reply.lines, lines, input.debugDescription)
            XCTAssertEqual(reply.enhancedStatusCode?.description, enhanced, input.debugDescription)
        }
    }

    func testRawLinesKeepTheLinesAsReceived() throws {
        let reply = try XCTUnwrap(try parse("250-a\r\n250 b\n"))
        XCTAssertEqual(reply.rawLines, [[UInt8]("250-a"), [UInt8]("250 b")])
    }

    func testIncompleteNeedsMoreLines() throws {
        XCTAssertNil(try parse("250-mx.example\r\n250-SIZE\r\n"))
        var parser = SMTPReplyParser()
        XCTAssertFalse(parser.hasStarted)
        XCTAssertNil(try parser.consume(line: [UInt8]("250-a")))
        XCTAssertTrue(parser.hasStarted)
    }

    func testRejected() {
        let table: [(String, String)] = [
            ("\r\n", "Invalid reply line from server: no three-digit code: "),
            ("25\r\n", "Invalid reply line from server: no three-digit code: 25"),
            ("OK\r\n", "Invalid reply line from server: no three-digit code: OK"),
            ("2x0 OK\r\n", "Invalid reply line from server: no three-digit code: 2x0 OK"),
            (" 250 OK\r\n", "Invalid reply line from server: no three-digit code:  250 OK"),
            ("+OK ready\r\n", "Invalid reply line from server: no three-digit code: +OK ready"),
            ("* OK IMAP\r\n", "Invalid reply line from server: no three-digit code: * OK IMAP"),
            ("250OK\r\n", "Invalid reply line from server: no SP or '-' after the code: 250OK"),
            ("2500 OK\r\n", "Invalid reply line from server: no SP or '-' after the code: 2500 OK"),
            ("250\tOK\r\n", "Invalid reply line from server: no SP or '-' after the code: 250?OK"),
            ("250_OK\r\n", "Invalid reply line from server: no SP or '-' after the code: 250_OK"),
            ("199 low\r\n", "Invalid reply code from server: 199"),
            ("600 high\r\n", "Invalid reply code from server: 600"),
            ("099 low\r\n", "Invalid reply code from server: 99"),
            ("260 second digit\r\n", "Invalid reply code from server: 260"),
            ("250 a\0b\r\n", "Invalid reply line from server: NUL or CR inside the line"),
            ("250 a\rb\r\n", "Invalid reply line from server: NUL or CR inside the line"),
            ("250-a\r\n220 b\r\n", "Invalid multi-line reply: a line with code 220 inside a reply with code 250"),
            ("250-a\r\n251 b\r\n", "Invalid multi-line reply: a line with code 251 inside a reply with code 250"),
            (
                "250-a\r\n550-b\r\n550 c\r\n",
                "Invalid multi-line reply: a line with code 550 inside a reply with code 250"
            ),
            ("250-a\r\n\r\n", "Invalid reply line from server: no three-digit code: "),
            ("250-a\r\nPIPELINING\r\n", "Invalid reply line from server: no three-digit code: PIPELINING"),
            ("250-a\r\n250x\r\n", "Invalid reply line from server: no SP or '-' after the code: 250x"),
        ]
        for (input, message) in table {
            XCTAssertThrowsError(try parse(input), input.debugDescription) { error in
                XCTAssertEqual(error as? SMTPError, SMTPError(.malformedReply, message), input.debugDescription)
            }
        }
    }

    func testLineLengthLimit() throws {
        let longest = "250 " + String(repeating: "x", count: SMTPReplyParser.maxLineLength - 4)
        XCTAssertEqual(try parse(longest + "\r\n")?.code, 250)
        XCTAssertThrowsError(try parse(longest + "x\r\n")) { error in
            XCTAssertEqual(error as? SMTPError, SMTPError(.replyTooLong, "Server reply line too long (limit 64 KiB)"))
        }
    }

    func testLineCountLimit() throws {
        let most = String(repeating: "250-x\r\n", count: SMTPReplyParser.maxLineCount - 1) + "250 x\r\n"
        XCTAssertEqual(try parse(most)?.lines.count, SMTPReplyParser.maxLineCount)
        let tooMany = String(repeating: "250-x\r\n", count: SMTPReplyParser.maxLineCount) + "250 x\r\n"
        XCTAssertThrowsError(try parse(tooMany)) { error in
            XCTAssertEqual(
                error as? SMTPError, SMTPError(.tooManyLines, "Server reply has too many lines (limit 1000)"))
        }
    }

    func testReplySizeLimit() throws {
        // 40 lines of 8 KiB stay under the line count but not under 256 KiB.
        let line = "250-" + String(repeating: "x", count: 8000) + "\r\n"
        XCTAssertThrowsError(try parse(String(repeating: line, count: 40) + "250 x\r\n")) { error in
            XCTAssertEqual(error as? SMTPError, SMTPError(.replyTooLong, "Server reply too long (limit 256 KiB)"))
        }
        XCTAssertEqual(try parse(String(repeating: line, count: 30) + "250 x\r\n")?.lines.count, 31)
    }
}
