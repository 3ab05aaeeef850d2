import Foundation
import XCTest

/// `--json FILE`: one document per run against the real Postfix and Dovecot, written on success
/// and on failure, valid against schema/report-v1.json, and free of secrets.
final class RunReportTests: XCTestCase {
    private var workDir: URL!

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-report-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workDir) }

    private func url(_ scheme: String, _ port: String) -> String {
        "\(scheme)://localhost:\(TestServers.port(port))"
    }

    private var password: String { Mailboxes.password("alice") }

    private func sent(_ report: [String: Any]) -> [String] {
        (report.object("dialog")?.objects("lines") ?? []).filter { $0.string("direction") == "sent" }
            .compactMap { $0.string("text") }
    }

    private func received(_ report: [String: Any]) -> [[String: Any]] {
        (report.object("dialog")?.objects("lines") ?? []).filter { $0.string("direction") == "received" }
    }

    func testSuccessfulSendReportsEverythingButTheSecrets() throws {
        let token = Mailboxes.token("json-body")
        let json = workDir.appendingPathComponent("send.json")
        let message = "From: alice@mailtls.test\r\nTo: bob@mailtls.test\r\nSubject: report\r\n\r\n\(token)\r\n"
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "--cacert", TestServers.caFile, "-u", "alice:" + password, "--login-options", "AUTH=PLAIN",
                "--mail-from", "alice@mailtls.test", "--mail-rcpt", "bob@mailtls.test", "--json", json.path,
                url("smtp", "POSTFIX_SUBMISSION_PORT"),
            ],
            stdin: Data(message.utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        let text = try String(contentsOf: json, encoding: .utf8)
        XCTAssertFalse(text.contains(password), "the password reached the report")
        XCTAssertFalse(text.contains(Data("\0alice\0\(password)".utf8).base64EncodedString()), "AUTH PLAIN's response")
        XCTAssertFalse(text.contains(token), "the message body reached the report")
        let report = try ReportSchema.validated(file: json)
        XCTAssertEqual(report.string("tool"), "smtp-send")
        let target = try XCTUnwrap(report.object("target"))
        XCTAssertEqual(target.string("host"), "localhost")
        XCTAssertEqual(target.string("address"), "127.0.0.1")
        XCTAssertEqual(target.int("port"), TestServers.port("POSTFIX_SUBMISSION_PORT"))
        XCTAssertEqual(report.string("mode"), "starttls")
        XCTAssertTrue(report.strings("greeting")?.first?.hasPrefix("220 ") ?? false, "\(report["greeting"] ?? "")")
        let capabilities = try XCTUnwrap(report.object("capabilities"))
        XCTAssertTrue(capabilities.strings("beforeTLS")?.contains("STARTTLS") ?? false, "\(capabilities)")
        XCTAssertFalse(capabilities.strings("afterTLS")?.contains("STARTTLS") ?? true, "\(capabilities)")
        XCTAssertTrue(capabilities.strings("afterTLS")?.contains { $0.hasPrefix("AUTH ") } ?? false, "\(capabilities)")
        let tls = try XCTUnwrap(report.object("tls"))
        XCTAssertEqual(tls.object("verification")?.string("result"), "verified")
        XCTAssertTrue(tls.objects("peerCertificates").first?.string("publicKeyPin")?.hasPrefix("sha256//") ?? false)
        XCTAssertEqual(report.object("authentication")?.string("mechanism"), "PLAIN")
        let lines = sent(report)
        XCTAssertTrue(lines.contains("AUTH PLAIN <redacted>"), "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("MAIL FROM:<alice@mailtls.test>") }, "\(lines)")
        XCTAssertTrue(lines.contains("RCPT TO:<bob@mailtls.test>"), "\(lines)")
        XCTAssertEqual(lines.last, "QUIT")
        XCTAssertTrue(received(report).contains { $0.string("code") == "235" }, "authentication succeeded")
        let delivery = try XCTUnwrap(report.object("delivery"))
        XCTAssertEqual(delivery.objects("recipients").map { $0.string("status") }, ["accepted"])
        let queueID = try XCTUnwrap(delivery.string("queueId"))
        XCTAssertTrue(r.stdout.contains("queued as \(queueID)"), "\(queueID) vs \(r.stdout)")
        let timings = try XCTUnwrap(report.object("timings"))
        for phase in ["connect", "tls", "authentication", "transfer", "total"] {
            XCTAssertNotNil(timings[phase] as? Double, "\(phase): \(timings)")
        }
        XCTAssertEqual(report.int("exitCode"), 0)
        XCTAssertTrue(report.isNull("error"))
        XCTAssertNotNil(Mailboxes.waitForMessage(to: "bob", containing: token))
    }

    func testRecipientsRefusedOnTheWayAreReportedOneByOne() throws {
        let json = workDir.appendingPathComponent("rcpt.json")
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "--cacert", TestServers.caFile, "-u", "alice:" + password, "--mail-from", "alice@mailtls.test",
                "--mail-rcpt", "bob@mailtls.test", "--mail-rcpt", "someone@elsewhere.example", "--mail-rcpt-allowfails",
                "--json", json.path, url("smtp", "POSTFIX_SUBMISSION_PORT"),
            ],
            stdin: Data("Subject: two\r\n\r\nhi\r\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try ReportSchema.validated(file: json)
        let recipients = try XCTUnwrap(report.object("delivery")).objects("recipients")
        XCTAssertEqual(recipients.map { $0.string("address") }, ["bob@mailtls.test", "someone@elsewhere.example"])
        XCTAssertEqual(recipients.map { $0.string("status") }, ["accepted", "refused"])
        XCTAssertTrue(recipients[0].isNull("reply"))
        XCTAssertTrue(recipients[1].string("reply")?.hasPrefix("55") ?? false, "\(recipients)")
        XCTAssertNotNil(report.object("delivery")?.string("queueId"))
    }

    func testFailedLoginIs67InTheReportToo() throws {
        let json = workDir.appendingPathComponent("login.json")
        let wrong = "Wr0ng-\(UUID().uuidString)"
        let r = ToolProcess.tool(
            "imap-fetch",
            [
                "--cacert", TestServers.caFile, "-u", "alice:" + wrong, "--json", json.path,
                url("imaps", "DOVECOT_IMAPS_PORT") + "/INBOX",
            ])
        XCTAssertEqual(r.status, 67, r.stderr)
        XCTAssertFalse(try String(contentsOf: json, encoding: .utf8).contains(wrong), "the password reached the report")
        let report = try ReportSchema.validated(file: json)
        XCTAssertEqual(report.int("exitCode"), 67)
        XCTAssertEqual(report.object("error")?.int("curlCode"), 67)
        XCTAssertEqual(report.string("mode"), "implicit")
        XCTAssertTrue(report.object("capabilities")?.isNull("beforeTLS") ?? false)
        XCTAssertNotNil(report.object("capabilities")?.strings("afterTLS"))
        XCTAssertNotNil(report.object("authentication")?.string("mechanism"))
        XCTAssertTrue(received(report).contains { $0.string("code") == "NO" }, "the refusal is in the dialog")
        XCTAssertNotNil(report.object("timings")?["authentication"] as? Double)
        XCTAssertTrue(report.isNull("transfer"))
    }

    func testBadCertificateIs60WithTheRefusedChain() throws {
        let json = workDir.appendingPathComponent("cert.json")
        // No --cacert: the test CA is not trusted.
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-u", "alice:" + password, "--mail-from", "alice@mailtls.test", "--mail-rcpt", "bob@mailtls.test",
                "--json", json.path, url("smtp", "POSTFIX_SUBMISSION_PORT"),
            ],
            stdin: Data("Subject: x\r\n\r\nx\r\n".utf8))
        XCTAssertEqual(r.status, 60, r.stderr)
        XCTAssertFalse(try String(contentsOf: json, encoding: .utf8).contains(password))
        let report = try ReportSchema.validated(file: json)
        XCTAssertEqual(report.int("exitCode"), 60)
        XCTAssertEqual(report.string("mode"), "starttls")
        let tls = try XCTUnwrap(report.object("tls"), "the refused handshake's facts")
        XCTAssertEqual(tls.object("verification")?.string("result"), "failed")
        XCTAssertEqual(tls.object("verification")?.strings("reasons"), ["untrustedIssuer"])
        XCTAssertFalse(tls.objects("peerCertificates").isEmpty)
        XCTAssertTrue(report.object("capabilities")?.strings("beforeTLS")?.contains("STARTTLS") ?? false)
        XCTAssertTrue(report.object("capabilities")?.isNull("afterTLS") ?? false)
        XCTAssertEqual(sent(report).last, "STARTTLS", "nothing is sent after the refused handshake")
        XCTAssertTrue(report.isNull("authentication"))
        XCTAssertNil(report.object("timings")?["authentication"] as? Double)
    }

    func testPullCountsMessagesAndBytes() throws {
        let mailbox = "JSONReport\(getpid())"
        let script = TestServers.packageRoot.appendingPathComponent("testservers/seed-mailbox").path
        XCTAssertEqual(ToolProcess.run(script, ["alice", "3", "2k", mailbox], timeout: 120).status, 0)
        let json = workDir.appendingPathComponent("pull.json")
        let r = ToolProcess.tool(
            "imap-fetch",
            [
                "--cacert", TestServers.caFile, "-u", "alice:" + password, "--maildir",
                workDir.appendingPathComponent("Maildir").path, "--json", json.path,
                url("imap", "DOVECOT_IMAP_PORT") + "/" + mailbox,
            ])
        XCTAssertEqual(r.status, 0, r.stderr)
        let text = try String(contentsOf: json, encoding: .utf8)
        XCTAssertFalse(text.contains(password))
        XCTAssertFalse(text.contains("X-Seed:"), "message text reached the report")
        let report = try ReportSchema.validated(file: json)
        let transfer = try XCTUnwrap(report.object("transfer"))
        XCTAssertEqual(transfer.int("messages"), 3)
        XCTAssertEqual(transfer.int("bytes"), 3 * 2048)
        XCTAssertEqual(transfer.int("deleted"), 0)
        XCTAssertEqual(report.string("mode"), "starttls")
        XCTAssertNotNil(report.object("capabilities")?.strings("beforeTLS"))
        XCTAssertNotNil(report.object("capabilities")?.strings("afterTLS"))
        XCTAssertTrue(report.strings("greeting")?.first?.hasPrefix("* OK") ?? false)
        XCTAssertTrue(sent(report).contains { $0.hasSuffix("LOGOUT") })
        XCTAssertNotNil(report.object("timings")?["transfer"] as? Double)
    }

    func testReportOnStandardOutputWhenTheRunFails() throws {
        // pop3s without the test CA: 60, and stdout holds exactly one JSON document.
        let r = ToolProcess.tool(
            "pop3-retrieve", ["-u", "alice:" + password, "--json", "-", url("pop3s", "DOVECOT_POP3S_PORT") + "/1"])
        XCTAssertEqual(r.status, 60, r.stderr)
        XCTAssertFalse(r.stdout.contains(password))
        let report = try ReportSchema.validated(r.stdoutBytes)
        XCTAssertEqual(report.string("tool"), "pop3-retrieve")
        XCTAssertEqual(report.string("mode"), "implicit")
        XCTAssertEqual(report.object("tls")?.object("verification")?.string("result"), "failed")
        XCTAssertTrue(report.strings("greeting")?.isEmpty ?? false, "no greeting before a refused handshake")
    }

    func testErrorBeforeConnectingStillWritesTheReport() throws {
        let json = workDir.appendingPathComponent("early.json")
        // No credentials: refused before connecting.
        let r = ToolProcess.tool("pop3-retrieve", ["--json", json.path, url("pop3s", "DOVECOT_POP3S_PORT") + "/"])
        XCTAssertEqual(r.status, 67, r.stderr)
        let report = try ReportSchema.validated(file: json)
        XCTAssertTrue(report.isNull("target"))
        XCTAssertTrue(report.isNull("tls"))
        XCTAssertEqual(report.object("error")?.int("curlCode"), 67)
        XCTAssertTrue(report.object("dialog")?.objects("lines").isEmpty ?? false)
    }

    func testOtherToolsWriteValidReports() throws {
        let http = workDir.appendingPathComponent("http.json")
        let h = ToolProcess.tool(
            "http-get",
            [
                "--cacert", TestServers.caFile, "-s", "-o", "/dev/null", "--json", http.path,
                url("https", "HTTPS_PORT") + "/",
            ])
        XCTAssertEqual(h.status, 0, h.stderr)
        let report = try ReportSchema.validated(file: http)
        XCTAssertEqual(report.string("mode"), "implicit")
        XCTAssertTrue(received(report).contains { $0.string("code") == "200" }, "\(report["dialog"] ?? "")")
        let ldap = workDir.appendingPathComponent("ldap.json")
        let l = ToolProcess.tool(
            "ldap-search",
            ["--cacert", TestServers.caFile, "--json", ldap.path, url("ldaps", "SLAPD_LDAPS_PORT") + "/"])
        _ = try ReportSchema.validated(file: ldap)
        XCTAssertEqual(try ReportSchema.validated(file: ldap).int("exitCode"), Int(l.status))
    }
}
