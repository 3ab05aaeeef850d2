import Foundation
import XCTest

/// imap-fetch against scripted IMAP peers for what Dovecot will not do: hostile literals, a
/// message cut short, PREAUTH and STARTTLS games, control characters in alerts. Each must end
/// with curl's code, leave no partial message in the Maildir and never advance the state.
final class HostileIMAPServerTests: XCTestCase {
    private var workDir: URL!

    override func setUpWithError() throws {
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-hostile-imap-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    private func lines(_ text: String) -> ScriptedServer.Step { .send(Array(text.utf8)) }

    /// Greeting with capabilities, AUTHENTICATE PLAIN accepted, CAPABILITY, EXAMINE of a mailbox
    /// with three messages, then the start of the UID FETCH answer: the caller adds the rest.
    private func pullScript(_ fetchAnswer: [ScriptedServer.Step]) -> [ScriptedServer.Step] {
        [
            lines("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n"),
            .readLine, lines("A001 OK [CAPABILITY IMAP4rev1 UIDPLUS] logged in\r\n"),
            .readLine,
            lines("* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 4] ok\r\nA002 OK [READ-ONLY] done\r\n"),
            .readLine,
        ] + fetchAnswer
    }

    private func pull(_ server: ScriptedServer, _ extra: [String] = []) -> (ToolProcess.Result, URL) {
        let maildir = workDir.appendingPathComponent("Maildir")
        let r = ToolProcess.tool(
            "imap-fetch",
            ["-m", "10", "--no-ssl", "-u", "user:secret", "--maildir", maildir.path] + extra
                + ["imap://127.0.0.1:\(server.port)/INBOX"])
        return (r, maildir)
    }

    private func visibleMessages(_ maildir: URL) -> Int {
        ["new", "cur", "tmp"].reduce(0) {
            $0
                + ((try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent($1).path))?
                    .count ?? 0)
        }
    }

    private func recordedUID(_ maildir: URL) -> String? {
        guard let text = try? String(contentsOf: maildir.appendingPathComponent("mailtls-state"), encoding: .utf8)
        else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("imap-highest-uid") }.map(String.init)
    }

    func testALiteralShorterThanAnnounced() throws {
        let server = try ScriptedServer(
            pullScript([
                lines("* 1 FETCH (UID 1 FLAGS () BODY[] {100}\r\nSubject: cut\r\n\r\nonly a bit"), .close,
            ]))
        let (r, maildir) = pull(server)
        XCTAssertEqual(r.status, 18, r.stderr)  // curl's PARTIAL_FILE
        XCTAssertEqual(visibleMessages(maildir), 0, "no partial message anywhere")
        XCTAssertNil(recordedUID(maildir).flatMap { $0.hasSuffix(" 1") ? $0 : nil })
    }

    func testInvalidLiteralSizes() throws {
        for announcement in ["{-1}", "{99999999999}", "{12a}", "{}"] {
            let server = try ScriptedServer(
                pullScript([
                    lines("* 1 FETCH (UID 1 FLAGS () BODY[] \(announcement)\r\nxx\r\n"), .sleep(1), .close,
                ]))
            let (r, maildir) = pull(server)
            XCTAssertEqual(r.status, 8, "\(announcement): \(r.stderr)")
            XCTAssertEqual(visibleMessages(maildir), 0, announcement)
        }
    }

    func testUnknownTagAndOutOfPlaceContinuation() throws {
        let tagged = try ScriptedServer(pullScript([lines("Z999 OK what?\r\n"), .sleep(1), .close]))
        XCTAssertEqual(pull(tagged).0.status, 8)
        let continuation = try ScriptedServer(pullScript([lines("+ go on\r\n"), .sleep(1), .close]))
        XCTAssertEqual(pull(continuation).0.status, 8)
    }

    func testGoodMessagesBeforeAFailureAreKeptAndRecordedOnlyWhenSaved() throws {
        let body = "Subject: one\r\n\r\nfirst\r\n"
        let server = try ScriptedServer(
            pullScript([
                lines("* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {\(body.utf8.count)}\r\n\(body))\r\n"),
                lines("* 2 FETCH (UID 2 FLAGS () BODY[] {50}\r\nSubject: two\r\n"), .close,
            ]))
        let (r, maildir) = pull(server)
        XCTAssertEqual(r.status, 18, r.stderr)  // curl's PARTIAL_FILE
        // The first message was whole: it is saved and recorded; the cut one is nowhere.
        let cur =
            (try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("cur").path)) ?? []
        let new =
            (try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)) ?? []
        let tmp =
            (try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("tmp").path)) ?? []
        XCTAssertEqual(cur.count, 1, "\(cur)")
        XCTAssertEqual(new.count + tmp.count, 0)
        XCTAssertEqual(recordedUID(maildir), "imap-highest-uid 1")
    }

    func testABodySentAsAQuotedStringIsSavedToo() throws {
        let server = try ScriptedServer(
            pullScript([
                lines("* 1 FETCH (UID 1 FLAGS () BODY[] \"Subject: quoted\")\r\nA003 OK done\r\n"), .readLine,
                lines("* BYE bye\r\nA004 OK bye\r\n"), .close,
            ]))
        let (r, maildir) = pull(server)
        XCTAssertEqual(r.status, 0, r.stderr)
        let new = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
        XCTAssertEqual(new.count, 1)
        XCTAssertEqual(
            try String(contentsOf: maildir.appendingPathComponent("new/" + new[0]), encoding: .utf8), "Subject: quoted")
        XCTAssertEqual(recordedUID(maildir), "imap-highest-uid 1")
    }

    /// A message the server leaves out must never be passed by the watermark (a later --delete
    /// would remove it unsaved).
    func testAMessageWithoutItsBodyStopsThePull() throws {
        let body = "Subject: two\r\n\r\nx\r\n"
        let server = try ScriptedServer(
            pullScript([
                lines(
                    "* 1 FETCH (UID 1 FLAGS ())\r\n* 2 FETCH (UID 2 FLAGS () BODY[] {\(body.utf8.count)}\r\n\(body))\r\nA003 OK done\r\n"
                ),
                .sleep(1), .close,
            ]))
        let (r, maildir) = pull(server)
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertNotEqual(recordedUID(maildir), "imap-highest-uid 2")
    }

    func testAlertWithControlCharactersIsEscaped() throws {
        let server = try ScriptedServer([
            lines("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n"),
            .readLine,
            lines("* OK [ALERT] \u{1b}]0;owned\u{07}\u{1b}[2J maintenance\r\nA001 NO [AUTHENTICATIONFAILED] no\r\n"),
            .close,
        ])
        let r = ToolProcess.tool(
            "imap-fetch", ["-m", "10", "-v", "--no-ssl", "-u", "user:secret", "imap://127.0.0.1:\(server.port)/"])
        XCTAssertEqual(r.status, 67, r.stderr)
        XCTAssertFalse(r.stderr.contains("\u{1b}"), "raw ESC reached the terminal")
        XCTAssertTrue(r.stderr.contains("\\x1b]0;owned\\x07"), r.stderr)
    }

    func testPreauthInPlaintextEndsTheSession() throws {
        for flags in [["--ssl-reqd"], ["--ssl"], []] {
            let server = try ScriptedServer([
                lines("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome\r\n"), .readLine, .close,
            ])
            let r = ToolProcess.tool("imap-fetch", ["-m", "10"] + flags + ["imap://127.0.0.1:\(server.port)/"])
            XCTAssertEqual(r.status, 64, "\(flags): \(r.stderr)")
            XCTAssertEqual(server.receivedText, "", "\(flags): nothing sent after a PREAUTH greeting")
        }
    }

    func testSTARTTLSMissingRefusedOrCapabilityFailingUnderSSLReqd() throws {
        let missing = try ScriptedServer([lines("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n"), .readLine, .close])
        let r1 = ToolProcess.tool(
            "imap-fetch", ["-m", "10", "--ssl-reqd", "-u", "u:p", "imap://127.0.0.1:\(missing.port)/"])
        XCTAssertEqual(r1.status, 64, r1.stderr)
        XCTAssertEqual(missing.receivedText, "")

        let refused = try ScriptedServer([
            lines("* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n"), .readLine,
            lines("A001 NO not now\r\n"), .readLine, .close,
        ])
        let r2 = ToolProcess.tool(
            "imap-fetch", ["-m", "10", "--ssl-reqd", "-u", "u:p", "imap://127.0.0.1:\(refused.port)/"])
        XCTAssertEqual(r2.status, 64, r2.stderr)
        XCTAssertEqual(refused.receivedText, "A001 STARTTLS\r\n")

        let failing = try ScriptedServer([
            lines("* OK hi\r\n"), .readLine, lines("A001 BAD no capabilities\r\n"), .readLine, .close,
        ])
        let r3 = ToolProcess.tool(
            "imap-fetch", ["-m", "10", "--ssl-reqd", "-u", "u:p", "imap://127.0.0.1:\(failing.port)/"])
        XCTAssertEqual(r3.status, 64, r3.stderr)
        XCTAssertEqual(failing.receivedText, "A001 CAPABILITY\r\n")
    }

    func testBytesAfterTheSTARTTLSGoAhead() throws {
        let server = try ScriptedServer([
            lines("* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n"), .readLine,
            lines("A001 OK Begin TLS\r\n* OK injected\r\n"), .sleep(1), .close,
        ])
        let r = ToolProcess.tool("imap-fetch", ["-m", "10", "-u", "u:p", "imap://127.0.0.1:\(server.port)/"])
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertEqual(server.receivedText, "A001 STARTTLS\r\n")
    }

    func testSilentServer() throws {
        let server = try ScriptedServer([.sleep(5), .close])
        let started = Date()
        let r = ToolProcess.tool("imap-fetch", ["-m", "0.5", "imap://127.0.0.1:\(server.port)/"])
        XCTAssertEqual(r.status, 28, r.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
    }

    // MARK: Issue 10

    /// Endless `* OK` lines instead of an answer to AUTHENTICATE: an error (8) after a bounded
    /// number, not a stack overflow.
    func testEndlessStatusResponsesDuringAuthentication() throws {
        let noise = [UInt8](String(repeating: "* OK still thinking\r\n", count: 200_000).utf8)
        let server = try ScriptedServer([
            lines("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n"), .readLine,
            .send(noise), .sleep(2), .close,
        ])
        let (r, maildir) = pull(server)
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertEqual(visibleMessages(maildir), 0)
    }

    /// A `+` continuation is no answer to STARTTLS: a protocol error (8), not a refusal (64).
    func testContinuationAfterSTARTTLS() throws {
        let server = try ScriptedServer([
            lines("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready\r\n"), .readLine,
            lines("+ go on\r\n"), .sleep(1), .close,
        ])
        let maildir = workDir.appendingPathComponent("Maildir")
        let r = ToolProcess.tool(
            "imap-fetch",
            [
                "-m", "10", "--ssl-reqd", "-u", "user:secret", "--maildir", maildir.path,
                "imap://127.0.0.1:\(server.port)/INBOX",
            ])
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertEqual(server.receivedText, "A001 STARTTLS\r\n")
    }
}
