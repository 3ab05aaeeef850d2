import Foundation
import XCTest

/// smtp-send against the real Postfix of testservers/ (AUTH through Dovecot, delivery through
/// Dovecot LMTP into Maildirs that the tests read back).
final class SMTPSendTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private var submission: String { "smtp://localhost:\(TestServers.port("POSTFIX_SUBMISSION_PORT"))" }
    private var smtps: String { "smtps://localhost:\(TestServers.port("POSTFIX_SMTPS_PORT"))" }
    private var plainOnly: String { "smtp://localhost:\(TestServers.port("POSTFIX_SMTP_NOTLS_PORT"))" }

    private func message(
        _ token: String, to: String = "bob@mailtls.test", extraHeaders: String = "", body: String = "Hello.\r\n"
    ) -> Data {
        Data("From: alice@mailtls.test\r\nTo: \(to)\r\n\(extraHeaders)Subject: \(token)\r\n\r\n\(body)".utf8)
    }

    private func send(_ args: [String], url: String? = nil, stdin: Data) -> ToolProcess.Result {
        ToolProcess.tool("smtp-send", ["--cacert", TestServers.caFile] + args + [url ?? submission], stdin: stdin)
    }

    private var alice: [String] { ["-u", "alice:" + Mailboxes.password("alice"), "--mail-from", "alice@mailtls.test"] }

    func testSTARTTLSWithAuthDelivers() throws {
        let token = Mailboxes.token("starttls")
        let r = send(alice + ["--mail-rcpt", "bob@mailtls.test"], stdin: message(token))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("250 2.0.0 Ok: queued as "), r.stdout)
        let delivered = try XCTUnwrap(Mailboxes.waitForMessage(to: "bob", containing: token))
        let text = String(decoding: delivered, as: UTF8.self)
        XCTAssertTrue(text.contains("(using TLSv1.3"), "Postfix records the TLS session in Received:\n\(text)")
        XCTAssertTrue(text.contains("Authenticated sender: alice"), text)
    }

    func testSMTPSDelivers() throws {
        let token = Mailboxes.token("smtps")
        let r = send(alice + ["--mail-rcpt", "bob@mailtls.test"], url: smtps, stdin: message(token))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertNotNil(Mailboxes.waitForMessage(to: "bob", containing: token))
    }

    func testEverySASLMechanismDovecotOffers() throws {
        for mechanism in ["PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"] {
            let token = Mailboxes.token("auth-\(mechanism)")
            let r = send(
                alice + ["-v", "--login-options", "AUTH=\(mechanism)", "--mail-rcpt", "bob@mailtls.test"],
                stdin: message(token))
            XCTAssertEqual(r.status, 0, "\(mechanism): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("> AUTH \(mechanism)"), "\(mechanism): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains(Mailboxes.password("alice")), "the password reached the trace")
            XCTAssertNotNil(Mailboxes.waitForMessage(to: "bob", containing: token), mechanism)
        }
        // The awkward password works too (SCRAM is chosen automatically).
        let token = Mailboxes.token("weird")
        let r = send(
            [
                "-u", "weird:" + Mailboxes.password("weird"), "--mail-from", "weird@mailtls.test", "--mail-rcpt",
                "bob@mailtls.test",
            ],
            stdin: message(token))
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testWrongPasswordIsLoginDenied() {
        let r = send(
            ["-u", "alice:wrong", "--mail-from", "alice@mailtls.test", "--mail-rcpt", "bob@mailtls.test"],
            stdin: message("x"))
        XCTAssertEqual(r.status, 67, r.stderr)
    }

    func testRelayDenied() {
        let r = send(
            ["--mail-from", "alice@mailtls.test", "--mail-rcpt", "someone@elsewhere.example"], stdin: message("x"))
        XCTAssertEqual(r.status, 55, r.stderr)
        XCTAssertTrue(r.stderr.contains("RCPT failed: "), r.stderr)
    }

    func testReadRecipientsRemovesBcc() throws {
        let token = Mailboxes.token("bcc")
        let body = Data(
            "From: alice@mailtls.test\r\nTo: bob@mailtls.test\r\nBcc: weird@mailtls.test,\r\n  alice@mailtls.test\r\nSubject: \(token)\r\n\r\nsecret list\r\n"
                .utf8)
        let r = send(["-u", "alice:" + Mailboxes.password("alice"), "-t"], stdin: body)
        XCTAssertEqual(r.status, 0, r.stderr)
        for user in ["bob", "weird", "alice"] {
            let copy = String(
                decoding: try XCTUnwrap(Mailboxes.waitForMessage(to: user, containing: token), user), as: UTF8.self)
            XCTAssertFalse(copy.contains("Bcc:"), "\(user) sees the Bcc header:\n\(copy)")
            XCTAssertFalse(copy.contains("weird@mailtls.test,"), copy)
        }
    }

    /// Leading dots, a lone "." line and bare LF line endings reach the mailbox as written.
    func testBodyArrivesByteForByte() throws {
        let token = Mailboxes.token("dots")
        let raw =
            "From: alice@mailtls.test\nTo: bob@mailtls.test\nSubject: \(token)\n\n.leading dot\n.\n..two dots\nlast line without newline"
        let r = send(alice + ["--mail-rcpt", "bob@mailtls.test"], stdin: Data(raw.utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        let copy = String(
            decoding: try XCTUnwrap(Mailboxes.waitForMessage(to: "bob", containing: token)), as: UTF8.self)
        // Dovecot stores LF line endings; the body must be exactly the input's.
        XCTAssertTrue(copy.hasSuffix("\n\n.leading dot\n.\n..two dots\nlast line without newline\n"), copy)
    }

    func testEightBitAndUTF8Messages() throws {
        let token = Mailboxes.token("utf8")
        let body = "Grüße aus Köln, 日本語のテキスト\r\n"
        let r = send(
            alice + ["--mail-rcpt", "bob@mailtls.test", "-v"],
            stdin: message(
                token, extraHeaders: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n",
                body: body))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("BODY=8BITMIME"), r.stderr)
        let copy = String(
            decoding: try XCTUnwrap(Mailboxes.waitForMessage(to: "bob", containing: token)), as: UTF8.self)
        XCTAssertTrue(copy.contains("Grüße aus Köln, 日本語のテキスト"), copy)
    }

    func testSeveralRecipientsWithOneRefused() throws {
        let refused = send(
            alice + ["--mail-rcpt", "bob@mailtls.test", "--mail-rcpt", "x@elsewhere.example"], stdin: message("r1"))
        XCTAssertEqual(refused.status, 55, refused.stderr)
        let token = Mailboxes.token("allowfails")
        let r = send(
            alice + [
                "--mail-rcpt", "bob@mailtls.test", "--mail-rcpt", "x@elsewhere.example", "--mail-rcpt",
                "weird@mailtls.test",
                "--mail-rcpt-allowfails",
            ], stdin: message(token))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertNotNil(Mailboxes.waitForMessage(to: "bob", containing: token))
        XCTAssertNotNil(Mailboxes.waitForMessage(to: "weird", containing: token))
    }

    func testSSLReqdOnAServerWithoutSTARTTLS() {
        let r = send(alice + ["--ssl-reqd", "--mail-rcpt", "bob@mailtls.test"], url: plainOnly, stdin: message("x"))
        XCTAssertEqual(r.status, 64, r.stderr)
        let creds = send(alice + ["--mail-rcpt", "bob@mailtls.test"], url: plainOnly, stdin: message("x"))
        XCTAssertEqual(creds.status, 64, "no plaintext credentials without --no-ssl: \(creds.stderr)")
    }

    func testBadCertificateIsNeverAFallbackToPlaintext() {
        let r = ToolProcess.tool(
            "smtp-send", ["--ssl", "--mail-from", "alice@mailtls.test", "--mail-rcpt", "bob@mailtls.test", submission],
            stdin: message("x"))
        XCTAssertEqual(r.status, 60, "the system store does not know the test CA: \(r.stderr)")
    }

    func testSMTPSWithAClientCertificate() throws {
        let url = "smtps://localhost:\(TestServers.port("POSTFIX_SMTPS_CLIENTCERT_PORT"))"
        let token = Mailboxes.token("clientcert")
        let ok = send(
            alice + [
                "--cert", TestServers.certificate("client.pem"), "--key", TestServers.certificate("client-key.pem"),
                "--mail-rcpt", "bob@mailtls.test",
            ], url: url, stdin: message(token))
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertNotNil(Mailboxes.waitForMessage(to: "bob", containing: token))
        let refused = send(alice + ["--mail-rcpt", "bob@mailtls.test"], url: url, stdin: message("x"))
        XCTAssertEqual(refused.status, 8, "Postfix greets with 421 without a certificate: \(refused.stderr)")
    }

    func testLargeMessage() throws {
        let token = Mailboxes.token("large")
        var body = Data("From: alice@mailtls.test\r\nTo: bob@mailtls.test\r\nSubject: \(token)\r\n\r\n".utf8)
        let line = Data((String(repeating: "0123456789abcdef", count: 4) + "\r\n").utf8)
        while body.count < 50 << 20 { body.append(line) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-large-\(getpid()).eml")
        try body.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let r = ToolProcess.tool(
            "smtp-send",
            ["--cacert", TestServers.caFile] + alice + [
                "--mail-rcpt", "bob@mailtls.test", "-T", path.path, submission,
            ],
            timeout: 120)
        XCTAssertEqual(r.status, 0, r.stderr)
        let copy = try XCTUnwrap(Mailboxes.waitForMessage(to: "bob", containing: token, timeout: 60))
        XCTAssertGreaterThan(copy.count, 50 << 20 - (50 << 20) / 66, "the whole body arrived (LF endings)")
    }
}
