import CurlURL
import Transport
import XCTest

@testable import HTTP

/// Plays one scripted response per connection, keyed by `scheme://host:port`, in order.
final class FakeServer {
    private var responses: [String: [String]]
    private let chunkSize: Int
    private(set) var connections: [(url: String, transport: FakeTransport)] = []

    init(_ responses: [String: [String]], chunkSize: Int = 5) {
        self.responses = responses
        self.chunkSize = chunkSize
    }

    func connect(_ url: CurlURL) throws -> ByteStream {
        let key = "\(url.scheme)://\(url.bracketedHost):\(url.effectivePort ?? 0)"
        guard var queue = responses[key], !queue.isEmpty else {
            throw TransportError(.connect, "Failed to connect to \(key)")
        }
        let transport = FakeTransport(Array(queue.removeFirst().utf8), chunkSize: chunkSize, peerName: key)
        responses[key] = queue
        connections.append((url.description, transport))
        return ByteStream(transport: transport)
    }

    /// The request heads sent, one per connection, as text.
    var requests: [String] { connections.map(\.transport.sentText) }
}

final class HTTPTransferTests: XCTestCase {
    struct Outcome {
        var result: HTTPTransferResult
        var heads: [Int]
        var body: String
    }

    private func run(
        _ url: String, _ options: HTTPTransferOptions, server: FakeServer,
        trace: Trace = SilentTrace()
    ) throws -> Outcome {
        var heads: [Int] = []
        var body: [UInt8] = []
        let result = try HTTPTransfer.run(
            url: try CurlURL(parsing: url), options: options, trace: trace,
            connect: server.connect, onHead: { heads.append($0.status) },
            onBody: { body += $0 })
        return Outcome(result: result, heads: heads, body: String(decoding: body, as: UTF8.self))
    }

    private let ua = "mailtls-http-get/test"

    func testGetWithContentLength() throws {
        let server = FakeServer(["http://example.com:80": ["HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"]])
        let outcome = try run("http://example.com/index.html", HTTPTransferOptions(userAgent: ua), server: server)
        XCTAssertEqual(outcome.body, "hello")
        XCTAssertEqual(outcome.heads, [200])
        XCTAssertEqual(outcome.result.bodyByteCount, 5)
        XCTAssertEqual(
            server.requests,
            ["GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: \(ua)\r\nAccept: */*\r\n\r\n"])
        XCTAssertTrue(server.connections[0].transport.isClosed)
    }

    func testChunkedAndCloseDelimited() throws {
        let server = FakeServer([
            "http://h:80": [
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                "HTTP/1.0 200 OK\r\n\r\nrest of stream",
            ]
        ])
        XCTAssertEqual(try run("http://h/", HTTPTransferOptions(userAgent: ua), server: server).body, "abc")
        XCTAssertEqual(try run("http://h/", HTTPTransferOptions(userAgent: ua), server: server).body, "rest of stream")
    }

    func testHeadRequest() throws {
        let server = FakeServer(["http://h:80": ["HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"]])
        let outcome = try run("http://h/", HTTPTransferOptions(headOnly: true, userAgent: ua), server: server)
        XCTAssertEqual(outcome.body, "")
        XCTAssertEqual(outcome.result.head.status, 200)
        XCTAssertTrue(server.requests[0].hasPrefix("HEAD / HTTP/1.1\r\n"))
    }

    func test204() throws {
        let server = FakeServer(["http://h:80": ["HTTP/1.1 204 No Content\r\n\r\n"]])
        XCTAssertEqual(try run("http://h/", HTTPTransferOptions(userAgent: ua), server: server).result.head.status, 204)
    }

    func testShortBody() {
        let server = FakeServer(["http://h:80": ["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello"]])
        XCTAssertThrowsError(try run("http://h/", HTTPTransferOptions(userAgent: ua), server: server)) { error in
            XCTAssertEqual(
                error as? HTTPError, HTTPError(.partialBody, "transfer closed with 5 bytes remaining to read"))
        }
    }

    func testOversizedHeader() {
        let server = FakeServer(
            [
                "http://h:80": [
                    "HTTP/1.1 200 OK\r\n"
                        + String(repeating: "X-Filler: " + String(repeating: "z", count: 4000) + "\r\n", count: 30)
                        + "\r\n"
                ]
            ],
            chunkSize: 1000)
        XCTAssertThrowsError(try run("http://h/", HTTPTransferOptions(userAgent: ua), server: server)) { error in
            XCTAssertEqual(
                error as? HTTPError, HTTPError(.malformedResponse, "Response header too large (limit 100 KiB)"))
        }
    }

    func test100ContinueSkipped() throws {
        let server = FakeServer([
            "http://h:80": ["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"]
        ])
        let outcome = try run(
            "http://h/", HTTPTransferOptions(body: .bytes([UInt8]("x=1"), contentType: nil), userAgent: ua),
            server: server)
        XCTAssertEqual(outcome.heads, [200])
        XCTAssertEqual(outcome.body, "ok")
    }

    func testRelativeRedirect() throws {
        let server = FakeServer([
            "http://h:80": [
                "HTTP/1.1 302 Found\r\nLocation: ../new?x=1\r\nContent-Length: 3\r\n\r\nold",
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnew",
            ]
        ])
        let trace = RecordingTrace()
        let outcome = try run(
            "http://h/dir/page", HTTPTransferOptions(userAgent: ua, followRedirects: true),
            server: server, trace: trace)
        XCTAssertEqual(outcome.body, "new")
        XCTAssertEqual(outcome.heads, [302, 200])
        XCTAssertEqual(outcome.result.redirectCount, 1)
        XCTAssertEqual(outcome.result.url.description, "http://h/new?x=1")
        XCTAssertTrue(server.requests[1].hasPrefix("GET /new?x=1 HTTP/1.1\r\nHost: h\r\n"))
        XCTAssertTrue(trace.lines.contains("* Issue another request to this URL: 'http://h/new?x=1'"))
    }

    func testRedirectNotFollowedWithoutL() throws {
        let server = FakeServer(["http://h:80": ["HTTP/1.1 301 Moved\r\nLocation: /x\r\nContent-Length: 4\r\n\r\nmove"]]
        )
        let outcome = try run("http://h/", HTTPTransferOptions(userAgent: ua), server: server)
        XCTAssertEqual(outcome.body, "move")
        XCTAssertEqual(server.connections.count, 1)
    }

    func testAbsoluteRedirectToAnotherOriginDropsCredentials() throws {
        let server = FakeServer([
            "http://a.example:80": ["HTTP/1.1 301 Moved\r\nLocation: https://b.example:8443/landing\r\n\r\n"],
            "https://b.example:8443": ["HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"],
        ])
        let options = HTTPTransferOptions(
            headers: [.set(name: "Cookie", value: "s=1"), .set(name: "X-Keep", value: "1")],
            userAgent: ua, followRedirects: true)
        let outcome = try run("http://user:pw@a.example/", options, server: server)
        XCTAssertEqual(outcome.body, "ok")
        XCTAssertEqual(
            server.requests[0],
            "GET / HTTP/1.1\r\nHost: a.example\r\nAuthorization: Basic dXNlcjpwdw==\r\n"
                + "User-Agent: \(ua)\r\nAccept: */*\r\nCookie: s=1\r\nX-Keep: 1\r\n\r\n")
        XCTAssertEqual(
            server.requests[1],
            "GET /landing HTTP/1.1\r\nHost: b.example:8443\r\n"
                + "User-Agent: \(ua)\r\nAccept: */*\r\nX-Keep: 1\r\n\r\n")
    }

    func testSameOriginRedirectKeepsCredentials() throws {
        let server = FakeServer([
            "http://h:80": ["HTTP/1.1 302 Found\r\nLocation: /b\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n"]
        ])
        let options = HTTPTransferOptions(
            userAgent: nil, credentials: HTTPCredentials(user: "u", password: "p"),
            followRedirects: true)
        _ = try run("http://h/a", options, server: server)
        XCTAssertTrue(server.requests.allSatisfy { $0.contains("Authorization: Basic dTpw\r\n") })
    }

    func testRedirectLoopHitsTheLimit() {
        let server = FakeServer([
            "http://h:80": Array(repeating: "HTTP/1.1 302 Found\r\nLocation: /loop\r\n\r\n", count: 10)
        ])
        let options = HTTPTransferOptions(userAgent: ua, followRedirects: true, maxRedirects: 3)
        XCTAssertThrowsError(try run("http://h/loop", options, server: server)) { error in
            XCTAssertEqual(error as? HTTPError, HTTPError(.tooManyRedirects, "Maximum (3) redirects followed"))
        }
        XCTAssertEqual(server.connections.count, 4)
        let zero = FakeServer(["http://h:80": ["HTTP/1.1 302 Found\r\nLocation: /loop\r\n\r\n"]])
        XCTAssertThrowsError(
            try run(
                "http://h/", HTTPTransferOptions(userAgent: ua, followRedirects: true, maxRedirects: 0),
                server: zero)
        ) { error in
            XCTAssertEqual((error as? HTTPError)?.kind, .tooManyRedirects)
        }
    }

    func testDefaultLimitIsFifty() {
        let server = FakeServer([
            "http://h:80": Array(repeating: "HTTP/1.1 307 Temporary\r\nLocation: /\r\n\r\n", count: 60)
        ])
        XCTAssertThrowsError(
            try run("http://h/", HTTPTransferOptions(userAgent: ua, followRedirects: true), server: server)
        ) { error in
            XCTAssertEqual(error as? HTTPError, HTTPError(.tooManyRedirects, "Maximum (50) redirects followed"))
        }
        XCTAssertEqual(server.connections.count, 51)
    }

    func testPostBecomesGetAfter303And302() throws {
        for status in [301, 302, 303] {
            let server = FakeServer([
                "http://h:80": ["HTTP/1.1 \(status) X\r\nLocation: /done\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n"]
            ])
            let options = HTTPTransferOptions(
                body: .bytes([UInt8]("a=1"), contentType: "application/x-www-form-urlencoded"),
                userAgent: nil, followRedirects: true)
            _ = try run("http://h/form", options, server: server)
            XCTAssertEqual(
                server.requests[0],
                "POST /form HTTP/1.1\r\nHost: h\r\nAccept: */*\r\nContent-Length: 3\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n\r\na=1", "\(status)")
            XCTAssertEqual(server.requests[1], "GET /done HTTP/1.1\r\nHost: h\r\nAccept: */*\r\n\r\n", "\(status)")
        }
    }

    func test307And308KeepMethodAndBody() throws {
        for status in [307, 308] {
            let server = FakeServer([
                "http://h:80": ["HTTP/1.1 \(status) X\r\nLocation: /again\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n"]
            ])
            let options = HTTPTransferOptions(
                body: .bytes([UInt8]("a=1"), contentType: nil), userAgent: nil, followRedirects: true)
            _ = try run("http://h/form", options, server: server)
            XCTAssertEqual(
                server.requests[1], "POST /again HTTP/1.1\r\nHost: h\r\nAccept: */*\r\nContent-Length: 3\r\n\r\na=1")
        }
    }

    func testCustomMethodStaysOnEveryRequest() throws {
        let server = FakeServer(["http://h:80": ["HTTP/1.1 302 X\r\nLocation: /b\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n"]])
        _ = try run(
            "http://h/a", HTTPTransferOptions(customMethod: "DELETE", userAgent: nil, followRedirects: true),
            server: server)
        XCTAssertTrue(server.requests.allSatisfy { $0.hasPrefix("DELETE ") })
    }

    func testRedirectToUnsupportedOrBadLocation() {
        let ftp = FakeServer(["http://h:80": ["HTTP/1.1 302 X\r\nLocation: ftp://h/file\r\n\r\n"]])
        XCTAssertThrowsError(
            try run("http://h/", HTTPTransferOptions(userAgent: nil, followRedirects: true), server: ftp)
        ) { error in
            XCTAssertEqual(error as? CurlURLError, CurlURLError(.unsupportedScheme, "Protocol \"ftp\" not supported"))
        }
        let bad = FakeServer(["http://h:80": ["HTTP/1.1 302 X\r\nLocation: http://h:99999/\r\n\r\n"]])
        XCTAssertThrowsError(
            try run("http://h/", HTTPTransferOptions(userAgent: nil, followRedirects: true), server: bad)
        ) { error in
            XCTAssertEqual((error as? CurlURLError)?.kind, .malformed)
        }
    }

    func testFailOnError() throws {
        let server = FakeServer(["http://h:80": ["HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found"]])
        var heads = 0, bodyBytes = 0
        XCTAssertThrowsError(
            try HTTPTransfer.run(
                url: try CurlURL(parsing: "http://h/missing"),
                options: HTTPTransferOptions(userAgent: nil, failOnError: true),
                trace: SilentTrace(), connect: server.connect, onHead: { _ in heads += 1 },
                onBody: { bodyBytes += $0.count })
        ) { error in
            XCTAssertEqual(error as? HTTPError, HTTPError(.httpStatus(404), "The requested URL returned error: 404"))
        }
        XCTAssertEqual(heads, 0)
        XCTAssertEqual(bodyBytes, 0)
        // Without -f the error page is the output.
        let plain = FakeServer(["http://h:80": ["HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found"]])
        XCTAssertEqual(
            try run("http://h/missing", HTTPTransferOptions(userAgent: nil), server: plain).body, "not found")
        // -f with a success.
        let ok = FakeServer(["http://h:80": ["HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"]])
        XCTAssertEqual(
            try run("http://h/", HTTPTransferOptions(userAgent: nil, failOnError: true), server: ok).body, "ok")
    }

    func testBadHeaderArgumentSendsNothing() {
        let server = FakeServer(["http://h:80": ["HTTP/1.1 200 OK\r\n\r\n"]])
        XCTAssertThrowsError(
            try run(
                "http://h/", HTTPTransferOptions(customMethod: "GET /x HTTP/1.0\r\n", userAgent: nil),
                server: server)
        ) { error in
            XCTAssertEqual((error as? HTTPError)?.kind, .badRequestArgument)
        }
        XCTAssertEqual(server.connections.count, 0)
    }
}
