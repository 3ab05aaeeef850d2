import Transport
import TransportFakes
import XCTest

@testable import SMTP

final class SMTPReplyReaderTests: XCTestCase {
    func testReadsOneReplyAndLeavesTheNextBuffered() throws {
        let server = ScriptedServer("250-mx.example\r\n250-PIPELINING\r\n250 SIZE 1000\r\n250 2.1.0 Ok\r\n354 Go\r\n")
        let stream = ByteStream(transport: server)
        let trace = RecordingTrace()
        let ehlo = try SMTPReply.read(from: stream, trace: trace)
        XCTAssertEqual(ehlo.code, 250)
        XCTAssertEqual(ehlo.lines, ["mx.example", "PIPELINING", "SIZE 1000"])
        XCTAssertEqual(try SMTPReply.read(from: stream, trace: trace).lines, ["2.1.0 Ok"])
        XCTAssertEqual(try SMTPReply.read(from: stream, trace: trace).code, 354)
        XCTAssertEqual(trace.received, ["250-mx.example", "250-PIPELINING", "250 SIZE 1000", "250 2.1.0 Ok", "354 Go"])
    }

    func testByteByByteDelivery() throws {
        let stream = ByteStream(transport: ScriptedServer("250-a\r\n250-b\n250 c\r\n", chunkSize: 1))
        XCTAssertEqual(try SMTPReply.read(from: stream, trace: SilentTrace()).lines, ["a", "b", "c"])
    }

    func testTracesTheOffendingLineBeforeRefusingIt() {
        let trace = RecordingTrace()
        let stream = ByteStream(transport: ScriptedServer("250-a\r\n550 b\r\n"))
        XCTAssertThrowsError(try SMTPReply.read(from: stream, trace: trace)) { error in
            XCTAssertEqual((error as? SMTPError)?.kind, .malformedReply)
        }
        XCTAssertEqual(trace.received, ["250-a", "550 b"])
    }

    func testCloseBeforeAnyByte() {
        let stream = ByteStream(transport: ScriptedServer(""))
        XCTAssertThrowsError(try SMTPReply.read(from: stream, trace: SilentTrace())) { error in
            XCTAssertEqual(
                error as? TransportError,
                TransportError(.receive, "Connection closed by peer.test:1 instead of replying"))
        }
    }

    func testCloseInsideAReply() {
        for script in ["250-a\r\n", "250-a\r\n250 b", "25"] {
            let stream = ByteStream(transport: ScriptedServer(script))
            XCTAssertThrowsError(try SMTPReply.read(from: stream, trace: SilentTrace()), script.debugDescription) {
                error in
                XCTAssertEqual((error as? TransportError)?.kind, .receive, script.debugDescription)
            }
        }
    }

    func testEndlessLineIsAnErrorAfterBoundedReading() {
        let server = EndlessServer("x")
        let stream = ByteStream(transport: server)
        XCTAssertThrowsError(try SMTPReply.read(from: stream, trace: SilentTrace())) { error in
            XCTAssertEqual(error as? SMTPError, SMTPError(.replyTooLong, "Server reply line too long (limit 64 KiB)"))
        }
        XCTAssertLessThanOrEqual(server.delivered, ByteStream.defaultBufferSize, "read at most one buffer")
    }

    func testEndlessReplyIsAnErrorAfterBoundedReading() {
        let server = EndlessServer("250-more\r\n")
        let stream = ByteStream(transport: server)
        XCTAssertThrowsError(try SMTPReply.read(from: stream, trace: SilentTrace())) { error in
            XCTAssertEqual((error as? SMTPError)?.kind, .tooManyLines)
        }
        XCTAssertLessThanOrEqual(server.delivered, 1000 * 10 + 64 * 1024)
    }

    func testEndlessReplyOfLongLinesIsAnError() {
        let server = EndlessServer("250-" + String(repeating: "y", count: 8000) + "\r\n")
        let stream = ByteStream(transport: server)
        XCTAssertThrowsError(try SMTPReply.read(from: stream, trace: SilentTrace())) { error in
            XCTAssertEqual(error as? SMTPError, SMTPError(.replyTooLong, "Server reply too long (limit 256 KiB)"))
        }
        XCTAssertLessThanOrEqual(server.delivered, 256 * 1024 + 64 * 1024)
    }
}
