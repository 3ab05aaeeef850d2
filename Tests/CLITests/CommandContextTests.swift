import CLI
import Codec
import HTTPGet
import TransportFakes
import XCTest

/// A whole command runs in-process: the context carries the network, TLS and the terminal, so a
/// test gives fakes and reads what the tool sent and printed.
final class CommandContextTests: XCTestCase {
    func testHTTPGetRunsOverAFakeNetwork() throws {
        let server = ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
        let connector = FakeConnector(server)
        let (context, out, err) = fakeContext(["http://example.test:8080/a"], connector: connector)
        XCTAssertEqual(HTTPGetCommand.main(context), 0, String(decoding: err.bytes, as: UTF8.self))
        XCTAssertEqual(String(decoding: out.bytes, as: UTF8.self), "hello")
        XCTAssertEqual(connector.connections.first?.host, "example.test")
        XCTAssertEqual(connector.connections.first?.port, 8080)
        XCTAssertTrue(String(decoding: server.sent, as: UTF8.self).hasPrefix("GET /a HTTP/1.1\r\n"))
    }

    func testAMissingPasswordIsAskedThroughTheContextsPrompt() throws {
        let server = ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        let prompt = FakePasswordPrompt(answer: "s3cret")
        let (context, _, err) = fakeContext(
            ["-u", "alice", "http://example.test/"], connector: FakeConnector(server),
            prompt: prompt)
        XCTAssertEqual(HTTPGetCommand.main(context), 0, String(decoding: err.bytes, as: UTF8.self))
        XCTAssertEqual(prompt.prompts, ["Enter host password for user 'alice':"])
        let expected = "Authorization: Basic " + Base64.encode(Array("alice:s3cret".utf8))
        XCTAssertTrue(String(decoding: server.sent, as: UTF8.self).contains(expected))
    }

    func testNobodyToAskIsAUsageErrorNotAHang() {
        let server = ScriptedServer("")
        let (context, _, err) = fakeContext(["-u", "alice", "http://example.test/"], connector: FakeConnector(server))
        XCTAssertEqual(HTTPGetCommand.main(context), 2)
        XCTAssertTrue(String(decoding: err.bytes, as: UTF8.self).contains("no password given"))
        XCTAssertTrue(server.sent.isEmpty, "nothing may be sent when the password is missing")
    }
}
