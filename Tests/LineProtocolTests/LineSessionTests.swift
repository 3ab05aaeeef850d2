import LineProtocol
import Transport
import TransportFakes
import XCTest

final class LineSessionTests: XCTestCase {
    private func session(_ transport: Transport, trace: Trace = SilentTrace()) -> LineSession {
        LineSession(stream: ByteStream(transport: transport), trace: trace) { $0 }
    }

    private func kind(_ body: () throws -> Any) -> LineFramingError.Kind? {
        do { _ = try body() } catch let error as LineFramingError { return error.kind } catch { return nil }
        return nil
    }

    func testTracesEachLineBeforeItIsJudged() {
        let trace = RecordingTrace()
        let s = session(ScriptedServer("250-a\r\n550 b\r\n"), trace: trace)
        XCTAssertEqual(kind { try s.read(NumericReplyFramer(mode: .strict)) }, .malformed)
        XCTAssertEqual(trace.received, ["250-a", "550 b"])
    }

    func testCloseIsMappedOnceWithWhereItHappened() {
        XCTAssertEqual(
            kind { try self.session(ScriptedServer("")).read(NumericReplyFramer(mode: .strict)) },
            .closed(midReply: false))
        XCTAssertEqual(
            kind { try self.session(ScriptedServer("250-a\r\n")).read(NumericReplyFramer(mode: .strict)) },
            .closed(midReply: true))
        XCTAssertEqual(
            kind { try self.session(ScriptedServer("25")).read(NumericReplyFramer(mode: .strict)) },
            .closed(midReply: true))
    }

    func testTheProtocolsMappingIsApplied() {
        struct Mapped: Error, Equatable { let kind: LineFramingError.Kind }
        let s = LineSession(stream: ByteStream(transport: ScriptedServer("")), trace: SilentTrace()) {
            Mapped(kind: $0.kind)
        }
        XCTAssertThrowsError(try s.read(StatusLineFramer())) { error in
            XCTAssertEqual(error as? Mapped, Mapped(kind: .closed(midReply: false)))
        }
    }

    func testStatusLineFramerBound() throws {
        let limits = LineLimits(maxLineLength: 10)
        XCTAssertEqual(
            try session(ScriptedServer("+OK 123456\r\n")).read(StatusLineFramer(limits: limits)),
            Array("+OK 123456".utf8))
        XCTAssertEqual(
            kind { try self.session(ScriptedServer("+OK 1234567\r\n")).read(StatusLineFramer(limits: limits)) },
            .lineTooLong)
    }

    func testListingUnstuffsAndEndsAtTheDotLine() throws {
        let s = session(ScriptedServer("1 a\r\n..x\r\n.\r\n+OK next\r\n"))
        var lines: [String] = []
        try s.readListing(maxLineLength: 100, maxCount: 10, what: "listing") {
            lines.append(String(decoding: $0, as: UTF8.self))
        }
        XCTAssertEqual(lines, ["1 a", ".x"])
        XCTAssertEqual(try s.read(StatusLineFramer()), Array("+OK next".utf8))
        let many = session(ScriptedServer("a\r\nb\r\nc\r\n.\r\n"))
        XCTAssertEqual(
            kind { try many.readListing(maxLineLength: 100, maxCount: 2, what: "listing") { _ in } }, .tooManyLines)
        let cut = session(ScriptedServer("a\r\n"))
        XCTAssertEqual(
            kind { try cut.readListing(maxLineLength: 100, maxCount: 2, what: "listing") { _ in } },
            .closed(midReply: true))
    }

    /// Issue 10: bytes no command asked for are refused before the next command is written.
    func testUnsolicitedBytesAreRefusedBeforeTheNextCommand() throws {
        let peer = DialogPeer(["S: 220 ok", "S: 250 unsolicited", "C: EHLO x", "S: 250 mx"])
        let s = session(peer)
        XCTAssertEqual(try s.read(NumericReplyFramer(mode: .strict)).code, 220)
        XCTAssertEqual(kind { try s.ensureNoUnsolicitedInput() }, .unsolicited)
        XCTAssertEqual(peer.clientLines, [])

        let quiet = DialogPeer(["S: 220 ok", "C: EHLO x", "S: 250 mx"])
        let t = session(quiet)
        _ = try t.read(NumericReplyFramer(mode: .strict))
        XCTAssertNoThrow(try t.ensureNoUnsolicitedInput())
        try t.send("EHLO x")
        try t.flush()
        XCTAssertEqual(try t.read(NumericReplyFramer(mode: .strict)).code, 250)
        XCTAssertTrue(quiet.isComplete)
    }

    func testSendTracesTheRedactedDisplay() throws {
        final class SentTrace: Trace {
            var shown: [String] = []
            func info(_ text: String) {}
            func sent(_ bytes: [UInt8], display: String?) {
                shown.append(display ?? String(decoding: bytes, as: UTF8.self))
            }
            func received(_ bytes: [UInt8]) {}
            var isEnabled: Bool { true }
        }
        let trace = SentTrace()
        let peer = DialogPeer(["C: AUTH PLAIN c2VjcmV0"])
        let s = session(peer, trace: trace)
        try s.send("AUTH PLAIN c2VjcmV0", display: "AUTH PLAIN <redacted>")
        try s.flush()
        XCTAssertEqual(trace.shown, ["AUTH PLAIN <redacted>\r\n"])
        XCTAssertTrue(peer.isComplete)
    }
}
