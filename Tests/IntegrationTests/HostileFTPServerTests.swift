import Foundation
import XCTest

/// ftp-transfer against a scripted FTP server doing what vsftpd never does
/// (Scripts/ftp_hostile_server.py): injected bytes after 234, PROT P refused, a data connection
/// that closes early, a PASV reply naming another host.
final class HostileFTPServerTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-ftp-hostile-\(getpid())-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// Runs the scenario's server and the tool against it; returns the result and the commands
    /// the server received.
    private func run(
        _ scenario: String, scheme: String = "ftp", path: String = "/file", _ args: [String]
    ) throws
        -> (ToolProcess.Result, String)
    {
        let portFile = dir.appendingPathComponent("port"), log = dir.appendingPathComponent("log")
        let script = TestServers.packageRoot.appendingPathComponent(
            "Tests/IntegrationTests/Scripts/ftp_hostile_server.py"
        ).path
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = [
            "python3", script, scenario, portFile.path, log.path, TestServers.certificate("server.pem"),
            TestServers.certificate("server-key.pem"),
        ]
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        var port = ""
        for _ in 0..<250 where port.isEmpty {
            usleep(20_000)
            port = (try? String(contentsOf: portFile, encoding: .utf8)) ?? ""
        }
        let result = ToolProcess.tool(
            "ftp-transfer",
            ["-m", "20", "--cacert", TestServers.caFile] + args + ["\(scheme)://localhost:\(port)\(path)"])
        server.waitUntilExit()
        return (result, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    func testBytesAfterThe234ReplyAreRefused() throws {
        let (r, commands) = try run("after234", [])
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertTrue(r.stderr.contains("before the TLS handshake"), r.stderr)
        XCTAssertEqual(commands.split(separator: "\n"), ["FEAT", "AUTH TLS"], "nothing sent after the 234")
    }

    func testRefusedPROTPUnderSSLReqdIs64AndNothingIsTransferred() throws {
        let (r, commands) = try run("protrefused", ["--ssl-reqd"])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertFalse(commands.contains("RETR") || commands.contains("EPSV"), commands)
    }

    func testRefusedPROTPWithFTPSIs64() throws {
        let (r, commands) = try run("implicitprot", scheme: "ftps", [])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertFalse(commands.contains("RETR"), commands)
    }

    func testADataConnectionClosingEarlyLeavesNoFileUnderTheTargetName() throws {
        let target = dir.appendingPathComponent("out.bin")
        let (r, _) = try run("earlyclose", ["-o", target.path])
        XCTAssertEqual(r.status, 18, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("out.bin") }
        XCTAssertEqual(left, [], "no temporary file left either")
    }

    func testCCCClearsTheControlConnectionAndKeepsTheDataProtected() throws {
        let (r, commands) = try run("ccc", ["--ssl-reqd", "--ftp-ssl-ccc", "-v"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "the right data\n")
        let after = commands.components(separatedBy: "-- plaintext from here --\n").last ?? ""
        XCTAssertTrue(after.hasPrefix("TYPE I"), commands)
    }

    func testAPASVAddressNamingAnotherHostIsIgnored() throws {
        let (r, commands) = try run("pasvelsewhere", ["--disable-epsv", "-v"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "the right data\n")
        XCTAssertTrue(r.stderr.contains("Skip 192.0.2.1"), r.stderr)
        XCTAssertTrue(commands.contains("PASV") && !commands.contains("EPSV"), commands)
    }
}
