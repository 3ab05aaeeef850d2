import Foundation
import XCTest

/// After STARTTLS every capability learned in plaintext is forgotten (DESIGN.md rule 2): a
/// scripted server with real TLS offers AUTH PLAIN before TLS and only AUTH LOGIN after it.
final class SMTPCapabilityTests: XCTestCase {
    func testCapabilitiesAreAskedAgainAfterSTARTTLS() throws {
        let server = try PythonScriptServer.start("starttls_smtp_server.py")
        defer { server.stop() }
        let port = server.port
        let r = ToolProcess.tool(
            "smtp-send",
            [
                "-m", "20", "--cacert", TestServers.caFile, "-u", "user:secret",
                "--mail-from", "a@b.example", "--mail-rcpt", "c@d.example",
                "smtp://localhost:\(port)/client.example",
            ],
            stdin: Data("Subject: x\r\n\r\nbody\r\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "250 2.0.0 queued as FAKE\n")
        let commands = server.received
        XCTAssertTrue(commands.contains("AUTH LOGIN"), commands)
        XCTAssertFalse(commands.contains("AUTH PLAIN"), "a plaintext capability was used after TLS:\n\(commands)")
        XCTAssertEqual(commands.components(separatedBy: "EHLO client.example").count - 1, 2, "EHLO again after TLS")
    }
}
