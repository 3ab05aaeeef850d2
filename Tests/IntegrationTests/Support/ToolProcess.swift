import Foundation

/// Runs a built executable of this package (or any program) and captures what it did.
struct ToolProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: Data
    }

    /// Where `swift build` put the executables: next to the test bundle, unless MAILTLS_TOOLS
    /// names another build's directory (to check that a new test fails on the code before a fix).
    static let productsDirectory: URL = {
        if let tools = ProcessInfo.processInfo.environment["MAILTLS_TOOLS"] { return URL(fileURLWithPath: tools) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }()

    /// The environment tests run tools in: this machine exports CURL_CA_BUNDLE and SSL_CERT_*,
    /// which would change what "no CA given" means, so they are removed unless a test sets them.
    /// The user's own config file (~/.config/mailtls/config) is kept out of the way too.
    static func cleanEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for name in ["CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR"] { env[name] = nil }
        env["XDG_CONFIG_HOME"] = "/nonexistent/mailtls-tests"
        env.merge(extra) { $1 }
        return env
    }

    static func tool(
        _ name: String, _ arguments: [String], environment: [String: String] = cleanEnvironment(),
        stdin: Data? = nil, timeout: TimeInterval = 60
    ) -> Result {
        run(
            productsDirectory.appendingPathComponent(name).path, arguments, environment: environment,
            stdin: stdin, timeout: timeout)
    }

    static func run(
        _ path: String, _ arguments: [String], environment: [String: String]? = nil,
        stdin: Data? = nil, timeout: TimeInterval = 60
    ) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        do { try process.run() } catch {
            return Result(status: -1, stdout: "", stderr: "could not start \(path): \(error)", stdoutBytes: Data())
        }
        // Read both pipes concurrently so a chatty tool cannot block on a full pipe.
        let outBox = DataBox(), errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outBox.data = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            group.wait()
            let outData = outBox.data, errData = errBox.data
            return Result(
                status: -2, stdout: String(decoding: outData, as: UTF8.self),
                stderr: "timed out after \(timeout) s\n" + String(decoding: errData, as: UTF8.self),
                stdoutBytes: outData)
        }
        process.waitUntilExit()
        group.wait()
        let outData = outBox.data, errData = errBox.data
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
    }
}

/// Filled by one reader thread, read after `DispatchGroup.wait()`.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
