import TLS
import XCTest

@testable import Audit

/// The table people read: services, findings worst first, the verdict; colours only on request.
final class AuditTableTests: XCTestCase {
    func report() -> AuditReport {
        var report = AuditReport(startedAt: 0)
        var service = ServiceObservation(
            host: "mx.mailtls.test", service: AuditService(.smtp, implicitTLS: false, port: 25), address: "127.0.0.1",
            connectedPort: 18587)
        service.tls = FindingsTests.facts()
        report.services = [service]
        report.findings = [
            AuditCheck.tlsEstablished.finding("TLS1.3 with TLS_AES_256_GCM_SHA384", subject: "mx.mailtls.test:25"),
            AuditCheck.ocspStapleMissing.finding("No OCSP staple", subject: "mx.mailtls.test:25"),
            AuditCheck.certificateExpiresSoon.finding(
                "Certificate expires in 10 days\u{1B}[2J", subject: "mx.mailtls.test:25"),
        ]
        return report
    }

    func testPlainTable() {
        let text = AuditTable.render(report(), colors: false)
        XCTAssertEqual(
            text,
            """
            SERVICE             ADDRESS          MODE  RESULT   TLS                            CERTIFICATE
            mx.mailtls.test:25  127.0.0.1:18587  smtp  audited  TLS1.3 TLS_AES_256_GCM_SHA384  verified, RSA 2048

            SEVERITY  SUBJECT             ID                        FINDING
            MEDIUM    mx.mailtls.test:25  certificate-expires-soon  Certificate expires in 10 days\\x1b[2J
            LOW       mx.mailtls.test:25  ocsp-staple-missing       No OCSP staple

            1 check passed; 0 critical, 0 high, 1 medium, 1 low. Worst: medium (exit 1)

            """)
        XCTAssertFalse(text.contains("\u{1B}"), "no escape sequence without a terminal, server text escaped")
    }

    func testColoursOnlyWhenAsked() {
        let text = AuditTable.render(report(), colors: true)
        XCTAssertTrue(text.contains("\u{1B}[33mMEDIUM"))
        XCTAssertTrue(text.contains("\u{1B}[36mLOW"))
    }

    func testPassedChecksShownOnRequest() {
        XCTAssertTrue(
            AuditTable.render(report(), colors: false, showPassed: true).contains(
                "OK        mx.mailtls.test:25  tls-established"))
        var empty = AuditReport(startedAt: 0)
        empty.unaudited = ["mx.mailtls.test:25"]
        XCTAssertTrue(AuditTable.render(empty, colors: false).hasSuffix("not audited: mx.mailtls.test:25 (exit 3)\n"))
    }
}
