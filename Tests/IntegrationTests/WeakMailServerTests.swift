import Foundation
import GnuTLS
import TLS
import Transport
import XCTest

/// The weak mail ports of testservers/ (PORTS.md "Weak mail ports") are weak exactly as
/// documented, so that mail-tls-audit's findings have something true to find.
final class WeakMailServerTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    /// The facts of a STARTTLS handshake on `portName`, verified against the test CA; a refused
    /// certificate's facts come with the error.
    private func facts(_ portName: String) throws -> TLSSessionFacts {
        let transport = try ScanConnections.smtpStartTLS(port: TestServers.port(portName))()
        var configuration = TLSConfiguration()
        configuration.trust = TrustStore(caFile: TestServers.caFile, caPath: nil)
        do {
            let connection = try GnuTLSClient().handshake(
                over: transport, serverName: "localhost", configuration: configuration,
                deadline: .after(seconds: 10), trace: SilentTrace())
            defer { connection.close() }
            return connection.facts
        } catch let error as TLSError {
            return try XCTUnwrap(error.facts, "\(error)")
        }
    }

    func testTheExpiringCertificateHasTenDaysOrFewerLeft() throws {
        let leaf = try XCTUnwrap(try facts("POSTFIX_EXPIRING_PORT").leaf)
        let daysLeft = Double(leaf.notAfter) - Date().timeIntervalSince1970
        XCTAssertGreaterThan(daysLeft, 6 * 86400)
        XCTAssertLessThanOrEqual(daysLeft, 11 * 86400)
    }

    func testTheChainWithoutItsIntermediateDoesNotVerify() throws {
        let facts = try facts("POSTFIX_NOCHAIN_PORT")
        XCTAssertEqual(facts.peerCertificates.count, 1, "the leaf alone")
        XCTAssertTrue(facts.leaf?.issuer.contains("mailtls Intermediate CA") ?? false)
        XCTAssertEqual(facts.verification, .failed(reasons: [.untrustedIssuer]))
        XCTAssertTrue(facts.hostnameMatched)
    }

    func testTheOtherCertificatePortServesAnotherKeyForTheSameNames() throws {
        let good = try XCTUnwrap(try facts("POSTFIX_SUBMISSION_PORT").leaf)
        let other = try facts("POSTFIX_OTHERCERT_PORT")
        XCTAssertEqual(other.verification, .verified, "valid on its own")
        XCTAssertNotEqual(other.leaf?.publicKeyPin, good.publicKeyPin)
        XCTAssertEqual(other.leaf?.dnsNames, good.dnsNames)
    }

    func testTheWeakPortOffersAUTHBeforeSTARTTLS() throws {
        let socket = try TCPConnector(trace: SilentTrace()).connect(
            host: "127.0.0.1", port: UInt16(TestServers.port("POSTFIX_WEAK_TLS10_PORT")), deadline: .after(seconds: 10))
        let stream = ByteStream(transport: socket, deadline: .after(seconds: 10))
        defer { stream.close() }
        _ = try stream.readLine(maxLength: 4096)
        try stream.write("EHLO weak.mailtls.test\r\n")
        try stream.flush()
        var lines: [String] = []
        for _ in 0..<50 {
            guard let bytes = try stream.readLine(maxLength: 4096) else { break }
            lines.append(String(decoding: bytes, as: UTF8.self))
            if lines.last?.dropFirst(3).first == " " { break }
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("250-AUTH ") || $0.hasPrefix("250 AUTH ") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("STARTTLS") }, "\(lines)")
    }

    /// The first CAPABILITY line of the IMAP port `portName` reached at `address`.
    private func imapCapability(_ portName: String, address: String) throws -> String {
        let socket = try TCPConnector(trace: SilentTrace()).connect(
            host: address, port: UInt16(TestServers.port(portName)), deadline: .after(seconds: 10))
        let stream = ByteStream(transport: socket, deadline: .after(seconds: 10))
        defer { stream.close() }
        _ = try stream.readLine(maxLength: 4096)
        try stream.write("a CAPABILITY\r\n")
        try stream.flush()
        return String(decoding: try XCTUnwrap(try stream.readLine(maxLength: 4096)), as: UTF8.self)
    }

    /// Reached at 127.0.0.2 (from 127.0.0.1), Dovecot does not count the connection as secure.
    func testLOGINDISABLEDOnTheStrictIMAPPortOnly() throws {
        let strict = try imapCapability("DOVECOT_IMAP_STRICT_PORT", address: "127.0.0.2")
        XCTAssertTrue(strict.contains(" LOGINDISABLED"), strict)
        XCTAssertFalse(strict.contains("AUTH=PLAIN"), strict)
        let weak = try imapCapability("DOVECOT_IMAP_WEAK_PORT", address: "127.0.0.2")
        XCTAssertFalse(weak.contains("LOGINDISABLED"), weak)
        XCTAssertTrue(weak.contains("AUTH=PLAIN"), weak)
        XCTAssertTrue(weak.contains("STARTTLS"), weak)
        let loopback = try imapCapability("DOVECOT_IMAP_STRICT_PORT", address: "127.0.0.1")
        XCTAssertFalse(loopback.contains("LOGINDISABLED"), "127.0.0.1 to 127.0.0.1 counts as secure: \(loopback)")
    }
}
