import Foundation
import XCTest

/// `-D FILE`/`--dump-header FILE` for the mail tools, as curl writes a pingpong protocol's
/// response lines there (curl 897): every line the server sent, CR LF ended; a message body
/// (an IMAP literal, a POP3 RETR body, nothing for SMTP) goes to the output, not to FILE.
final class CurlDumpHeaderTests: XCTestCase {
    private var workDir: URL!

    override func setUpWithError() throws {
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-dumpheader-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    private func send(_ text: String) -> ScriptedServer.Step { .send(Array(text.utf8)) }

    private func headers() throws -> String {
        try String(contentsOfFile: workDir.appendingPathComponent("head").path, encoding: .utf8)
    }

    func testIMAPResponseLinesWithoutTheLiteral() throws {
        let lines = [
            "* OK ready\r\n", "A001 BAD Command\r\n", "A002 OK LOGIN completed\r\n",
            "* 1 EXISTS\r\nA003 OK [READ-WRITE] SELECT completed\r\n",
        ]
        let server = try ScriptedServer(
            [send(lines[0]), .readLine, send(lines[1]), .readLine, send(lines[2]), .readLine, send(lines[3])] + [
                .readLine, send("* 1 FETCH (BODY[1] {5}\r\nhello)\r\nA004 OK FETCH completed\r\n"),
                .readLine, send("* BYE bye\r\nA005 OK LOGOUT completed\r\n"), .close,
            ])
        let r = ToolProcess.tool(
            "imap-fetch",
            [
                "-m", "10", "--no-ssl", "-u", "user:secret", "-D", workDir.appendingPathComponent("head").path,
                "imap://127.0.0.1:\(server.port)/897/;MAILINDEX=1/;SECTION=1",
            ])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "hello")
        XCTAssertEqual(
            try headers(),
            lines.joined() + "* 1 FETCH (BODY[1] {5}\r\n)\r\nA004 OK FETCH completed\r\n* BYE bye\r\n"
                + "A005 OK LOGOUT completed\r\n")
    }

    /// Several URLs with one `-D FILE` (curl opens it once per option set): the file holds the
    /// lines of the whole run in order, none lost when the second URL reuses the session.
    func testSeveralURLsShareTheFile() throws {
        let server = try ScriptedServer([
            send("+OK ready\r\n"), .readLine, send("+OK capabilities\r\nUSER\r\n.\r\n"), .readLine, send("+OK\r\n"),
            .readLine, send("+OK in\r\n"), .readLine, send("+OK 1\r\none\r\n.\r\n"), .readLine,
            send("+OK 2\r\ntwo\r\n.\r\n"), .readLine, send("+OK bye\r\n"), .close,
        ])
        let base = "pop3://127.0.0.1:\(server.port)"
        let r = ToolProcess.tool(
            "pop3-retrieve",
            [
                "-m", "10", "--no-ssl", "-u", "user:secret", "-D", workDir.appendingPathComponent("head").path,
                base + "/1", base + "/2",
            ], stdin: Data())
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "one\r\ntwo\r\n")
        XCTAssertEqual(
            try headers(),
            "+OK ready\r\n+OK capabilities\r\nUSER\r\n.\r\n+OK\r\n+OK in\r\n+OK 1\r\n+OK 2\r\n+OK bye\r\n")
    }

    func testPOP3ResponseLinesWithoutTheBody() throws {
        let server = try ScriptedServer([
            send("+OK ready\r\n"), .readLine, send("+OK capabilities\r\nUSER\r\n.\r\n"), .readLine, send("+OK\r\n"),
            .readLine, send("+OK in\r\n"), .readLine, send("+OK 5 octets\r\nbody\r\n.\r\n"), .readLine,
            send("+OK bye\r\n"), .close,
        ])
        let r = ToolProcess.tool(
            "pop3-retrieve",
            [
                "-m", "10", "--no-ssl", "-u", "user:secret", "--dump-header",
                workDir.appendingPathComponent("head").path,
                "pop3://127.0.0.1:\(server.port)/1",
            ], stdin: Data())
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "body\r\n")
        XCTAssertEqual(
            try headers(), "+OK ready\r\n+OK capabilities\r\nUSER\r\n.\r\n+OK\r\n+OK in\r\n+OK 5 octets\r\n+OK bye\r\n")
    }

    func testSMTPReplies() throws {
        let server = try ScriptedServer([
            send("220 mx ESMTP\r\n"), .readLine, send("250-mx\r\n250 8BITMIME\r\n"), .readLine, send("250 ok\r\n"),
            .readLine, send("250 ok\r\n"), .readLine, send("354 go\r\n"), .readUntilDot, send("250 queued\r\n"),
            .readLine, send("221 bye\r\n"), .close,
        ])
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "10", "--no-ssl", "--mail-from", "s@example.com", "--mail-rcpt", "r@example.com", "-T", "-",
                "-D", workDir.appendingPathComponent("head").path, "smtp://127.0.0.1:\(server.port)/client.example",
            ], stdin: Data("Subject: x\n\nx\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            try headers(),
            "220 mx ESMTP\r\n250-mx\r\n250 8BITMIME\r\n250 ok\r\n250 ok\r\n354 go\r\n250 queued\r\n221 bye\r\n")
    }
}
