import Foundation
import XCTest

/// smtp-send against scripted SMTP peers for what a real server will not do: injected bytes
/// after the STARTTLS go-ahead, missing or refused STARTTLS, malformed and endless replies,
/// silence. Each must end with curl's code, and no credential may leave in plaintext.
final class HostileSMTPServerTests: XCTestCase {
    private let message = Data("From: a@b.example\r\nTo: c@d.example\r\nSubject: x\r\n\r\nbody\r\n".utf8)

    private func send(_ server: ScriptedServer, _ extra: [String]) -> ToolProcess.Result {
        ToolProcess.tool(
            "smtp-send",
            ["-m", "10", "--mail-from", "a@b.example", "--mail-rcpt", "c@d.example"] + extra
                + ["smtp://127.0.0.1:\(server.port)/client.example"], stdin: message)
    }

    private func lines(_ text: String) -> ScriptedServer.Step { .send(Array(text.utf8)) }

    func testBytesAfterTheSTARTTLSGoAheadAreAnAttack() throws {
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n"),
            .readLine, lines("220 2.0.0 Ready to start TLS\r\n250-mx\r\n250 AUTH PLAIN\r\n"), .sleep(2), .close,
        ])
        let r = send(server, ["-u", "user:secret"])
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertTrue(r.stderr.contains("after its STARTTLS go-ahead"), r.stderr)
        XCTAssertEqual(
            server.receivedText, "EHLO client.example\r\nSTARTTLS\r\n", "nothing after STARTTLS, no credentials")
    }

    func testMissingSTARTTLSUnderSSLReqdSendsNoCredentials() throws {
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250 AUTH PLAIN LOGIN\r\n"), .readLine, .close,
        ])
        let r = send(server, ["--ssl-reqd", "-u", "user:secret"])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertFalse(server.receivedText.contains("AUTH"), server.receivedText)
        XCTAssertFalse(server.receivedText.contains("MAIL"), server.receivedText)
    }

    func testRefusedSTARTTLSEndsTheSessionEvenUnderSSL() throws {
        for flags in [["--ssl-reqd"], ["--ssl"], []] {
            let server = try ScriptedServer([
                lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n"),
                .readLine, lines("454 4.7.0 TLS not available\r\n"), .readLine, .close,
            ])
            let r = send(server, flags + ["-u", "user:secret"])
            XCTAssertEqual(r.status, 64, "\(flags): \(r.stderr)")
            XCTAssertFalse(server.receivedText.contains("AUTH"), "\(flags): \(server.receivedText)")
        }
    }

    func testCredentialsNeverCrossPlaintextUnlessAskedWithNoSSL() throws {
        let script: [ScriptedServer.Step] = [
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250 AUTH PLAIN\r\n"),
            .readLine, lines("235 2.7.0 ok\r\n"), .readLine, lines("250 ok\r\n"), .readLine, lines("250 ok\r\n"),
            .readLine, lines("354 go\r\n"), .readUntilDot, lines("250 2.0.0 queued as X\r\n"), .readLine,
            lines("221 bye\r\n"), .close,
        ]
        let refused = try ScriptedServer(script)
        let r = send(refused, ["-u", "user:secret"])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(r.stderr.contains("--no-ssl"), r.stderr)
        XCTAssertFalse(refused.receivedText.contains("AUTH"))

        let allowed = try ScriptedServer(script)
        let ok = send(allowed, ["--no-ssl", "-u", "user:secret"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(allowed.receivedText.contains("AUTH PLAIN AHVzZXIAc2VjcmV0\r\n"), allowed.receivedText)
        XCTAssertEqual(ok.stdout, "250 2.0.0 queued as X\n")
    }

    func testHELOFallbackWhenEHLOIsUnknown() throws {
        let server = try ScriptedServer([
            lines("220 old ESMTP\r\n"), .readLine, lines("502 5.5.2 EHLO?\r\n"), .readLine, lines("250 old\r\n"),
            .readLine, lines("250 ok\r\n"), .readLine, lines("250 ok\r\n"), .readLine, lines("354 go\r\n"),
            .readUntilDot, lines("250 queued\r\n"), .readLine, lines("221 bye\r\n"), .close,
        ])
        let r = send(server, [])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(
            server.receivedText.hasPrefix("EHLO client.example\r\nHELO client.example\r\nMAIL FROM:<a@b.example>\r\n"),
            server.receivedText)
    }

    func testOversizedMessageIsRefusedBeforeData() throws {
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250 SIZE 10\r\n"), .readLine, .close,
        ])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-size-\(getpid()).eml")
        try message.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "10", "--no-ssl", "--mail-from", "a@b.example", "--mail-rcpt", "c@d.example",
                "-T", path.path, "smtp://127.0.0.1:\(server.port)",
            ])
        XCTAssertEqual(r.status, 55, r.stderr)
        XCTAssertTrue(r.stderr.contains("too large"), r.stderr)
        XCTAssertFalse(server.receivedText.contains("MAIL"), server.receivedText)
    }

    func testMixedCodesInAMultilineReply() throws {
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n550 PIPELINING\r\n"), .sleep(1), .close,
        ])
        let r = send(server, [])
        XCTAssertEqual(r.status, 8, r.stderr)
    }

    func testEndlessReply() throws {
        var flood: [UInt8] = []
        for _ in 0..<2000 { flood += Array("250-x\r\n".utf8) }
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, .send(flood), .flood(byte: 0x41, count: 1 << 20), .close,
        ])
        let r = send(server, [])
        XCTAssertEqual(r.status, 8, r.stderr)
    }

    func testEndlessLine() throws {
        let server = try ScriptedServer([lines("220-"), .flood(byte: 0x41, count: 8 << 20), .close])
        XCTAssertEqual(send(server, []).status, 8)
    }

    func testSilentServer() throws {
        let server = try ScriptedServer([.sleep(5), .close])
        let started = Date()
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "0.5", "--mail-from", "a@b.example", "--mail-rcpt", "c@d.example",
                "smtp://127.0.0.1:\(server.port)",
            ], stdin: message)
        XCTAssertEqual(r.status, 28, r.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
    }

    func testBadGreeting() throws {
        let server = try ScriptedServer([lines("554 go away\r\n"), .close])
        XCTAssertEqual(send(server, []).status, 8)
    }

    func testAddressesWithLineBreaksAreRefusedBeforeConnecting() throws {
        let server = try ScriptedServer([lines("220 mx ESMTP\r\n"), .readLine, .close])
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "--mail-from", "a@b.example", "--mail-rcpt", "c@d.example\r\nRCPT TO:<evil@x>",
                "smtp://127.0.0.1:\(server.port)",
            ], stdin: message)
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertEqual(server.receivedText, "")
    }

    // MARK: Issue 10

    /// A reply the client never asked for would answer every later command: 8, nothing sent.
    func testUnsolicitedReplyBeforeEHLO() throws {
        let server = try ScriptedServer([
            lines("220 ok\r\n250 unsolicited\r\n"), .readLine, lines("250 mx\r\n"), .close,
        ])
        let r = send(server, [])
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertEqual(server.receivedText, "", "nothing may be sent after an unsolicited reply")
    }

    /// Text before TLS is anyone's: a refusal is reported by its code only.
    func testRefusalTextBeforeTLSIsNotShown() throws {
        let server = try ScriptedServer([
            lines("220 mx ESMTP\r\n"), .readLine, lines("250-mx\r\n250 STARTTLS\r\n"),
            .readLine, lines("454 4.7.0 Please re-enter your password at http://evil.test\r\n"), .close,
        ])
        let r = send(server, ["--ssl-reqd", "-u", "user:secret"])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(r.stderr.contains("454"), r.stderr)
        XCTAssertFalse(r.stderr.contains("evil.test"), r.stderr)
    }

    /// HELO cannot lead to STARTTLS: under --ssl-reqd a refused EHLO ends the session with 64.
    func testRefusedEHLOUnderSSLReqdSendsNoHELO() throws {
        let server = try ScriptedServer([
            lines("220 mx\r\n"), .readLine, lines("502 5.5.2 what?\r\n"), .readLine, .close,
        ])
        let r = send(server, ["--ssl-reqd", "-u", "user:secret"])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertEqual(server.receivedText, "EHLO client.example\r\n")
    }

    /// An 8 KiB greeting is an ordinary line (the bound is 64 KiB; `testEndlessLine` keeps it).
    func testLongGreetingIsAccepted() throws {
        let server = try ScriptedServer([
            lines("220 " + String(repeating: "g", count: 8 * 1024) + "\r\n"), .readLine, lines("250 mx\r\n"),
            .readLine, lines("250 ok\r\n"), .readLine, lines("250 ok\r\n"), .readLine, lines("354 go\r\n"),
            .readUntilDot, lines("250 queued\r\n"), .readLine, lines("221 bye\r\n"), .close,
        ])
        let r = send(server, ["--no-ssl"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(server.receivedText.contains("MAIL FROM:<a@b.example>"), server.receivedText)
    }

    /// Issue 10 (4) under TLS: the unasked reply comes in its own TLS record after the greeting's.
    /// The socket then holds a record that must be decrypted to be seen (a poll cannot tell it
    /// from a session ticket); it is refused before EHLO is sent.
    func testUnsolicitedReplyInItsOwnTLSRecordIsRefused() throws {
        let server = try PythonScriptServer.start("smtps_unsolicited_server.py")
        defer { server.stop() }
        let port = server.port
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "20", "--cacert", TestServers.caFile, "-u", "user:secret", "--mail-from", "a@b.example",
                "--mail-rcpt", "c@d.example", "smtps://localhost:\(port)/client.example",
            ],
            stdin: message)
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertTrue(r.stderr.contains("before it was asked"), r.stderr)
        let received = server.received
        XCTAssertFalse(received.contains("EHLO"), "nothing may be sent after an unasked reply: \(received)")
    }
}
