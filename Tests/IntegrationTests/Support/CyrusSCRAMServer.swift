import Foundation
import XCTest

/// `testservers/cyrus-scram-server.c`: IMAPS or POP3S whose SASL is Cyrus's own server library,
/// binding `tls-unique` only, as Cyrus IMAP 3.6 does (issue 10). Compiled once per test run with
/// the system's C compiler; each instance listens on an ephemeral 127.0.0.1 port, logs every SASL
/// attempt, and ends by itself after a minute if a test does not stop it first.
final class CyrusSCRAMServer {
    static let user = "alice"
    static let password = "cyrus-pass"

    let port: Int
    private let process = Process()
    private let directory: URL

    private static let executable: Result<String, Error> = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-cyrus-\(getpid())")
        let output = directory.appendingPathComponent("cyrus-scram-server").path
        let source = TestServers.packageRoot.appendingPathComponent("testservers/cyrus-scram-server.c").path
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let build = ToolProcess.run(
            "/bin/sh",
            [
                "-c", "${CC:-cc} -o \"$1\" \"$2\" $(pkg-config --cflags --libs gnutls libsasl2)",
                "sh", output, source,
            ], timeout: 120)
        guard build.status == 0 else {
            return .failure(
                NSError(
                    domain: "cyrus-scram-server", code: Int(build.status),
                    userInfo: [NSLocalizedDescriptionKey: "compiling \(source) failed:\n\(build.stderr)"]))
        }
        return .success(output)
    }()

    /// - Parameter protocolName: `imap` or `pop3`.
    init(_ protocolName: String) throws {
        try TestServers.ensureRunning()  // makes the test CA and the server certificate if needed
        let executable = try Self.executable.get()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-cyrus-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let portFile = directory.appendingPathComponent("port")
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            protocolName, portFile.path, directory.appendingPathComponent("log").path,
            TestServers.certificate("server.pem"), TestServers.certificate("server-key.pem"),
            directory.appendingPathComponent("sasldb").path, Self.user, Self.password, "60",
        ]
        try process.run()
        var port: Int?
        for _ in 0..<250 where port == nil && process.isRunning {
            usleep(20_000)
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        guard let port else {
            if process.isRunning { process.terminate() }
            throw NSError(
                domain: "cyrus-scram-server", code: 1, userInfo: [NSLocalizedDescriptionKey: "no port within 5 s"])
        }
        self.port = port
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// What the server logged: `AUTH <mechanism>` per attempt, `GS2 <flag>`, `AUTH-RESULT …`.
    var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("log"), encoding: .utf8)) ?? ""
    }

    /// The mechanism of each AUTHENTICATE (IMAP) or AUTH (POP3) command the server saw.
    var attempts: [String] {
        log.split(separator: "\n").filter { $0.hasPrefix("AUTH ") }.map { String($0.dropFirst(5)) }
    }

    /// The GS2 channel-binding flag of each SCRAM attempt: `n`, `y` or `p=<type>`.
    var gs2Flags: [String] {
        log.split(separator: "\n").filter { $0.hasPrefix("GS2 ") }.map { String($0.dropFirst(4)) }
    }
}
