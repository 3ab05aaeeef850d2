import Foundation
import XCTest

/// pop3-retrieve against the real Dovecot POP3 of testservers/.
final class POP3RetrieveTests: XCTestCase {
    private let user = "weird"
    private var password: String { Mailboxes.password(user) }
    private var pop3s: String { "pop3s://localhost:\(TestServers.port("DOVECOT_POP3S_PORT"))" }
    private var pop3: String { "pop3://localhost:\(TestServers.port("DOVECOT_POP3_PORT"))" }
    private var workDir: URL!

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-pop3-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        try seed(clear: true, count: 0)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    private func seed(clear: Bool = false, count: Int, size: String = "2k") throws {
        let script = TestServers.packageRoot.appendingPathComponent("testservers/seed-mailbox").path
        if clear { XCTAssertEqual(ToolProcess.run(script, ["--clear", user], timeout: 60).status, 0) }
        if count > 0 { XCTAssertEqual(ToolProcess.run(script, [user, String(count), size], timeout: 120).status, 0) }
    }

    private func retrieve(_ args: [String], url: String? = nil) -> ToolProcess.Result {
        ToolProcess.tool(
            "pop3-retrieve",
            ["--cacert", TestServers.caFile, "-u", "\(user):\(password)"] + args + [url ?? pop3s + "/"],
            timeout: 300)
    }

    private func count(_ maildir: URL) -> Int {
        ["new", "cur"].reduce(0) {
            $0
                + ((try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent($1).path))?
                    .count ?? 0)
        }
    }

    func testURLFormsAndCustomCommands() throws {
        try seed(count: 3)
        let list = retrieve([])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(list.stdout.split(whereSeparator: \.isNewline).count, 3, list.stdout)
        let message = retrieve([], url: pop3s + "/2")
        XCTAssertEqual(message.status, 0, message.stderr)
        XCTAssertTrue(message.stdout.contains("Message-ID:"), message.stdout)
        let uidl = retrieve(["-X", "UIDL"])
        XCTAssertEqual(uidl.stdout.split(whereSeparator: \.isNewline).count, 3, uidl.stdout)
        let top = retrieve(["-X", "TOP 1 0"])
        XCTAssertTrue(top.stdout.contains("Subject:"), top.stdout)
        XCTAssertEqual(retrieve([], url: pop3s + "/99").status, 8)
        let file = workDir.appendingPathComponent("m.eml")
        XCTAssertEqual(retrieve(["-o", file.path], url: pop3s + "/1").status, 0)
        XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).contains("Message-ID:"))
    }

    func testSTLSAndEverySASLMechanism() {
        for mechanism in ["PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"] {
            let r = retrieve(["-v", "--ssl-reqd", "--login-options", "AUTH=\(mechanism)"], url: pop3 + "/")
            XCTAssertEqual(r.status, 0, "\(mechanism): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("> AUTH \(mechanism)"), r.stderr)
            XCTAssertFalse(r.stderr.contains(password))
        }
        let plain = "pop3://localhost:\(TestServers.port("DOVECOT_POP3_NOTLS_PORT"))/"
        XCTAssertEqual(retrieve(["--ssl-reqd"], url: plain).status, 64)
        XCTAssertEqual(retrieve([], url: plain).status, 64, "no plaintext credentials without --no-ssl")
        XCTAssertEqual(retrieve(["--no-ssl"], url: plain).status, 0)
        let wrong = ToolProcess.tool(
            "pop3-retrieve", ["--cacert", TestServers.caFile, "-u", "\(user):wrong", pop3s + "/"])
        XCTAssertEqual(wrong.status, 67, wrong.stderr)
    }

    func testClientCertificatePort() {
        let url = "pop3s://localhost:\(TestServers.port("DOVECOT_POP3S_CLIENTCERT_PORT"))/"
        let withCert = retrieve(
            ["--cert", TestServers.certificate("client.pem"), "--key", TestServers.certificate("client-key.pem")],
            url: url)
        XCTAssertEqual(withCert.status, 0, withCert.stderr)
        XCTAssertEqual(retrieve([], url: url).status, 67, "login refused without a client certificate")
    }

    func testRetrieveRetrieveAgainAndDelete() throws {
        try seed(count: 30)
        let maildir = workDir.appendingPathComponent("Maildir")
        XCTAssertEqual(retrieve(["--maildir", maildir.path]).status, 0)
        XCTAssertEqual(count(maildir), 30)
        let again = retrieve(["--maildir", maildir.path, "-v"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(again.stderr.contains("> RETR"), "nothing new: \(again.stderr)")
        try seed(count: 5)
        XCTAssertEqual(retrieve(["--maildir", maildir.path, "--delete"]).status, 0)
        XCTAssertEqual(count(maildir), 35)
        XCTAssertEqual(retrieve([]).stdout, "", "server empty after --delete")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("tmp").path), [])
    }

    func testMbox() throws {
        try seed(count: 4)
        let mbox = workDir.appendingPathComponent("box.mbox")
        XCTAssertEqual(retrieve(["--mbox", mbox.path]).status, 0)
        XCTAssertEqual(retrieve(["--mbox", mbox.path]).status, 0)
        let text = try String(contentsOf: mbox, encoding: .utf8)
        XCTAssertEqual(
            text.components(separatedBy: "\nFrom ").count + (text.hasPrefix("From ") ? 0 : -1), 4,
            "4 messages, once each")
    }

    func testKilledRetrievalResumes() throws {
        try seed(count: 3000, size: "10k")
        let maildir = workDir.appendingPathComponent("Maildir")
        let process = Process()
        process.executableURL = ToolProcess.productsDirectory.appendingPathComponent("pop3-retrieve")
        process.arguments = [
            "-s", "--cacert", TestServers.caFile, "-u", "\(user):\(password)", "--maildir", maildir.path, "--delete",
            pop3s + "/",
        ]
        process.environment = ToolProcess.cleanEnvironment()
        try process.run()
        var waited = 0
        while waited < 300,
            count(maildir)
                + ((try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("tmp").path)
                    .count) ?? 0) < 200
        {
            usleep(10_000)
            waited += 1
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertLessThan(count(maildir), 3000)
        XCTAssertEqual(retrieve(["--maildir", maildir.path, "--delete"]).status, 0)
        XCTAssertEqual(count(maildir), 3000, "no loss, no duplicate")
        XCTAssertEqual(retrieve([]).stdout, "")
    }
}
