import XCTest

@testable import Transport

final class ByteStreamTests: XCTestCase {
    func testReadsCRLFAndBareLFLines() throws {
        let stream = ByteStream(transport: ScriptedTransport("one\r\ntwo\nthree\r\n"))
        XCTAssertEqual(try stream.readLine(maxLength: 100).map { String(decoding: $0, as: UTF8.self) }, "one")
        XCTAssertEqual(try stream.readLine(maxLength: 100).map { String(decoding: $0, as: UTF8.self) }, "two")
        XCTAssertEqual(try stream.readLine(maxLength: 100).map { String(decoding: $0, as: UTF8.self) }, "three")
        XCTAssertNil(try stream.readLine(maxLength: 100))
    }

    func testLineSplitAcrossEveryByteBoundary() throws {
        let text = Array("220 mx.example ESMTP ready\r\n".utf8)
        for split in 1..<text.count {
            let stream = ByteStream(transport: ScriptedTransport([Array(text[..<split]), Array(text[split...])]))
            XCTAssertEqual(try stream.readLine(maxLength: 100), Array(text.dropLast(2)), "split at \(split)")
        }
    }

    func testLineLongerThanLimitIsRefused() {
        let stream = ByteStream(transport: ScriptedTransport(String(repeating: "a", count: 5000) + "\r\n"))
        XCTAssertThrowsError(try stream.readLine(maxLength: 1000)) { error in
            XCTAssertEqual(error as? LineTooLongError, LineTooLongError(limit: 1000))
        }
    }

    func testEndlessLineWithoutNewlineIsRefusedInBoundedMemory() {
        // 1 MiB of bytes with no LF: refused once the limit is passed, not buffered whole.
        let chunks = Array(repeating: [UInt8](repeating: 0x41, count: 4096), count: 256)
        let stream = ByteStream(transport: ScriptedTransport(chunks), bufferSize: 16 * 1024)
        XCTAssertThrowsError(try stream.readLine(maxLength: 8192)) { error in
            XCTAssertTrue(error is LineTooLongError)
        }
    }

    func testLineLongerThanTheBufferIsRefusedEvenWithAHigherLimit() {
        let chunks = Array(repeating: [UInt8](repeating: 0x41, count: 1024), count: 64)
        let stream = ByteStream(transport: ScriptedTransport(chunks), bufferSize: 4096)
        XCTAssertThrowsError(try stream.readLine(maxLength: 1 << 20)) { error in
            XCTAssertEqual(error as? LineTooLongError, LineTooLongError(limit: 4096))
        }
    }

    func testConnectionClosedInsideALineIsAReceiveError() {
        let stream = ByteStream(transport: ScriptedTransport("partial"))
        XCTAssertThrowsError(try stream.readLine(maxLength: 100)) { error in
            XCTAssertEqual((error as? TransportError)?.kind, .receive)
        }
    }

    func testReadExactlyAcrossBufferAndSocket() throws {
        let stream = ByteStream(transport: ScriptedTransport(["hdr\r\nab".utf8.map { $0 }, Array("cdef".utf8)]))
        _ = try stream.readLine(maxLength: 10)
        var got: [UInt8] = []
        try stream.readExactly(5) { got.append(contentsOf: $0) }
        XCTAssertEqual(String(decoding: got, as: UTF8.self), "abcde")
        XCTAssertEqual(stream.bufferedCount, 1)
    }

    func testReadBufferedTakesOnlyWhatTheBodyReturns() throws {
        let stream = ByteStream(transport: ScriptedTransport(["abcdef".utf8.map { $0 }]))
        var seen: [UInt8] = []
        XCTAssertEqual(
            try stream.readBuffered {
                seen = Array($0)
                return 2
            }, 2)
        XCTAssertEqual(String(decoding: seen, as: UTF8.self), "abcdef")
        XCTAssertEqual(stream.bufferedCount, 4)
        XCTAssertEqual(try stream.readBuffered { _ in 4 }, 4)
        XCTAssertNil(try stream.readBuffered { _ in 0 }, "the peer closed")
    }

    /// A batching pause changes when bytes are waited for, never which: pieces arrive whole and
    /// in order, and the peer's close still reads as the end.
    func testBatchingPauseReadsTheSameBytes() throws {
        let stream = ByteStream(
            transport: ScriptedTransport(["ab".utf8.map { $0 }, Array("cd\n".utf8), Array("e".utf8)]))
        stream.batchingPause = 0.0001
        XCTAssertEqual(try stream.readLine(maxLength: 10).map { String(decoding: $0, as: UTF8.self) }, "abcd")
        var rest: [UInt8] = []
        try stream.readExactly(1) { rest.append(contentsOf: $0) }
        XCTAssertEqual(rest, Array("e".utf8))
        XCTAssertNil(try stream.readBuffered { _ in 0 })
    }

    func testReadExactlyFailsWhenPeerClosesEarly() {
        let stream = ByteStream(transport: ScriptedTransport("abc"))
        XCTAssertThrowsError(try stream.readExactly(10) { _ in }) { error in
            XCTAssertEqual((error as? TransportError)?.kind, .receive)
        }
    }

    func testWritesAreBatchedUntilFlush() throws {
        let transport = ScriptedTransport([])
        let stream = ByteStream(transport: transport)
        try stream.write("EHLO a\r\n")
        try stream.write("MAIL FROM:<a@b>\r\n")
        XCTAssertTrue(transport.sent.isEmpty)
        try stream.flush()
        XCTAssertEqual(String(decoding: transport.sent, as: UTF8.self), "EHLO a\r\nMAIL FROM:<a@b>\r\n")
    }

    // DESIGN.md rule 2: bytes after the STARTTLS go-ahead are an attack.
    func testUpgradeRefusesBytesAlreadyBuffered() throws {
        let stream = ByteStream(transport: ScriptedTransport("220 go ahead\r\n250 injected\r\n"))
        _ = try stream.readLine(maxLength: 100)
        var wrapped = false
        XCTAssertThrowsError(
            try stream.upgrade {
                wrapped = true
                return $0
            }
        ) { error in
            XCTAssertTrue(error is DataBeforeHandshakeError)
        }
        XCTAssertFalse(wrapped)
    }

    func testUpgradeRefusesBytesWaitingAtTheSocket() throws {
        let transport = ScriptedTransport("220 go ahead\r\n")
        let stream = ByteStream(transport: transport)
        _ = try stream.readLine(maxLength: 100)
        transport.pendingAtSocket = true
        XCTAssertThrowsError(try stream.upgrade { $0 }) { error in
            XCTAssertTrue(error is DataBeforeHandshakeError)
        }
    }

    func testUpgradeFlushesAndReplacesTheTransport() throws {
        let plain = ScriptedTransport("220 go ahead\r\n")
        let stream = ByteStream(transport: plain)
        try stream.write("STARTTLS\r\n")
        _ = try stream.readLine(maxLength: 100)
        let secure = ScriptedTransport("after\r\n")
        try stream.upgrade { _ in secure }
        XCTAssertEqual(String(decoding: plain.sent, as: UTF8.self), "STARTTLS\r\n")
        XCTAssertTrue(stream.transport === secure)
        XCTAssertEqual(try stream.readLine(maxLength: 10), Array("after".utf8))
    }

    /// A line of exactly 64 KiB is accepted (issue 10, defect 7); one byte more is refused.
    func testA64KiBLineFitsTheDefaultBuffer() throws {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024)
        let stream = ByteStream(transport: ScriptedTransport([line + Array("\r\n".utf8)]))
        XCTAssertEqual(try stream.readLine(maxLength: 64 * 1024), line)
        let longer = ByteStream(transport: ScriptedTransport([line + Array("b\r\n".utf8)]))
        XCTAssertThrowsError(try longer.readLine(maxLength: 64 * 1024)) { XCTAssertTrue($0 is LineTooLongError) }
    }
}
