import Transport
import TransportFakes
import XCTest

@testable import IMAP

final class IMAPResponseReaderTests: XCTestCase {
    private func reader(
        _ server: ScriptedServer, trace: Trace = SilentTrace(), limits: IMAPLimits = .default,
        bufferSize: Int = 64 * 1024
    ) -> IMAPResponseReader {
        IMAPResponseReader(stream: ByteStream(transport: server, bufferSize: bufferSize), trace: trace, limits: limits)
    }

    // A response with three literals: a mailbox name in LIST, then a FETCH with a body.
    private let script =
        "* LIST () \"/\" {5}\r\nIN\r\nX\r\n"
        + "* 3 FETCH (UID 7 BODY[] {13}\r\nab\r\n{3}\r\ncd\r\n FLAGS (\\Seen))\r\n"
        + "A1 OK done\r\n"

    private let expectedFrames = [
        IMAPResponseFrame(
            lines: [[UInt8]("* LIST () \"/\" {5}"), [UInt8]("")], literals: [.bytes([UInt8]("IN\r\nX"))]),
        IMAPResponseFrame(
            lines: [[UInt8]("* 3 FETCH (UID 7 BODY[] {13}"), [UInt8](" FLAGS (\\Seen))")],
            literals: [.bytes([UInt8]("ab\r\n{3}\r\ncd\r\n"))]),
        IMAPResponseFrame(lines: [[UInt8]("A1 OK done")]),
    ]

    func testFramesLinesAndLiterals() throws {
        let trace = RecordingTrace()
        let reader = reader(ScriptedServer(script), trace: trace)
        for expected in expectedFrames {
            XCTAssertEqual(try reader.read().frame, expected)
        }
        XCTAssertEqual(
            trace.received,
            ["* LIST () \"/\" {5}", "", "* 3 FETCH (UID 7 BODY[] {13}", " FLAGS (\\Seen))", "A1 OK done"])
    }

    /// Every position of one cut, and byte-by-byte delivery: inside `{n}`, between CR and LF,
    /// inside a literal, right after it.
    func testSplitAtEveryBytePosition() throws {
        let bytes = [UInt8](script)
        for cut in 0...bytes.count {
            let reader = reader(ScriptedServer(bytes, cuts: [cut]))
            for expected in expectedFrames {
                XCTAssertEqual(try reader.read().frame, expected, "cut at \(cut)")
            }
        }
        let reader = reader(ScriptedServer(bytes, chunkSize: 1))
        for expected in expectedFrames { XCTAssertEqual(try reader.read().frame, expected) }
    }

    func testTwoCutsEverywhereAroundTheBodyLiteral() throws {
        let bytes = [UInt8](script)
        let start = bytes.firstIndex(of: UInt8(ascii: "3"))!
        for first in start..<(start + 50) {
            for second in first..<(start + 60) {
                let sink = CollectingSink()
                let reader = reader(ScriptedServer(bytes, cuts: [first, second]))
                _ = try reader.read()
                let fetch = try reader.read(bodyLiteral: { _ in .stream(sink) })
                XCTAssertEqual(sink.bytes, [UInt8]("ab\r\n{3}\r\ncd\r\n"), "cuts \(first) \(second)")
                XCTAssertEqual(fetch.frame.literals, [IMAPFramedLiteral(size: 13, content: .streamed)])
            }
        }
    }

    func testAcceptsBareLFLineEnds() throws {
        let reader = reader(ScriptedServer("* OK hi\nA1 OK {2}\nxy\nA2 OK\r\n"))
        XCTAssertEqual(try reader.read().frame, IMAPResponseFrame(lines: [[UInt8]("* OK hi")]))
        XCTAssertEqual(
            try reader.readFrame(bodyLiteral: { _ in .collect }),
            IMAPResponseFrame(lines: [[UInt8]("A1 OK {2}"), []], literals: [.bytes([UInt8]("xy"))]))
        XCTAssertEqual(try reader.read().frame, IMAPResponseFrame(lines: [[UInt8]("A2 OK")]))
    }

    func testLiteral8IsFramed() throws {
        let reader = reader(ScriptedServer("* 1 FETCH (BINARY[1] ~{3}\r\na\u{0}b)\r\n"))
        let received = try reader.read()
        XCTAssertEqual(received.frame.literals, [.bytes([0x61, 0, 0x62], isBinary: true)])
        guard case .untagged(.fetch(let fetch)) = received.response else { return XCTFail() }
        XCTAssertEqual(
            fetch.body(IMAPFetchBodyItem(kind: .binary, section: IMAPSection(part: [1]))), .bytes([0x61, 0, 0x62]))
    }

    func testWireBytesRoundTrip() throws {
        let reader = reader(ScriptedServer(script))
        var out: [UInt8] = []
        for _ in 0..<3 { out += try reader.read().frame.wireBytes }
        XCTAssertEqual(out, [UInt8](script))
    }

    /// curl 841: a custom command's output is a response's first line and its literal; the
    /// closing parenthesis after the literal is not written, a `+` line inside it is data.
    func testCustomCommandOutputStopsAfterTheLiteral() throws {
        let body = "body\r\n\r\n+ Curl did not used to like this line\r\n--\r\n  yours sincerely\r\n"
        let reader = reader(
            ScriptedServer("* 123 FETCH (BODY[1] {\(body.utf8.count)}\r\n\(body) FLAGS (\\Seen))\r\n* 2 EXISTS\r\n"))
        XCTAssertEqual(
            String(decoding: try reader.read().frame.customCommandOutput, as: UTF8.self),
            "* 123 FETCH (BODY[1] {\(body.utf8.count)}\r\n" + body)
        XCTAssertEqual(String(decoding: try reader.read().frame.customCommandOutput, as: UTF8.self), "* 2 EXISTS\r\n")
    }

    // MARK: Streaming bodies

    /// A 3 MiB body goes to the sink in bounded pieces, equal to what was sent.
    func testStreamsABigBodyInBoundedPieces() throws {
        var body: [UInt8] = []
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<(3 * 1024 * 1024) { body.append(UInt8.random(in: 0...255, using: &generator)) }
        let script =
            [UInt8]("* 12 FETCH (UID 99 FLAGS (\\Seen) RFC822.SIZE \(body.count) BODY[] {\(body.count)}\r\n") + body
            + [UInt8](")\r\nA5 OK Fetch completed\r\n")
        let server = ScriptedServer(script, chunkSize: 16 * 1024)
        let reader = reader(server, bufferSize: 32 * 1024)
        let sink = CollectingSink()
        var contexts: [IMAPFetchBodyContext] = []
        let received = try reader.read(bodyLiteral: { context in
            contexts.append(context)
            return .stream(sink)
        })
        XCTAssertEqual(sink.bytes, body)
        XCTAssertLessThanOrEqual(sink.pieceSizes.max() ?? 0, 32 * 1024)
        XCTAssertEqual(
            contexts,
            [
                IMAPFetchBodyContext(
                    sequenceNumber: 12, item: .body(),
                    attributesBefore: [
                        .uid(99), .flags([.seen]), .rfc822Size(UInt64(body.count)),
                    ], size: UInt64(body.count))
            ])
        XCTAssertEqual(contexts.first?.uid, 99)
        guard case .untagged(.fetch(let fetch)) = received.response else { return XCTFail() }
        XCTAssertEqual(fetch.uid, 99)
        XCTAssertEqual(fetch.body(.body()), .streamed(size: UInt64(body.count)))
        XCTAssertEqual(
            try reader.read().response,
            .tagged(IMAPTaggedResponse(tag: "A5", status: .ok, text: IMAPResponseText(text: "Fetch completed"))))
    }

    /// The UID may come after the body: the context has no UID, the response has.
    func testUIDAfterTheBody() throws {
        let reader = reader(
            ScriptedServer("* 2 FETCH (BODY[]<0> {4}\r\nabcd UID 41 BODY[HEADER.FIELDS (SUBJECT)] {3}\r\nxyz)\r\n"))
        var contexts: [IMAPFetchBodyContext] = []
        let sinks = [CollectingSink(), CollectingSink()]
        let received = try reader.read(bodyLiteral: { context in
            contexts.append(context)
            return .stream(sinks[contexts.count - 1])
        })
        XCTAssertEqual(contexts.map(\.item), [.body(origin: 0), .body(IMAPSection(text: .headerFields(["SUBJECT"])))])
        XCTAssertEqual(contexts.map(\.uid), [nil, 41])
        XCTAssertEqual(contexts[1].attributesBefore, [.body(.body(origin: 0), .streamed(size: 4)), .uid(41)])
        XCTAssertEqual(sinks.map(\.bytes), [[UInt8]("abcd"), [UInt8]("xyz")])
        guard case .untagged(.fetch(let fetch)) = received.response else { return XCTFail() }
        XCTAssertEqual(fetch.uid, 41)
    }

    func testRFC822ItemsAreBodies() throws {
        for name in ["RFC822", "RFC822.TEXT", "rfc822.header", "BINARY[1.2]", "BODY[1.MIME]<10>"] {
            let reader = reader(ScriptedServer("* 1 FETCH (UID 5 \(name) {2}\r\nhi)\r\n"))
            var asked = false
            _ = try reader.read(bodyLiteral: { _ in
                asked = true
                return .discard
            })
            XCTAssertTrue(asked, name)
        }
    }

    func testOtherLiteralsAreCollectedWithoutAsking() throws {
        let scripts = [
            "* LIST () \"/\" {3}\r\nabc\r\n",
            "* 1 FETCH (ENVELOPE (\"d\" {3}\r\nsub NIL NIL NIL NIL NIL NIL NIL NIL))\r\n",
            "* 1 FETCH (X-THING {3}\r\nabc)\r\n",
            "A1 NO [ALERT] {3}\r\nabc\r\n",
            "* 1 FETCH (BODY[] \"x\" ENVELOPE (\"a]\" {1}\r\nb NIL NIL NIL NIL NIL NIL NIL NIL))\r\n",
        ]
        for script in scripts {
            let reader = reader(ScriptedServer(script))
            _ = try? reader.read(bodyLiteral: { _ in
                XCTFail(script)
                return .discard
            })
        }
    }

    func testDiscard() throws {
        let reader = reader(ScriptedServer("* 1 FETCH (BODY[] {5}\r\nhello)\r\nA1 OK\r\n"))
        let received = try reader.read(bodyLiteral: { _ in .discard })
        guard case .untagged(.fetch(let fetch)) = received.response else { return XCTFail() }
        XCTAssertEqual(fetch.body(.body()), .discarded(size: 5))
        XCTAssertEqual(received.frame.literals, [IMAPFramedLiteral(size: 5, content: .discarded)])
    }

    func testCollectedBodyAndQuotedOrNILBody() throws {
        let table: [(String, IMAPBodyData)] = [
            ("* 1 FETCH (BODY[] {5}\r\nhello)\r\n", .bytes([UInt8]("hello"))),
            ("* 1 FETCH (BODY[] \"hel\\\"lo\")\r\n", .bytes([UInt8]("hel\"lo"))),
            ("* 1 FETCH (BODY[] NIL)\r\n", .null),
            ("* 1 FETCH (BODY[] {0}\r\n)\r\n", .bytes([])),
        ]
        for (script, data) in table {
            guard case .untagged(.fetch(let fetch)) = try parse(script) else {
                XCTFail(script)
                continue
            }
            XCTAssertEqual(fetch.body(.body()), data, script)
        }
    }

    func testSinkErrorStopsReading() {
        let sink = CollectingSink()
        sink.failAfter = 3
        let reader = reader(ScriptedServer("* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n", chunkSize: 2))
        XCTAssertThrowsError(try reader.read(bodyLiteral: { _ in .stream(sink) })) { error in
            XCTAssertTrue(error is CollectingSink.Full)
        }
    }

    // MARK: Hostile servers

    /// A literal shorter than announced, then the close: a partial transfer (curl 18), never a
    /// short message.
    func testShortLiteralIsAPartialMessage() {
        let sink = CollectingSink()
        let reader = reader(ScriptedServer("* 1 FETCH (UID 3 BODY[] {100}\r\nonly this much"))
        XCTAssertThrowsError(try reader.read(bodyLiteral: { _ in .stream(sink) })) { error in
            XCTAssertEqual(
                error as? IMAPError,
                IMAPError(
                    .partialMessage,
                    "Connection closed by peer.test:1 in the middle of a literal (14 of 100 bytes received)"))
        }
    }

    func testCloseBeforeOrInsideAResponse() {
        let table: [(String, String)] = [
            ("", "Connection closed by peer.test:1 instead of responding"),
            ("* OK [CAP", "Connection closed by peer.test:1 in the middle of a line"),
            ("A1 OK {2}\r\nab", "Connection closed by peer.test:1 in the middle of a response"),
            ("A1 OK {2}\r\nab par", "Connection closed by peer.test:1 in the middle of a line"),
        ]
        for (script, message) in table {
            XCTAssertThrowsError(try reader(ScriptedServer(script)).read(), script) { error in
                XCTAssertEqual(error as? TransportError, TransportError(.receive, message), script)
            }
        }
        // A literal cut off is a partial transfer (curl 18), not a receive error.
        XCTAssertThrowsError(try reader(ScriptedServer("* LIST () \"/\" {4}\r\n")).read()) { error in
            XCTAssertEqual(
                error as? IMAPError,
                IMAPError(
                    .partialMessage,
                    "Connection closed by peer.test:1 in the middle of a literal (0 of 4 bytes received)"))
        }
    }

    func testBadLiteralAnnouncements() {
        for script in [
            "* 1 FETCH (BODY[] {-1}\r\n", "* 1 FETCH (BODY[] {99999999999}\r\n", "* OK {1a}\r\n",
            "* 1 FETCH (BODY[] {5+}\r\nhello)\r\n", "* 1 FETCH (BODY[] {}\r\n",
        ] {
            let server = ScriptedServer(script)
            XCTAssertEqual(
                imapErrorKind { _ = try reader(server).read(bodyLiteral: { _ in .discard }) }, .badLiteral, script)
        }
    }

    func testLiteralOverTheConfiguredMaximum() {
        var limits = IMAPLimits()
        limits.maxLiteralSize = 1000
        let server = ScriptedServer("* 1 FETCH (BODY[] {1001}\r\n")
        XCTAssertThrowsError(try reader(server, limits: limits).read(bodyLiteral: { _ in .discard })) { error in
            XCTAssertEqual(
                error as? IMAPError,
                IMAPError(.badLiteral, "Literal size from server too large: {1001} (limit 1000 bytes)"))
        }
    }

    func testCollectingABigLiteralIsRefusedBeforeReadingIt() {
        let server = ScriptedServer("* 1 FETCH (BODY[] {2000000}\r\n" + String(repeating: "x", count: 100))
        XCTAssertThrowsError(try reader(server).read()) { error in
            XCTAssertEqual(
                error as? IMAPError,
                IMAPError(
                    .badLiteral,
                    "Server literal of 2000000 bytes too large to keep in memory (limit 1048576 bytes)"))
        }
        XCTAssertEqual(
            imapErrorKind { _ = try reader(ScriptedServer("* LIST () \"/\" {1048577}\r\n")).read() }, .badLiteral)
    }

    /// A FETCH that is already malformed fails before its body is read.
    func testMalformedFetchFailsBeforeTheBody() {
        let body = String(repeating: "b", count: 10_000)
        let script = "* 1 FETCH (UID 0 BODY[] {10000}\r\n\(body))\r\n"
        let server = ScriptedServer(script, chunkSize: 64)
        XCTAssertEqual(
            imapErrorKind { _ = try reader(server).read(bodyLiteral: { _ in .discard }) }, .malformedResponse)
        XCTAssertLessThan(server.consumed, 200)
    }

    func testEndlessLineIsAnErrorAfterBoundedReading() {
        let server = EndlessServer("x")
        XCTAssertThrowsError(try IMAPResponseReader(stream: ByteStream(transport: server), trace: SilentTrace()).read())
        { error in
            XCTAssertEqual(
                error as? IMAPError, IMAPError(.responseTooLong, "Server response line too long (limit 65536 bytes)"))
        }
        XCTAssertLessThanOrEqual(server.delivered, 64 * 1024 + 64 * 1024)
    }

    func testEndlessLiteralsAreAnErrorAfterBoundedReading() {
        let server = EndlessServer(prefix: "* LIST () \"/\" {1}\r\n", "x{1}\r\n")
        XCTAssertThrowsError(try IMAPResponseReader(stream: ByteStream(transport: server), trace: SilentTrace()).read())
        { error in
            XCTAssertEqual(
                error as? IMAPError, IMAPError(.responseTooLong, "Server response has too many literals (limit 256)"))
        }
        let bigger = EndlessServer(
            prefix: "* 1 FETCH (X {60000}\r\n", String(repeating: "y", count: 60_000) + " X {60000}\r\n")
        XCTAssertThrowsError(try IMAPResponseReader(stream: ByteStream(transport: bigger), trace: SilentTrace()).read())
        { error in
            XCTAssertEqual(
                error as? IMAPError, IMAPError(.responseTooLong, "Server response too long (limit 2097152 bytes)"))
        }
        XCTAssertLessThanOrEqual(bigger.delivered, 2 * 1024 * 1024 + 128 * 1024)
    }

    func testStreamedBodiesDoNotCountAgainstTheResponseSize() throws {
        var limits = IMAPLimits()
        limits.maxResponseSize = 1000
        let body = String(repeating: "z", count: 5000)
        let reader = reader(
            ScriptedServer("* 1 FETCH (BODY[] {5000}\r\n\(body) BODY[1] {5000}\r\n\(body))\r\n"), limits: limits)
        let sink = CollectingSink()
        _ = try reader.read(bodyLiteral: { _ in .stream(sink) })
        XCTAssertEqual(sink.bytes.count, 10_000)
    }

    func testNULOrCRInALine() {
        for script in ["* OK a\u{0}b\r\n", "* OK a\rb\r\n", "A1 OK {1}\r\nx\u{0}\r\n"] {
            XCTAssertEqual(
                imapErrorKind { _ = try reader(ScriptedServer(script)).read() }, .malformedResponse,
                script.debugDescription)
        }
    }
}

/// A small deterministic generator (SplitMix64) so "random" tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
