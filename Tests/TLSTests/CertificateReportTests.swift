import Codec
import TLS
import XCTest

/// `-v` as a renderer of the facts value, in curl's layout.
final class CertificateReportTests: XCTestCase {
    func testTraceLinesPutAlertsAndTheConnectionLineFirst() {
        var facts = FactsFixture.judged()
        facts.warningAlerts = [TLSAlert(level: .warning, number: 112)]
        let lines = CertificateReport.traceLines(for: facts, now: 2000)
        XCTAssertEqual(
            Array(lines.prefix(3)),
            [
                "TLS alert received during the handshake: unrecognized_name (warning 112); continuing",
                "SSL connection using TLS1.3 / TLS_AES_256_GCM_SHA384",
                "  server certificate verification OK",
            ])
        XCTAssertEqual(
            Array(lines.dropFirst(2)),
            CertificateReport.lines(for: facts, now: 2000) + CertificateReport.sessionLines(for: facts)
                + CertificateReport.chainLines(for: facts))
    }

    /// After curl's lines: key exchange, resumption, then every certificate with its pin.
    func testChainLinesShowEachCertificateWithItsPin() {
        var facts = FactsFixture.judged()
        facts.resumed = true
        XCTAssertEqual(
            CertificateReport.sessionLines(for: facts),
            ["TLS key exchange group: X25519, signature algorithm: RSA-PSS-RSAE-SHA256", "TLS session resumed: yes"])
        let pin = "sha256//" + Base64.encode(FactsFixture.digest)
        XCTAssertEqual(
            CertificateReport.chainLines(for: facts),
            [
                "certificate 1 of 2: CN=localhost", "  issued by: CN=mailtls Test CA",
                "  alt names: DNS:localhost, IP:127.0.0.1", "  key: RSA 2048 bits",
                "  valid: Thu, 01 Jan 1970 00:16:40 GMT to Thu, 01 Jan 1970 00:50:00 GMT", "  pin: \(pin)",
                "certificate 2 of 2: CN=mailtls Test CA", "  issued by: CN=mailtls Test CA",
                "  alt names: DNS:mailtls Test CA, IP:127.0.0.1", "  key: RSA 2048 bits",
                "  valid: Thu, 01 Jan 1970 00:16:40 GMT to Thu, 01 Jan 1970 00:50:00 GMT", "  pin: \(pin)",
            ])
        XCTAssertEqual(
            CertificateReport.sessionLines(for: FactsFixture.srpFacts())[0],
            "TLS key exchange group: none, signature algorithm: none")
        XCTAssertEqual(CertificateReport.chainLines(for: FactsFixture.srpFacts()), [])
    }

    func testFailedVerificationIsShownBeforeTheConnectionIsRefused() {
        let facts = FactsFixture.judged(found: [.untrustedIssuer])
        XCTAssertEqual(CertificateReport.lines(for: facts, now: 2000)[0], "  server certificate verification FAILED")
    }

    /// Without --cert-status a staple is shown only when it says "revoked".
    func testStatusLineFollowsTheRequirement() {
        var facts = FactsFixture.judged()
        facts.ocspStaple = .good
        XCTAssertEqual(
            CertificateReport.lines(for: facts, now: 2000)[1], "  server certificate status verification SKIPPED")
        facts.ocspStaple = .revoked
        XCTAssertEqual(
            CertificateReport.lines(for: facts, now: 2000)[1], "  server certificate status verification FAILED")
        facts.ocspRequired = true
        facts.ocspStaple = .missing
        XCTAssertEqual(
            CertificateReport.lines(for: facts, now: 2000)[1], "  server certificate status verification FAILED")
    }

    func testSRPHasNoCertificateBlock() {
        let verified = FactsFixture.judged(FactsFixture.srpFacts())
        XCTAssertEqual(
            CertificateReport.lines(for: verified, now: 0),
            [
                "  server certificate verification OK",
                "  server certificate status verification SKIPPED",
                "  server authenticated by TLS-SRP (no certificate)",
            ])
        let insecure = FactsFixture.judged(
            FactsFixture.srpFacts(), found: [], FactsFixture.configuration(verifyPeer: false))
        XCTAssertEqual(CertificateReport.lines(for: insecure, now: 0)[0], "  server certificate verification SKIPPED")
        XCTAssertEqual(
            CertificateReport.lines(for: insecure, now: 0).last, "  server authenticated by TLS-SRP (no certificate)")
    }

    func testNotYetValidCertificateDates() {
        let facts = FactsFixture.judged()
        let lines = CertificateReport.lines(for: facts, now: 500)
        XCTAssertTrue(lines.contains("  server certificate expiration date OK"))
        XCTAssertTrue(lines.contains("  server certificate activation date FAILED"))
    }
}
