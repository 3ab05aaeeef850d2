import Foundation
import XCTest

/// After STARTTLS every capability learned in plaintext is forgotten (DESIGN.md rule 2): a
/// scripted server with real TLS offers AUTH PLAIN before TLS and only AUTH LOGIN after it.
final class SMTPCapabilityTests: XCTestCase {
    func testCapabilitiesAreAskedAgainAfterSTARTTLS() throws {
        try TestServers.ensureRunning()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-caps-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let portFile = dir.appendingPathComponent("port"), log = dir.appendingPathComponent("log")
        let script = TestServers.packageRoot.appendingPathComponent(
            "Tests/IntegrationTests/Scripts/starttls_smtp_server.py"
        ).path
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = [
            "python3", script, portFile.path, log.path, TestServers.certificate("server.pem"),
            TestServers.certificate("server-key.pem"),
        ]
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        var port = ""
        for _ in 0..<200 where port.isEmpty {
            usleep(20_000)
            port = (try? String(contentsOf: portFile, encoding: .utf8)) ?? ""
        }
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
        let commands = try String(contentsOf: log, encoding: .utf8)
        XCTAssertTrue(commands.contains("AUTH LOGIN"), commands)
        XCTAssertFalse(commands.contains("AUTH PLAIN"), "a plaintext capability was used after TLS:\n\(commands)")
        XCTAssertEqual(commands.components(separatedBy: "EHLO client.example").count - 1, 2, "EHLO again after TLS")
    }
}
