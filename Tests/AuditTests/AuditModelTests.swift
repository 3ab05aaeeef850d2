import Foundation
import XCTest

@testable import Audit

/// The finding model: severity order, the catalogue, the exit-code mapping, JSON shape.
final class AuditModelTests: XCTestCase {
    func testSeveritiesAreOrderedAsTestsslNamesThem() {
        XCTAssertEqual(AuditSeverity.allCases, [.ok, .low, .medium, .high, .critical])
        XCTAssertTrue(AuditSeverity.ok < .low && AuditSeverity.low < .medium)
        XCTAssertTrue(AuditSeverity.medium < .high && AuditSeverity.high < .critical)
        XCTAssertEqual([AuditSeverity.low, .critical, .ok, .high].max(), .critical)
        XCTAssertEqual([AuditSeverity.low, .ok].sorted(), [.ok, .low])
    }

    func testExitCodeFollowsTheWorstFinding() {
        let expected: [(AuditSeverity, Int32)] = [(.ok, 0), (.low, 0), (.medium, 1), (.high, 2), (.critical, 3)]
        for (severity, code) in expected {
            XCTAssertEqual(AuditExitCode.code(worst: severity, incomplete: false), code, "\(severity)")
            XCTAssertEqual(AuditExitCode.code(worst: severity, incomplete: true), 3, "\(severity), not audited")
        }
        var report = AuditReport(startedAt: 0)
        XCTAssertEqual(report.exitCode, 0, "nothing found: 0")
        report.findings = [AuditCheck.ocspStapleMissing.finding("No OCSP staple", subject: "a:25")]
        XCTAssertEqual(report.exitCode, 0)
        report.findings.append(AuditCheck.authBeforeStarttls.finding("AUTH", subject: "a:25"))
        XCTAssertEqual(report.exitCode, 1)
        report.findings.append(AuditCheck.certificateExpired.finding("expired", subject: "a:25"))
        XCTAssertEqual(report.worst, .critical)
        XCTAssertEqual(report.exitCode, 3)
    }

    func testCatalogueIdsAreUniqueAndResultTypesAreRFC8460s() {
        let ids = AuditCheck.allCases.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count)
        let rfc8460: Set<String> = [
            "starttls-not-supported", "certificate-host-mismatch", "certificate-expired", "certificate-not-trusted",
            "validation-failure", "tlsa-invalid", "dnssec-invalid", "dane-required", "sts-policy-fetch-error",
            "sts-policy-invalid", "sts-webpki-invalid",
        ]
        for check in AuditCheck.allCases {
            if let type = check.resultType { XCTAssertTrue(rfc8460.contains(type), "\(check.id): \(type)") }
            XCTAssertTrue(check.id.allSatisfy { $0.isLowercase || $0 == "-" }, check.id)
        }
        XCTAssertEqual(AuditCheck.certificateHostMismatch.resultType, "certificate-host-mismatch")
        XCTAssertEqual(AuditCheck.starttlsNotSupported.severity, .high)
        XCTAssertEqual(AuditCheck.starttlsInjection.severity, .critical)
    }

    func testFindingEncodesEveryKeyWithNullResultType() throws {
        let finding = AuditFinding(id: "x", severity: .low, title: "t", subject: "h:25", evidence: ["k": "v"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(finding), as: UTF8.self)
        XCTAssertEqual(
            json, #"{"evidence":{"k":"v"},"id":"x","resultType":null,"severity":"low","subject":"h:25","title":"t"}"#)
    }

    func testSortedFindingsAreWorstFirstThenInOrder() {
        var report = AuditReport(startedAt: 0)
        report.findings = [
            AuditCheck.tlsEstablished.finding("a", subject: "s"),
            AuditCheck.ocspStapleMissing.finding("b", subject: "s"),
            AuditCheck.certificateHostMismatch.finding("c", subject: "s"),
            AuditCheck.implicitTLSMissing.finding("d", subject: "s"),
        ]
        XCTAssertEqual(report.sortedFindings.map(\.title), ["c", "b", "d", "a"])
    }

    func testISO8601Dates() {
        XCTAssertEqual(ISO8601Date.iso8601(0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(ISO8601Date.iso8601(1_796_687_152), "2026-12-07T23:45:52Z")
        XCTAssertEqual(ISO8601Date.iso8601(951_782_400), "2000-02-29T00:00:00Z")
    }
}
