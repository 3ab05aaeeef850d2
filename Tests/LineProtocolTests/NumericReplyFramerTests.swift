import LineProtocol
import Transport
import TransportFakes
import XCTest

final class NumericReplyFramerTests: XCTestCase {
    private func frame(
        _ wire: String, mode: NumericReplyFramer.Mode, limits: LineLimits = .default,
        cuts: [Int] = [], chunkSize: Int = 4096
    ) throws -> NumericReply {
        let stream = ByteStream(transport: ScriptedServer(Array(wire.utf8), cuts: cuts, chunkSize: chunkSize))
        let session = LineSession(stream: stream, trace: SilentTrace()) { $0 }
        return try session.read(NumericReplyFramer(mode: mode, limits: limits))
    }

    private func framingKind(_ body: () throws -> Any) -> LineFramingError.Kind? {
        do { _ = try body() } catch let error as LineFramingError { return error.kind } catch { return nil }
        return nil
    }

    func testStrictModeTable() throws {
        let table: [(String, Int, [String])] = [
            ("220 mx ready\r\n", 220, ["mx ready"]),
            ("250\r\n", 250, [""]),
            ("250-mx\r\n250-PIPELINING\r\n250 SIZE 10\r\n", 250, ["mx", "PIPELINING", "SIZE 10"]),
            ("250-a\n250 b\n", 250, ["a", "b"]),
            ("550-5.7.1 no\r\n550 5.7.1 really\r\n", 550, ["5.7.1 no", "5.7.1 really"]),
        ]
        for (wire, code, texts) in table {
            let reply = try frame(wire, mode: .strict)
            XCTAssertEqual(reply.code, code, wire.debugDescription)
            XCTAssertEqual(reply.texts.map { String(decoding: $0, as: UTF8.self) }, texts, wire.debugDescription)
        }
    }

    func testStrictModeRefuses() {
        for wire in [
            "250-a\r\nfree text\r\n250 b\r\n", "250-a\r\n251 b\r\n", "150 preliminary\r\n", "2x0 x\r\n",
            "250x\r\n", "260 x\r\n", "250 a\0b\r\n", "250 a\rb\r\n",
        ] {
            XCTAssertEqual(framingKind { try frame(wire, mode: .strict) }, .malformed, wire.debugDescription)
        }
    }

    /// RFC 959 4.2's example: a first `ddd-` line, then any text until `ddd ` with the same code.
    func testRFC959Mode() throws {
        let wire =
            "123-First line\r\nSecond line\r\n  234 A line beginning with numbers\r\n123-not the end\r\n123 The last line\r\n"
        let reply = try frame(wire, mode: .rfc959)
        XCTAssertEqual(reply.code, 123)
        XCTAssertEqual(reply.rawLines.count, 5)
        XCTAssertEqual(String(decoding: reply.texts[1], as: UTF8.self), "Second line")
        XCTAssertEqual(String(decoding: reply.texts.last!, as: UTF8.self), "The last line")
        XCTAssertEqual(framingKind { try self.frame("230-a\r\nb\0\r\n230 c\r\n", mode: .rfc959) }, .malformed)
    }

    func testSplitAtEveryBytePosition() throws {
        let wire = "250-mx.example\r\n250-AUTH PLAIN\n250 SIZE 1000\r\n"
        for cut in 0...wire.utf8.count {
            let reply = try frame(wire, mode: .strict, cuts: [cut])
            XCTAssertEqual(reply.rawLines.count, 3, "cut at \(cut)")
        }
        XCTAssertEqual(try frame(wire, mode: .strict, chunkSize: 1).code, 250)
    }

    func testEveryLimitAtItsBoundary() throws {
        let limits = LineLimits(maxLineLength: 20, maxLineCount: 3, maxReplySize: 40)
        let longest = "250 " + String(repeating: "x", count: 16)
        XCTAssertNoThrow(try frame(longest + "\r\n", mode: .strict, limits: limits))
        XCTAssertEqual(framingKind { try self.frame(longest + "x\r\n", mode: .strict, limits: limits) }, .lineTooLong)
        XCTAssertNoThrow(try frame("250-a\r\n250-b\r\n250 c\r\n", mode: .strict, limits: limits))
        XCTAssertEqual(
            framingKind { try self.frame("250-a\r\n250-b\r\n250-c\r\n250 d\r\n", mode: .strict, limits: limits) },
            .tooManyLines)
        // 3 lines of 13 + 2 bytes = 45 > 40.
        let big = "250-123456789\r\n250-123456789\r\n250 123456789\r\n"
        XCTAssertEqual(framingKind { try self.frame(big, mode: .strict, limits: limits) }, .replyTooLong)
    }

    /// Issue 10: an 8 KiB greeting is an ordinary line; the default bound is a 64 KiB line (the
    /// stream's buffer holds it with its CR LF), and an endless line is an error after bounded
    /// reading.
    func testLongLinesAcceptedAndEndlessLinesBounded() throws {
        let greeting = "220 " + String(repeating: "g", count: 8 * 1024) + "\r\n"
        XCTAssertEqual(try frame(greeting, mode: .strict).code, 220)
        let longest = "220 " + String(repeating: "g", count: 64 * 1024 - 4) + "\r\n"  // a 64 KiB line
        XCTAssertEqual(try frame(longest, mode: .strict).code, 220)
        let endless = EndlessServer("x")
        let session = LineSession(stream: ByteStream(transport: endless), trace: SilentTrace()) { $0 }
        XCTAssertThrowsError(try session.read(NumericReplyFramer(mode: .strict))) { error in
            XCTAssertEqual((error as? LineFramingError)?.kind, .lineTooLong)
        }
        XCTAssertLessThanOrEqual(endless.delivered, ByteStream.defaultBufferSize, "read at most one buffer")
    }
}
