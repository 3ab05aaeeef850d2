import XCTest

/// Malformed and hostile HTTP responses from a scripted peer: each is a clear error with
/// curl's exit code, never a crash or a hang.
final class HostileHTTPServerTests: XCTestCase {
    private func fetch(_ server: ScriptedServer, _ extra: [String] = []) -> ToolProcess.Result {
        ToolProcess.tool("http-get", ["-m", "10"] + extra + ["http://127.0.0.1:\(server.port)/"])
    }

    func testBadChunkSize() throws {
        let server = try ScriptedServer(
            response: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")
        let r = fetch(server)
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertTrue(r.stderr.lowercased().contains("chunk"), r.stderr)
    }

    func testOverflowingChunkSize() throws {
        let server = try ScriptedServer(
            response: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nx\r\n")
        XCTAssertEqual(fetch(server).status, 8)
    }

    func testOversizedHeaderSection() throws {
        let server = try ScriptedServer([
            .readRequestHead, .send(Array("HTTP/1.1 200 OK\r\nX-Big: ".utf8)),
            .flood(byte: 0x61, count: 4 << 20), .close,
        ])
        let r = fetch(server)
        XCTAssertEqual(r.status, 8, r.stderr)
    }

    func testGarbageStatusLine() throws {
        let server = try ScriptedServer(response: "SMTP/1.0 220 hello\r\n\r\n")
        XCTAssertEqual(fetch(server).status, 8)
    }

    func testShortContentLengthBodyIsPartial() throws {
        let server = try ScriptedServer(response: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")
        let r = fetch(server)
        XCTAssertEqual(r.status, 18, r.stderr)
    }

    func testConflictingContentLengths() throws {
        let server = try ScriptedServer(
            response: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!")
        XCTAssertEqual(fetch(server).status, 8)
    }

    func testEscapeSequencesInHeadersAreEscapedUnderVerbose() throws {
        let server = try ScriptedServer(
            response: "HTTP/1.1 200 OK\r\nX-Evil: \u{1b}]0;owned\u{07}\u{1b}[2J\r\nContent-Length: 2\r\n\r\nok")
        let r = fetch(server, ["-v"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stderr.contains("\u{1b}"), "raw ESC reached the terminal")
        XCTAssertTrue(r.stderr.contains("< X-Evil: \\x1b]0;owned\\x07\\x1b[2J"), r.stderr)
    }

    func testConnectionResetMidBodyIsARecvErrorOrPartial() throws {
        let server = try ScriptedServer(response: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")
        let r = fetch(server)
        XCTAssertTrue([18, 56].contains(r.status), "\(r.status) \(r.stderr)")
    }
}
