import LineProtocol
import Transport
import TransportFakes
import XCTest

@testable import POP3

final class POP3BodyReaderTests: XCTestCase {
    /// (wire bytes after the +OK line, content expected), RFC 1939 section 3's rule.
    private let table: [(String, String)] = [
        (".\r\n", ""),
        ("a\r\n.\r\n", "a\r\n"),
        ("..\r\n.\r\n", ".\r\n"),  // a lone ".." is "."
        ("..x\r\n.\r\n", ".x\r\n"),  // "..x" is ".x"
        ("...\r\n.\r\n", "..\r\n"),
        (".x\r\n.\r\n", "x\r\n"),  // unstuffed by a sloppy server: dot dropped
        ("a.\r\n.b\r\n\r\n.\r\n", "a.\r\nb\r\n\r\n"),
        ("x\r\n..\r\n..\r\n.\r\n", "x\r\n.\r\n.\r\n"),
        ("\r\n\r\n.\r\n", "\r\n\r\n"),
        // Only CR LF "." CR LF ends the body (issue 10): a "." line after a bare LF or ending
        // in one is content (its stuffing dot removed); bare LF inside the body is kept.
        ("line1\n.\nline2\r\n.\r\n", "line1\n\nline2\r\n"),
        ("a\r\n.\nb\r\n.\r\n", "a\r\n\nb\r\n"),
        ("a\n.\r\nb\r\n.\r\n", "a\n\r\nb\r\n"),
        ("a\n.\r\n+OK forged\r\n.\r\n", "a\n\r\n+OK forged\r\n"),
        ("a\r\n.\r\r\n.\r\n", "a\r\n\r\r\n"),
        (".\rx\r\n.\r\n", "\rx\r\n"),  // ". CR x": not the end
        ("a\rb\r\n.\r\n", "a\rb\r\n"),
        ("Subject: x\r\n\r\n. \r\n.\r\n", "Subject: x\r\n\r\n \r\n"),
        ("end without newline\r\n.\r\n", "end without newline\r\n"),
    ]

    private func decode(
        _ wire: String, cuts: [Int] = [], chunkSize: Int = 4096, bufferSize: Int = 64 * 1024
    ) throws -> (String, Int) {
        let sink = CollectingSink()
        let s = stream(wire + "+OK next\r\n", cuts: cuts, chunkSize: chunkSize, bufferSize: bufferSize)
        let count = try POP3BodyReader.read(from: s, into: sink)
        XCTAssertEqual(Int(count), sink.bytes.count)
        // The next response is still there, whole.
        XCTAssertEqual(try POP3Response.read(from: s, trace: SilentTrace()).textString, "next", wire.debugDescription)
        return (sink.text, sink.pieceSizes.count)
    }

    func testUnstuffingTable() throws {
        for (wire, content) in table {
            XCTAssertEqual(try decode(wire).0, content, wire.debugDescription)
        }
    }

    func testSplitAtEveryBytePositionAndByteByByte() throws {
        for (wire, content) in table {
            let length = wire.utf8.count + 10
            for cut in 0...length {
                XCTAssertEqual(try decode(wire, cuts: [cut]).0, content, "\(wire.debugDescription) cut at \(cut)")
            }
            for first in 0...min(length, 8) {
                XCTAssertEqual(
                    try decode(wire, cuts: [first, first + 1, first + 3]).0, content,
                    "\(wire.debugDescription) cuts at \(first)")
            }
            XCTAssertEqual(try decode(wire, chunkSize: 1).0, content, "\(wire.debugDescription) byte by byte")
        }
    }

    /// The pure decoder fed the same bytes in every two-piece split, without a stream.
    func testDecoderAloneInEveryTwoPieceSplit() throws {
        for (wire, content) in table {
            let bytes = [UInt8](wire) + [UInt8]("trailing")
            for cut in 0...bytes.count {
                var decoder = DotStuffedDecoder()
                var out: [UInt8] = []
                var taken: Int?
                var offset = 0
                for piece in [bytes[..<cut], bytes[cut...]] where taken == nil {
                    let used = try Array(piece).withUnsafeBytes { raw in
                        try decoder.decode(raw) { out.append(contentsOf: $0) }
                    }
                    if let used { taken = offset + used }
                    offset += piece.count
                }
                XCTAssertEqual(String(decoding: out, as: UTF8.self), content, "\(wire.debugDescription) cut \(cut)")
                XCTAssertEqual(taken, wire.utf8.count, "\(wire.debugDescription) cut \(cut)")
                XCTAssertTrue(decoder.isComplete)
                XCTAssertEqual(decoder.decodedCount, UInt64(content.utf8.count))
            }
        }
    }

    func testContentComesInRunsNotBytes() throws {
        let line = String(repeating: "x", count: 70) + "\r\n"
        let wire = String(repeating: line, count: 100) + ".\r\n"
        let (content, pieces) = try decode(wire)
        XCTAssertEqual(content.utf8.count, 7200)
        XCTAssertLessThanOrEqual(pieces, 2)
    }

    /// A body cut off by a close is a partial transfer (curl 18), never a message.
    func testEndsWithoutDotLineIsAPartialMessage() {
        for wire in ["", "a\r\n", "a\r\n..\r\n", "partial line", "a\r\n.", "a\r\n.\r", "a\r\n..\r"] {
            let sink = CollectingSink()
            let kind = pop3ErrorKind { try POP3BodyReader.read(from: stream(wire), into: sink) }
            XCTAssertEqual(kind, .partialMessage, wire.debugDescription)
        }
        XCTAssertEqual(
            pop3ErrorKind { try POP3BodyReader.read(from: stream("a\r\n"), into: CollectingSink()) }, .partialMessage)
        do {
            try POP3BodyReader.read(from: stream("line one\r\nline two\r\n"), into: CollectingSink())
            XCTFail("no error")
        } catch let error as POP3Error {
            XCTAssertTrue(error.message.contains("no \".\" line"), error.message)
            XCTAssertTrue(error.message.contains("20 bytes"), error.message)
        } catch {
            XCTFail("\(error)")
        }
    }

    /// A body of ordinary lines that never ends is bounded by bytes too, not only by `-m`.
    func testEndlessBodyIsAnErrorPastItsSizeLimit() {
        let limits = POP3Limits(maxBodySize: 1_000_000)
        let sink = CountingSink()
        let endless = ByteStream(transport: EndlessServer("a line of a message that never ends\r\n"), bufferSize: 4096)
        XCTAssertEqual(
            pop3ErrorKind { try POP3BodyReader.read(from: endless, into: sink, limits: limits) }, .lineTooLong)
        XCTAssertGreaterThan(sink.count, 999_000)
        XCTAssertLessThanOrEqual(sink.count, 1_000_000 + 4096)
    }

    func testEndlessLineIsAnError() {
        let limits = POP3Limits(maxBodyLineLength: 100_000)
        let sink = CountingSink()
        let endless = ByteStream(transport: EndlessServer("abcdefgh"), bufferSize: 4096)
        XCTAssertEqual(
            pop3ErrorKind { try POP3BodyReader.read(from: endless, into: sink, limits: limits) }, .lineTooLong)
        XCTAssertLessThanOrEqual(sink.count, 100_000)
        // Exactly at the limit is fine, one more is not (CR counts, LF does not).
        let exact = String(repeating: "y", count: 99) + "\r\n.\r\n"
        XCTAssertNoThrow(
            try POP3BodyReader.read(
                from: stream(exact), into: CollectingSink(), limits: POP3Limits(maxBodyLineLength: 100)))
        XCTAssertEqual(
            pop3ErrorKind {
                try POP3BodyReader.read(
                    from: stream("y" + exact), into: CollectingSink(), limits: POP3Limits(maxBodyLineLength: 100))
            }, .lineTooLong)
        // A line of dots counts its held-back dot.
        XCTAssertEqual(
            pop3ErrorKind {
                try POP3BodyReader.read(
                    from: stream("." + String(repeating: "z", count: 100) + "\r\n.\r\n"), into: CollectingSink(),
                    limits: POP3Limits(maxBodyLineLength: 100))
            }, .lineTooLong)
    }

    /// Long lines in real mail: longer than the stream's buffer is fine when under the limit.
    func testLinesLongerThanTheBuffer() throws {
        let long = String(repeating: "q", count: 300_000)
        let (content, _) = try decode(long + "\r\n..\r\n.\r\n", bufferSize: 4096)
        XCTAssertEqual(content, long + "\r\n.\r\n")
    }

    /// A large message streams in pieces no larger than the stream's buffer.
    func testLargeMessageStreamsInBoundedPieces() throws {
        let line = [UInt8](String(repeating: "m", count: 998) + "\r\n")
        var wire: [UInt8] = []
        for _ in 0..<20_000 { wire += line }  // 20 MB
        wire += [UInt8](".\r\n")
        let sink = CountingSink()
        let s = ByteStream(transport: ScriptedServer(wire, chunkSize: 65536), bufferSize: 16 * 1024)
        XCTAssertEqual(try POP3BodyReader.read(from: s, into: sink), 20_000_000)
        XCTAssertEqual(sink.count, 20_000_000)
        XCTAssertLessThanOrEqual(sink.largestPiece, 16 * 1024)
    }

    func testPipelinedBodiesFollowEachOther() throws {
        let wire = "+OK 1\r\nA\r\n..\r\n.\r\n+OK 2\r\nB\r\n.\r\n-ERR no 3\r\n"
        for chunkSize in [1, 2, 3, 7, 4096] {
            let s = stream(wire, chunkSize: chunkSize)
            var bodies: [String] = []
            for _ in 0..<2 {
                XCTAssertTrue(try POP3Response.read(from: s, trace: SilentTrace()).isOK)
                let sink = CollectingSink()
                try POP3BodyReader.read(from: s, into: sink)
                bodies.append(sink.text)
            }
            XCTAssertEqual(bodies, ["A\r\n.\r\n", "B\r\n"])
            XCTAssertEqual(try POP3Response.read(from: s, trace: SilentTrace()).status, .err)
        }
    }

    func testSkipDropsTheBody() throws {
        let s = stream("x\r\n..y\r\n.\r\n+OK after\r\n")
        XCTAssertEqual(try POP3BodyReader.skip(from: s), 7)  // "x\r\n.y\r\n"
        XCTAssertEqual(try POP3Response.read(from: s, trace: SilentTrace()).textString, "after")
    }

    func testSinkErrorStopsReading() {
        final class FailingSink: POP3BodySink {
            struct Full: Error {}
            func write(_ bytes: UnsafeRawBufferPointer) throws { throw Full() }
        }
        XCTAssertThrowsError(try POP3BodyReader.read(from: stream("a\r\n.\r\n"), into: FailingSink())) { error in
            XCTAssertTrue(error is FailingSink.Full)
        }
    }
}
