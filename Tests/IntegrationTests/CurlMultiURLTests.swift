import Foundation
import XCTest

/// Several URLs in one run and `-:`/`--next`, as curl runs them (its tests 804, 815, 836, 882):
/// each URL in order with its own output, one logged-in session for URLs with the same scheme,
/// host, port and login, a new connection otherwise. Scripted peers under `--no-ssl`.
final class CurlMultiURLTests: XCTestCase {
    private var workDir: URL!

    override func setUpWithError() throws {
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-multiurl-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    private func send(_ text: String) -> ScriptedServer.Step { .send(Array(text.utf8)) }

    /// Greeting, CAPABILITY refused (curl's test server), LOGIN accepted; tags with `letter`.
    private func imapLogin(_ letter: String = "A") -> [ScriptedServer.Step] {
        [
            send("* OK ready\r\n"), .readLine, send("\(letter)001 BAD Command\r\n"), .readLine,
            send("\(letter)002 OK LOGIN completed\r\n"),
        ]
    }

    private func imapURL(_ server: ScriptedServer, _ path: String) -> String {
        "imap://127.0.0.1:\(server.port)\(path)"
    }

    /// curl 804: two messages of one mailbox: one connection, one login, one SELECT; both
    /// bodies on stdout in order.
    func testIMAPTwoURLsShareOneSessionAndOneSelect() throws {
        let server = try ScriptedServer(
            imapLogin() + [
                .readLine, send("* 2 EXISTS\r\nA003 OK [READ-WRITE] SELECT completed\r\n"),
                .readLine, send("* 1 FETCH (BODY[1] {5}\r\nfirst)\r\nA004 OK FETCH completed\r\n"),
                .readLine, send("* 2 FETCH (BODY[2.3] {6}\r\nsecond)\r\nA005 OK FETCH completed\r\n"),
                .readLine, send("* BYE bye\r\nA006 OK LOGOUT completed\r\n"), .close,
            ])
        let r = ToolProcess.tool(
            "imap-fetch",
            [
                "-m", "10", "--no-ssl", imapURL(server, "/box/;MAILINDEX=1/;SECTION=1"),
                imapURL(server, "/box/;MAILINDEX=2/;SECTION=2.3"), "-u", "user:secret",
            ])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "firstsecond")
        XCTAssertEqual(
            server.receivedText,
            "A001 CAPABILITY\r\nA002 LOGIN user secret\r\nA003 SELECT box\r\nA004 FETCH 1 BODY[1]\r\n"
                + "A005 FETCH 2 BODY[2.3]\r\nA006 LOGOUT\r\n")
    }

    /// curl 815 with `-o`: `-:` starts a new option set (here `-X` and `-o` per URL); the same
    /// login reuses the session; each `-o` gets its own URL's answer.
    func testIMAPNextSeparatesRequestsOverOneSession() throws {
        let server = try ScriptedServer(
            imapLogin() + [
                .readLine, send("* 2 EXISTS\r\nA003 OK [READ-WRITE] SELECT completed\r\n"),
                .readLine, send("* 1 FETCH (FLAGS (\\Deleted))\r\nA004 OK STORE completed\r\n"),
                .readLine, send("A005 OK CLOSE completed\r\n"),
                .readLine, send("* BYE bye\r\nA006 OK LOGOUT completed\r\n"), .close,
            ])
        let store = workDir.appendingPathComponent("store.txt").path
        let close = workDir.appendingPathComponent("close.txt").path
        let r = ToolProcess.tool(
            "imap-fetch",
            [
                "-m", "10", "--no-ssl", imapURL(server, "/box"), "-X", "STORE 1 +FLAGS \\Deleted", "-u",
                "user:secret", "-o", store, "-:", "-m", "10", "--no-ssl", imapURL(server, "/box"), "-X", "CLOSE",
                "-u", "user:secret", "-o", close,
            ])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(try String(contentsOfFile: store, encoding: .utf8), "* 1 FETCH (FLAGS (\\Deleted))\r\n")
        XCTAssertEqual(try String(contentsOfFile: close, encoding: .utf8), "")
        XCTAssertEqual(
            server.receivedText,
            "A001 CAPABILITY\r\nA002 LOGIN user secret\r\nA003 SELECT box\r\nA004 STORE 1 +FLAGS \\Deleted\r\n"
                + "A005 CLOSE\r\nA006 LOGOUT\r\n")
    }

    /// curl 836: another user needs another connection: the first session logs out, the second
    /// tags its commands with B as curl's second connection does.
    func testIMAPOtherUserOpensASecondConnection() throws {
        let server = try ScriptedServer(
            imapLogin() + [
                .readLine, send("A003 OK [READ-WRITE] SELECT completed\r\n"),
                .readLine, send("* 1 FETCH (BODY[] {3}\r\none)\r\nA004 OK FETCH completed\r\n"),
                .readLine, send("* BYE bye\r\nA005 OK LOGOUT completed\r\n"), .acceptNext,
            ] + imapLogin("B") + [
                .readLine, send("B003 OK [READ-WRITE] SELECT completed\r\n"),
                .readLine, send("* 1 FETCH (BODY[] {3}\r\ntwo)\r\nB004 OK FETCH completed\r\n"),
                .readLine, send("* BYE bye\r\nB005 OK LOGOUT completed\r\n"), .close,
            ])
        let r = ToolProcess.tool(
            "imap-fetch",
            [
                "-m", "10", "--no-ssl", imapURL(server, "/box/;MAILINDEX=1"), "-u", "user.one:secret", "-:",
                "-m", "10", "--no-ssl", imapURL(server, "/box/;MAILINDEX=1"), "-u", "user.two:secret",
            ])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "onetwo")
        XCTAssertEqual(
            server.receivedText,
            "A001 CAPABILITY\r\nA002 LOGIN user.one secret\r\nA003 SELECT box\r\nA004 FETCH 1 BODY[]\r\n"
                + "A005 LOGOUT\r\nB001 CAPABILITY\r\nB002 LOGIN user.two secret\r\nB003 SELECT box\r\n"
                + "B004 FETCH 1 BODY[]\r\nB005 LOGOUT\r\n")
    }

    /// A failed URL shows its error line and the next URL still runs; the run's exit code is
    /// the last URL's, as curl's (without --fail-early). A request the server refused ends its
    /// session with LOGOUT (as curl closes a connection after a failed IMAP transfer), so the
    /// next URL opens a second connection.
    func testIMAPFailedFirstURLStillRunsTheNext() throws {
        let server = try ScriptedServer(
            imapLogin() + [
                .readLine, send("A003 OK [READ-WRITE] SELECT completed\r\n"),
                .readLine, send("A004 NO no such message\r\n"),
                .readLine, send("* BYE bye\r\nA005 OK LOGOUT completed\r\n"), .acceptNext,
            ] + imapLogin("B") + [
                .readLine, send("B003 OK [READ-WRITE] SELECT completed\r\n"),
                .readLine, send("* 2 FETCH (BODY[] {2}\r\nok)\r\nB004 OK FETCH completed\r\n"),
                .readLine, send("* BYE bye\r\nB005 OK LOGOUT completed\r\n"), .close,
            ])
        let r = ToolProcess.tool(
            "imap-fetch",
            [
                "-m", "10", "--no-ssl", "-u", "user:secret", imapURL(server, "/box/;MAILINDEX=1"),
                imapURL(server, "/box/;MAILINDEX=2"),
            ])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "ok")
        XCTAssertEqual(r.stderr, "imap-fetch: (78) FETCH failed: NO no such message\n")
        XCTAssertEqual(
            server.receivedText,
            "A001 CAPABILITY\r\nA002 LOGIN user secret\r\nA003 SELECT box\r\nA004 FETCH 1 BODY[]\r\n"
                + "A005 LOGOUT\r\nB001 CAPABILITY\r\nB002 LOGIN user secret\r\nB003 SELECT box\r\n"
                + "B004 FETCH 2 BODY[]\r\nB005 LOGOUT\r\n")
        // The last URL's failure is the run's.
        let failing = try ScriptedServer(
            imapLogin() + [
                .readLine, send("A003 OK [READ-WRITE] SELECT completed\r\n"),
                .readLine, send("* 1 FETCH (BODY[] {2}\r\nok)\r\nA004 OK FETCH completed\r\n"),
                .readLine, send("A005 NO no such message\r\n"),
                .readLine, send("* BYE bye\r\nA006 OK LOGOUT completed\r\n"), .close,
            ])
        let last = ToolProcess.tool(
            "imap-fetch",
            [
                "-m", "10", "--no-ssl", "-u", "user:secret", imapURL(failing, "/box/;MAILINDEX=1"),
                imapURL(failing, "/box/;MAILINDEX=2"),
            ])
        XCTAssertEqual(last.status, 78, last.stderr)
        XCTAssertEqual(last.stdout, "ok")
    }

    private func pop3Login() -> [ScriptedServer.Step] {
        [
            send("+OK ready\r\n"), .readLine, send("+OK capabilities\r\nUSER\r\n.\r\n"),
            .readLine, send("+OK\r\n"), .readLine, send("+OK Login successful\r\n"),
        ]
    }

    /// POP3: two messages over one session, the second into its `-o` file; then (curl 882)
    /// another user over a second connection after QUIT.
    func testPOP3ReusesTheSessionAndOpensAnotherForAnotherUser() throws {
        let server = try ScriptedServer(
            pop3Login() + [
                .readLine, send("+OK\r\none\r\n.\r\n"), .readLine, send("+OK\r\ntwo\r\n.\r\n"),
                .readLine, send("+OK bye\r\n"), .acceptNext,
            ] + pop3Login() + [.readLine, send("+OK\r\nthree\r\n.\r\n"), .readLine, send("+OK bye\r\n"), .close])
        let second = workDir.appendingPathComponent("two.eml").path
        let base = "pop3://127.0.0.1:\(server.port)"
        let r = ToolProcess.tool(
            "pop3-retrieve",
            [
                "-m", "10", "--no-ssl", "-u", "user.one:secret", base + "/1", base + "/2", "-o", "/dev/null",
                "-o", second, "-:", "--no-ssl", "-u", "user.two:secret", base + "/3",
            ], stdin: Data())
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "three\r\n")
        XCTAssertEqual(try String(contentsOfFile: second, encoding: .utf8), "two\r\n")
        XCTAssertEqual(
            server.receivedText,
            "CAPA\r\nUSER user.one\r\nPASS secret\r\nRETR 1\r\nRETR 2\r\nQUIT\r\n"
                + "CAPA\r\nUSER user.two\r\nPASS secret\r\nRETR 3\r\nQUIT\r\n")
    }
}
