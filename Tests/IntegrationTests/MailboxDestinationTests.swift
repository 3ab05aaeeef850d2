import Foundation
import XCTest

/// What imap-fetch and pop3-retrieve do with their --maildir/--mbox destination: created with
/// its parent directories before connecting, any problem with it reported (exit 23) before the
/// server is contacted, and the mbox `From ` lines (envelope sender from Return-Path, date from
/// INTERNALDATE or the time of retrieval).
final class MailboxDestinationTests: XCTestCase {
    private var workDir: URL!
    private var imaps: String { "imaps://localhost:\(TestServers.port("DOVECOT_IMAPS_PORT"))" }
    private var pop3s: String { "pop3s://localhost:\(TestServers.port("DOVECOT_POP3S_PORT"))" }

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-dest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    private func seed(_ user: String, count: Int) throws {
        let script = TestServers.packageRoot.appendingPathComponent("testservers/seed-mailbox").path
        XCTAssertEqual(ToolProcess.run(script, ["--clear", user], timeout: 60).status, 0)
        XCTAssertEqual(ToolProcess.run(script, [user, String(count), "2k"], timeout: 120).status, 0)
    }

    private func credentials(_ user: String) -> [String] {
        ["--cacert", TestServers.caFile, "-u", "\(user):\(Mailboxes.password(user))"]
    }

    /// Port 1 on 127.0.0.1: nothing listens, connecting fails with 7.
    func testDestinationProblemsWinOverAnUnreachableServer() throws {
        let file = workDir.appendingPathComponent("file").path
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        let directory = workDir.appendingPathComponent("dir").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let cases: [(option: String, path: String, message: String)] = [
            ("--maildir", file, "\(file) is not a directory and cannot be a Maildir"),
            ("--maildir", file + "/Maildir", "\(file) is not a directory, so \(file)/Maildir cannot be created"),
            ("--mbox", file + "/inbox.mbox", "\(file) is not a directory, so \(file)/inbox.mbox cannot be created"),
            ("--mbox", directory, "\(directory) is a directory and cannot be an mbox"),
        ]
        for (tool, scheme) in [("imap-fetch", "imaps"), ("pop3-retrieve", "pop3s")] {
            for item in cases {
                let r = ToolProcess.tool(
                    tool, credentials("alice") + [item.option, item.path, "\(scheme)://127.0.0.1:1/"], timeout: 30)
                XCTAssertEqual(r.status, 23, "\(tool) \(item.option) \(item.path): \(r.stderr)")
                XCTAssertEqual(r.stderr, "\(tool): (23) \(item.message)\n")
            }
            // A good destination: now the server's absence is what fails.
            let r = ToolProcess.tool(
                tool,
                credentials("alice") + [
                    "--maildir", workDir.appendingPathComponent("ok/\(tool)").path,
                    "\(scheme)://127.0.0.1:1/",
                ], timeout: 30)
            XCTAssertEqual(r.status, 7, r.stderr)
        }
    }

    /// `--maildir ~/Mail/x` on an account that has no ~/Mail yet.
    func testPullIntoMissingDirectoriesOfAFreshHome() throws {
        try seed("alice", count: 2)
        let home = workDir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: false)
        let r = ToolProcess.run(
            "/bin/sh", ["-c", "imap-fetch -sS --cacert \"$CA\" -u alice:alicepass --maildir ~/Mail/x \"$URL\""],
            environment: ToolProcess.cleanEnvironment([
                "HOME": home.path, "CA": TestServers.caFile, "URL": imaps + "/INBOX",
                "PATH": ToolProcess.productsDirectory.path + ":/usr/bin:/bin",
            ]))
        XCTAssertEqual(r.status, 0, r.stderr)
        let saved = try ["new", "cur"].flatMap {
            try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("Mail/x/\($0)").path)
        }
        XCTAssertGreaterThanOrEqual(saved.count, 2, "other test runs may seed alice too")
        let mode =
            try FileManager.default.attributesOfItem(atPath: home.appendingPathComponent("Mail").path)[
                .posixPermissions] as? Int
        XCTAssertEqual(mode, 0o700)

        // What its state records is checked before connecting too: another mailbox, POP3.
        let maildir = home.appendingPathComponent("Mail/x").path
        let other = ToolProcess.tool(
            "imap-fetch", credentials("alice") + ["--maildir", maildir, "imaps://127.0.0.1:1/Archive"], timeout: 30)
        XCTAssertEqual(other.status, 23, other.stderr)
        XCTAssertTrue(other.stderr.contains("This destination holds the mailbox INBOX"), other.stderr)
        let pop = ToolProcess.tool(
            "pop3-retrieve", credentials("alice") + ["--maildir", maildir, "pop3s://127.0.0.1:1/"], timeout: 30)
        XCTAssertEqual(pop.status, 23, pop.stderr)
        XCTAssertTrue(pop.stderr.contains("This destination was filled by IMAP"), pop.stderr)
    }

    /// The seeded messages carry `Return-Path: <senderI@example.test>`, and Date equal to their
    /// INTERNALDATE: IMAP's From lines show both; POP3's show the sender and the retrieval time.
    func testMboxFromLinesCarryReturnPathAndDeliveryDate() throws {
        try seed("alice", count: 3)
        let imapBox = workDir.appendingPathComponent("imap.mbox").path
        let imap = ToolProcess.tool("imap-fetch", credentials("alice") + ["--mbox", imapBox, imaps + "/INBOX"])
        XCTAssertEqual(imap.status, 0, imap.stderr)
        // Tests of other runs may seed alice too: theirs must look the same.
        let lines = try fromLines(imapBox)
        XCTAssertEqual(lines.filter { $0.hasPrefix("sender") && !$0.hasSuffix(" DATE") }, [])
        XCTAssertEqual(
            Set(lines).intersection(["sender1", "sender2", "sender3"].map { "\($0)@example.test DATE" }).count, 3,
            "\(lines)")

        try seed("weird", count: 2)
        let popBox = workDir.appendingPathComponent("pop.mbox").path
        let before = Int(Date().timeIntervalSince1970)
        let pop = ToolProcess.tool("pop3-retrieve", credentials("weird") + ["--mbox", popBox, pop3s + "/"])
        let after = Int(Date().timeIntervalSince1970)
        XCTAssertEqual(pop.status, 0, pop.stderr)
        let popLines = try fromLines(popBox, retrievedBetween: (before, after))
        XCTAssertEqual(popLines.filter { !$0.hasSuffix(" RETRIEVED") }, [], "dated when retrieved")
        XCTAssertTrue(popLines.contains("sender1@example.test RETRIEVED"), "\(popLines)")
        XCTAssertTrue(popLines.contains("sender2@example.test RETRIEVED"), "\(popLines)")
    }

    /// Each message's `From ` line as "SENDER DATE" when its date is the message's Date header,
    /// "SENDER RETRIEVED" when it lies in the given interval, else as read (Python's mailbox).
    private func fromLines(_ path: String, retrievedBetween interval: (Int, Int)? = nil) throws -> [String] {
        let script = """
            import calendar, email.utils, mailbox, sys, time
            low, high = int(sys.argv[2]), int(sys.argv[3])
            for m in mailbox.mbox(sys.argv[1], create=False):
                sender, date = m.get_from().split(" ", 1)
                when = calendar.timegm(time.strptime(date, "%a %b %d %H:%M:%S %Y"))
                if low <= when <= high:
                    print(sender, "RETRIEVED")
                elif when == int(email.utils.parsedate_to_datetime(m["Date"]).timestamp()):
                    print(sender, "DATE")
                else:
                    print(m.get_from())
            """
        let (low, high) = interval ?? (0, 0)
        let r = ToolProcess.run("/usr/bin/env", ["python3", "-c", script, path, String(low), String(high)])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\n").map(String.init)
    }
}
