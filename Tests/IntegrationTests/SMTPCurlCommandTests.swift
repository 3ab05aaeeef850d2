import Foundation
import XCTest

/// smtp-send as curl's SMTP test cases state curl's behaviour (tests 914-932, 950, 3006):
/// the exact commands sent, the bytes written and the exit code, against scripted peers.
final class SMTPCurlCommandTests: XCTestCase {
    private func lines(_ text: String) -> ScriptedServer.Step { .send(Array(text.utf8)) }

    /// A server without STARTTLS that answers the one command after EHLO with `reply`.
    private func commandServer(_ reply: String) throws -> ScriptedServer {
        try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250 SMTPUTF8\r\n"), .readLine, lines(reply),
            .readLine, lines("221 bye\r\n"), .close,
        ])
    }

    private func run(_ server: ScriptedServer, _ arguments: [String], stdin: Data? = nil) -> ToolProcess.Result {
        ToolProcess.tool(
            "smtp-send", ["-m", "10"] + arguments + ["smtp://127.0.0.1:\(server.port)/client.example"], stdin: stdin)
    }

    /// curl 923/925: without a message, each --mail-rcpt is verified; the answer is written as sent.
    func testVRFYWritesTheAnswerAsSent() throws {
        let server = try commandServer("252 Send some mail and I'll try my best\r\n")
        let r = run(server, ["--mail-rcpt", "<user@example.net>"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(server.receivedText, "EHLO client.example\r\nVRFY user@example.net\r\nQUIT\r\n")
        XCTAssertEqual(r.stdoutBytes, Data("252 Send some mail and I'll try my best\r\n".utf8))
    }

    /// curl 924: 553 (ambiguous) answers a VRFY without failing it; every line is written.
    func testAmbiguousVRFYWritesEveryLine() throws {
        let reply =
            "553-Ambiguous; Possibilities are:\r\n553-Joe Smith <joe.smith@example.com>\r\n"
            + "553 Melvin Smith <melvin.smith@example.com>\r\n"
        let server = try commandServer(reply)
        let r = run(server, ["--mail-rcpt", "smith"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(server.receivedText, "EHLO client.example\r\nVRFY smith\r\nQUIT\r\n")
        XCTAssertEqual(r.stdout, reply)
    }

    /// curl 926: a refused command is 8, nothing is written, and the session still ends with QUIT.
    func testRefusedVRFYIsEightAndStillQuits() throws {
        let server = try commandServer("550 Unknown user\r\n")
        let r = run(server, ["--mail-rcpt", "recipient"])
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertTrue(r.stderr.contains("Command failed: 550 Unknown user"), r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(server.receivedText, "EHLO client.example\r\nVRFY recipient\r\nQUIT\r\n")
    }

    /// curl 927/969: -X names the command, --mail-rcpt is its argument as given; EXPN says
    /// SMTPUTF8 when the server offers it.
    func testEXPNWithMailRcpt() throws {
        let reply = "250-Joe Smith <joe.smith@example.com>\r\n250 Harry Smith <harry.smith@example.com>\r\n"
        let server = try commandServer(reply)
        let r = run(server, ["--mail-rcpt", "Friends", "-X", "EXPN"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(server.receivedText, "EHLO client.example\r\nEXPN Friends SMTPUTF8\r\nQUIT\r\n")
        XCTAssertEqual(r.stdout, reply)
    }

    /// curl 928: neither a message nor a recipient: HELP.
    func testHELPWithoutRecipient() throws {
        let reply =
            "214-This server supports the following commands:\r\n214 HELO EHLO RCPT DATA RSET MAIL QUIT HELP\r\n"
        let server = try commandServer(reply)
        let r = run(server, [])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(server.receivedText, "EHLO client.example\r\nHELP\r\nQUIT\r\n")
        XCTAssertEqual(r.stdout, reply)
    }

    /// curl 929/950: -X alone is sent as given (case kept); -o writes the answer to a file.
    func testNOOPAndOutputFile() throws {
        let server = try commandServer("250 2.0.0 Ok\r\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-noop-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run(server, ["-X", "noop", "-o", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(server.receivedText, "EHLO client.example\r\nnoop\r\nQUIT\r\n")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "250 2.0.0 Ok\r\n")
    }

    /// curl 930: -I sends the command and writes nothing.
    func testHeadWritesNothing() throws {
        let server = try commandServer("250 Resetting\r\n")
        let r = run(server, ["-X", "RSET", "-I"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdoutBytes, Data())
        XCTAssertEqual(server.receivedText, "EHLO client.example\r\nRSET\r\nQUIT\r\n")
    }

    /// curl decodes -X like a URL part; a decoded line break is refused before connecting.
    func testRequestThatWouldSplitTheLineIsRefused() throws {
        let server = try commandServer("250 ok\r\n")
        let r = run(server, ["-X", "NOOP%0D%0ARSET"])
        XCTAssertEqual(r.status, 3, r.stderr)
        let message = run(server, ["-X", "NOOP", "-T", "/dev/null", "--mail-rcpt", "a@b.example"])
        XCTAssertEqual(message.status, 2, message.stderr)
        XCTAssertEqual(server.receivedText, "")
    }

    /// curl 915: without --mail-from the reverse-path is null; the message comes from -T -.
    func testNullSenderWithoutMailFrom() throws {
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250 mx\r\n"), .readLine, lines("250 ok\r\n"), .readLine,
            lines("250 ok\r\n"), .readLine, lines("354 go\r\n"), .readUntilDot, lines("250 queued\r\n"), .readLine,
            lines("221 bye\r\n"), .close,
        ])
        let r = run(
            server, ["--mail-rcpt", "recipient@example.com", "-T", "-"], stdin: Data("From: d\nTo: a\n\nbody\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            server.receivedText,
            "EHLO client.example\r\nMAIL FROM:<>\r\nRCPT TO:<recipient@example.com>\r\nDATA\r\n"
                + "From: d\r\nTo: a\r\n\r\nbody\r\n.\r\nQUIT\r\n")
    }

    /// curl 962-966: an address's internationalised domain goes out as its A-label, with or
    /// without SMTPUTF8 on the server; a non-ASCII local part still needs SMTPUTF8.
    func testInternationalisedDomainsGoOutAsALabels() throws {
        for (capability, sender, recipient, mailFrom, rcptTo) in [
            ("", "sender@åäö.se", "<recipient@example.com>", "MAIL FROM:<sender@xn--4cab6c.se>",
             "RCPT TO:<recipient@example.com>"),
            ("", "sender@example.com", "recipient@åäö.se", "MAIL FROM:<sender@example.com>",
             "RCPT TO:<recipient@xn--4cab6c.se>"),
            ("250-SMTPUTF8\r\n", "Avsändaren@åäö.se", "recipient@example.com",
             "MAIL FROM:<Avsändaren@xn--4cab6c.se> SMTPUTF8", "RCPT TO:<recipient@example.com>"),
        ] {
            let server = try ScriptedServer([
                lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n\(capability)250 HELP\r\n"),
                .readLine, lines("250 ok\r\n"), .readLine, lines("250 ok\r\n"), .readLine, lines("354 go\r\n"),
                .readUntilDot, lines("250 queued\r\n"), .readLine, lines("221 bye\r\n"), .close,
            ])
            let r = run(
                server, ["--mail-from", sender, "--mail-rcpt", recipient, "-T", "-"],
                stdin: Data("Subject: x\r\n\r\nbody\r\n".utf8))
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(
                server.receivedText,
                "EHLO client.example\r\n\(mailFrom)\r\n\(rcptTo)\r\nDATA\r\nSubject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n")
        }
        // curl 964: VRFY's argument too.
        let vrfy = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250 mx\r\n"), .readLine, lines("252 maybe\r\n"),
            .readLine, lines("221 bye\r\n"), .close,
        ])
        XCTAssertEqual(run(vrfy, ["--mail-rcpt", "user@åäö.se"]).status, 0)
        XCTAssertEqual(vrfy.receivedText, "EHLO client.example\r\nVRFY user@xn--4cab6c.se\r\nQUIT\r\n")
        // curl 955: a non-ASCII local part without SMTPUTF8 is refused before MAIL (55).
        let local = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250 mx\r\n"), .readLine, lines("221 bye\r\n"), .close,
        ])
        let refused = run(
            local, ["--mail-from", "Avsändaren@example.com", "--mail-rcpt", "r@example.com", "-T", "-"],
            stdin: Data("Subject: x\r\n\r\nbody\r\n".utf8))
        XCTAssertEqual(refused.status, 55, refused.stderr)
        XCTAssertFalse(local.receivedText.contains("MAIL"), local.receivedText)
    }

    /// curl 903: the go-ahead before PLAIN's message carries nothing, so its text need not be
    /// base64 ("334 PLAIN supported", curl's test server); a later challenge still must be.
    func testGoAheadTextIsIgnored() throws {
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250 AUTH PLAIN\r\n"), .readLine,
            lines("334 PLAIN supported\r\n"), .readLine, lines("235 Authenticated\r\n"), .readLine,
            lines("250 ok\r\n"), .readLine, lines("250 ok\r\n"), .readLine, lines("354 go\r\n"), .readUntilDot,
            lines("250 queued\r\n"), .readLine, lines("221 bye\r\n"), .close,
        ])
        let r = run(
            server,
            [
                "--no-ssl", "--no-sasl-ir", "-u", "user:secret", "--mail-from", "s@example.com", "--mail-rcpt",
                "r@example.com", "-T", "-",
            ], stdin: Data("Subject: x\r\n\r\nbody\r\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(
            server.receivedText.hasPrefix("EHLO client.example\r\nAUTH PLAIN\r\nAHVzZXIAc2VjcmV0\r\nMAIL FROM:<s@example.com>"),
            server.receivedText)
    }

    /// curl 939/940, a kept difference: credentials to a server that offers no AUTH end the run
    /// with 67 and QUIT before MAIL (curl sends the message unauthenticated).
    func testCredentialsWithoutAUTHOfferedAre67() throws {
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250 HELP\r\n"), .readLine,
            lines("221 bye\r\n"), .close,
        ])
        let r = run(
            server,
            [
                "--no-ssl", "-u", "user:secret", "--mail-from", "s@example.com", "--mail-rcpt", "r@example.com",
                "-T", "-",
            ], stdin: Data("Subject: x\r\n\r\nbody\r\n".utf8))
        XCTAssertEqual(r.status, 67, r.stderr)
        XCTAssertTrue(r.stderr.contains("offers no AUTH"), r.stderr)
        XCTAssertFalse(server.receivedText.contains("MAIL"), server.receivedText)
    }

    /// curl 914 and 916: a refused MAIL or RCPT is 55, and QUIT still ends the session.
    func testRefusedMailAndRcptStillQuit() throws {
        let mail = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250 mx\r\n"), .readLine, lines("501 not fine enough\r\n"),
            .readLine, lines("221 bye\r\n"), .close,
        ])
        let m = run(mail, ["--mail-from", "invalid", "--mail-rcpt", "r@example.com", "-T", "/dev/null"])
        XCTAssertEqual(m.status, 55, m.stderr)
        XCTAssertEqual(mail.receivedText, "EHLO client.example\r\nMAIL FROM:<invalid>\r\nQUIT\r\n")

        let rcpt = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250 mx\r\n"), .readLine, lines("250 ok\r\n"), .readLine,
            lines("250 ok\r\n"), .readLine, lines("550 no such user\r\n"), .readLine, lines("221 bye\r\n"), .close,
        ])
        let r = run(
            rcpt,
            [
                "--mail-from", "s@example.com", "--mail-rcpt", "one@example.com", "--mail-rcpt", "invalid",
                "--mail-rcpt", "three@example.com", "-T", "/dev/null",
            ])
        XCTAssertEqual(r.status, 55, r.stderr)
        XCTAssertEqual(
            rcpt.receivedText,
            "EHLO client.example\r\nMAIL FROM:<s@example.com>\r\nRCPT TO:<one@example.com>\r\n"
                + "RCPT TO:<invalid>\r\nQUIT\r\n")
    }

    /// curl 3006: with --mail-rcpt-allowfails and every recipient refused, 55 after QUIT; with
    /// PIPELINING the DATA sent in the batch is answered 554 and nothing is delivered.
    func testAllRecipientsRefusedUnderAllowfailsQuits() throws {
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250 PIPELINING\r\n"), .readLine, .readLine,
            .readLine, .readLine,
            lines("250 ok\r\n550 no\r\n550 no\r\n554 no valid recipients\r\n"), .readLine, lines("221 bye\r\n"), .close,
        ])
        let r = run(
            server,
            [
                "--mail-rcpt-allowfails", "--mail-from", "s@example.com", "--mail-rcpt", "a@x.example",
                "--mail-rcpt", "b@x.example", "-T", "/dev/null",
            ])
        XCTAssertEqual(r.status, 55, r.stderr)
        XCTAssertEqual(
            server.receivedText,
            "EHLO client.example\r\nMAIL FROM:<s@example.com>\r\nRCPT TO:<a@x.example>\r\nRCPT TO:<b@x.example>\r\n"
                + "DATA\r\nQUIT\r\n")
    }

    /// curl 932 (RFC 4954 4): a challenge that cannot be decoded cancels the exchange with `*`;
    /// no other mechanism is tried and no message is sent; the server's refusal makes it 67.
    func testUndecodableChallengeIsCancelled() throws {
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250 AUTH CRAM-MD5 PLAIN\r\n"), .readLine,
            lines("334 Rubbish\r\n"), .readLine, lines("501 AUTH exchange cancelled by client\r\n"), .sleep(1), .close,
        ])
        let r = run(
            server,
            [
                "--no-ssl", "-u", "user:secret", "--login-options", "AUTH=CRAM-MD5", "--mail-from", "s@example.com",
                "--mail-rcpt", "r@example.com", "-T", "/dev/null",
            ])
        XCTAssertEqual(r.status, 67, r.stderr)
        XCTAssertEqual(server.receivedText, "EHLO client.example\r\nAUTH CRAM-MD5\r\n*\r\n")
    }
}
