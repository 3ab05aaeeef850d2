import GnuTLS
import TLS
import Transport
import XCTest

/// The upgrade primitive the mail tools use (STARTTLS, STLS, AUTH TLS), over real sockets:
/// a plaintext connection becomes TLS in place, and bytes sent before the handshake are refused.
final class StartTLSUpgradeTests: XCTestCase {
    private var configuration: TLSConfiguration {
        var c = TLSConfiguration()
        c.trust = TrustStore(caFile: TestServers.caFile, caPath: nil)
        return c
    }

    func testUpgradeOfAConnectedPlaintextTransport() throws {
        try TestServers.ensureRunning()
        let socket = try TCPConnector(trace: SilentTrace()).connect(
            host: "localhost", port: UInt16(TestServers.port("HTTPS_PORT")),
            deadline: .after(seconds: 10))
        let stream = ByteStream(transport: socket, deadline: .after(seconds: 10))
        let facts = try stream.startTLS(
            client: GnuTLSClient(), serverName: "localhost", configuration: configuration,
            trace: SilentTrace())
        XCTAssertEqual(facts.version, .tls1_3)
        XCTAssertEqual(facts.verification, .verified)
        XCTAssertEqual(facts.leaf?.commonName, "localhost")
        XCTAssertEqual(stream.tlsFacts, facts, "the upgraded stream exposes the same facts")
        try stream.write("GET /hello.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        try stream.flush()
        XCTAssertEqual(
            try stream.readLine(maxLength: 1000).map { String(decoding: $0, as: UTF8.self) }, "HTTP/1.1 200 OK")
    }

    func testBytesAfterTheGoAheadAreRefusedBeforeAnyHandshake() throws {
        // The go-ahead and an injected line arrive together, as from a man in the middle.
        let server = try ScriptedServer([
            .readLine, .send(Array("220 Ready to start TLS\r\n250 injected\r\n".utf8)), .sleep(2), .close,
        ])
        let socket = try TCPConnector(trace: SilentTrace()).connect(
            host: "127.0.0.1", port: UInt16(server.port),
            deadline: .after(seconds: 10))
        let stream = ByteStream(transport: socket, deadline: .after(seconds: 10))
        try stream.write("STARTTLS\r\n")
        try stream.flush()
        XCTAssertEqual(try stream.readLine(maxLength: 512), Array("220 Ready to start TLS".utf8))
        XCTAssertThrowsError(
            try stream.startTLS(
                client: GnuTLSClient(), serverName: "localhost",
                configuration: configuration, trace: SilentTrace())
        ) { error in
            XCTAssertTrue(error is DataBeforeHandshakeError, "\(error)")
        }
        usleep(100_000)
        XCTAssertEqual(server.receivedText, "STARTTLS\r\n", "no ClientHello (nor anything else) was sent")
    }

    func testInjectionArrivingJustAfterTheGoAheadIsAlsoRefused() throws {
        let server = try ScriptedServer([
            .readLine, .send(Array("220 go ahead\r\n".utf8)), .sleep(0.05),
            .send(Array("250 late injection\r\n".utf8)), .sleep(2), .close,
        ])
        let socket = try TCPConnector(trace: SilentTrace()).connect(
            host: "127.0.0.1", port: UInt16(server.port),
            deadline: .after(seconds: 10))
        let stream = ByteStream(transport: socket, deadline: .after(seconds: 10))
        try stream.write("STARTTLS\r\n")
        try stream.flush()
        _ = try stream.readLine(maxLength: 512)
        usleep(200_000)  // the injected bytes are now waiting in the socket, not in our buffer
        XCTAssertThrowsError(
            try stream.startTLS(
                client: GnuTLSClient(), serverName: "localhost",
                configuration: configuration, trace: SilentTrace())
        ) { error in
            XCTAssertTrue(error is DataBeforeHandshakeError, "\(error)")
        }
    }
}
