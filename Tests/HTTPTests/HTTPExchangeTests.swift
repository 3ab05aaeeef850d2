import Transport
import XCTest

@testable import HTTP

final class HTTPExchangeTests: XCTestCase {
    struct Received: Equatable {
        var status: Int
        var body: String
    }

    /// Reads one response from `script` delivered in `chunkSize` pieces.
    private func receive(
        _ script: String, method: String = "GET", chunkSize: Int,
        trace: Trace = SilentTrace()
    ) throws -> Received {
        let stream = ByteStream(transport: FakeTransport(script, chunkSize: chunkSize))
        let head = try HTTPExchange.readResponseHead(from: stream, trace: trace)
        var body: [UInt8] = []
        let framing = try HTTPBodyFraming(requestMethod: method, head: head)
        let count = try HTTPExchange.readBody(framing, from: stream) { body += $0 }
        XCTAssertEqual(count, Int64(body.count))
        return Received(status: head.status, body: String(decoding: body, as: UTF8.self))
    }

    static let chunkSizes = [1, 2, 3, 7, 64, 4096]

    func testBodies() throws {
        let table: [(String, String, Received)] = [
            (
                "Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA",
                Received(status: 200, body: "hello")
            ),
            ("zero length", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", Received(status: 200, body: "")),
            (
                "chunked",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;x\r\n!\r\n0\r\nT: 1\r\n\r\n",
                Received(status: 200, body: "hello!")
            ),
            (
                "TE wins over CL",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                Received(status: 200, body: "abc")
            ),
            (
                "close-delimited", "HTTP/1.0 200 OK\r\n\r\nuntil the end\r\n",
                Received(status: 200, body: "until the end\r\n")
            ),
            ("bare LF head", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok", Received(status: 200, body: "ok")),
            (
                "100 Continue skipped",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
                Received(status: 201, body: "ok")
            ),
            (
                "204 ignores what follows", "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello",
                Received(status: 204, body: "")
            ),
            ("304", "HTTP/1.1 304 Not Modified\r\n\r\n", Received(status: 304, body: "")),
        ]
        for (name, script, expected) in table {
            for size in Self.chunkSizes {
                XCTAssertEqual(try receive(script, chunkSize: size), expected, "\(name), pieces of \(size)")
            }
        }
    }

    func testHeadHasNoBody() throws {
        XCTAssertEqual(
            try receive(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
                method: "HEAD", chunkSize: 3), Received(status: 200, body: ""))
    }

    func testFailures() {
        let longLine = "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 20_000) + "\r\n\r\n"
        let bigHead =
            "HTTP/1.1 200 OK\r\n" + String(repeating: "X: " + String(repeating: "a", count: 1000) + "\r\n", count: 110)
            + "\r\n"
        let interims = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 17) + "HTTP/1.1 200 OK\r\n\r\n"
        let table: [(String, String, Error)] = [
            (
                "short body", "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhello",
                HTTPError(.partialBody, "transfer closed with 2 bytes remaining to read")
            ),
            (
                "truncated chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
                HTTPError(.partialBody, "transfer closed with outstanding read data remaining")
            ),
            (
                "chunked without last chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
                HTTPError(.partialBody, "transfer closed with outstanding read data remaining")
            ),
            (
                "bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                HTTPError(.malformedResponse, "Invalid chunk size")
            ),
            (
                "chunk overflow", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n",
                HTTPError(.malformedResponse, "Invalid chunk size: more than 16 hex digits")
            ),
            (
                "oversized header line", longLine,
                HTTPError(.malformedResponse, "Response header line too long (limit 16 KiB)")
            ),
            ("oversized head", bigHead, HTTPError(.malformedResponse, "Response header too large (limit 100 KiB)")),
            ("empty reply", "", HTTPError(.emptyReply, "Empty reply from server")),
            (
                "101", "HTTP/1.1 101 Switching Protocols\r\n\r\n",
                HTTPError(.malformedResponse, "Unexpected 101 Switching Protocols: no upgrade was asked for")
            ),
            ("endless interim", interims, HTTPError(.malformedResponse, "Too many interim 1xx responses (limit 16)")),
            (
                "conflicting lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                HTTPError(.malformedResponse, "Conflicting Content-Length values in response")
            ),
            (
                "closed in the head", "HTTP/1.1 200 OK\r\nA: 1\r\n",
                TransportError(.receive, "Connection closed by fake:80 before the end of the response header")
            ),
            (
                "closed after interim", "HTTP/1.1 100 Continue\r\n\r\n",
                TransportError(.receive, "Connection closed by fake:80 before the end of the response header")
            ),
        ]
        for (name, script, expected) in table {
            for size in [1, 5, 4096] {
                XCTAssertThrowsError(try receive(script, chunkSize: size), "\(name), pieces of \(size)") { error in
                    if let expected = expected as? HTTPError {
                        XCTAssertEqual(error as? HTTPError, expected, name)
                    } else {
                        XCTAssertEqual(error as? TransportError, expected as? TransportError, name)
                    }
                }
            }
        }
        // Closing inside the status line is a receive error from the stream.
        XCTAssertThrowsError(try receive("HTTP/1.1 20", chunkSize: 4)) { error in
            XCTAssertEqual((error as? TransportError)?.kind, .receive)
        }
    }

    func testBodyStreamsInBoundedPieces() throws {
        let size = 1 << 20
        var script = [UInt8]("HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n")
        script += [UInt8](repeating: 0x61, count: size)
        let stream = ByteStream(transport: FakeTransport(script, chunkSize: 100_000))
        let head = try HTTPExchange.readResponseHead(from: stream, trace: SilentTrace())
        var largest = 0, total = 0
        _ = try HTTPExchange.readBody(try HTTPBodyFraming(requestMethod: "GET", head: head), from: stream) { piece in
            largest = max(largest, piece.count)
            total += piece.count
        }
        XCTAssertEqual(total, size)
        XCTAssertLessThanOrEqual(largest, ByteStream.defaultBufferSize)
    }

    func testTraceAndRawHead() throws {
        let trace = RecordingTrace()
        let stream = ByteStream(
            transport: FakeTransport("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nA: 1\r\n\r\n", chunkSize: 4))
        let head = try HTTPExchange.readResponseHead(from: stream, trace: trace)
        XCTAssertEqual(trace.lines, ["< HTTP/1.1 100 Continue", "< ", "< HTTP/1.1 200 OK", "< A: 1", "< "])
        XCTAssertEqual(head.rawBytes, [UInt8]("HTTP/1.1 200 OK\r\nA: 1\r\n\r\n"))
    }

    func testSendTracesWithRedaction() throws {
        let transport = FakeTransport("")
        let stream = ByteStream(transport: transport)
        let trace = RecordingTrace()
        let head = try HTTPRequestHead(
            method: "POST", url: .init(parsing: "http://h/"), userAgent: nil,
            authorization: "Basic dXNlcjpwYXNz", bodyLength: .length(3))
        try HTTPExchange.send(
            head, body: try UploadSource(.bytes([UInt8]("a=b"), contentType: nil)), on: stream, trace: trace)
        XCTAssertEqual(
            transport.sentText,
            "POST / HTTP/1.1\r\nHost: h\r\nAuthorization: Basic dXNlcjpwYXNz\r\nAccept: */*\r\nContent-Length: 3\r\n\r\na=b"
        )
        XCTAssertEqual(
            trace.lines,
            [
                "> POST / HTTP/1.1", "> Host: h", "> Authorization: Basic <redacted>",
                "> Accept: */*", "> Content-Length: 3", "> ",
            ])
        XCTAssertFalse(trace.lines.joined().contains("dXNlcjpwYXNz"))
    }
}
