import TLS
import XCTest

final class TLSValueTests: XCTestCase {
    func testIPAddressLiteralsGetNoSNI() {
        for ip in ["127.0.0.1", "::1", "fe80::1", "10.0.0.255"] { XCTAssertTrue(HostName.isIPAddressLiteral(ip), ip) }
        for name in ["localhost", "mail.example.com", "1.2.3", "256.1.1.1", "1.2.3.4.example"] {
            XCTAssertFalse(HostName.isIPAddressLiteral(name), name)
        }
    }

    func testVersionNames() {
        XCTAssertEqual(TLSVersion(curlName: "1.3"), .tls1_3)
        XCTAssertNil(TLSVersion(curlName: "1.4"))
        XCTAssertEqual(TLSVersion.tls1_2.displayName, "TLS1.2")
        XCTAssertLessThan(TLSVersion.tls1_1, .tls1_2)
    }

    func testDatesInCurlsFormat() {
        XCTAssertEqual(HTTPDate.format(0), "Thu, 01 Jan 1970 00:00:00 GMT")
        XCTAssertEqual(HTTPDate.format(1_795_913_147), "Sun, 29 Nov 2026 00:45:47 GMT")
    }

    func testCertificateBlockLayout() {
        var facts = FactsFixture.judged()
        facts.peerCertificates = [FactsFixture.certificate()]
        XCTAssertEqual(
            CertificateReport.lines(for: facts, now: 2000),
            [
                "  server certificate verification OK",
                "  server certificate status verification SKIPPED",
                "  common name: localhost (matched)",
                "  server certificate expiration date OK",
                "  server certificate activation date OK",
                "  certificate public key: RSA",
                "  certificate version: #3",
                "  subject: CN=localhost",
                "  start date: Thu, 01 Jan 1970 00:16:40 GMT",
                "  expire date: Thu, 01 Jan 1970 00:50:00 GMT",
                "  issuer: CN=mailtls Test CA",
            ])
        var skipped = facts
        skipped.verification = .skipped(found: [.hostnameMismatch])
        skipped.hostnameMatched = false
        skipped.serverName = "wrong"
        let lines = CertificateReport.lines(for: skipped, now: 4000)
        XCTAssertEqual(lines[0], "  server certificate verification SKIPPED")
        XCTAssertEqual(lines[2], "  common name: localhost (does not match 'wrong')")
        XCTAssertEqual(lines[3], "  server certificate expiration date FAILED")
    }
}
