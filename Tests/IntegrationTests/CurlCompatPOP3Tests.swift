import Foundation
import XCTest

/// pop3-retrieve as curl's own test cases (tests/data/test850–899, 480) describe it, against
/// scripted peers under `--no-ssl`: the exact commands sent, the output bytes, the exit code.
final class CurlCompatPOP3Tests: XCTestCase {
    private var workDir: URL!

    override func setUpWithError() throws {
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-curlcompat-pop3-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    private func send(_ text: String) -> ScriptedServer.Step { .send(Array(text.utf8)) }

    /// Greeting, CAPA (with `capa` lines), USER and PASS accepted.
    private func login(capa: String = "USER\r\n") -> [ScriptedServer.Step] {
        [
            send("+OK curl POP3 server ready to serve\r\n"), .readLine, send("+OK capabilities\r\n\(capa).\r\n"),
            .readLine, send("+OK\r\n"), .readLine, send("+OK Login successful\r\n"),
        ]
    }

    private let quit: [ScriptedServer.Step] = [.readLine, .send(Array("+OK bye\r\n".utf8)), .close]

    private func run(_ server: ScriptedServer, _ arguments: [String], path: String) -> ToolProcess.Result {
        ToolProcess.tool(
            "pop3-retrieve", ["-m", "10", "--no-ssl"] + arguments + ["pop3://127.0.0.1:\(server.port)\(path)"],
            stdin: Data())
    }

    /// curl 855: RETR answered -ERR still ends with QUIT, and is 8 (a weird server reply) as in
    /// curl.
    func testMissingMessageStillQuits() throws {
        let server = try ScriptedServer(login() + [.readLine, send("-ERR no such message\r\n")] + quit)
        let r = run(server, ["-u", "user:secret"], path: "/855")
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertTrue(r.stderr.contains("(8) No such message: -ERR no such message"), r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(server.receivedText, "CAPA\r\nUSER user\r\nPASS secret\r\nRETR 855\r\nQUIT\r\n")
    }

    /// curl 856: a refused login sends nothing more (no QUIT), and is 67.
    func testRefusedLoginSendsNothingMore() throws {
        let server = try ScriptedServer([
            send("+OK ready\r\n"), .readLine, send("+OK\r\nUSER\r\n.\r\n"), .readLine, send("+OK\r\n"),
            .readLine, send("-ERR Login failure\r\n"), .sleep(0.5), .close,
        ])
        let r = run(server, ["-u", "user:wrong"], path: "/856")
        XCTAssertEqual(r.status, 67, r.stderr)
        XCTAssertEqual(server.receivedText, "CAPA\r\nUSER user\r\nPASS wrong\r\n")
    }

    /// curl 853 with `-o`: the listing goes into the file as it would to stdout (dot line
    /// removed), stdout stays empty; an empty line inside CAPA is harmless.
    func testListingGoesToTheOutputFile() throws {
        let server = try ScriptedServer(
            login(capa: "USER\r\n\r\nUIDL\r\n") + [.readLine, send("+OK listing\r\n1 100\r\n2 4294967400\r\n.\r\n")]
                + quit)
        let file = workDir.appendingPathComponent("list.txt")
        let r = run(server, ["-u", "user:secret", "-o", file.path], path: "/")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "1 100\r\n2 4294967400\r\n")
        XCTAssertEqual(server.receivedText, "CAPA\r\nUSER user\r\nPASS secret\r\nLIST\r\nQUIT\r\n")
    }

    /// curl 851: `-l` turns RETR into `LIST id`; curl 858: `-X DELE -I` sends `DELE id`;
    /// curl 997: a single-line answer (`-X STAT`) writes nothing, as in curl.
    func testListOnlyAndHead() throws {
        let list = try ScriptedServer(login() + [.readLine, send("+OK 851 100\r\n")] + quit)
        let r1 = run(list, ["-u", "user:secret", "-l"], path: "/851")
        XCTAssertEqual(r1.status, 0, r1.stderr)
        XCTAssertEqual(r1.stdout, "")
        XCTAssertEqual(list.receivedText, "CAPA\r\nUSER user\r\nPASS secret\r\nLIST 851\r\nQUIT\r\n")

        let dele = try ScriptedServer(login() + [.readLine, send("+OK deleted\r\n")] + quit)
        let r2 = run(dele, ["-u", "user:secret", "-X", "DELE", "-I"], path: "/858")
        XCTAssertEqual(r2.status, 0, r2.stderr)
        XCTAssertEqual(dele.receivedText, "CAPA\r\nUSER user\r\nPASS secret\r\nDELE 858\r\nQUIT\r\n")

        let stat = try ScriptedServer(login() + [.readLine, send("+OK 3 4294967800\r\n")] + quit)
        let r3 = run(stat, ["-u", "user:secret", "-X", "STAT"], path: "/")
        XCTAssertEqual(r3.status, 0, r3.stderr)
        XCTAssertEqual(r3.stdout, "")
        XCTAssertEqual(stat.receivedText, "CAPA\r\nUSER user\r\nPASS secret\r\nSTAT\r\nQUIT\r\n")
    }

    /// curl 982: STLS refused with replies to commands never sent behind the refusal is 8.
    func testRepliesPipelinedAfterAnSTLSRefusalAre8() throws {
        let server = try ScriptedServer([
            send("+OK ready\r\n"), .readLine, send("+OK\r\nSTLS\r\nUSER\r\n.\r\n"),
            .readLine, send("-ERR currently unavailable\r\n+OK user accepted\r\n+OK authenticated\r\n"),
            .sleep(0.5), .close,
        ])
        let r = ToolProcess.tool(
            "pop3-retrieve", ["-m", "10", "--ssl", "-u", "user:secret", "pop3://127.0.0.1:\(server.port)/982"],
            stdin: Data())
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertEqual(server.receivedText, "CAPA\r\nSTLS\r\n")
    }

    /// curl 872: LOGIN's user name goes with `AUTH LOGIN`, the password answers the challenge.
    func testLoginMechanismWithInitialResponse() throws {
        let server = try ScriptedServer(
            [
                send("+OK ready\r\n"), .readLine, send("+OK\r\nSASL LOGIN\r\n.\r\n"),
                .readLine, send("+ UGFzc3dvcmQ6\r\n"), .readLine, send("+OK welcome\r\n"),
                .readLine, send("+OK 12 octets\r\nSubject: x\r\n.\r\n"),
            ] + quit)
        let r = run(server, ["-u", "user:secret", "--login-options", "AUTH=LOGIN"], path: "/872")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(server.receivedText, "CAPA\r\nAUTH LOGIN dXNlcg==\r\nc2VjcmV0\r\nRETR 872\r\nQUIT\r\n")
    }

    /// curl 876: a challenge that is not base64 is cancelled with `*`; nothing follows.
    func testMalformedChallengeIsCancelled() throws {
        let server = try ScriptedServer([
            send("+OK ready\r\n"), .readLine, send("+OK\r\nSASL CRAM-MD5\r\n.\r\n"),
            .readLine, send("+ Rubbish\r\n"), .readLine, send("-ERR AUTH exchange cancelled by client\r\n"),
            .sleep(0.5), .close,
        ])
        let r = run(server, ["-u", "user:secret"], path: "/876")
        XCTAssertEqual(r.status, 67, r.stderr)
        XCTAssertEqual(server.receivedText, "CAPA\r\nAUTH CRAM-MD5\r\n*\r\n")
    }

    /// curl 883-like: `;AUTH=ANONYMOUS` in the URL and no password: no password is asked for.
    func testPasswordlessMechanismFromTheURL() throws {
        let server = try ScriptedServer(
            [
                send("+OK ready\r\n"), .readLine, send("+OK\r\nSASL ANONYMOUS\r\n.\r\n"),
                .readLine, send("+OK welcome\r\n"),
                .readLine, send("+OK 12 octets\r\nSubject: x\r\n.\r\n"),
            ] + quit)
        let r = ToolProcess.tool(
            "pop3-retrieve", ["-m", "10", "--no-ssl", "pop3://guest;AUTH=ANONYMOUS@127.0.0.1:\(server.port)/1"],
            stdin: Data())
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Subject: x\r\n")
        let lines = server.receivedText.components(separatedBy: "\r\n")
        XCTAssertTrue(lines[1].hasPrefix("AUTH ANONYMOUS"), server.receivedText)
        XCTAssertEqual(Array(lines.suffix(3)), ["RETR 1", "QUIT", ""])
    }

    /// curl 480: a netrc password whose escapes make CR LF is refused (26) before connecting.
    func testNetrcPasswordWithCRLFIsRefused() throws {
        let netrc = workDir.appendingPathComponent("netrc")
        try Data("machine 127.0.0.1\n  login alice\n  password \"password\\r\\ncommand\"\n".utf8).write(to: netrc)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: netrc.path)
        let server = try ScriptedServer([.sleep(1), .close])
        let r = run(server, ["--netrc-file", netrc.path], path: "/480")
        XCTAssertEqual(r.status, 26, r.stderr)
        XCTAssertEqual(server.receivedText, "")
    }

    /// A quoted netrc password is sent exactly as written between its quotes.
    func testNetrcQuotedPasswordIsSentAsWritten() throws {
        let netrc = workDir.appendingPathComponent("netrc")
        try Data("machine 127.0.0.1 login alice password \"se cr\\\"et\"\n".utf8).write(to: netrc)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: netrc.path)
        let server = try ScriptedServer(login() + [.readLine, send("+OK 0 messages\r\n.\r\n")] + quit)
        let r = run(server, ["--netrc-file", netrc.path], path: "/")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(server.receivedText, "CAPA\r\nUSER alice\r\nPASS se cr\"et\r\nLIST\r\nQUIT\r\n")
    }
}
