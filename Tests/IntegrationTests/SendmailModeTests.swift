import Foundation
import XCTest

/// smtp-send answering as `sendmail` (through a symbolic link of that name) against the real
/// Postfix: sendmail's options, sysexits codes, and nothing queued on a permanent refusal.
final class SendmailModeTests: XCTestCase {
    private var directory: URL!
    private var sendmail: String { directory.appendingPathComponent("sendmail").path }

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-sendmail-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: sendmail,
            withDestinationPath: ToolProcess.productsDirectory.appendingPathComponent("smtp-send").path)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private var submission: [String] {
        [
            "--cacert", TestServers.caFile, "--user", "alice:" + Mailboxes.password("alice"),
            "smtp://localhost:\(TestServers.port("POSTFIX_SUBMISSION_PORT"))",
        ]
    }

    private func run(_ arguments: [String], _ message: String) -> ToolProcess.Result {
        ToolProcess.run(sendmail, arguments, environment: ToolProcess.cleanEnvironment(), stdin: Data(message.utf8))
    }

    func testDashTDashIDeliversToToCcAndBccWithoutDisclosingBcc() throws {
        let token = Mailboxes.token("sendmail-t")
        // bob@example.test is bob's second address (same INBOX): two copies, neither showing the Bcc.
        let message =
            "From: alice@mailtls.test\nTo: bob@mailtls.test\nBcc: bob@example.test\nSubject: \(token)\n\n"
            + ".a line that starts with a dot\n.\nend\n"
        let r = run(submission + ["-t", "-i"], message)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "", "a TLS session gives no warning")
        let bob = String(decoding: try XCTUnwrap(Mailboxes.waitForMessage(to: "bob", containing: token)), as: UTF8.self)
        XCTAssertTrue(bob.hasSuffix("\n\n.a line that starts with a dot\n.\nend\n"), bob)
        XCTAssertFalse(bob.contains("Bcc:"), bob)
        XCTAssertTrue(bob.contains("(using TLSv1.3"), bob)
        XCTAssertEqual(Mailboxes.copies(to: "bob", containing: token, atLeast: 2), 2, "To and Bcc each got it")
    }

    /// A cron line names no server: the default account of the config file (under HOME) says
    /// where and as whom; `--config FILE --account NAME` before sendmail's options pick another.
    func testTheDefaultAccountOrTheNamedOneIsUsed() throws {
        let home = directory.appendingPathComponent("home")
        let config = home.appendingPathComponent(".config/mailtls/config")
        try FileManager.default.createDirectory(
            at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = """
            cacert \(TestServers.caFile)
            account alice
            url smtp://localhost:\(TestServers.port("POSTFIX_SUBMISSION_PORT"))
            user alice
            passwordeval printf '%s\\n' '\(Mailboxes.password("alice"))'
            account nowhere
            url smtp://localhost:\(try ForwardingProxy.unusedPort())
            default alice
            """
        try Data(text.utf8).write(to: config)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)
        var environment = ToolProcess.cleanEnvironment(["HOME": home.path])
        environment["XDG_CONFIG_HOME"] = nil
        let token = Mailboxes.token("sendmail-account")
        let message = Data("From: alice@mailtls.test\nTo: bob@mailtls.test\nSubject: \(token)\n\nx\n".utf8)
        let r = ToolProcess.run(sendmail, ["-t", "-i"], environment: environment, stdin: message)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "", "sendmail says nothing on success")
        XCTAssertNotNil(Mailboxes.waitForMessage(to: "bob", containing: token))
        let named = ToolProcess.run(
            sendmail, ["--config", config.path, "--account", "nowhere", "-t", "-i"], environment: environment,
            stdin: message)
        XCTAssertEqual(named.status, 75, "the named account's server is down: try later. \(named.stderr)")
    }

    func testDashOiDashFWithRecipientArgumentAddsTheMissingFrom() throws {
        let token = Mailboxes.token("sendmail-f")
        let r = run(
            submission + ["-oi", "-f", "alice@mailtls.test", "-F", "Alice Example", "bob@mailtls.test"],
            "Subject: \(token)\n\nbody\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let bob = String(decoding: try XCTUnwrap(Mailboxes.waitForMessage(to: "bob", containing: token)), as: UTF8.self)
        XCTAssertTrue(bob.contains("\nFrom: \"Alice Example\" <alice@mailtls.test>\n"), bob)
        XCTAssertTrue(bob.contains("Return-Path: <alice@mailtls.test>"), bob)
    }

    func testPermanentRefusalExits69AndQueuesNothing() throws {
        let queue = directory.appendingPathComponent("queue").path
        let r = run(
            ["--queue", queue] + submission + ["-f", "alice@mailtls.test", "someone@elsewhere.example"],
            "Subject: x\n\nbody\n")
        XCTAssertEqual(r.status, 69, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("sendmail: (69) RCPT failed: 554 5.7.1"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: queue + "/new"), [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: queue + "/tmp"), [])
    }

    func testTemporaryFailureWithoutQueueIs75() throws {
        let port = try ForwardingProxy.unusedPort()
        let r = run(["smtp://localhost:\(port)", "-f", "alice@mailtls.test", "bob@mailtls.test"], "Subject: x\n\nx\n")
        XCTAssertEqual(r.status, 75, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("sendmail: (75) Failed to connect to localhost port \(port)"), r.stderr)
    }

    func testUsageAndConfigurationStatuses() {
        let bs = run(["-bs"], "")
        XCTAssertEqual(bs.status, 64, bs.stderr)
        XCTAssertTrue(bs.stderr.contains("-bs is not supported"), bs.stderr)
        let noServer = run(["-t"], "To: bob@mailtls.test\n\nx\n")
        XCTAssertEqual(noServer.status, 78, noServer.stderr)
        XCTAssertTrue(noServer.stderr.hasPrefix("sendmail: (78) no server to send to"), noServer.stderr)
        let wrongPassword = run(
            [
                "--cacert", TestServers.caFile, "--user", "alice:wrong",
                "smtp://localhost:\(TestServers.port("POSTFIX_SUBMISSION_PORT"))", "bob@mailtls.test",
            ], "From: alice@mailtls.test\n\nx\n")
        XCTAssertEqual(wrongPassword.status, 77, wrongPassword.stderr)
        // The same failures keep curl's codes when smtp-send is not in sendmail mode.
        let curl = ToolProcess.tool("smtp-send", ["-bs"])
        XCTAssertEqual(curl.status, 2, curl.stderr)
    }

    func testPlaintextSessionWarnsEvenWithoutVerbose() throws {
        let token = Mailboxes.token("sendmail-plain")
        let r = run(
            [
                "smtp://localhost:\(TestServers.port("POSTFIX_SMTP_NOTLS_PORT"))", "-f", "alice@mailtls.test",
                "bob@mailtls.test",
            ],
            "Subject: \(token)\n\nx\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            r.stderr,
            "sendmail: warning: localhost does not offer STARTTLS; continuing WITHOUT TLS "
                + "(--ssl-reqd refuses this, --no-ssl asks for it)\n")
        XCTAssertNotNil(Mailboxes.waitForMessage(to: "bob", containing: token))
    }

    func testPartialDeliveryIsNeverSilent() throws {
        let token = Mailboxes.token("allowfails")
        let args = [
            "--mail-rcpt-allowfails", "--mail-from", "alice@mailtls.test", "--mail-rcpt", "bob@mailtls.test",
            "--mail-rcpt", "nobody@elsewhere.example",
        ]
        let curlMode = ToolProcess.tool(
            "smtp-send", args + submission, stdin: Data("Subject: \(token)-1\n\nx\n".utf8))
        XCTAssertEqual(curlMode.status, 0, curlMode.stderr)
        XCTAssertEqual(
            curlMode.stderr,
            "smtp-send: warning: recipient <nobody@elsewhere.example> refused, not sent to it: "
                + "554 5.7.1 <nobody@elsewhere.example>: Relay access denied\n")
        XCTAssertNotNil(Mailboxes.waitForMessage(to: "bob", containing: token + "-1"))
        let sendmailMode = run(
            ["--mail-rcpt-allowfails"] + submission + [
                "-f", "alice@mailtls.test", "bob@mailtls.test", "nobody@elsewhere.example",
            ],
            "Subject: \(token)-2\n\nx\n")
        XCTAssertEqual(sendmailMode.status, 69, sendmailMode.stderr)
        XCTAssertTrue(sendmailMode.stderr.contains("sendmail: warning: recipient <nobody@elsewhere.example> refused"))
        XCTAssertTrue(sendmailMode.stderr.contains("sendmail: (69) 1 of 2 recipients refused"), sendmailMode.stderr)
        XCTAssertNotNil(Mailboxes.waitForMessage(to: "bob", containing: token + "-2"))
    }
}
