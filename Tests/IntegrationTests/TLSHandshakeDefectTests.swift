import Foundation
import GnuTLS
import TLS
import Transport
import XCTest

/// Handshakes that went wrong before issue 10: a warning alert was taken as fatal, and a
/// server that expects STARTTLS, a refused version window or a bad `--ciphers` gave the
/// library's words only.
final class TLSHandshakeDefectTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private var ca: [String] { ["--cacert", TestServers.caFile] }

    /// A warning `unrecognized_name` right after the TLS 1.2 ServerHello: curl goes on, so do we,
    /// and `-v` names the alert.
    func testAWarningAlertDuringTheHandshakeIsNotFatal() throws {
        let proxy = try AlertInjectingProxy(
            upstreamPort: TestServers.port("HTTPS_TLS12_PORT"), description: 112, afterRecords: 1)
        let r = ToolProcess.tool("http-get", ca + ["-v", "https://localhost:\(proxy.port)/hello.txt"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "hello from mailtls testservers\n")
        XCTAssertTrue(
            r.stderr.contains("* TLS alert received during the handshake: unrecognized_name (warning 112); continuing"),
            r.stderr)
        XCTAssertTrue(r.stderr.contains("* SSL connection using TLS1.2 / "), r.stderr)
    }

    func testWarningAlertsAreRecordedInTheFacts() throws {
        let proxy = try AlertInjectingProxy(
            upstreamPort: TestServers.port("HTTPS_PORT"), description: 112, afterRecords: 0)
        var configuration = TLSConfiguration()
        configuration.trust = TrustStore(caFile: TestServers.caFile, caPath: nil)
        let socket = try TCPConnector(trace: SilentTrace()).connect(
            host: "127.0.0.1", port: UInt16(proxy.port),
            deadline: .after(seconds: 10))
        let connection = try GnuTLSClient().handshake(
            over: socket, serverName: "localhost", configuration: configuration,
            deadline: .after(seconds: 10), trace: SilentTrace())
        defer { connection.close() }
        XCTAssertEqual(connection.facts.warningAlerts, [TLSAlert(level: .warning, number: 112)])
        XCTAssertEqual(connection.facts.verification, .verified)
    }

    /// smtps://, imaps://, pop3s:// against the STARTTLS ports: said at once, with the scheme to use.
    func testImplicitTLSAgainstASTARTTLSPortIsDiagnosedAtOnce() {
        let cases: [(String, [String], String)] = [
            (
                "smtp-send",
                [
                    "--mail-from", "a@localhost", "--mail-rcpt", "b@localhost", "-T", "/dev/null",
                    "smtps://localhost:\(TestServers.port("POSTFIX_SUBMISSION_PORT"))",
                ], "smtp"
            ),
            ("imap-fetch", ["-u", "a:b", "imaps://localhost:\(TestServers.port("DOVECOT_IMAP_PORT"))/INBOX"], "imap"),
            ("pop3-retrieve", ["-u", "a:b", "pop3s://localhost:\(TestServers.port("DOVECOT_POP3_PORT"))/"], "pop3"),
        ]
        for (tool, args, scheme) in cases {
            let started = Date()
            let r = ToolProcess.tool(tool, ca + args)
            XCTAssertLessThan(Date().timeIntervalSince(started), 1.0, "\(tool) took too long")
            XCTAssertEqual(r.status, 35, "\(tool): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("\(tool): (35) TLS handshake with localhost port "), r.stderr)
            XCTAssertTrue(
                r.stderr.contains(
                    "the server answered in plaintext: it expects STARTTLS; try \(scheme):// "
                        + "(STARTTLS is used by default)"), r.stderr)
        }
    }

    func testARefusedVersionWindowIsNamed() {
        let r = ToolProcess.tool(
            "http-get", ca + ["--tlsv1.0", "--tls-max", "1.0", "https://localhost:\(TestServers.port("HTTPS_PORT"))/"])
        XCTAssertEqual(r.status, 35, r.stderr)
        XCTAssertTrue(r.stderr.contains("the server does not accept TLS 1.0–1.0"), r.stderr)
        let high = ToolProcess.tool(
            "http-get", ca + ["--tlsv1.3", "https://localhost:\(TestServers.port("HTTPS_TLS12_PORT"))/"])
        XCTAssertEqual(high.status, 35, high.stderr)
        XCTAssertTrue(high.stderr.contains("the server does not accept TLS 1.3–1.3"), high.stderr)
    }

    func testABadCiphersValueShowsAPriorityStringExample() {
        let r = ToolProcess.tool(
            "http-get",
            ca + [
                "--ciphers", "ECDHE-RSA-AES128-GCM-SHA256",
                "https://localhost:\(TestServers.port("HTTPS_PORT"))/",
            ])
        XCTAssertEqual(r.status, 59, r.stderr)
        XCTAssertTrue(
            r.stderr.contains(
                "--ciphers takes a GnuTLS priority string, e.g. --ciphers 'NORMAL:-VERS-ALL:+VERS-TLS1.2'"),
            r.stderr)
    }
}
