import Foundation
import XCTest

/// imap-fetch as curl's own test cases (tests/data/test800–899) describe it, against scripted
/// peers under `--no-ssl` (STARTTLS is tried by default here, a kept difference): the exact
/// commands sent, the output bytes, the exit code. Written from curl's documented behaviour;
/// no file of curl's is used.
final class CurlCompatIMAPTests: XCTestCase {
    private var workDir: URL!

    override func setUpWithError() throws {
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-curlcompat-imap-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    private func send(_ text: String) -> ScriptedServer.Step { .send(Array(text.utf8)) }

    /// curl's test server: a greeting without capabilities, CAPABILITY answered BAD, LOGIN OK.
    private let curlStyleLogin: [ScriptedServer.Step] = [
        .send(Array("* OK curl IMAP server ready to serve\r\n".utf8)), .readLine,
        .send(Array("A001 BAD Command\r\n".utf8)), .readLine, .send(Array("A002 OK LOGIN completed\r\n".utf8)),
    ]

    private let logout: [ScriptedServer.Step] = [
        .readLine, .send(Array("* BYE bye\r\nA005 OK LOGOUT completed\r\n".utf8)), .close,
    ]

    private func run(
        _ server: ScriptedServer, _ arguments: [String], path: String, user: String = ""
    ) -> ToolProcess.Result {
        ToolProcess.tool("imap-fetch", ["-m", "10"] + arguments + ["imap://\(user)127.0.0.1:\(server.port)\(path)"])
    }

    /// curl 800: CAPABILITY refused with BAD; with no STARTTLS in play (`--no-ssl`) the session
    /// goes on to LOGIN, asks no CAPABILITY after it, and quotes the odd user name and password.
    func testCapabilityBADThenLoginSelectFetch() throws {
        let server = try ScriptedServer(
            curlStyleLogin + [
                .readLine, send("* 1 EXISTS\r\nA003 OK [READ-WRITE] SELECT completed\r\n"),
                .readLine, send("* 1 FETCH (BODY[] {14}\r\nFrom: me\r\nbody)\r\nA004 OK FETCH completed\r\n"),
            ] + logout)
        let r = run(server, ["--no-ssl", "-u", "\"user:sec\"ret{"], path: "/800/;MAILINDEX=1")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "From: me\r\nbody")
        XCTAssertEqual(
            server.receivedText,
            "A001 CAPABILITY\r\nA002 LOGIN \"\\\"user\" \"sec\\\"ret{\"\r\nA003 SELECT 800\r\nA004 FETCH 1 BODY[]\r\n"
                + "A005 LOGOUT\r\n")
    }

    /// Without `--no-ssl` a refused CAPABILITY leaves STARTTLS unknown: nothing more is sent.
    func testCapabilityBADUnderSTARTTLSTryStops() throws {
        let server = try ScriptedServer(Array(curlStyleLogin.prefix(3)) + [.readLine, .close])
        let r = run(server, ["-u", "user:secret"], path: "/800/;MAILINDEX=1")
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertEqual(server.receivedText, "A001 CAPABILITY\r\n")
    }

    /// curl 981: STARTTLS refused with replies to commands never sent behind the refusal (an
    /// injection's shape) is 8, not the plain refusal's 64; nothing more is sent.
    func testRepliesPipelinedAfterAStartTLSRefusalAre8() throws {
        let server = try ScriptedServer([
            send("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready\r\n"),
            .readLine, send("A001 BAD currently unavailable\r\nA002 OK Authenticated\r\nA003 OK Accepted\r\n"),
            .sleep(0.5), .close,
        ])
        let r = run(server, ["--ssl", "-u", "user:secret"], path: "/981")
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertTrue(r.stderr.contains("after refusing STARTTLS"), r.stderr)
        XCTAssertEqual(server.receivedText, "A001 STARTTLS\r\n")
        let plain = try ScriptedServer([
            send("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready\r\n"),
            .readLine, send("A001 BAD currently unavailable\r\n"), .sleep(0.5), .close,
        ])
        XCTAssertEqual(run(plain, ["--ssl", "-u", "user:secret"], path: "/981").status, 64)
    }

    /// curl 803: a UIDVALIDITY that differs is 78, and the session still ends with LOGOUT.
    func testUIDValidityMismatchStillLogsOut() throws {
        let server = try ScriptedServer(
            curlStyleLogin + [
                .readLine, send("* OK [UIDVALIDITY 3857529045] ok\r\nA003 OK SELECT completed\r\n"),
                .readLine, send("* BYE bye\r\nA004 OK LOGOUT completed\r\n"), .close,
            ])
        let r = run(server, ["--no-ssl", "-u", "user:secret"], path: "/803;UIDVALIDITY=12345/;MAILINDEX=123")
        XCTAssertEqual(r.status, 78, r.stderr)
        XCTAssertEqual(
            server.receivedText, "A001 CAPABILITY\r\nA002 LOGIN user secret\r\nA003 SELECT 803\r\nA004 LOGOUT\r\n")
    }

    /// A refused SELECT and a FETCH that finds no message both end with LOGOUT too.
    func testRefusedSelectAndMissingMessageStillLogOut() throws {
        let refused = try ScriptedServer(
            curlStyleLogin + [
                .readLine, send("A003 NO Mailbox doesn't exist\r\n"),
                .readLine, send("* BYE bye\r\nA004 OK LOGOUT completed\r\n"), .close,
            ])
        let r1 = run(refused, ["--no-ssl", "-u", "user:secret"], path: "/Nope/;UID=1")
        XCTAssertEqual(r1.status, 78, r1.stderr)
        XCTAssertTrue(refused.receivedText.hasSuffix("A003 SELECT Nope\r\nA004 LOGOUT\r\n"), refused.receivedText)

        let missing = try ScriptedServer(
            curlStyleLogin + [
                .readLine, send("A003 OK SELECT completed\r\n"), .readLine, send("A004 OK FETCH completed\r\n"),
                .readLine, send("* BYE bye\r\nA005 OK LOGOUT completed\r\n"), .close,
            ])
        let r2 = run(missing, ["--no-ssl", "-u", "user:secret"], path: "/INBOX/;UID=9")
        XCTAssertEqual(r2.status, 78, r2.stderr)
        XCTAssertTrue(
            missing.receivedText.hasSuffix("A004 UID FETCH 9 BODY[]\r\nA005 LOGOUT\r\n"), missing.receivedText)
    }

    /// curl 806 and 808 with `-o`: the listing and the custom command's answer go into the file,
    /// byte for byte as they would go to stdout, and stdout stays empty.
    func testListingAndCustomAnswerGoToTheOutputFile() throws {
        let listing = "* LIST () \"/\" /806/blurdybloop\r\n* LIST (\\Noselect) \"/\" /806/foo\r\n"
        let list = try ScriptedServer(
            curlStyleLogin + [.readLine, send(listing + "A003 OK LIST completed\r\n")]
                + [.readLine, send("* BYE bye\r\nA004 OK LOGOUT completed\r\n"), .close])
        let file1 = workDir.appendingPathComponent("list.txt")
        let r1 = run(list, ["--no-ssl", "-u", "user:secret", "-o", file1.path], path: "/806")
        XCTAssertEqual(r1.status, 0, r1.stderr)
        XCTAssertEqual(r1.stdout, "")
        XCTAssertEqual(try String(contentsOf: file1, encoding: .utf8), listing)
        XCTAssertTrue(list.receivedText.contains("A003 LIST \"806\" *\r\nA004 LOGOUT\r\n"), list.receivedText)

        let answer = "* 17 EXISTS\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
        let custom = try ScriptedServer(
            curlStyleLogin + [.readLine, send(answer + "A003 OK [READ-ONLY] EXAMINE completed\r\n")]
                + [.readLine, send("* BYE bye\r\nA004 OK LOGOUT completed\r\n"), .close])
        let file2 = workDir.appendingPathComponent("examine.txt")
        let r2 = run(custom, ["--no-ssl", "-u", "user:secret", "-X", "EXAMINE 808", "-o", file2.path], path: "")
        XCTAssertEqual(r2.status, 0, r2.stderr)
        XCTAssertEqual(r2.stdout, "")
        XCTAssertEqual(try String(contentsOf: file2, encoding: .utf8), answer)
    }

    /// curl 805: `-T FILE` is `APPEND mailbox (\Seen) {n}`, the literal sent after the server's
    /// `+`, its lines ending in CR LF (the file has LF), the octet count of what is sent.
    func testAppendWithSynchronizingLiteral() throws {
        let upload = workDir.appendingPathComponent("upload")
        try Data("Subject: afternoon meeting\nTo: joe@example.com\n\nHello Joe\n".utf8).write(to: upload)
        let message = "Subject: afternoon meeting\r\nTo: joe@example.com\r\n\r\nHello Joe\r\n"
        let server = try ScriptedServer(
            curlStyleLogin + [
                .readLine, send("+ Ready for literal data\r\n"),
                .readLine, .readLine, .readLine, .readLine, .readLine,
                send("A003 OK [APPENDUID 1 7] APPEND completed\r\n"),
                .readLine, send("* BYE bye\r\nA004 OK LOGOUT completed\r\n"), .close,
            ])
        let r = run(server, ["--no-ssl", "-u", "user:secret", "-T", upload.path], path: "/805")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(
            server.receivedText,
            "A001 CAPABILITY\r\nA002 LOGIN user secret\r\nA003 APPEND 805 (\\Seen) {\(message.utf8.count)}\r\n"
                + message + "\r\nA004 LOGOUT\r\n")
    }

    /// Untagged data before the `+` is skipped (RFC 3501 section 7); the message then goes.
    func testAppendWaitsPastUntaggedDataForTheContinuation() throws {
        let server = try ScriptedServer(
            curlStyleLogin + [
                .readLine, send("* 3 EXISTS\r\n* OK still here\r\n+ go ahead\r\n"),
                .readLine, .readLine, send("A003 OK APPEND completed\r\n"),
                .readLine, send("* BYE bye\r\nA004 OK LOGOUT completed\r\n"), .close,
            ])
        let r = ToolProcess.tool(
            "imap-fetch",
            ["-m", "10", "--no-ssl", "-u", "user:secret", "-T", "-", "imap://127.0.0.1:\(server.port)/INBOX"],
            stdin: Data("hi\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(
            server.receivedText.hasSuffix("A003 APPEND INBOX (\\Seen) {4}\r\nhi\r\n\r\nA004 LOGOUT\r\n"),
            server.receivedText)
    }

    /// LITERAL+ offered before login, and LOGIN's OK says nothing of capabilities: APPEND needs
    /// them, so CAPABILITY is asked once, then the literal goes at once as `{n+}`.
    func testAppendAsksCapabilitiesAfterLoginAndUsesLiteralPlus() throws {
        let server = try ScriptedServer([
            send("* OK ready\r\n"), .readLine, send("* CAPABILITY IMAP4rev1 LITERAL+\r\nA001 OK done\r\n"),
            .readLine, send("A002 OK LOGIN completed\r\n"),
            .readLine, send("* CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS\r\nA003 OK done\r\n"),
            .readLine, .readLine, .readLine, .readLine, send("A004 OK APPEND completed\r\n"),
            .readLine, send("* BYE bye\r\nA005 OK LOGOUT completed\r\n"), .close,
        ])
        let r = ToolProcess.tool(
            "imap-fetch",
            ["-m", "10", "--no-ssl", "-u", "user:secret", "-T", "-", "imap://127.0.0.1:\(server.port)/Sent"],
            stdin: Data("Subject: x\r\n\r\nhi".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            server.receivedText,
            "A001 CAPABILITY\r\nA002 LOGIN user secret\r\nA003 CAPABILITY\r\nA004 APPEND Sent (\\Seen) {16+}\r\n"
                + "Subject: x\r\n\r\nhi\r\nA005 LOGOUT\r\n")
    }

    /// A literal refused instead of `+` is curl 25 (UPLOAD_FAILED); the session still logs out.
    /// A URL without a mailbox is 3 before connecting.
    func testAppendRefusedAndAppendWithoutMailbox() throws {
        let upload = workDir.appendingPathComponent("upload")
        try Data("Subject: x\r\n\r\nhi\r\n".utf8).write(to: upload)
        let server = try ScriptedServer(
            curlStyleLogin + [
                .readLine, send("A003 NO [TRYCREATE] Mailbox doesn't exist\r\n"),
                .readLine, send("* BYE bye\r\nA004 OK LOGOUT completed\r\n"), .close,
            ])
        let r = run(server, ["--no-ssl", "-u", "user:secret", "-T", upload.path], path: "/Nope")
        XCTAssertEqual(r.status, 25, r.stderr)
        XCTAssertTrue(server.receivedText.hasSuffix("A003 APPEND Nope (\\Seen) {18}\r\nA004 LOGOUT\r\n"))

        let silent = try ScriptedServer([.sleep(1), .close])
        let r2 = run(silent, ["--no-ssl", "-u", "user:secret", "-T", upload.path], path: "/")
        XCTAssertEqual(r2.status, 3, r2.stderr)
        XCTAssertEqual(silent.receivedText, "")
    }

    /// curl 837-like: a URL user with `;AUTH=ANONYMOUS` and no password logs in without asking
    /// for one (no terminal here: asking would fail with 2).
    func testPasswordlessMechanismFromTheURL() throws {
        let server = try ScriptedServer([
            send("* OK [CAPABILITY IMAP4rev1 AUTH=ANONYMOUS SASL-IR] ready\r\n"),
            .readLine, send("A001 OK [CAPABILITY IMAP4rev1] logged in\r\n"),
            .readLine, send("* LIST () \"/\" INBOX\r\nA002 OK LIST completed\r\n"),
            .readLine, send("* BYE bye\r\nA003 OK LOGOUT completed\r\n"), .close,
        ])
        let r = ToolProcess.tool(
            "imap-fetch", ["-m", "10", "--no-ssl", "imap://guest;AUTH=ANONYMOUS@127.0.0.1:\(server.port)/"],
            stdin: Data())
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "* LIST () \"/\" INBOX\r\n")
        let lines = server.receivedText.components(separatedBy: "\r\n")
        XCTAssertTrue(lines[0].hasPrefix("A001 AUTHENTICATE ANONYMOUS"), lines[0])
        XCTAssertEqual(Array(lines[1...]), ["A002 LIST \"\" *", "A003 LOGOUT", ""])
    }

    /// curl 837 and 838 over TLS: `imaps://user;AUTH=EXTERNAL@host/` (and with no user at all)
    /// logs in with EXTERNAL, asking for no password. The initial response is the user name as
    /// the authorization identity, as curl sends it, `=` (empty) without one, or
    /// `--sasl-authzid`'s.
    func testExternalFromTheURLOverTLS() throws {
        for (user, extra, initial) in [
            ("user", [], "dXNlcg=="), ("", [], "="), ("user", ["--sasl-authzid", "admin"], "YWRtaW4="),
        ] {
            let server = try PythonScriptServer.start("imaps_external_server.py")
            defer { server.stop() }
            let r = ToolProcess.tool(
                "imap-fetch",
                [
                    "-m", "10", "--cacert", TestServers.caFile,
                ] + extra + [
                    "imaps://\(user);AUTH=EXTERNAL@localhost:\(server.port)/837/;MAILINDEX=1"
                ], stdin: Data())
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "From: me@somewhere\r\n\r\nbody\r\n")
            XCTAssertEqual(
                server.received,
                "A001 AUTHENTICATE EXTERNAL \(initial)\r\nA002 SELECT 837\r\nA003 FETCH 1 BODY[]\r\nA004 LOGOUT\r\n")
        }
    }

    /// curl 837-840 as curl runs them, in plaintext (`--no-ssl`): EXTERNAL sends no secret, so
    /// it runs without TLS when named; without `--sasl-ir` the message follows a `+`.
    func testExternalInPlaintext() throws {
        for (user, extra, sent) in [
            ("user", ["--sasl-ir"], "A001 AUTHENTICATE EXTERNAL dXNlcg==\r\n"),
            ("", ["--sasl-ir"], "A001 AUTHENTICATE EXTERNAL =\r\n"),
            ("user", ["--no-sasl-ir"], "A001 AUTHENTICATE EXTERNAL\r\ndXNlcg==\r\n"),
        ] {
            let server = try ScriptedServer([
                send("* OK [CAPABILITY IMAP4rev1 AUTH=EXTERNAL SASL-IR] ready\r\n"),
            ] + (extra == ["--no-sasl-ir"] ? [.readLine, send("+ \r\n")] : []) + [
                .readLine, send("A001 OK authenticated\r\n"),
                .readLine, send("* 1 EXISTS\r\nA002 OK [READ-WRITE] selected\r\n"),
                .readLine, send("* 1 FETCH (BODY[] {4}\r\nbody)\r\nA003 OK done\r\n"),
                .readLine, send("* BYE bye\r\nA004 OK logged out\r\n"), .close,
            ])
            let r = run(server, ["--no-ssl"] + extra, path: "/837/;MAILINDEX=1", user: "\(user);AUTH=EXTERNAL@")
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "body")
            XCTAssertEqual(
                server.receivedText, sent + "A002 SELECT 837\r\nA003 FETCH 1 BODY[]\r\nA004 LOGOUT\r\n")
        }
    }

    /// curl 826: LOGIN sends the user name with the command when initial responses are on (the
    /// server announced SASL-IR), then the password to the server's challenge; with
    /// `--no-sasl-ir` the user name waits for the first challenge.
    func testLoginMechanismWithInitialResponse() throws {
        for (extra, commands) in [
            ([], "A001 AUTHENTICATE LOGIN dXNlcg==\r\nc2VjcmV0\r\n"),
            (["--no-sasl-ir"], "A001 AUTHENTICATE LOGIN\r\ndXNlcg==\r\nc2VjcmV0\r\n"),
        ] {
            let first: [ScriptedServer.Step] =
                extra.isEmpty ? [] : [.readLine, send("+ VXNlcm5hbWU6\r\n")]
            let server = try ScriptedServer(
                [send("* OK [CAPABILITY IMAP4rev1 AUTH=LOGIN SASL-IR] ready\r\n")] + first + [
                    .readLine, send("+ UGFzc3dvcmQ6\r\n"), .readLine, send("A001 OK authenticated\r\n"),
                    .readLine, send("* LIST () \"/\" INBOX\r\nA002 OK done\r\n"),
                    .readLine, send("* BYE bye\r\nA003 OK bye\r\n"), .close,
                ])
            let r = run(server, ["--no-ssl", "-u", "user:secret", "--login-options", "AUTH=LOGIN"] + extra, path: "/")
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(server.receivedText, commands + "A002 LIST \"\" *\r\nA003 LOGOUT\r\n")
        }
    }

    /// curl 830: a challenge that is not base64 is cancelled with `*` before the error; nothing
    /// follows a failed authentication (no LOGOUT, as in curl). The server refusing the
    /// cancelled exchange makes it a denied login, 67 as in curl; a server that hangs up
    /// instead leaves the malformed reply's 8.
    func testMalformedChallengeIsCancelled() throws {
        let server = try ScriptedServer([
            send("* OK [CAPABILITY IMAP4rev1 AUTH=CRAM-MD5 LOGINDISABLED] ready\r\n"),
            .readLine, send("+ Rubbish\r\n"), .readLine, send("A001 NO AUTH exchange cancelled by client\r\n"),
            .sleep(0.5), .close,
        ])
        let r = run(server, ["--no-ssl", "-u", "user:secret"], path: "/830/;MAILINDEX=1")
        XCTAssertEqual(r.status, 67, r.stderr)
        XCTAssertTrue(r.stderr.contains("exchange cancelled; the server refused the login"), r.stderr)
        XCTAssertEqual(server.receivedText, "A001 AUTHENTICATE CRAM-MD5\r\n*\r\n")
        let hangsUp = try ScriptedServer([
            send("* OK [CAPABILITY IMAP4rev1 AUTH=CRAM-MD5 LOGINDISABLED] ready\r\n"),
            .readLine, send("+ Rubbish\r\n"), .readLine, .close,
        ])
        XCTAssertEqual(run(hangsUp, ["--no-ssl", "-u", "user:secret"], path: "/830/;MAILINDEX=1").status, 8)
    }

    /// curl 896: an unknown mechanism in `--login-options` is 3, before connecting.
    func testUnknownMechanismIsURLMalformedBeforeConnecting() throws {
        let server = try ScriptedServer([.sleep(1), .close])
        let r = run(
            server, ["--no-ssl", "-u", "user:secret", "--login-options", "AUTH=dummy"], path: "/895/;MAILINDEX=1")
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertEqual(server.receivedText, "")
    }

    /// Text before the greeting stays an error (curl's test server banner is not a greeting).
    func testTextBeforeTheGreetingIsAnError() throws {
        let server = try ScriptedServer([send("  curl banner\r\n* OK ready\r\n"), .sleep(1), .close])
        let r = run(server, ["--no-ssl", "-u", "user:secret"], path: "/")
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertEqual(server.receivedText, "")
    }

    /// `-T` against the real Dovecot (LITERAL+ offered): the message is stored with CR LF lines
    /// and comes back byte for byte; the mailbox is this test's own (created and deleted by `-X`).
    func testAppendToDovecotAndFetchItBack() throws {
        try TestServers.ensureRunning()
        let base = "imaps://localhost:\(TestServers.port("DOVECOT_IMAPS_PORT"))"
        let login = ["-m", "30", "--cacert", TestServers.caFile, "-u", "alice:\(Mailboxes.password("alice"))"]
        let mailbox = "curlcompat-\(getpid())-\(UUID().uuidString.prefix(8))"
        XCTAssertEqual(ToolProcess.tool("imap-fetch", login + ["-X", "CREATE \(mailbox)", base + "/"]).status, 0)
        defer { _ = ToolProcess.tool("imap-fetch", login + ["-X", "DELETE \(mailbox)", base + "/"]) }
        let upload = workDir.appendingPathComponent("message.eml")
        try Data("Subject: appended\nFrom: alice@mailtls.test\n\nline one\n.line two\n".utf8).write(to: upload)

        let r = ToolProcess.tool("imap-fetch", login + ["-T", upload.path, base + "/" + mailbox])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        let back = ToolProcess.tool("imap-fetch", login + [base + "/" + mailbox + "/;UID=1"])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertEqual(back.stdout, "Subject: appended\r\nFrom: alice@mailtls.test\r\n\r\nline one\r\n.line two\r\n")
        let flags = ToolProcess.tool("imap-fetch", login + ["-X", "UID FETCH 1 FLAGS", base + "/" + mailbox])
        XCTAssertTrue(flags.stdout.contains("\\Seen"), flags.stdout)
    }
}
