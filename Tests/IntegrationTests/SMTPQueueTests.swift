import Foundation
import XCTest

/// `--queue DIR` and `--flush-queue`: a temporary failure (a 4xx from the real Postfix or a
/// scripted peer, a refused connection) keeps the message and exits 0; a flush delivers it to the real Postfix exactly
/// once, also with two flushes at once, and keeps it when killed before the server's 250.
final class SMTPQueueTests: XCTestCase {
    private var directory: URL!
    private var queue: String { directory.appendingPathComponent("queue").path }
    private let password = Mailboxes.password("alice")

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-queue-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func entries(_ sub: String = "new") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: queue + "/" + sub)) ?? []).sorted()
    }

    /// Sends `token` to bob through `port` with --queue (and a password that must not be kept;
    /// none to a scripted peer without STARTTLS, where it would be refused before sending).
    private func submit(_ token: String, port: Int, login: Bool = true) -> ToolProcess.Result {
        ToolProcess.tool(
            "smtp-send",
            ["--queue", queue, "--cacert", TestServers.caFile] + (login ? ["-u", "alice:" + password] : []) + [
                "--mail-from", "alice@mailtls.test", "--mail-rcpt", "bob@mailtls.test", "smtp://localhost:\(port)",
            ], stdin: Data("From: alice@mailtls.test\r\nSubject: \(token)\r\n\r\nqueued body\r\n".utf8))
    }

    private var flushArguments: [String] {
        ["--flush-queue", "--queue", queue, "--cacert", TestServers.caFile, "-u", "alice:" + password]
    }

    private func flush() -> ToolProcess.Result { ToolProcess.tool("smtp-send", flushArguments) }

    private var postfix: Int { TestServers.port("POSTFIX_SUBMISSION_PORT") }

    /// The port comes back, forwarding to Postfix's submission port (STARTTLS, AUTH).
    private func serverReturns(on port: Int) throws -> ForwardingProxy {
        try ForwardingProxy(port: port, upstreamPort: postfix)
    }

    private func deliveredCount(_ token: String) -> Int { Mailboxes.copies(to: "bob", containing: token) }

    func testRefusedConnectionQueuesAndFlushDeliversOnce() throws {
        let port = try ForwardingProxy.unusedPort()
        let token = Mailboxes.token("queue-refused")
        let r = submit(token, port: port)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("smtp-send: queued as \(queue)/new/"), r.stderr)
        XCTAssertTrue(r.stderr.contains("Connection refused"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        let kept = entries()
        XCTAssertEqual(kept.count, 1)
        XCTAssertEqual(entries("tmp"), [])
        let text = try String(contentsOfFile: queue + "/new/" + kept[0], encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("mailtls-queue 1\narg smtp://localhost:\(port)\narg --cacert\n"), text)
        XCTAssertTrue(text.contains("from alice@mailtls.test\nrcpt bob@mailtls.test\n\nFrom: alice"), text)
        XCTAssertFalse(text.contains(password), "no password in the queue")

        let early = flush()
        XCTAssertEqual(early.status, 7, "still refused: the entry stays. \(early.stderr)")
        XCTAssertEqual(entries(), kept)

        let proxy = try serverReturns(on: port)
        defer { proxy.stop() }
        let flushed = flush()
        XCTAssertEqual(flushed.status, 0, flushed.stderr)
        XCTAssertEqual(flushed.stdout, "1 queued message sent from \(queue)\n")
        XCTAssertEqual(entries(), [])
        XCTAssertEqual(flush().stdout, "", "an empty queue says nothing (cron)")
        XCTAssertEqual(deliveredCount(token), 1)
    }

    func testTemporaryReplyQueuesAndFlushDeliversOnce() throws {
        let token = Mailboxes.token("queue-450")
        let line: (String) -> ScriptedServer.Step = { .send(Array($0.utf8)) }
        let server = try ScriptedServer([
            line("220 mx ESMTP\r\n"), .readLine, line("250 mx\r\n"), .readLine, line("250 2.1.0 ok\r\n"), .readLine,
            line("450 4.2.1 Mailbox busy, try later\r\n"), .readLine, line("221 bye\r\n"), .close,
        ])
        let proxy = try ForwardingProxy(upstreamPort: server.port)
        defer { proxy.stop() }
        let r = submit(token, port: proxy.port, login: false)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("continuing WITHOUT TLS"), r.stderr)
        XCTAssertTrue(r.stderr.contains("queued as"), r.stderr)
        XCTAssertTrue(r.stderr.contains("RCPT failed: 450 4.2.1 Mailbox busy, try later"), r.stderr)
        XCTAssertEqual(entries().count, 1)
        XCTAssertTrue(
            server.receivedText.hasPrefix(
                "EHLO \(hostName)\r\nMAIL FROM:<alice@mailtls.test>\r\nRCPT TO:<bob@mailtls.test>\r\n"),
            server.receivedText)
        proxy.upstreamPort = postfix
        let flushed = flush()
        XCTAssertEqual(flushed.status, 0, flushed.stderr)
        XCTAssertEqual(entries(), [])
        XCTAssertEqual(deliveredCount(token), 1)
    }

    /// The bundled Postfix refuses tempfail@mailtls.test with 450 (testservers' access table):
    /// the message is kept (exit 0), a flush meeting the same 450 keeps it again, and nothing
    /// is moved aside as failed; without --queue, sendmail mode says EX_TEMPFAIL (75).
    func testRealServersTemporaryRefusalKeepsTheMessage() throws {
        let token = Mailboxes.token("queue-postfix-450")
        let arguments = [
            "--queue", queue, "--cacert", TestServers.caFile, "-u", "alice:" + password, "--mail-from",
            "alice@mailtls.test", "--mail-rcpt", "tempfail@mailtls.test", "smtp://localhost:\(postfix)",
        ]
        let message = Data("From: alice@mailtls.test\r\nSubject: \(token)\r\n\r\nbody\r\n".utf8)
        let r = ToolProcess.tool("smtp-send", arguments, stdin: message)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("queued as"), r.stderr)
        XCTAssertTrue(r.stderr.contains("450 4.2.1"), r.stderr)
        XCTAssertEqual(entries().count, 1)
        let again = flush()
        XCTAssertNotEqual(again.stderr, "", "the flush says why the message stays")
        XCTAssertEqual(entries().count, 1, "still refused for now: kept. \(again.stderr)")
        XCTAssertEqual(entries("failed"), [], "a 4xx is never a permanent failure")

        let sendmail = ToolProcess.tool(
            "smtp-send",
            [
                "--sendmail", "--cacert", TestServers.caFile, "--user", "alice:" + password,
                "smtp://localhost:\(postfix)",
                "-f", "alice@mailtls.test", "tempfail@mailtls.test",
            ], stdin: message)
        XCTAssertEqual(sendmail.status, 75, sendmail.stderr)
    }

    func testTwoFlushesAtOnceDeliverEachMessageOnce() throws {
        let port = try ForwardingProxy.unusedPort()
        let tokens = (0..<5).map { Mailboxes.token("queue-twice-\($0)") }
        for token in tokens { XCTAssertEqual(submit(token, port: port).status, 0) }
        XCTAssertEqual(entries().count, 5)
        let proxy = try serverReturns(on: port)
        defer { proxy.stop() }
        let flushes = try (0..<2).map { _ in try launch(flushArguments) }
        for process in flushes {
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
        }
        XCTAssertEqual(entries(), [])
        for token in tokens { XCTAssertEqual(deliveredCount(token), 1, token) }
    }

    func testKilledFlushKeepsTheMessageUntilThe250() throws {
        let port = try ForwardingProxy.unusedPort()
        let token = Mailboxes.token("queue-kill")
        XCTAssertEqual(submit(token, port: port).status, 0)
        let line: (String) -> ScriptedServer.Step = { .send(Array($0.utf8)) }
        let server = try ScriptedServer([
            line("220 mx ESMTP\r\n"), .readLine, line("250 mx\r\n"), .readLine, line("250 ok\r\n"), .readLine,
            line("250 ok\r\n"), .readLine, line("354 go\r\n"), .readUntilDot, .sleep(2), .close,
        ])
        let proxy = try ForwardingProxy(port: port, upstreamPort: server.port)
        defer { proxy.stop() }
        let process = try launch(["--flush-queue", "--queue", queue, "--cacert", TestServers.caFile])
        let deadline = Date().addingTimeInterval(10)
        while !server.receivedText.hasSuffix("\r\n.\r\n") && Date() < deadline { usleep(10_000) }
        XCTAssertTrue(server.receivedText.contains("queued body\r\n.\r\n"), server.receivedText)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(entries().count, 1, "no 250 for its DATA: the entry stays")
        proxy.upstreamPort = postfix
        let flushed = flush()
        XCTAssertEqual(flushed.status, 0, flushed.stderr)
        XCTAssertEqual(entries(), [])
        XCTAssertEqual(deliveredCount(token), 1)
    }

    private var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, 255)
        return String(cString: buffer)
    }

    private func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = ToolProcess.productsDirectory.appendingPathComponent("smtp-send")
        process.arguments = arguments
        process.environment = ToolProcess.cleanEnvironment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
