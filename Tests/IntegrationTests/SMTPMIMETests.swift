import Foundation
import XCTest

/// `-F` (curl's mail MIME), `-H` and `--crlf`: a multipart message with an attachment through
/// the real Postfix, read back from Dovecot's Maildir; the 7bit refusal against a scripted peer.
final class SMTPMIMETests: XCTestCase {
    private var submission: String { "smtp://localhost:\(TestServers.port("POSTFIX_SUBMISSION_PORT"))" }
    private var alice: [String] {
        [
            "--cacert", TestServers.caFile, "-u", "alice:" + Mailboxes.password("alice"), "--mail-from",
            "alice@mailtls.test",
        ]
    }

    private func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-mime-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return url.path
    }

    func testMultipartWithAttachmentIsDelivered() throws {
        try TestServers.ensureRunning()
        let token = Mailboxes.token("mime")
        let attachment = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let path = try temporaryFile("build output.log", attachment)
        let r = ToolProcess.tool(
            "smtp-send",
            alice + [
                "--mail-rcpt", "bob@mailtls.test", "-H", "From: Alice <alice@mailtls.test>", "-H",
                "To: bob@mailtls.test", "-H", "Subject: \(token) Gr\u{fc}\u{df}e",
                "-F", "=(;type=multipart/alternative", "-F", "=text body, caf\u{e9}",
                "-F", "= <p>html</p>;type=text/html", "-F", "=)", "-F", "=@\(path);encoder=base64",
                submission,
            ])
        XCTAssertEqual(r.status, 0, r.stderr)
        let copy = String(
            decoding: try XCTUnwrap(Mailboxes.waitForMessage(to: "bob", containing: token)), as: UTF8.self)
        XCTAssertTrue(copy.contains("Subject: \(token) =?UTF-8?B?R3LDvMOfZQ==?="), copy)
        XCTAssertTrue(copy.contains("MIME-Version: 1.0"), copy)
        XCTAssertTrue(copy.contains("Content-Type: multipart/mixed; boundary=\"=_mailtls_"), copy)
        XCTAssertTrue(copy.contains("Content-Type: multipart/alternative; boundary=\"=_mailtls_"), copy)
        XCTAssertTrue(
            copy.contains(
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                    + "text body, caf=C3=A9\n"), copy)
        XCTAssertTrue(copy.contains("Content-Type: text/html\nContent-Transfer-Encoding: 7bit\n\n <p>html</p>\n"), copy)
        XCTAssertTrue(
            copy.contains(
                "Content-Type: text/plain\nContent-Disposition: attachment; filename=\"build output.log\"\n"
                    + "Content-Transfer-Encoding: base64\n\n"), copy)
        // The attachment decodes to the file's bytes.
        let afterHeader = try XCTUnwrap(copy.range(of: "Content-Transfer-Encoding: base64\n\n")).upperBound
        let encoded = copy[afterHeader...].prefix { $0 != "-" }.filter { !$0.isWhitespace }
        XCTAssertEqual(Data(base64Encoded: String(encoded)).map(Array.init), attachment)
    }

    /// curl 649: a part declared 7bit with an 8-bit byte is 26, and the message is abandoned
    /// before the end of DATA, so nothing is delivered.
    func testEightBitByteInASevenBitPartAbandonsTheMessage() throws {
        let path = try temporaryFile("piece.txt", Array("pi\u{e8}ce jointe\n".utf8))
        let server = try ScriptedServer([
            .send(Array("220 mx ESMTP\r\n".utf8)), .readLine, .send(Array("250 mx\r\n".utf8)), .readLine,
            .send(Array("250 ok\r\n".utf8)), .readLine, .send(Array("250 ok\r\n".utf8)), .readLine,
            .send(Array("354 go\r\n".utf8)), .sleep(1), .close,
        ])
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "10", "--mail-from", "s@example.com", "--mail-rcpt", "r@example.com", "-F", "=valid;encoder=7bit",
                "-F", "=@\(path);encoder=7bit", "smtp://127.0.0.1:\(server.port)/client.example",
            ])
        XCTAssertEqual(r.status, 26, r.stderr)
        XCTAssertTrue(r.stderr.contains("7bit"), r.stderr)
        XCTAssertTrue(server.receivedText.hasPrefix("EHLO client.example\r\nMAIL FROM:<s@example.com>\r\n"))
        XCTAssertFalse(server.receivedText.contains("\r\n.\r\n"), server.receivedText)
    }

    /// A missing -F file is 26 before connecting; a headers=@FILE field reaches the part.
    func testPartFilesAreCheckedBeforeConnectingAndHeaderFilesRead() throws {
        let missing = ToolProcess.tool(
            "smtp-send", ["--mail-rcpt", "r@example.com", "-F", "=@/nonexistent/file.pdf", "smtp://127.0.0.1:1"])
        XCTAssertEqual(missing.status, 26, missing.stderr)
        let headers = try temporaryFile("fields", Array("# comment\nX-From-File: yes\n folded\n".utf8))
        let server = try ScriptedServer([
            .send(Array("220 mx ESMTP\r\n".utf8)), .readLine, .send(Array("250 mx\r\n".utf8)), .readLine,
            .send(Array("250 ok\r\n".utf8)), .readLine, .send(Array("250 ok\r\n".utf8)), .readLine,
            .send(Array("354 go\r\n".utf8)), .readUntilDot, .send(Array("250 queued\r\n".utf8)), .readLine,
            .send(Array("221 bye\r\n".utf8)), .close,
        ])
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "10", "--mail-rcpt", "r@example.com", "-T", "-", "-F", "=hello;headers=@\(headers)",
                "smtp://127.0.0.1:\(server.port)/client.example",
            ])
        XCTAssertEqual(r.status, 2, "-F and -T exclude each other: \(r.stderr)")
        let ok = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "10", "--mail-rcpt", "r@example.com", "-F", "=hello;headers=@\(headers)",
                "smtp://127.0.0.1:\(server.port)/client.example",
            ])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(
            server.receivedText.contains(
                "Content-Type: text/plain\r\nContent-Transfer-Encoding: 7bit\r\nX-From-File: yes folded\r\n\r\nhello\r\n"
            ),
            server.receivedText)
        XCTAssertTrue(server.receivedText.hasPrefix("EHLO client.example\r\nMAIL FROM:<>\r\n"), server.receivedText)
    }

    /// -H puts fields in front of a -T message too; --crlf is accepted (line ends are CR LF anyway).
    func testHeaderFieldsBeforeAnUploadedMessage() throws {
        let server = try ScriptedServer([
            .send(Array("220 mx ESMTP\r\n".utf8)), .readLine, .send(Array("250 mx\r\n".utf8)), .readLine,
            .send(Array("250 ok\r\n".utf8)), .readLine, .send(Array("250 ok\r\n".utf8)), .readLine,
            .send(Array("354 go\r\n".utf8)), .readUntilDot, .send(Array("250 queued\r\n".utf8)), .readLine,
            .send(Array("221 bye\r\n".utf8)), .close,
        ])
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "10", "--crlf", "--mail-from", "s@example.com", "--mail-rcpt", "r@example.com", "-H",
                "X-Mailer: mailtls", "-T", "-", "smtp://127.0.0.1:\(server.port)/client.example",
            ], stdin: Data("Subject: x\n\nbody\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(
            server.receivedText.contains("DATA\r\nX-Mailer: mailtls\r\nSubject: x\r\n\r\nbody\r\n.\r\n"),
            server.receivedText)
        let bad = ToolProcess.tool(
            "smtp-send",
            ["--mail-rcpt", "r@example.com", "-T", "-", "-H", "X: a\r\nBcc: e@example.com", "smtp://127.0.0.1:1"],
            stdin: Data())
        XCTAssertEqual(bad.status, 2, bad.stderr)
    }
}
