import Foundation
import XCTest

/// What a mailbox pull shows (the progress line on a terminal, one summary line per mailbox,
/// nothing under -s) and how Ctrl-C ends it: exit 130 with a message, every whole message kept
/// and recorded, tmp/ empty, and the next run fetches the rest with no duplicate. Against the
/// real Dovecot (the users IMAPFetchTests and POP3RetrieveTests use) and a server that stalls.
final class PullReportingTests: XCTestCase {
    private var workDir: URL!
    private var imaps: String { "imaps://localhost:\(TestServers.port("DOVECOT_IMAPS_PORT"))/INBOX" }
    private var pop3s: String { "pop3s://localhost:\(TestServers.port("DOVECOT_POP3S_PORT"))/" }

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-pull-report-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    /// Empties `user`'s mailboxes, then puts `count` messages of `size` into INBOX.
    private func seed(_ user: String, count: Int, size: String) throws {
        let script = TestServers.packageRoot.appendingPathComponent("testservers/seed-mailbox").path
        XCTAssertEqual(ToolProcess.run(script, ["--clear", user], timeout: 60).status, 0)
        if count > 0 { XCTAssertEqual(ToolProcess.run(script, [user, String(count), size], timeout: 120).status, 0) }
    }

    private func arguments(_ tool: String, _ extra: [String]) -> [String] {
        let user = tool == "imap-fetch" ? "alice" : "weird"
        return ["--cacert", TestServers.caFile, "-u", "\(user):\(Mailboxes.password(user))"] + extra
            + [tool == "imap-fetch" ? imaps : pop3s]
    }

    private func files(_ maildir: URL, _ folders: [String] = ["new", "cur"]) -> [String] {
        folders.flatMap {
            (try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent($0).path)) ?? []
        }
    }

    /// The Message-IDs of a Maildir's messages, read back by Python's mailbox module.
    private func messageIDs(_ maildir: URL) -> [String] {
        let script = "import mailbox, sys\nfor m in mailbox.Maildir(sys.argv[1], create=False): print(m['Message-ID'])"
        let r = ToolProcess.run("/usr/bin/env", ["python3", "-c", script, maildir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\n").map(String.init)
    }

    // MARK: Summary lines

    func testIMAPSummaryLinesVerboseProgressAndSilent() throws {
        try seed("alice", count: 3, size: "2k")
        let maildir = workDir.appendingPathComponent("Maildir").path
        let first = ToolProcess.tool("imap-fetch", arguments("imap-fetch", ["--maildir", maildir]))
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stderr, "INBOX: 3 new messages, 6 KiB\n", "no terminal: only the summary")
        let again = ToolProcess.tool("imap-fetch", arguments("imap-fetch", ["--maildir", maildir]))
        XCTAssertEqual(again.stderr, "INBOX: nothing new\n")
        try seed("alice", count: 2, size: "2k")  // a new UIDVALIDITY: the pull starts again
        let verbose = ToolProcess.tool("imap-fetch", arguments("imap-fetch", ["-v", "--mbox", maildir + ".mbox"]))
        XCTAssertEqual(verbose.status, 0, verbose.stderr)
        XCTAssertTrue(verbose.stderr.contains("UID FETCH 1:* (UID RFC822.SIZE)"), "-v asks for the totals")
        XCTAssertTrue(verbose.stderr.contains("\n* INBOX: 0 of 2 messages, 0.0 of 0.0 MiB, "), verbose.stderr)
        XCTAssertTrue(verbose.stderr.contains("\nINBOX: 2 new messages, 4 KiB\n> A005 LOGOUT"), verbose.stderr)
        try seed("alice", count: 1, size: "2k")
        let silent = ToolProcess.tool("imap-fetch", arguments("imap-fetch", ["-s", "--mbox", maildir + ".2"]))
        XCTAssertEqual(silent.status, 0)
        XCTAssertEqual(silent.stderr, "", "-s: no summary")
    }

    func testPOP3SummaryLinesAndSilent() throws {
        try seed("weird", count: 3, size: "2k")
        let maildir = workDir.appendingPathComponent("Maildir").path
        let first = ToolProcess.tool("pop3-retrieve", arguments("pop3-retrieve", ["--maildir", maildir]))
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stderr, "INBOX: 3 new messages, 6 KiB\n")
        let again = ToolProcess.tool("pop3-retrieve", arguments("pop3-retrieve", ["--maildir", maildir, "--delete"]))
        XCTAssertEqual(again.stderr, "INBOX: nothing new, 3 deleted on the server\n")
        let silent = ToolProcess.tool("pop3-retrieve", arguments("pop3-retrieve", ["-s", "--maildir", maildir]))
        XCTAssertEqual(silent.status, 0)
        XCTAssertEqual(silent.stderr, "")
    }

    // MARK: Ctrl-C

    /// On a terminal: the progress line with totals and rate; Ctrl-C ends the line, says how many
    /// messages are saved, exits 130 with tmp/ empty; the next run fetches exactly the rest.
    func testIMAPCtrlCOnATerminal() throws {
        try seed("alice", count: 3000, size: "20k")
        let maildir = workDir.appendingPathComponent("Maildir")
        let script = TestServers.packageRoot.appendingPathComponent("Tests/IntegrationTests/Scripts/pty_interrupt.py")
        let tool = ToolProcess.productsDirectory.appendingPathComponent("imap-fetch").path
        let r = ToolProcess.run(
            "/usr/bin/env",
            ["python3", script.path, maildir.path, "300", tool] + arguments("imap-fetch", ["--maildir", maildir.path]),
            environment: ToolProcess.cleanEnvironment(), timeout: 180)
        XCTAssertEqual(r.status, 130, r.stdout)
        XCTAssertTrue(r.stdout.hasPrefix("\rINBOX: 0 of 3,000 messages, 0.0 of 58.6 MiB, 0.0 MiB/s\u{1B}[K"), r.stdout)
        XCTAssertNotNil(
            r.stdout.range(of: #" of 3,000 messages, [0-9.]+ of 58\.6 MiB, [0-9.]+ MiB/s"#, options: .regularExpression)
        )
        let saved = files(maildir).count
        XCTAssertGreaterThan(saved, 0)
        XCTAssertLessThan(saved, 3000, "interrupted before the end")
        let message =
            "imap-fetch: (130) interrupted: \(grouped(saved)) messages saved, the rest will be fetched next time"
        XCTAssertTrue(r.stdout.hasSuffix("\u{1B}[K\r\n" + message + "\r\n"), r.stdout)
        XCTAssertEqual(files(maildir, ["tmp"]), [], "no unfinished file left")

        let rest = ToolProcess.tool("imap-fetch", arguments("imap-fetch", ["--maildir", maildir.path]), timeout: 180)
        XCTAssertEqual(rest.status, 0, rest.stderr)
        XCTAssertTrue(rest.stderr.hasPrefix("INBOX: \(grouped(3000 - saved)) new messages, "), rest.stderr)
        let ids = messageIDs(maildir)
        XCTAssertEqual(ids.count, 3000)
        XCTAssertEqual(Set(ids).count, 3000, "no duplicates")
    }

    /// Without a terminal nothing is drawn; Ctrl-C during the RETRs keeps what is whole and
    /// deletes nothing on the server (--delete happens only after everything is saved).
    func testPOP3CtrlCWithoutATerminal() throws {
        try seed("weird", count: 3000, size: "20k")
        let maildir = workDir.appendingPathComponent("Maildir")
        let process = Process()
        process.executableURL = ToolProcess.productsDirectory.appendingPathComponent("pop3-retrieve")
        process.arguments = arguments("pop3-retrieve", ["--maildir", maildir.path, "--delete"])
        process.environment = ToolProcess.cleanEnvironment()
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        var waited = 0
        while waited < 3000, files(maildir, ["new", "cur", "tmp"]).count < 300 {
            usleep(10_000)
            waited += 1
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 130, text)
        let saved = files(maildir).count
        XCTAssertLessThan(saved, 3000)
        XCTAssertEqual(
            text,
            "pop3-retrieve: (130) interrupted: \(grouped(saved)) messages saved, the rest will be fetched next time\n")
        XCTAssertEqual(files(maildir, ["tmp"]), [])

        let rest = ToolProcess.tool(
            "pop3-retrieve", arguments("pop3-retrieve", ["--maildir", maildir.path]), timeout: 180)
        XCTAssertEqual(rest.status, 0, rest.stderr)
        XCTAssertTrue(rest.stderr.hasPrefix("INBOX: \(grouped(3000 - saved)) new messages, "), rest.stderr)
        XCTAssertEqual(Set(messageIDs(maildir)).count, 3000)
        XCTAssertEqual(files(maildir).count, 3000, "nothing deleted before, nothing twice")
    }

    /// Ctrl-C as the first batch's files appear in new/ (its commit in flight on the commit
    /// thread): that batch is completed, not cut off; the message counts it; tmp/ is empty; the
    /// next run fetches exactly the rest.
    func testCtrlCWithABatchInFlight() throws {
        for tool in ["imap-fetch", "pop3-retrieve"] {
            try seed(tool == "imap-fetch" ? "alice" : "weird", count: 3000, size: "10k")
            let maildir = workDir.appendingPathComponent("Maildir-" + tool)
            let process = Process()
            process.executableURL = ToolProcess.productsDirectory.appendingPathComponent(tool)
            process.arguments = arguments(tool, ["--maildir", maildir.path])
            process.environment = ToolProcess.cleanEnvironment()
            let stderr = Pipe()
            process.standardError = stderr
            try process.run()
            var waited = 0
            while waited < 60_000, files(maildir).isEmpty {
                usleep(500)
                waited += 1
            }
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(process.terminationStatus, 130, "\(tool): \(text)")
            let saved = files(maildir).count
            XCTAssertGreaterThanOrEqual(saved, 1000, "\(tool): the batch in flight is whole")
            XCTAssertLessThan(saved, 3000, "\(tool): interrupted before the end")
            XCTAssertEqual(
                text,
                "\(tool): (130) interrupted: \(grouped(saved)) messages saved, the rest will be fetched next time\n")
            XCTAssertEqual(files(maildir, ["tmp"]), [], tool)

            let rest = ToolProcess.tool(tool, arguments(tool, ["--maildir", maildir.path]), timeout: 180)
            XCTAssertEqual(rest.status, 0, rest.stderr)
            XCTAssertTrue(rest.stderr.hasPrefix("INBOX: \(grouped(3000 - saved)) new messages, "), rest.stderr)
            XCTAssertEqual(Set(messageIDs(maildir)).count, 3000, tool)
            XCTAssertEqual(files(maildir).count, 3000, "\(tool): nothing twice")
        }
    }

    /// A server that sends two messages and then nothing: Ctrl-C ends the blocked read at once
    /// (not after the idle timeout), the two messages are saved and recorded.
    func testCtrlCWhileTheServerIsSilent() throws {
        let body = "Subject: one\r\n\r\nfirst\r\n"
        let fetch = (1...2).map { "* \($0) FETCH (UID \($0) FLAGS () BODY[] {\(body.utf8.count)}\r\n\(body))\r\n" }
        let send = { (text: String) in ScriptedServer.Step.send(Array(text.utf8)) }
        let server = try ScriptedServer([
            send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n"),
            .readLine, send("A001 OK [CAPABILITY IMAP4rev1 UIDPLUS] logged in\r\n"),
            .readLine,
            send("* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 4] ok\r\nA002 OK [READ-ONLY] done\r\n"),
            .readLine, send(fetch.joined()), .sleep(15), .close,
        ])
        let maildir = workDir.appendingPathComponent("Maildir")
        let process = Process()
        process.executableURL = ToolProcess.productsDirectory.appendingPathComponent("imap-fetch")
        process.arguments = [
            "--no-ssl", "-u", "user:secret", "--maildir", maildir.path, "imap://127.0.0.1:\(server.port)/INBOX",
        ]
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        var waited = 0
        while waited < 1000, files(maildir, ["new", "cur", "tmp"]).count < 2 {
            usleep(10_000)
            waited += 1
        }
        usleep(300_000)
        let start = Date()
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertLessThan(Date().timeIntervalSince(start), 3, "the blocked read is interrupted")
        let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 130, text)
        XCTAssertEqual(text, "imap-fetch: (130) interrupted: 2 messages saved, the rest will be fetched next time\n")
        XCTAssertEqual(files(maildir).count, 2)
        XCTAssertEqual(files(maildir, ["tmp"]), [])
        let state = try String(contentsOf: maildir.appendingPathComponent("mailtls-state"), encoding: .utf8)
        XCTAssertTrue(state.contains("imap-highest-uid 2"), state)
    }

    private func grouped(_ n: Int) -> String {
        n >= 1000 ? "\(n / 1000),\(String(format: "%03d", n % 1000))" : String(n)
    }
}
