import XCTest

/// Trying STARTTLS is the default: a server that does not offer it makes every mail tool say,
/// without `-v`, that the session goes on in plaintext (and then refuse to send the password
/// there). `--no-ssl` asked for plaintext and `-s` asked for silence: no line then.
final class PlaintextWarningTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private let warning =
        "does not offer STARTTLS; continuing WITHOUT TLS (--ssl-reqd refuses this, --no-ssl asks for it)"

    func testIMAPAndPOP3WarnWhenStartTLSIsMissing() {
        let cases = [
            ("imap-fetch", "imap://localhost:\(TestServers.port("DOVECOT_IMAP_NOTLS_PORT"))/"),
            ("pop3-retrieve", "pop3://localhost:\(TestServers.port("DOVECOT_POP3_NOTLS_PORT"))/"),
        ]
        for (tool, url) in cases {
            let r = ToolProcess.tool(tool, ["-u", "alice:alicepass", url])
            XCTAssertNotEqual(r.status, 0, "\(tool): no password in plaintext without --no-ssl")
            XCTAssertTrue(r.stderr.hasPrefix("\(tool): warning: localhost \(warning)\n"), "\(tool): \(r.stderr)")
            let asked = ToolProcess.tool(tool, ["--no-ssl", "-u", "alice:alicepass", url])
            XCTAssertEqual(asked.status, 0, "\(tool): \(asked.stderr)")
            XCTAssertFalse(asked.stderr.contains("warning"), "\(tool) --no-ssl: \(asked.stderr)")
            let silent = ToolProcess.tool(tool, ["-s", "-u", "alice:alicepass", url])
            XCTAssertFalse(silent.stderr.contains("warning"), "\(tool) -s: \(silent.stderr)")
        }
    }
}
