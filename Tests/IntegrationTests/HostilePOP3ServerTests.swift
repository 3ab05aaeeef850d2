import Foundation
import XCTest

/// pop3-retrieve against scripted POP3 peers: messages cut short, hostile listings, STLS games.
/// Nothing is saved, recorded or deleted on bad input.
final class HostilePOP3ServerTests: XCTestCase {
    private var workDir: URL!

    override func setUpWithError() throws {
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-hostile-pop3-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    private func lines(_ text: String) -> ScriptedServer.Step { .send(Array(text.utf8)) }

    /// Greeting, CAPA, USER/PASS accepted; then the UIDL answer and what follows come from the caller.
    private func script(_ rest: [ScriptedServer.Step]) -> [ScriptedServer.Step] {
        [
            lines("+OK ready\r\n"), .readLine, lines("+OK\r\nUIDL\r\nUSER\r\n.\r\n"),
            .readLine, lines("+OK\r\n"), .readLine, lines("+OK logged in\r\n"), .readLine,
        ] + rest
    }

    private func drain(_ server: ScriptedServer, _ extra: [String] = []) -> (ToolProcess.Result, URL) {
        let maildir = workDir.appendingPathComponent("Maildir")
        let r = ToolProcess.tool(
            "pop3-retrieve",
            ["-m", "10", "--no-ssl", "-u", "user:secret", "--maildir", maildir.path] + extra
                + ["pop3://127.0.0.1:\(server.port)/"])
        return (r, maildir)
    }

    private func files(_ maildir: URL) -> Int {
        ["new", "cur", "tmp"].reduce(0) {
            $0
                + ((try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent($1).path))?
                    .count ?? 0)
        }
    }

    func testMessageWithoutTheFinalDot() throws {
        let server = try ScriptedServer(
            script([
                lines("+OK\r\n1 uid-1\r\n.\r\n"), .readLine, lines("+OK message\r\nSubject: cut\r\n\r\npartial body"),
                .close,
            ]))
        let (r, maildir) = drain(server, ["--delete"])
        XCTAssertEqual(r.status, 18, r.stderr)  // curl's PARTIAL_FILE
        XCTAssertEqual(files(maildir), 0)
        XCTAssertFalse(server.receivedText.contains("DELE"), server.receivedText)
    }

    func testDotUnstuffingIsExact() throws {
        let server = try ScriptedServer(
            script([
                lines("+OK\r\n1 uid-1\r\n.\r\n"), .readLine,
                lines("+OK\r\nSubject: dots\r\n\r\n..leading\r\n..\r\n...x\r\n.\r\n"),
                .readLine, lines("+OK bye\r\n"), .close,
            ]))
        let (r, maildir) = drain(server)
        XCTAssertEqual(r.status, 0, r.stderr)
        let new = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
        XCTAssertEqual(
            try String(contentsOf: maildir.appendingPathComponent("new/" + new[0]), encoding: .utf8),
            "Subject: dots\n\n.leading\n.\n..x\n")
    }

    func testHostileListings() throws {
        let cases = [
            "+OK\r\n1 uid-1\r\n1 uid-1\r\n.\r\n",  // duplicate
            "+OK\r\n1 \(String(repeating: "u", count: 71))\r\n.\r\n",  // over-long UIDL
            "+OK\r\nnot a listing\r\n.\r\n",  // malformed
            "+OK\r\n2 uid-2\r\n1 uid-1\r\n.\r\n",  // out of order
        ]
        for listing in cases {
            let server = try ScriptedServer(script([lines(listing), .sleep(1), .close]))
            let (r, maildir) = drain(server, ["--delete"])
            XCTAssertEqual(r.status, 8, "\(listing): \(r.stderr)")
            XCTAssertEqual(files(maildir), 0)
            XCTAssertFalse(
                server.receivedText.contains("RETR") || server.receivedText.contains("DELE"), server.receivedText)
        }
    }

    func testEndlessLine() throws {
        let server = try ScriptedServer(
            script([
                lines("+OK\r\n1 uid-1\r\n.\r\n"), .readLine, lines("+OK\r\n"), .flood(byte: 0x41, count: 4 << 20),
                .close,
            ]))
        let (r, maildir) = drain(server)
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertEqual(files(maildir), 0)
    }

    func testResponseCodesAreReported() throws {
        let server = try ScriptedServer([
            lines("+OK ready\r\n"), .readLine, lines("+OK\r\nUSER\r\nRESP-CODES\r\n.\r\n"),
            .readLine, lines("+OK\r\n"), .readLine, lines("-ERR [IN-USE] locked by another session\r\n"), .close,
        ])
        let r = ToolProcess.tool(
            "pop3-retrieve", ["-m", "10", "--no-ssl", "-u", "user:secret", "pop3://127.0.0.1:\(server.port)/"])
        XCTAssertEqual(r.status, 67, r.stderr)
        XCTAssertTrue(r.stderr.contains("mailbox in use"), r.stderr)
    }

    func testNoUIDLNeedsDelete() throws {
        let server = try ScriptedServer([
            lines("+OK ready\r\n"), .readLine, lines("+OK\r\nUSER\r\n.\r\n"),
            .readLine, lines("+OK\r\n"), .readLine, lines("+OK in\r\n"), .readLine,
            lines("-ERR no UIDL here\r\n"), .sleep(1), .close,
        ])
        let (r, _) = drain(server)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--delete"), r.stderr)
    }

    func testSTLSUnderSSLReqd() throws {
        let missing = try ScriptedServer([
            lines("+OK ready\r\n"), .readLine, lines("+OK\r\nUSER\r\n.\r\n"), .readLine, .close,
        ])
        let r1 = ToolProcess.tool(
            "pop3-retrieve", ["-m", "10", "--ssl-reqd", "-u", "u:p", "pop3://127.0.0.1:\(missing.port)/"])
        XCTAssertEqual(r1.status, 64, r1.stderr)
        XCTAssertEqual(missing.receivedText, "CAPA\r\n")
        let failing = try ScriptedServer([
            lines("+OK ready\r\n"), .readLine, lines("-ERR no CAPA\r\n"), .readLine, .close,
        ])
        let r2 = ToolProcess.tool(
            "pop3-retrieve", ["-m", "10", "--ssl-reqd", "-u", "u:p", "pop3://127.0.0.1:\(failing.port)/"])
        XCTAssertEqual(r2.status, 64, r2.stderr)
        let injected = try ScriptedServer([
            lines("+OK ready <1.2@host>\r\n"), .readLine, lines("+OK\r\nSTLS\r\n.\r\n"), .readLine,
            lines("+OK begin TLS\r\n+OK injected\r\n"), .sleep(1), .close,
        ])
        let r3 = ToolProcess.tool("pop3-retrieve", ["-m", "10", "-u", "u:p", "pop3://127.0.0.1:\(injected.port)/"])
        XCTAssertEqual(r3.status, 8, r3.stderr)
        XCTAssertEqual(injected.receivedText, "CAPA\r\nSTLS\r\n")
    }

    // MARK: Issue 10

    /// Only CR LF . CR LF ends a message: a bare-LF dot line is content, not the end.
    func testBareLFDotLineDoesNotEndTheMessage() throws {
        let server = try ScriptedServer(
            script([
                lines("+OK\r\n1 uid-1\r\n.\r\n"), .readLine, lines("+OK\r\nline1\n.\nline2\r\n.\r\n"),
                .readLine, lines("+OK bye\r\n"), .close,
            ]))
        let (r, maildir) = drain(server)
        XCTAssertEqual(r.status, 0, r.stderr)
        let new = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
        XCTAssertEqual(new.count, 1)
        let saved = try String(contentsOf: maildir.appendingPathComponent("new/" + new[0]), encoding: .utf8)
        XCTAssertTrue(saved.contains("line2"), saved)
    }

    /// STLS refused: the server's text came before TLS and is not shown.
    func testSTLSRefusalTextIsNotShown() throws {
        let server = try ScriptedServer([
            lines("+OK ready\r\n"), .readLine, lines("+OK\r\nSTLS\r\nUSER\r\n.\r\n"),
            .readLine, lines("-ERR re-enter your password at http://evil.test\r\n"), .close,
        ])
        let maildir = workDir.appendingPathComponent("Maildir")
        let r = ToolProcess.tool(
            "pop3-retrieve",
            [
                "-m", "10", "--ssl-reqd", "-u", "user:secret", "--maildir", maildir.path,
                "pop3://127.0.0.1:\(server.port)/",
            ])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertFalse(r.stderr.contains("evil.test"), r.stderr)
        XCTAssertFalse(server.receivedText.contains("USER"), server.receivedText)
    }
}
