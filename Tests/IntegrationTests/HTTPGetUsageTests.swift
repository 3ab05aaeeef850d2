import Foundation
import XCTest

/// Usage, URLs, connection failures and --version: no server needed except where noted.
final class HTTPGetUsageTests: XCTestCase {
    private func get(_ args: [String]) -> ToolProcess.Result { ToolProcess.tool("http-get", args) }

    func testVersionNamesToolAndTLSLibrary() {
        let r = get(["--version"])
        XCTAssertEqual(r.status, 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("http-get 0.1.0 (mailtls) GnuTLS/3."), lines[0])
        XCTAssertTrue(lines.contains("Protocols: http https"), r.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Features:") && $0.contains("SSL") }, r.stdout)
    }

    func testUsageErrorsExitTwo() {
        let unknown = get(["--no-such-option", "http://127.0.0.1/"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("http-get: (2) option --no-such-option: is unknown"), unknown.stderr)
        XCTAssertEqual(get([]).status, 2, "no URL")
        XCTAssertEqual(get(["http://a/", "http://b/"]).status, 2, "one URL per run")
        XCTAssertEqual(get(["-m"]).status, 2)
        XCTAssertEqual(get(["-m", "soon", "http://a/"]).status, 2)
    }

    func testBadURLs() {
        XCTAssertEqual(get(["gopher://127.0.0.1/"]).status, 1)
        XCTAssertEqual(get(["http://127.0.0.1:99999/"]).status, 3)
        XCTAssertEqual(get(["http://[::1/"]).status, 3)
        XCTAssertEqual(get(["http:///path"]).status, 3)
    }

    func testResolveAndConnectFailures() {
        let resolve = get(["http://no-such-host.invalid/"])
        XCTAssertEqual(resolve.status, 6, resolve.stderr)
        XCTAssertTrue(resolve.stderr.contains("Could not resolve host: no-such-host.invalid"), resolve.stderr)
        // Port 1 on loopback: nothing listens there.
        let refused = get(["http://127.0.0.1:1/"])
        XCTAssertEqual(refused.status, 7, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("127.0.0.1 port 1"), refused.stderr)
    }

    /// A listener whose accept queue is full drops SYNs, so the connect hangs: --connect-timeout ends it.
    func testConnectTimeout() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        XCTAssertEqual(listen(fd, 0), 0)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        // Fill the accept queue with connections nobody accepts.
        var fillers: [Int32] = []
        defer { fillers.forEach { close($0) } }
        for _ in 0..<4 {
            let c = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(c, $0, length) }
            }
            fillers.append(c)
        }
        usleep(100_000)
        let started = Date()
        let r = get(["--connect-timeout", "0.5", "http://127.0.0.1:\(port)/"])
        XCTAssertEqual(r.status, 28, r.stderr)
        XCTAssertTrue(r.stderr.contains("127.0.0.1 port \(port)"), r.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
    }

    func testSilentServerHitsMaxTime() throws {
        let server = try ScriptedServer([.readRequestHead, .sleep(5), .close])
        let started = Date()
        let r = get(["-m", "0.5", "http://127.0.0.1:\(server.port)/"])
        XCTAssertEqual(r.status, 28, r.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
    }

    func testSilentTLSServerHitsMaxTimeDuringHandshake() throws {
        let server = try ScriptedServer([.sleep(5), .close])
        let r = get(["-m", "0.5", "https://127.0.0.1:\(server.port)/"])
        XCTAssertEqual(r.status, 28, r.stderr)
    }

    /// As in curl, the connect timeout covers the TLS handshake too.
    func testConnectTimeoutCoversTheHandshake() throws {
        let server = try ScriptedServer([.sleep(5), .close])
        let started = Date()
        let r = get(["--connect-timeout", "0.5", "https://127.0.0.1:\(server.port)/"])
        XCTAssertEqual(r.status, 28, r.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
    }

    func testHandshakeWithANonTLSServerFails() throws {
        let server = try ScriptedServer([.send(Array("220 not tls at all\r\n".utf8)), .sleep(1), .close])
        let r = get(["-m", "5", "https://127.0.0.1:\(server.port)/"])
        XCTAssertEqual(r.status, 35, r.stderr)
    }
}
