import XCTest

@testable import HTTP

final class ChunkedDecoderTests: XCTestCase {
    struct Outcome: Equatable {
        var body: String
        var isComplete: Bool
        /// Bytes after the end of the chunked body, left for the caller.
        var after: String = ""
    }

    /// Feeds `pieces` in order the way the exchange does, collecting body bytes.
    private func decode(_ pieces: [[UInt8]]) throws -> Outcome {
        var decoder = ChunkedDecoder()
        var body: [UInt8] = []
        var after: [UInt8] = []
        for piece in pieces {
            if decoder.isComplete {
                after += piece
                continue
            }
            try piece.withUnsafeBytes { input in
                var offset = 0
                loop: while offset < input.count {
                    let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
                    switch try decoder.next(rest) {
                    case .body(let range):
                        XCTAssertFalse(range.isEmpty)
                        body += rest[range]
                        offset += range.upperBound
                    case .needMoreBytes:
                        break loop
                    case .end(let consumed):
                        after += rest[consumed...]
                        break loop
                    }
                }
            }
        }
        return Outcome(
            body: String(decoding: body, as: UTF8.self), isComplete: decoder.isComplete,
            after: String(decoding: after, as: UTF8.self))
    }

    private func decode(_ text: String) throws -> Outcome { try decode([[UInt8](text)]) }

    static let valid: [(String, Outcome)] = [
        ("0\r\n\r\n", Outcome(body: "", isComplete: true)),
        ("5\r\nhello\r\n0\r\n\r\n", Outcome(body: "hello", isComplete: true)),
        ("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", Outcome(body: "hello world", isComplete: true)),
        ("A\r\n0123456789\r\n0\r\n\r\n", Outcome(body: "0123456789", isComplete: true)),
        ("a\r\n0123456789\r\n0\r\n\r\n", Outcome(body: "0123456789", isComplete: true)),
        ("5;name=value\r\nhello\r\n0\r\n\r\n", Outcome(body: "hello", isComplete: true)),
        ("5 ; ext ; b=\"q\"\r\nhello\r\n0;last\r\n\r\n", Outcome(body: "hello", isComplete: true)),
        ("005\r\nhello\r\n000\r\n\r\n", Outcome(body: "hello", isComplete: true)),
        ("5\r\nhello\r\n0\r\nExpires: never\r\nX: y\r\n\r\n", Outcome(body: "hello", isComplete: true)),
        ("5\nhello\n0\n\n", Outcome(body: "hello", isComplete: true)),
        ("3\r\n\r\n\r\r\n0\r\n\r\n", Outcome(body: "\r\n\r", isComplete: true)),
        ("0\r\n\r\nHTTP/1.1 200 OK", Outcome(body: "", isComplete: true, after: "HTTP/1.1 200 OK")),
        ("5\r\nhel", Outcome(body: "hel", isComplete: false)),
        ("5\r\nhello\r\n0\r\nX: y\r\n", Outcome(body: "hello", isComplete: false)),
        ("FFFFFFFFFFFFFFFF\r\nabc", Outcome(body: "abc", isComplete: false)),
    ]

    func testValid() throws {
        for (input, expected) in Self.valid {
            XCTAssertEqual(try decode(input), expected, input.debugDescription)
        }
    }

    func testSplitAtEveryPosition() throws {
        for (input, expected) in Self.valid {
            let bytes = [UInt8](input)
            for cut in 0...bytes.count {
                XCTAssertEqual(
                    try decode([Array(bytes[..<cut]), Array(bytes[cut...])]), expected,
                    "\(input.debugDescription) cut at \(cut)")
            }
            for cut1 in 0...bytes.count {
                for cut2 in cut1...bytes.count {
                    let pieces = [Array(bytes[..<cut1]), Array(bytes[cut1..<cut2]), Array(bytes[cut2...])]
                    XCTAssertEqual(try decode(pieces), expected, "\(input.debugDescription) cut at \(cut1), \(cut2)")
                }
            }
            XCTAssertEqual(try decode(bytes.map { [$0] }), expected, "\(input.debugDescription) byte by byte")
        }
    }

    func testPrefixesNeedMoreBytesAndNeverThrow() throws {
        let input = [UInt8]("1a;x=y\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nT: v\r\n\r\n")
        for length in 0..<input.count {
            let outcome = try decode([Array(input[..<length])])
            XCTAssertFalse(outcome.isComplete, "prefix \(length)")
        }
        XCTAssertTrue(try decode([input]).isComplete)
    }

    func testInvalid() {
        let table: [(String, String)] = [
            ("zz\r\n", "Invalid chunk size"),
            ("-1\r\n", "Invalid chunk size"),
            ("\r\n", "Invalid chunk size"),
            (";ext\r\n", "Invalid chunk size"),
            (" 5\r\n", "Invalid chunk size"),
            ("0x5\r\n", "Invalid chunk size"),
            ("5 x\r\nhello", "Invalid chunk size"),
            ("5\u{0B}\r\n", "Invalid chunk size"),
            ("FFFFFFFFFFFFFFFFFF\r\n", "Invalid chunk size: more than 16 hex digits"),
            ("00000000000000001\r\n", "Invalid chunk size: more than 16 hex digits"),
            ("5\rX", "Invalid chunk size line: CR without LF"),
            ("5;a\u{01}\r\n", "Invalid chunk extension"),
            ("5;a\0\r\n", "Invalid chunk extension"),
            ("5\r\nhelloX\r\n", "Invalid chunk: no CRLF after the chunk data"),
            ("5\r\nhello\rX", "Invalid chunk: no CRLF after the chunk data"),
            ("5\r\nhello0\r\n\r\n", "Invalid chunk: no CRLF after the chunk data"),
            ("0\r\nA: b\rX", "Invalid chunked trailer: CR without LF"),
            ("0\r\nA: \0\r\n\r\n", "Invalid chunked trailer (NUL)"),
            ("5;" + String(repeating: "a", count: 4100) + "\r\n", "Chunk size line too long (limit 4 KiB)"),
            ("0\r\n" + String(repeating: "X: 1234567890\r\n", count: 5000), "Chunked trailer too large (limit 64 KiB)"),
        ]
        for (input, message) in table {
            XCTAssertThrowsError(try decode(input), input.prefix(20).debugDescription) { error in
                XCTAssertEqual(
                    error as? HTTPError, HTTPError(.malformedResponse, message), input.prefix(20).debugDescription)
            }
            // The same error whatever the split.
            XCTAssertThrowsError(try decode([UInt8](input).map { [$0] }), input.prefix(20).debugDescription)
        }
    }

    func testLongSizeLineWithinLimit() throws {
        let input = "5;" + String(repeating: "a", count: 4000) + "\r\nhello\r\n0\r\n\r\n"
        XCTAssertEqual(try decode(input), Outcome(body: "hello", isComplete: true))
    }

    func testNextAfterEndConsumesNothing() throws {
        var decoder = ChunkedDecoder()
        let bytes = [UInt8]("0\r\n\r\nrest")
        try bytes.withUnsafeBytes { input in
            XCTAssertEqual(try decoder.next(input), .end(consumed: 5))
            XCTAssertEqual(try decoder.next(UnsafeRawBufferPointer(rebasing: input[5...])), .end(consumed: 0))
        }
    }
}
