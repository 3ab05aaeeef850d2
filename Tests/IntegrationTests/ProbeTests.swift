import Foundation
import XCTest

/// `--probe` against the bundled Postfix and Dovecot: connect, upgrade to TLS as the URL and
/// --ssl/--ssl-reqd say, print the capabilities asked for after TLS, quit; no login, no mail,
/// no password needed; the exit codes of a real run.
final class ProbeTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private func url(_ scheme: String, _ port: String) -> String { "\(scheme)://localhost:\(TestServers.port(port))" }

    private func probe(_ tool: String, _ url: String, _ extra: [String] = [], ca: Bool = true) -> ToolProcess.Result {
        ToolProcess.tool(tool, ["--probe", "-v"] + (ca ? ["--cacert", TestServers.caFile] : []) + extra + [url])
    }

    /// The lines the client sent, as -v shows them.
    private func sent(_ r: ToolProcess.Result) -> [String] {
        r.stderr.split(separator: "\n").filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
    }

    func testSMTPSTARTTLSCapabilitiesThenQuit() {
        // A user without password: a probe asks for none.
        let r = probe("smtp-send", url("smtp", "POSTFIX_SUBMISSION_PORT"), ["-u", "alice"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256"), r.stdout)
        XCTAssertTrue(lines.contains("PIPELINING"))
        XCTAssertFalse(lines.contains("STARTTLS"), "what the server offers after TLS")
        let commands = sent(r)
        XCTAssertEqual(commands.count, 4, "\(commands)")
        XCTAssertTrue(commands[0].hasPrefix("EHLO "))
        XCTAssertEqual(commands[1], "STARTTLS")
        XCTAssertTrue(commands[2].hasPrefix("EHLO "))
        XCTAssertEqual(commands[3], "QUIT")
        XCTAssertTrue(r.stderr.contains("* SSL connection using TLS1.3"), r.stderr)
    }

    func testSMTPSImplicitTLS() {
        let r = probe("smtp-send", url("smtps", "POSTFIX_SMTPS_PORT"))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("AUTH PLAIN"), r.stdout)
        XCTAssertEqual(sent(r).last, "QUIT")
    }

    func testIMAPCapabilitiesThenLogout() {
        let r = probe("imap-fetch", url("imap", "DOVECOT_IMAP_PORT") + "/INBOX", ["--maildir", "/nonexistent/x"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let names = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(names.contains("AUTH=SCRAM-SHA-256"), r.stdout)
        XCTAssertTrue(names.contains("IMAP4REV1"))
        XCTAssertFalse(names.contains("STARTTLS"))
        let commands = sent(r).map { $0.split(separator: " ").dropFirst().joined(separator: " ") }
        XCTAssertEqual(commands, ["STARTTLS", "CAPABILITY", "LOGOUT"], "Dovecot's greeting carries CAPABILITY")
    }

    func testPOP3CapabilitiesThenQuit() {
        let r = probe("pop3-retrieve", url("pop3", "DOVECOT_POP3_PORT"))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.split(separator: "\n").contains("SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256"))
        XCTAssertFalse(r.stdout.contains("STLS"))
        XCTAssertEqual(sent(r), ["CAPA", "STLS", "CAPA", "QUIT"])
        let implicit = probe("pop3-retrieve", url("pop3s", "DOVECOT_POP3S_PORT"))
        XCTAssertEqual(implicit.status, 0, implicit.stderr)
        XCTAssertEqual(sent(implicit), ["CAPA", "QUIT"])
    }

    /// Without the test CA the certificate is not trusted: 60, nothing after the handshake.
    func testUntrustedCertificateIs60() {
        let cases = [
            ("smtp-send", url("smtp", "POSTFIX_SUBMISSION_PORT")), ("smtp-send", url("smtps", "POSTFIX_SMTPS_PORT")),
            ("imap-fetch", url("imaps", "DOVECOT_IMAPS_PORT")), ("pop3-retrieve", url("pop3", "DOVECOT_POP3_PORT")),
        ]
        for (tool, target) in cases {
            let r = probe(tool, target, ca: false)
            XCTAssertEqual(r.status, 60, "\(tool) \(target): \(r.stderr)")
            XCTAssertTrue(r.stdout.isEmpty)
            XCTAssertTrue(r.stderr.contains("*   pin: sha256//"), "-v still shows the certificate")
        }
    }

    /// --ssl-reqd against the ports without STARTTLS: 64 before anything else is sent.
    func testSSLRequiredWithoutSTARTTLSIs64() {
        let cases = [
            ("smtp-send", url("smtp", "POSTFIX_SMTP_NOTLS_PORT"), ["EHLO"]),
            ("imap-fetch", url("imap", "DOVECOT_IMAP_NOTLS_PORT"), []),  // the greeting's CAPABILITY says enough
            ("pop3-retrieve", url("pop3", "DOVECOT_POP3_NOTLS_PORT"), ["CAPA"]),
        ]
        for (tool, target, expected) in cases {
            let r = probe(tool, target, ["--ssl-reqd"])
            XCTAssertEqual(r.status, 64, "\(tool): \(r.stderr)")
            XCTAssertTrue(r.stdout.isEmpty)
            XCTAssertEqual(sent(r).map { String($0.prefix(4)) }, expected, "\(tool): nothing after the capabilities")
        }
    }
}
