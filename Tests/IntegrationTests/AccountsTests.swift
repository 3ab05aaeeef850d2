import Foundation
import XCTest

/// The shared config file with accounts (mailtls-config(5)) against the real servers:
/// `passwordeval` logs in to Dovecot and Postfix, the command line overrides the file, a file
/// with a password that others may read is refused, a curl `-K` file works for http-get, and
/// no password reaches a trace or a message.
final class AccountsTests: XCTestCase {
    private var directory: URL!
    private var imaps: String { "imaps://localhost:\(TestServers.port("DOVECOT_IMAPS_PORT"))/" }
    private var submission: String { "smtp://localhost:\(TestServers.port("POSTFIX_SUBMISSION_PORT"))" }
    /// Printed on stderr by the accounts' password commands: proves that they ran (or not).
    private let marker = "passwordeval-ran"

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-accounts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// Writes a config file with `mode`; returns its path.
    private func config(_ text: String, mode: Int = 0o600, name: String = "config") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// A password command printing `user`'s password through a file, so the password itself
    /// is in no command line either.
    private func passwordCommand(for user: String) throws -> String {
        let file = directory.appendingPathComponent("\(user).pass")
        try Data((Mailboxes.password(user) + "\nsecond line\n").utf8).write(to: file)
        return "echo \(marker) >&2; cat '\(file.path)'"
    }

    /// The accounts every test uses: shared defaults, an IMAP and an SMTP account, bob's
    /// password from `passwordeval`.
    private func accounts() throws -> String {
        """
        # Defaults for every account.
        cacert = "\(TestServers.caFile)"
        tls-min 1.2

        account bob
        user bob
        passwordeval \(try passwordCommand(for: "bob"))

        account bob-imap : bob
        url \(imaps)

        account bob-smtp : bob
        url \(submission)
        ssl-reqd
        mail-from bob@mailtls.test
        maildir /nonexistent/only/for/imap-fetch

        default bob-imap
        """
    }

    func testPasswordevalLogsInToDovecotThroughTheDefaultAccount() throws {
        let path = try config(try accounts())
        let r = ToolProcess.tool("imap-fetch", ["-K", path, "-v"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("INBOX"), "the default account's URL lists the mailboxes: \(r.stdout)")
        XCTAssertTrue(r.stderr.contains(marker), "the command's stderr passes through")
        XCTAssertTrue(r.stderr.contains("> A001 AUTHENTICATE "), r.stderr)
        XCTAssertFalse(r.stderr.contains(Mailboxes.password("bob")), "the password reached the trace")
        XCTAssertFalse(r.stdout.contains(Mailboxes.password("bob")))

        // A password on the command line: passwordeval does not run.
        let given = ToolProcess.tool("imap-fetch", ["-K", path, "-u", "bob:" + Mailboxes.password("bob")])
        XCTAssertEqual(given.status, 0, given.stderr)
        XCTAssertFalse(given.stderr.contains(marker), given.stderr)
    }

    func testPasswordevalSendsThroughPostfixAndOtherToolsKeysAreIgnored() throws {
        let path = try config(try accounts())
        let token = Mailboxes.token("accounts")
        let message = Data("From: bob@mailtls.test\r\nTo: bob@mailtls.test\r\nSubject: \(token)\r\n\r\nHi.\r\n".utf8)
        let r = ToolProcess.tool(
            "smtp-send", ["--config", path, "--account", "bob-smtp", "--mail-rcpt", "bob@mailtls.test", "-v"],
            stdin: message)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("250 "), r.stdout)
        XCTAssertTrue(r.stderr.contains("> STARTTLS"), "ssl-reqd from the account: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("> MAIL FROM:<bob@mailtls.test>"), r.stderr)
        XCTAssertFalse(r.stderr.contains(Mailboxes.password("bob")), "the password reached the trace")
        XCTAssertNotNil(Mailboxes.waitForMessage(to: "bob", containing: token))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/nonexistent/only"), "maildir is imap-fetch's key")
    }

    func testTheCommandLineOverridesTheFile() throws {
        let path = try config(
            """
            cacert \(TestServers.caFile)
            account wrong
            url \(imaps)
            user bob:wrong-password
            default wrong
            """)
        let denied = ToolProcess.tool("imap-fetch", ["-K", path])
        XCTAssertEqual(denied.status, 67, denied.stderr)
        XCTAssertFalse(denied.stderr.contains("wrong-password"), denied.stderr)
        let overridden = ToolProcess.tool("imap-fetch", ["-K", path, "-u", "bob:" + Mailboxes.password("bob")])
        XCTAssertEqual(overridden.status, 0, overridden.stderr)
        let url = ToolProcess.tool(
            "imap-fetch", ["-K", path, "-u", "bob:" + Mailboxes.password("bob"), imaps + "INBOX?ALL"])
        XCTAssertEqual(url.status, 0, url.stderr)
        XCTAssertTrue(url.stdout.hasPrefix("* SEARCH"), "the command line's URL replaces the account's: \(url.stdout)")
    }

    func testAFileWithAPasswordThatOthersMayReadIsRefused() throws {
        let path = try config("account a\nurl \(imaps)\nuser bob:\(Mailboxes.password("bob"))\ndefault a", mode: 0o644)
        let r = ToolProcess.tool("imap-fetch", ["-K", path, "-v"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertEqual(
            r.stderr,
            "imap-fetch: (2) config file \(path) holds a password and other users have access to it: run chmod 600 \(path)\n"
                + "imap-fetch: try 'imap-fetch --help' for more information\n")
        let netrc = try config("machine localhost login bob password x", mode: 0o644, name: "netrc")
        let n = ToolProcess.tool("imap-fetch", ["--cacert", TestServers.caFile, "--netrc-file", netrc, imaps])
        XCTAssertEqual(n.status, 2, n.stderr)
        XCTAssertTrue(n.stderr.contains("netrc file \(netrc) holds a password") && n.stderr.contains("chmod 600"))
    }

    func testPasswordevalFailuresAndBadFiles() throws {
        let failing = try config("passwordeval echo s3cret-out; echo s3cret-err >&2; exit 3\nuser bob\n")
        let r = ToolProcess.tool("imap-fetch", ["-K", failing, "--cacert", TestServers.caFile, imaps])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("imap-fetch: (2) passwordeval: the command exited with status 3"), r.stderr)
        XCTAssertFalse(r.stderr.contains("s3cret-out"), "the command's output is never shown")
        let unknown = try config("user bob\n\nbogus-key 1\n", name: "unknown")
        let u = ToolProcess.tool("smtp-send", ["-K", unknown, submission])
        XCTAssertEqual(u.status, 2)
        XCTAssertTrue(u.stderr.hasPrefix("smtp-send: (2) \(unknown):3: unknown option 'bogus-key'\n"), u.stderr)
        let missing = ToolProcess.tool("smtp-send", ["-K", directory.appendingPathComponent("none").path, submission])
        XCTAssertEqual(missing.status, 26, missing.stderr)
    }

    func testCurlStyleConfigFileForHTTPGet() throws {
        let https = "https://localhost:\(TestServers.port("HTTPS_PORT"))"
        let path = try config(
            """
            # A curl -K file: no accounts.
            --url "\(https)/auth/hello.txt"
            cacert = "\(TestServers.caFile)"
            --silent
            user: mailtls
            passwordeval = "printf 'secret\\\\n'"
            """, mode: 0o644)
        let r = ToolProcess.tool("http-get", ["-K", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "hello from mailtls testservers\n")
        // -K - reads the file from standard input.
        let stdin = ToolProcess.tool(
            "http-get", ["-K", "-", "-u", "mailtls:secret"],
            stdin: Data("url \(https)/auth/hello.txt\ncacert \(TestServers.caFile)\n".utf8))
        XCTAssertEqual(stdin.status, 0, stdin.stderr)
        XCTAssertEqual(stdin.stdout, "hello from mailtls testservers\n")
    }
}
