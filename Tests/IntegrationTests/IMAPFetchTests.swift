import Foundation
import XCTest

/// imap-fetch against the real Dovecot of testservers/: curl's URL forms, and the mailbox pull
/// into Maildir and mbox, read back with Python's `mailbox` module.
final class IMAPFetchTests: XCTestCase {
    private let user = "alice"
    private var password: String { Mailboxes.password(user) }
    private var imaps: String { "imaps://localhost:\(TestServers.port("DOVECOT_IMAPS_PORT"))" }
    private var imap: String { "imap://localhost:\(TestServers.port("DOVECOT_IMAP_PORT"))" }
    private var workDir: URL!

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-imap-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        try seed(clear: true, count: 0)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: workDir)
    }

    private func seed(clear: Bool = false, count: Int, size: String = "2k", mailbox: String? = nil) throws {
        let script = TestServers.packageRoot.appendingPathComponent("testservers/seed-mailbox").path
        if clear {
            let r = ToolProcess.run(script, ["--clear", user], timeout: 60)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        if count > 0 {
            let r = ToolProcess.run(script, [user, String(count), size] + (mailbox.map { [$0] } ?? []), timeout: 120)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
    }

    private func fetch(_ args: [String], url: String? = nil) -> ToolProcess.Result {
        ToolProcess.tool(
            "imap-fetch",
            ["--cacert", TestServers.caFile, "-u", "\(user):\(password)"] + args + [url ?? imaps + "/INBOX"],
            timeout: 300)
    }

    /// The messages Python's mailbox module reads from a Maildir or mbox: (subject, body length) pairs.
    private func readBack(_ kind: String, _ path: String) throws -> [String] {
        let script = """
            import mailbox, sys
            box = mailbox.Maildir(sys.argv[2], create=False) if sys.argv[1] == "maildir" else mailbox.mbox(sys.argv[2], create=False)
            rows = sorted("%s %d" % (m["Message-ID"], len(m.get_payload() if not m.is_multipart() else "")) for m in box)
            print("\\n".join(rows))
            """
        let r = ToolProcess.run("/usr/bin/env", ["python3", "-c", script, kind, path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\n").map(String.init)
    }

    private func maildirCount(_ path: URL) -> Int {
        ["new", "cur"].reduce(0) {
            $0
                + ((try? FileManager.default.contentsOfDirectory(atPath: path.appendingPathComponent($1).path))?.count
                    ?? 0)
        }
    }

    // MARK: curl's URL forms

    func testListFetchSearchAndCustomCommand() throws {
        try seed(count: 3)
        let list = fetch([], url: imaps + "/")
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("* LIST (") && list.stdout.contains("INBOX"), list.stdout)

        let byUID = fetch([], url: imaps + "/INBOX/;UID=2")
        XCTAssertEqual(byUID.status, 0, byUID.stderr)
        XCTAssertTrue(byUID.stdout.contains("Message-ID:"), byUID.stdout)
        let byIndex = fetch([], url: imaps + "/INBOX/;MAILINDEX=2")
        XCTAssertEqual(byIndex.stdout, byUID.stdout)
        let header = fetch([], url: imaps + "/INBOX/;UID=2/;SECTION=HEADER")
        XCTAssertTrue(header.stdout.hasSuffix("\r\n\r\n"), "only the header: \(header.stdout)")
        let partial = fetch([], url: imaps + "/INBOX/;UID=2/;PARTIAL=0.10")
        XCTAssertEqual(partial.stdout.utf8.count, 10)

        let search = fetch([], url: imaps + "/INBOX?ALL")
        XCTAssertEqual(search.status, 0, search.stderr)
        XCTAssertTrue(search.stdout.hasPrefix("* SEARCH 1 2 3"), search.stdout)
        let custom = fetch(["-X", "STATUS INBOX (MESSAGES)"], url: imaps + "/")
        XCTAssertTrue(custom.stdout.contains("MESSAGES 3"), custom.stdout)

        XCTAssertEqual(fetch([], url: imaps + "/INBOX/;UID=999").status, 78, "no such message")
        XCTAssertEqual(fetch([], url: imaps + "/Nonexistent/;UID=1").status, 78, "no such mailbox")
        XCTAssertEqual(fetch([], url: imaps + "/INBOX;UIDVALIDITY=1/;UID=1").status, 78, "UIDVALIDITY changed")
    }

    func testOutputFileAppearsOnlyWhenComplete() throws {
        try seed(count: 1)
        let target = workDir.appendingPathComponent("message.eml")
        let r = fetch(["-o", target.path], url: imaps + "/INBOX/;UID=1")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try String(contentsOf: target, encoding: .utf8).contains("Message-ID:"))
        let missing = workDir.appendingPathComponent("missing.eml")
        XCTAssertEqual(fetch(["-o", missing.path], url: imaps + "/INBOX/;UID=42").status, 78)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path))
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: workDir.path).filter { $0.contains("part") }, [])
    }

    func testSTARTTLSAndEverySASLMechanism() throws {
        for mechanism in ["PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"] {
            let r = fetch(["-v", "--ssl-reqd", "--login-options", "AUTH=\(mechanism)"], url: imap + "/")
            XCTAssertEqual(r.status, 0, "\(mechanism): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("AUTHENTICATE \(mechanism)"), r.stderr)
            XCTAssertFalse(r.stderr.contains(password), "password in the trace")
        }
        let log = try String(
            contentsOf: TestServers.runDirectory.appendingPathComponent("dovecot/logs/dovecot.log"), encoding: .utf8)
        let port = TestServers.port("DOVECOT_IMAP_PORT")
        let lastLogin =
            log.split(separator: "\n").last { $0.contains("Login: user=<\(user)>") && $0.contains("lport=\(port)") }
            ?? ""
        XCTAssertTrue(lastLogin.contains("TLS"), "Dovecot saw the login over TLS: \(lastLogin)")
        XCTAssertEqual(
            fetch(["--ssl-reqd"], url: "imap://localhost:\(TestServers.port("DOVECOT_IMAP_NOTLS_PORT"))/").status, 64)
        XCTAssertEqual(
            fetch([], url: "imap://localhost:\(TestServers.port("DOVECOT_IMAP_NOTLS_PORT"))/").status, 64,
            "no plaintext credentials without --no-ssl")
        XCTAssertEqual(
            fetch(["--no-ssl"], url: "imap://localhost:\(TestServers.port("DOVECOT_IMAP_NOTLS_PORT"))/").status, 0)
        let wrong = ToolProcess.tool(
            "imap-fetch", ["--cacert", TestServers.caFile, "-u", "\(user):wrong", imaps + "/"])
        XCTAssertEqual(wrong.status, 67, wrong.stderr)
    }

    // MARK: Pull

    func testPullRepullAndNewMail() throws {
        try seed(count: 20)
        let maildir = workDir.appendingPathComponent("Maildir")
        let first = fetch(["--maildir", maildir.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(maildirCount(maildir), 20)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("tmp").path), [])

        let again = fetch(["--maildir", maildir.path, "-v"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(again.stderr.contains("UID FETCH"), "nothing new, nothing fetched: \(again.stderr)")
        XCTAssertEqual(maildirCount(maildir), 20)

        try seed(count: 5)
        XCTAssertEqual(fetch(["--maildir", maildir.path]).status, 0)
        XCTAssertEqual(maildirCount(maildir), 25)
        let rows = try readBack("maildir", maildir.path)
        XCTAssertEqual(rows.count, 25)
        XCTAssertEqual(Set(rows).count, 25, "no duplicates")
        // Byte for byte what the server holds (Dovecot stores LF line endings, as we do).
        XCTAssertEqual(try contents(of: maildir), try contents(of: Mailboxes.maildir(user)))
    }

    /// Every message file's bytes in a Maildir (new/ and cur/), as a multiset.
    private func contents(of maildir: URL) throws -> [Data] {
        try ["new", "cur"].flatMap { folder -> [Data] in
            let dir = maildir.appendingPathComponent(folder)
            return try FileManager.default.contentsOfDirectory(atPath: dir.path).map {
                try Data(contentsOf: dir.appendingPathComponent($0))
            }
        }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    func testClientCertificatePortAndAwkwardPassword() {
        let url = "imaps://localhost:\(TestServers.port("DOVECOT_IMAPS_CLIENTCERT_PORT"))/"
        let withCert = fetch(
            ["--cert", TestServers.certificate("client.pem"), "--key", TestServers.certificate("client-key.pem")],
            url: url)
        XCTAssertEqual(withCert.status, 0, withCert.stderr)
        XCTAssertEqual(fetch([], url: url).status, 67, "login refused without a client certificate")
        let weird = ToolProcess.tool(
            "imap-fetch", ["--cacert", TestServers.caFile, "-u", "weird:" + Mailboxes.password("weird"), imaps + "/"])
        XCTAssertEqual(weird.status, 0, weird.stderr)
        let login = ToolProcess.tool(
            "imap-fetch",
            [
                "--cacert", TestServers.caFile, "-u", "weird:" + Mailboxes.password("weird"),
                "--login-options", "AUTH=PLAIN", imaps + "/",
            ])
        XCTAssertEqual(login.status, 0, login.stderr)
    }

    func testServerFlagsBecomeMaildirInfo() throws {
        try seed(count: 2)
        XCTAssertEqual(fetch(["-X", "STORE 1 +FLAGS (\\Seen \\Flagged)"], url: imaps + "/INBOX").status, 0)
        let maildir = workDir.appendingPathComponent("Maildir")
        XCTAssertEqual(fetch(["--maildir", maildir.path]).status, 0)
        let cur = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("cur").path)
        XCTAssertEqual(cur.count, 1, "\(cur)")
        XCTAssertTrue(cur.first?.hasSuffix(":2,FS") == true, "\(cur)")
    }

    func testDeleteOnlyWhatIsSaved() throws {
        try seed(count: 10)
        let maildir = workDir.appendingPathComponent("Maildir")
        let r = fetch(["--maildir", maildir.path, "--delete"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(maildirCount(maildir), 10)
        let search = fetch([], url: imaps + "/INBOX?ALL")
        XCTAssertEqual(search.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "* SEARCH", "server empty")
    }

    func testUIDValidityChangeNeitherDuplicatesNorLoses() throws {
        try seed(count: 5)
        let maildir = workDir.appendingPathComponent("Maildir")
        XCTAssertEqual(fetch(["--maildir", maildir.path]).status, 0)
        // --clear gives INBOX a new UIDVALIDITY; the same five messages come back with new UIDs,
        // plus three new ones.
        let messages = TestServers.runDirectory.appendingPathComponent("mail/\(user)/Maildir/new")
        let saved = try FileManager.default.contentsOfDirectory(atPath: messages.path).map {
            try Data(contentsOf: messages.appendingPathComponent($0))
        }
        try seed(clear: true, count: 0)
        // Deliver the same five messages again (as after a server migration), plus three new ones.
        for body in saved {
            let r = ToolProcess.tool(
                "smtp-send",
                [
                    "--cacert", TestServers.caFile, "-u", "\(user):\(password)", "--mail-from", "\(user)@mailtls.test",
                    "--mail-rcpt", "\(user)@mailtls.test",
                    "smtp://localhost:\(TestServers.port("POSTFIX_SUBMISSION_PORT"))",
                ],
                stdin: body)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        try seed(count: 3)
        var waited = 0
        while waited < 100, (try? FileManager.default.contentsOfDirectory(atPath: messages.path).count) ?? 0 < 8 {
            usleep(100_000)
            waited += 1
        }
        let r = fetch(["--maildir", maildir.path, "-v"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("UIDVALIDITY of INBOX changed"), r.stderr)
        XCTAssertEqual(maildirCount(maildir), 8, "5 kept, 3 new, none twice")
    }

    func testAllMailboxesIntoMaildirPlusPlus() throws {
        try seed(count: 2)
        try seed(count: 3, mailbox: "Archive")
        let maildir = workDir.appendingPathComponent("Maildir")
        let r = fetch(["--maildir", maildir.path, "--all-mailboxes"], url: imaps + "/")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(maildirCount(maildir), 2)
        XCTAssertEqual(maildirCount(maildir.appendingPathComponent(".Archive")), 3)
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: maildir.appendingPathComponent(".Archive/maildirfolder").path))
    }

    /// A watermark of one mailbox is never applied to another (UIDVALIDITY values can be equal):
    /// with --delete that would expunge messages never saved.
    func testADestinationBelongsToOneMailbox() throws {
        try seed(count: 2)
        try seed(count: 3, mailbox: "Archive")
        let maildir = workDir.appendingPathComponent("Maildir")
        XCTAssertEqual(fetch(["--maildir", maildir.path]).status, 0)
        let other = fetch(["--maildir", maildir.path, "--delete"], url: imaps + "/Archive")
        XCTAssertEqual(other.status, 23, other.stderr)
        XCTAssertTrue(other.stderr.contains("holds the mailbox INBOX"), other.stderr)
        let archive = fetch([], url: imaps + "/Archive?ALL")
        XCTAssertTrue(archive.stdout.hasPrefix("* SEARCH 1 2 3"), "nothing deleted: \(archive.stdout)")
    }

    func testMbox() throws {
        try seed(count: 4)
        let mbox = workDir.appendingPathComponent("inbox.mbox")
        XCTAssertEqual(fetch(["--mbox", mbox.path]).status, 0)
        XCTAssertEqual(fetch(["--mbox", mbox.path]).status, 0)
        try seed(count: 1)
        XCTAssertEqual(fetch(["--mbox", mbox.path]).status, 0)
        let rows = try readBack("mbox", mbox.path)
        XCTAssertEqual(rows.count, 5)
        XCTAssertEqual(Set(rows).count, 5)
    }

    func testLargeMessageStreamsInBoundedMemory() throws {
        try seed(count: 1, size: "50m")
        let maildir = workDir.appendingPathComponent("Maildir")
        let r = ToolProcess.run(
            "/usr/bin/env",
            [
                "time", "-f", "maxrss=%M", ToolProcess.productsDirectory.appendingPathComponent("imap-fetch").path,
                "--cacert", TestServers.caFile, "-u", "\(user):\(password)", "--maildir", maildir.path,
                imaps + "/INBOX",
            ],
            environment: ToolProcess.cleanEnvironment(), timeout: 300)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(maildirCount(maildir), 1)
        if let kib = Int(
            r.stderr.components(separatedBy: "maxrss=").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        {
            XCTAssertLessThan(kib, 30 * 1024, "peak RSS \(kib) KiB for a 50 MiB message")
        }
    }

    /// A pull killed with SIGKILL mid-way loses nothing and duplicates nothing: the next run
    /// completes it, and tmp/ is cleaned.
    func testKilledPullResumes() throws {
        try seed(count: 3000, size: "10k")
        let maildir = workDir.appendingPathComponent("Maildir")
        let process = Process()
        process.executableURL = ToolProcess.productsDirectory.appendingPathComponent("imap-fetch")
        process.arguments = [
            "-s", "--cacert", TestServers.caFile, "-u", "\(user):\(password)", "--maildir", maildir.path,
            imaps + "/INBOX",
        ]
        process.environment = ToolProcess.cleanEnvironment()
        try process.run()
        // Kill it once some messages are on disk.
        var waited = 0
        while waited < 200,
            maildirCount(maildir)
                + ((try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("tmp").path)
                    .count) ?? 0) < 200
        {
            usleep(10_000)
            waited += 1
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let afterKill = maildirCount(maildir)
        XCTAssertLessThan(afterKill, 3000, "killed before the end")
        let r = fetch(["--maildir", maildir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(maildirCount(maildir), 3000, "no loss, no duplicate")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("tmp").path), [])
        XCTAssertEqual(Set(try readBack("maildir", maildir.path)).count, 3000)
    }
}
