import Foundation
import XCTest

/// smtp-send with several `-T FILE` and with `-:`/`--next` (curl 938): the messages of one URL
/// over one connection, RSET only after a refused transaction, a new connection (after QUIT)
/// for another login. Scripted peers under `--no-ssl`.
final class SMTPMultiMessageTests: XCTestCase {
    private var workDir: URL!

    override func setUpWithError() throws {
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-smtp-multi-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    private func send(_ text: String) -> ScriptedServer.Step { .send(Array(text.utf8)) }

    private func message(_ name: String, _ body: String) throws -> String {
        let path = workDir.appendingPathComponent(name).path
        try Data("Subject: \(body)\n\n\(body)\n".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// MAIL, RCPT, DATA and the message accepted.
    private func transaction(_ queued: String) -> [ScriptedServer.Step] {
        [
            .readLine, send("250 ok\r\n"), .readLine, send("250 ok\r\n"), .readLine, send("354 go\r\n"),
            .readUntilDot, send("250 \(queued)\r\n"),
        ]
    }

    func testSeveralFilesGoOverOneConnection() throws {
        let server = try ScriptedServer(
            [send("220 mx ESMTP\r\n"), .readLine, send("250 mx\r\n")] + transaction("queued as A")
                + transaction("queued as B") + [.readLine, send("221 bye\r\n"), .close])
        let one = try message("one.eml", "one"), two = try message("two.eml", "two")
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "10", "--no-ssl", "--mail-from", "s@example.com", "--mail-rcpt", "r@example.com", "-T", one,
                "-T", two, "smtp://127.0.0.1:\(server.port)/client.example",
            ])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "250 queued as A\n250 queued as B\n")
        let envelope = "MAIL FROM:<s@example.com>\r\nRCPT TO:<r@example.com>\r\nDATA\r\n"
        XCTAssertEqual(
            server.receivedText,
            "EHLO client.example\r\n" + envelope + "Subject: one\r\n\r\none\r\n.\r\n" + envelope
                + "Subject: two\r\n\r\ntwo\r\n.\r\nQUIT\r\n")
    }

    /// A refused transaction: RSET, the next message still goes, and the run ends with the
    /// refusal's code (55) after QUIT.
    func testARefusedMessageIsFollowedByRSETAndTheNextOne() throws {
        let server = try ScriptedServer(
            [send("220 mx ESMTP\r\n"), .readLine, send("250 mx\r\n"), .readLine, send("550 sender refused\r\n")]
                + [.readLine, send("250 reset\r\n")] + transaction("queued as B")
                + [.readLine, send("221 bye\r\n"), .close])
        let one = try message("one.eml", "one"), two = try message("two.eml", "two")
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "10", "--no-ssl", "--mail-from", "s@example.com", "--mail-rcpt", "r@example.com", "-T", one,
                "-T", two, "smtp://127.0.0.1:\(server.port)/client.example",
            ])
        XCTAssertEqual(r.status, 55, r.stderr)
        XCTAssertEqual(r.stdout, "250 queued as B\n")
        XCTAssertEqual(
            server.receivedText,
            "EHLO client.example\r\nMAIL FROM:<s@example.com>\r\nRSET\r\nMAIL FROM:<s@example.com>\r\n"
                + "RCPT TO:<r@example.com>\r\nDATA\r\nSubject: two\r\n\r\ntwo\r\n.\r\nQUIT\r\n")
    }

    /// curl 938: `-:` with another user: QUIT, then a second connection with its own EHLO and
    /// login; one URL per `-T` as curl pairs them; the same login and EHLO name share one.
    func testNextWithAnotherLoginOpensASecondConnection() throws {
        let plain1 = Data("\0user.one\0secret".utf8).base64EncodedString()
        let plain2 = Data("\0user.two\0secret".utf8).base64EncodedString()
        let greet = [send("220 mx ESMTP\r\n"), .readLine, send("250-mx\r\n250 AUTH PLAIN\r\n")]
        let server = try ScriptedServer(
            greet + [.readLine, send("235 ok\r\n")] + transaction("A") + transaction("B")
                + [.readLine, send("221 bye\r\n"), .acceptNext] + greet + [.readLine, send("235 ok\r\n")]
                + transaction("C") + [.readLine, send("221 bye\r\n"), .close])
        let one = try message("one.eml", "one")
        let base = "smtp://127.0.0.1:\(server.port)/938"
        let common = ["-m", "10", "--no-ssl", "--mail-from", "s@example.com", "--mail-rcpt", "r@example.com"]
        let r = ToolProcess.tool(
            "smtp-send",
            common + ["-u", "user.one:secret", base, base, "-T", one, "-T", one, "-:"] + common
                + ["-u", "user.two:secret", base, "-T", one])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "250 A\n250 B\n250 C\n")
        let transaction =
            "MAIL FROM:<s@example.com>\r\nRCPT TO:<r@example.com>\r\nDATA\r\nSubject: one\r\n\r\none\r\n.\r\n"
        XCTAssertEqual(
            server.receivedText,
            "EHLO 938\r\nAUTH PLAIN \(plain1)\r\n" + transaction + transaction + "QUIT\r\n"
                + "EHLO 938\r\nAUTH PLAIN \(plain2)\r\n" + transaction + "QUIT\r\n")
    }
}
