import Foundation
import XCTest

/// A server that accepts and then says nothing must not hold a tool: the greeting is bounded by
/// the connect timeout (or a default), every later answer by --response-timeout (default 120 s),
/// and the error says what probably happened (issue 10, defect 10).
final class SilentServerTests: XCTestCase {
    private func timed(_ body: () -> ToolProcess.Result) -> (ToolProcess.Result, TimeInterval) {
        let start = Date()
        let result = body()
        return (result, Date().timeIntervalSince(start))
    }

    func testNoGreetingWithinTheConnectTimeout() throws {
        for (tool, scheme) in [("smtp-send", "smtp"), ("imap-fetch", "imap"), ("pop3-retrieve", "pop3")] {
            let server = try ScriptedServer([.sleep(6), .close])
            let extra =
                tool == "smtp-send"
                ? ["--mail-rcpt", "a@b.example", "--mail-from", "c@d.example", "-T", "/dev/null"]
                : ["-u", "a:b"]
            let (r, elapsed) = timed {
                ToolProcess.tool(tool, ["--connect-timeout", "1"] + extra + ["\(scheme)://127.0.0.1:\(server.port)/"])
            }
            XCTAssertEqual(r.status, 28, "\(tool): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("No greeting from 127.0.0.1"), r.stderr)
            XCTAssertTrue(r.stderr.contains("nothing within 1 s"), r.stderr)
            XCTAssertLessThan(elapsed, 4, "\(tool) waited \(elapsed) s")
        }
    }

    func testSilenceAfterACommandEndsByTheResponseTimeout() throws {
        let server = try ScriptedServer([.send(Array("220 mx ESMTP\r\n".utf8)), .readLine, .sleep(6), .close])
        let (r, elapsed) = timed {
            ToolProcess.tool(
                "smtp-send",
                [
                    "--response-timeout", "1", "--no-ssl", "--mail-rcpt", "a@b.example",
                    "--mail-from", "c@d.example", "-T", "/dev/null",
                    "smtp://127.0.0.1:\(server.port)/client.example",
                ])
        }
        XCTAssertEqual(r.status, 28, r.stderr)
        XCTAssertTrue(r.stderr.contains("the server sent nothing for 1 s (--response-timeout)"), r.stderr)
        XCTAssertLessThan(elapsed, 4)
    }

    /// imap:// on port 993: the server waits for our TLS hello, we wait for its greeting. Said in
    /// words within the short default for such ports, not after minutes.
    func testPlainURLOnAnImplicitTLSPortIsDiagnosed() throws {
        let server: ScriptedServer
        do {
            server = try ScriptedServer([.sleep(12), .close], port: 993)
        } catch {
            throw XCTSkip("cannot listen on 127.0.0.1:993 here (not root, or the port is taken)")
        }
        let (r, elapsed) = timed { ToolProcess.tool("imap-fetch", ["-u", "a:b", "imap://127.0.0.1:\(server.port)/"]) }
        XCTAssertEqual(r.status, 28, r.stderr)
        XCTAssertTrue(r.stderr.contains("port 993 usually expects TLS from the first byte: try imaps://"), r.stderr)
        XCTAssertLessThan(elapsed, 10)
    }
}
