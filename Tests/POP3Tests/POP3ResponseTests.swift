import Transport
import TransportFakes
import XCTest

@testable import POP3

final class POP3ResponseTests: XCTestCase {
    func testStatusLines() throws {
        let table: [(String, POP3Response.Status, POP3ResponseCode?, String)] = [
            ("+OK", .ok, nil, ""),
            ("+OK ", .ok, nil, ""),
            ("+OK mailtls Dovecot ready.", .ok, nil, "mailtls Dovecot ready."),
            ("+ok lower case", .ok, nil, "lower case"),
            ("-ERR", .err, nil, ""),
            ("-ERR There's no message 9999.", .err, nil, "There's no message 9999."),
            ("-ERR [AUTH] Authentication failed.", .err, .auth, "Authentication failed."),
            ("-ERR [IN-USE] Mailbox locked", .err, .inUse, "Mailbox locked"),
            ("-ERR [LOGIN-DELAY] wait", .err, .loginDelay, "wait"),
            ("-ERR [SYS/TEMP] try later", .err, .systemTemporary, "try later"),
            ("-ERR [SYS/PERM] gone", .err, .systemPermanent, "gone"),
            ("-ERR [sys/temp] lower", .err, .systemTemporary, "lower"),
            (
                "-ERR [X-VENDOR/ONE/TWO] unknown kept", .err, POP3ResponseCode(["X-VENDOR", "ONE", "TWO"]),
                "unknown kept"
            ),
            ("-ERR [AUTH]", .err, .auth, ""),
            ("+OK [IN-USE] codes on +OK too", .ok, .inUse, "codes on +OK too"),
            // Not a response code: kept as text.
            ("-ERR [not closed", .err, nil, "[not closed"),
            ("-ERR [] empty", .err, nil, "[] empty"),
            ("-ERR [A//B] empty level", .err, nil, "[A//B] empty level"),
            ("-ERR [A B] space inside", .err, nil, "[A B] space inside"),
            ("-ERR caf\u{e9} UTF-8 text", .err, nil, "caf\u{e9} UTF-8 text"),
        ]
        for (line, status, code, text) in table {
            let response = try POP3Response(line: [UInt8](line))
            XCTAssertEqual(response.status, status, line)
            XCTAssertEqual(response.code, code, line)
            XCTAssertEqual(response.textString, text, line)
            XCTAssertEqual(response.line, [UInt8](line), line)
        }
    }

    func testMalformedStatusLines() {
        for line in [
            "", "OK", "+OKAY", "-ERRx", "+", "+ abc", "* OK imap", "220 smtp", " +OK", "+OK\0nul",
            "+OK a\rb", "-ER", "+O",
        ] {
            XCTAssertEqual(pop3ErrorKind { _ = try POP3Response(line: [UInt8](line)) }, .malformedResponse, line)
        }
    }

    func testContinuations() throws {
        let table: [(String, String)] = [("+ ", ""), ("+", ""), ("+ PDEyMz4=", "PDEyMz4="), ("+ OK", "OK")]
        for (line, text) in table {
            let response = try POP3Response(line: [UInt8](line), allowsContinuation: true)
            XCTAssertEqual(response.status, .continuation, line)
            XCTAssertEqual(response.textString, text, line)
        }
        // +OK and -ERR are still themselves during AUTH.
        XCTAssertEqual(try POP3Response(line: [UInt8]("+OK Logged in."), allowsContinuation: true).status, .ok)
        XCTAssertEqual(try POP3Response(line: [UInt8]("-ERR [AUTH] no"), allowsContinuation: true).status, .err)
        XCTAssertEqual(
            pop3ErrorKind { _ = try POP3Response(line: [UInt8]("+x"), allowsContinuation: true) }, .malformedResponse)
    }

    func testBuiltResponsesMatchParsedOnes() throws {
        for response in [
            POP3Response(status: .ok), POP3Response(status: .err, code: .systemTemporary, text: "later"),
            POP3Response(status: .ok, text: "2 320"), POP3Response(status: .continuation, text: "abc="),
        ] {
            let parsed = try POP3Response(line: response.line, allowsContinuation: true)
            XCTAssertEqual(parsed, response)
        }
    }

    func testReadsLinesInOrderAndTraces() throws {
        let trace = RecordingTrace()
        let stream = stream("+OK ready <1.2@h>\r\n-ERR [IN-USE] locked\n+ \r\n", chunkSize: 3)
        XCTAssertEqual(try POP3Response.read(from: stream, trace: trace).status, .ok)
        XCTAssertEqual(try POP3Response.read(from: stream, trace: trace).code, .inUse)
        XCTAssertEqual(
            try POP3Response.read(from: stream, trace: trace, allowsContinuation: true).status, .continuation)
        XCTAssertEqual(trace.received, ["+OK ready <1.2@h>", "-ERR [IN-USE] locked", "+ "])
        XCTAssertEqual(pop3ErrorKind { _ = try POP3Response.read(from: stream, trace: trace) }, .cutShort)
    }

    func testMalformedLineIsTracedBeforeTheError() {
        let trace = RecordingTrace()
        XCTAssertEqual(
            pop3ErrorKind { _ = try POP3Response.read(from: stream("HELLO\r\n"), trace: trace) }, .malformedResponse)
        XCTAssertEqual(trace.received, ["HELLO"])
    }

    func testLineLimits() {
        let limits = POP3Limits(maxStatusLineLength: 100, maxSASLLineLength: 200)
        let long = "+OK " + String(repeating: "x", count: 96)
        XCTAssertNoThrow(try POP3Response.read(from: stream(long + "\r\n"), trace: SilentTrace(), limits: limits))
        XCTAssertEqual(
            pop3ErrorKind {
                _ = try POP3Response.read(from: stream(long + "x\r\n"), trace: SilentTrace(), limits: limits)
            }, .lineTooLong)
        // A SASL challenge may be longer.
        let challenge = "+ " + String(repeating: "A", count: 198)
        XCTAssertNoThrow(
            try POP3Response.read(
                from: stream(challenge + "\r\n"), trace: SilentTrace(), limits: limits,
                allowsContinuation: true))
        // An endless status line: an error after the limit, not a hang or unbounded memory.
        let endless = ByteStream(transport: EndlessServer(prefix: "+OK ", "a"))
        XCTAssertEqual(pop3ErrorKind { _ = try POP3Response.read(from: endless, trace: SilentTrace()) }, .lineTooLong)
    }

    func testClosedInsteadOfOrInsideALine() {
        XCTAssertEqual(pop3ErrorKind { _ = try POP3Response.read(from: stream(""), trace: SilentTrace()) }, .cutShort)
        XCTAssertEqual(
            pop3ErrorKind { _ = try POP3Response.read(from: stream("+OK half"), trace: SilentTrace()) }, .cutShort)
    }

    func testResponseCodeExplanations() {
        XCTAssertEqual(POP3ResponseCode.inUse.explanation, "mailbox in use (another session holds it)")
        XCTAssertEqual(POP3ResponseCode.systemTemporary.explanation, "temporary system error")
        XCTAssertEqual(POP3ResponseCode.systemPermanent.explanation, "permanent system error")
        XCTAssertEqual(POP3ResponseCode.auth.explanation, "credentials refused")
        XCTAssertEqual(POP3ResponseCode.loginDelay.explanation, "login delay (logging in again too soon)")
        XCTAssertEqual(POP3ResponseCode(["SYS"]).explanation, "system error")
        XCTAssertNil(POP3ResponseCode(["X-FOO"]).explanation)
        XCTAssertEqual(POP3ResponseCode.systemTemporary.description, "[SYS/TEMP]")
    }
}
