import Codec
import Foundation
import GnuTLS
import TLS
import Transport
import XCTest

/// The facts GnuTLS extracts from real handshakes with nginx of testservers/, and the facts a
/// refused handshake still carries in its error.
final class TLSFactsExtractionTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private func configuration(_ change: (inout TLSConfiguration) -> Void = { _ in }) -> TLSConfiguration {
        var c = TLSConfiguration()
        c.trust = TrustStore(caFile: TestServers.caFile, caPath: nil)
        change(&c)
        return c
    }

    private func handshake(
        _ portName: String, host: String = "localhost",
        _ configuration: TLSConfiguration
    ) throws -> TLSConnection {
        let socket = try TCPConnector(trace: SilentTrace()).connect(
            host: host, port: UInt16(TestServers.port(portName)),
            deadline: .after(seconds: 10))
        return try GnuTLSClient().handshake(
            over: socket, serverName: host, configuration: configuration,
            deadline: .after(seconds: 10), trace: SilentTrace())
    }

    func testTLS13FactsOfAVerifiedServer() throws {
        let connection = try handshake("HTTPS_PORT", configuration())
        defer { connection.close() }
        let facts = connection.facts
        XCTAssertEqual(facts.version, .tls1_3)
        XCTAssertTrue(facts.cipherSuite.hasPrefix("TLS_AES_"), facts.cipherSuite)
        XCTAssertNotNil(facts.keyExchangeGroup)
        XCTAssertNotNil(facts.signatureAlgorithm)
        XCTAssertFalse(facts.resumed)
        XCTAssertNil(facts.alpn, "we offer no ALPN")
        XCTAssertEqual(facts.serverName, "localhost")
        XCTAssertEqual(facts.verification, .verified)
        XCTAssertTrue(facts.hostnameMatched)
        XCTAssertEqual(facts.trust, [.file(path: TestServers.caFile, certificates: 1)])
        XCTAssertEqual(facts.channelBindingType, "tls-exporter")
        XCTAssertEqual(facts.channelBindingType, connection.channelBinding?.type)
        XCTAssertEqual(facts.authentication, .certificate)
        XCTAssertEqual(
            ByteStream(transport: connection, deadline: .after(seconds: 10)).tlsFacts, facts,
            "an implicit-TLS stream reaches the facts")
    }

    func testTheLeafCertificate() throws {
        let connection = try handshake("HTTPS_PORT", configuration())
        defer { connection.close() }
        let leaf = try XCTUnwrap(connection.facts.leaf)
        XCTAssertEqual(leaf.commonName, "localhost")
        XCTAssertTrue(leaf.subject.contains("CN=localhost"), leaf.subject)
        XCTAssertTrue(leaf.issuer.contains("CN=mailtls Test CA"), leaf.issuer)
        XCTAssertTrue(leaf.dnsNames.contains("localhost"), "\(leaf.dnsNames)")
        XCTAssertTrue(leaf.ipAddresses.contains("127.0.0.1"), "\(leaf.ipAddresses)")
        XCTAssertLessThan(leaf.notBefore, leaf.notAfter)
        XCTAssertEqual(leaf.version, 3)
        XCTAssertEqual(leaf.subjectPublicKeyInfo.first, 0x30, "DER SubjectPublicKeyInfo")
        XCTAssertEqual(leaf.subjectPublicKeyDigest.count, 32)
        XCTAssertEqual(leaf.publicKeyPin, try opensslPin(of: TestServers.certificate("server.pem")))
        XCTAssertEqual(leaf.publicKeyAlgorithm, "RSA")
        // The key size as openssl reads it ("Public-Key: (2048 bit)").
        let text = ToolProcess.run(
            "/usr/bin/env", ["openssl", "x509", "-in", TestServers.certificate("server.pem"), "-noout", "-text"]
        ).stdout
        let bits = try XCTUnwrap(text.range(of: #"Public-Key: \((\d+) bit\)"#, options: .regularExpression))
        XCTAssertEqual("Public-Key: (\(leaf.publicKeyBits) bit)", String(text[bits]))
    }

    func testTLS12FactsAndChannelBinding() throws {
        let connection = try handshake("HTTPS_TLS12_PORT", configuration())
        defer { connection.close() }
        XCTAssertEqual(connection.facts.version, .tls1_2)
        XCTAssertEqual(connection.facts.channelBindingType, "tls-unique")
        XCTAssertNotNil(connection.facts.keyExchangeGroup)
    }

    func testInsecureFactsKeepWhatVerificationFound() throws {
        let connection = try handshake("HTTPS_WRONGHOST_PORT", configuration { $0.verifyPeer = false })
        defer { connection.close() }
        // No trust anchors are loaded under -k, so the issuer is unknown too.
        XCTAssertEqual(connection.facts.verification, .skipped(found: [.untrustedIssuer, .hostnameMismatch]))
        XCTAssertFalse(connection.facts.hostnameMatched)
        XCTAssertEqual(connection.facts.trust, [], "-k loads no trust anchors")
    }

    func testARefusedCertificateCarriesTheFacts() throws {
        XCTAssertThrowsError(try handshake("HTTPS_EXPIRED_PORT", configuration())) { error in
            guard let error = error as? TLSError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.kind, .verification(.expired))
            XCTAssertEqual(error.facts?.verification, .failed(reasons: [.expired]))
            XCTAssertEqual(error.facts?.leaf?.commonName, "localhost")
        }
    }

    func testARefusedVersionCarriesTheAlertAndTheLibraryCode() throws {
        XCTAssertThrowsError(try handshake("HTTPS_TLS12_PORT", configuration { $0.minimumVersion = .tls1_3 })) {
            error in
            guard let error = error as? TLSError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.kind, .handshake)
            XCTAssertNil(error.facts)
            XCTAssertEqual(error.alert, TLSAlert(level: .fatal, number: 70))
            XCTAssertNotNil(error.libraryCode)
            XCTAssertTrue(error.message.contains("the server does not accept TLS 1.3–1.3"), error.message)
        }
    }

    /// `sha256//` of the certificate's key, as curl's documentation computes it with openssl.
    private func opensslPin(of certificate: String) throws -> String {
        let script =
            "openssl x509 -in '\(certificate)' -pubkey -noout | openssl pkey -pubin -outform der"
            + " | openssl dgst -sha256 -binary | base64"
        let r = ToolProcess.run("/bin/sh", ["-c", script])
        guard r.status == 0 else { throw XCTSkip("openssl: \(r.stderr)") }
        return "sha256//" + r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
