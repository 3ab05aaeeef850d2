import Foundation

/// A scripted server with real TLS, written in Python (`Tests/IntegrationTests/Scripts/`), for
/// what a real server will not do. It is started with the test CA's server certificate, writes
/// its port to a file and logs what it receives; `stop` ends it and removes its directory.
struct PythonScriptServer {
    let process: Process
    let port: String
    let log: URL
    private let directory: URL

    /// - Parameters: `certificate` (a PEM chain, leaf first) and `key`: files in run/certs.
    static func start(
        _ script: String, certificate: String = "server.pem", key: String = "server-key.pem"
    ) throws -> PythonScriptServer {
        try TestServers.ensureRunning()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-\(script)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let portFile = directory.appendingPathComponent("port"), log = directory.appendingPathComponent("log")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", TestServers.packageRoot.appendingPathComponent("Tests/IntegrationTests/Scripts/\(script)").path,
            portFile.path, log.path, TestServers.certificate(certificate), TestServers.certificate(key),
        ]
        try process.run()
        var port = ""
        for _ in 0..<200 where port.isEmpty {
            usleep(20_000)
            port = (try? String(contentsOf: portFile, encoding: .utf8)) ?? ""
        }
        return PythonScriptServer(process: process, port: port, log: log, directory: directory)
    }

    /// What the server received (its log), once it has ended.
    var received: String {
        process.waitUntilExit()
        return (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    func stop() {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: directory)
    }
}
