import Foundation
import XCTest

/// The real servers of `testservers/`, started once per test run (the start script is
/// idempotent and locked), with their fixed ports from `testservers/ports.env`.
enum TestServers {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, IntegrationTests, Tests, root
        return url
    }()

    static var runDirectory: URL {
        if let run = ProcessInfo.processInfo.environment["MAILTLS_RUN"] { return URL(fileURLWithPath: run) }
        return packageRoot.appendingPathComponent("testservers/run")
    }

    static func certificate(_ name: String) -> String {
        runDirectory.appendingPathComponent("certs/\(name)").path
    }

    static var caFile: String { certificate("ca.pem") }

    static let ports: [String: Int] = {
        let text =
            (try? String(contentsOf: packageRoot.appendingPathComponent("testservers/ports.env"), encoding: .utf8))
            ?? ""
        var ports: [String: Int] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let port = Int(parts[1]) { ports[String(parts[0])] = port }
        }
        return ports
    }()

    static func port(_ name: String) -> Int {
        guard let port = ports[name] else { fatalError("testservers/ports.env has no \(name)") }
        return port
    }

    private static let started: Result<Void, Error> = {
        let result = ToolProcess.run(packageRoot.appendingPathComponent("testservers/start").path, [], timeout: 120)
        guard result.status == 0 else {
            return .failure(
                NSError(
                    domain: "testservers", code: Int(result.status),
                    userInfo: [NSLocalizedDescriptionKey: "testservers/start failed:\n\(result.stderr)\(result.stdout)"]
                ))
        }
        return .success(())
    }()

    /// Starts the servers if needed; a test that needs them fails (not skips) when they cannot run.
    static func ensureRunning() throws {
        try started.get()
    }
}
