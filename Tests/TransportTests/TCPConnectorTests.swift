import Glibc
import XCTest

@testable import Transport

final class TCPConnectorTests: XCTestCase {
    final class Lines: Trace {
        var lines: [String] = []
        func info(_ text: String) { lines.append(text) }
        func sent(_ bytes: [UInt8], display: String?) {}
        func received(_ bytes: [UInt8]) {}
        var isEnabled: Bool { true }
    }

    /// A listening socket on 127.0.0.1 with an ephemeral port; never accepts.
    private func listener(backlog: Int32 = 4) throws -> (fd: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        XCTAssertEqual(bound, 0)
        XCTAssertEqual(listen(fd, backlog), 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    func testUnresolvableHostIsAResolveError() {
        let connector = TCPConnector(trace: SilentTrace())
        XCTAssertThrowsError(try connector.connect(host: "no-such-host.invalid", port: 80, deadline: .never)) { error in
            XCTAssertEqual((error as? TransportError)?.kind, .resolve)
            XCTAssertEqual((error as? TransportError)?.message, "Could not resolve host: no-such-host.invalid")
        }
    }

    func testRefusedConnectionNamesHostAndPort() throws {
        let (fd, port) = try listener()
        close(fd)  // nothing listens on that port now
        let connector = TCPConnector(trace: SilentTrace())
        XCTAssertThrowsError(try connector.connect(host: "127.0.0.1", port: port, deadline: .never)) { error in
            let error = error as? TransportError
            XCTAssertEqual(error?.kind, .connect)
            XCTAssertTrue(error?.message.contains("127.0.0.1 port \(port)") == true, error?.message ?? "")
        }
    }

    func testLocalhostTriesEachAddressInTurn() throws {
        let (fd, port) = try listener()
        defer { close(fd) }
        let trace = Lines()
        let socket = try TCPConnector(trace: trace).connect(host: "localhost", port: port, deadline: .never)
        XCTAssertGreaterThanOrEqual(socket.descriptor, 0)
        // ::1 is tried first where the system lists it, refused, then 127.0.0.1 succeeds.
        XCTAssertTrue(trace.lines.contains("  Trying 127.0.0.1:\(port)..."), "\(trace.lines)")
        XCTAssertEqual(trace.lines.last, "Connected to localhost (127.0.0.1) port \(port)")
    }

    /// A listener whose accept queue is full drops new SYNs: connect hangs until the connect timeout.
    func testConnectTimeoutBoundsAHangingConnect() throws {
        let (fd, port) = try listener(backlog: 0)
        defer { close(fd) }
        var fillers: [TCPSocket] = []
        let connector = TCPConnector(trace: SilentTrace())
        let started = Deadline.now()
        var outcome: TransportError?
        for _ in 0..<8 {
            do {
                fillers.append(try connector.connect(host: "127.0.0.1", port: port, deadline: .after(seconds: 0.3)))
            } catch {
                outcome = error as? TransportError
                break
            }
        }
        XCTAssertEqual(outcome?.kind, .timeout, "the accept queue never filled")
        XCTAssertTrue(outcome?.message.contains("127.0.0.1 port \(port)") == true, outcome?.message ?? "")
        XCTAssertLessThan(Double(Deadline.now() - started) / 1e9, 3.0)
    }

    func testSilentPeerTimesOutOnRead() throws {
        let (fd, port) = try listener()
        defer { close(fd) }
        let socket = try TCPConnector(trace: SilentTrace()).connect(host: "127.0.0.1", port: port, deadline: .never)
        var buffer = [UInt8](repeating: 0, count: 16)
        let started = Deadline.now()
        XCTAssertThrowsError(
            try buffer.withUnsafeMutableBytes {
                try socket.receive(into: $0, deadline: .after(seconds: 0.2))
            }
        ) { error in
            XCTAssertEqual((error as? TransportError)?.kind, .timeout)
        }
        let elapsed = Double(Deadline.now() - started) / 1e9
        XCTAssertLessThan(elapsed, 2.0)
    }

    func testDeadlinePollTimeout() {
        XCTAssertEqual(Deadline.never.pollTimeout, -1)
        XCTAssertEqual(Deadline.after(seconds: 0).pollTimeout, -1, "0 means no limit, as in curl")
        XCTAssertEqual(Deadline(uptimeNanoseconds: 1).pollTimeout, 0)
        let soon = Deadline.after(seconds: 5)
        XCTAssertGreaterThan(soon.pollTimeout, 4000)
        XCTAssertEqual(soon.earliest(.never), soon)
        XCTAssertEqual(Deadline.never.earliest(soon), soon)
    }
}
