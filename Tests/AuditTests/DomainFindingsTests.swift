import DNS
import Foundation
import TLS
import XCTest

@testable import Audit

/// The domain checks as findings, verdicts and JSON: ids, severities, result types kept; DANE
/// judged per port-25 observation; every key of a domain entry present.
final class DomainFindingsTests: XCTestCase {
    typealias F = DomainFixtures

    /// mx.example with a DANE-EE record (exact SPKI) and a stale one; mx2.example without TLSA.
    func result(mx: [UInt8] = F.mx(10, "mx.example"), tlsa: [[UInt8]]? = nil) -> DomainAuditResult {
        let dns = FakeResolver()
        dns.add(F.answer("example", .mx, [mx, F.mx(20, "mx2.example")]))
        dns.add(F.answer("mx.example", .a, [[192, 0, 2, 1]]))
        dns.add(F.answer("mx2.example", .a, [[192, 0, 2, 2]]))
        let records = tlsa ?? [F.tlsa(3, 1, 0, F.leafSPKI), F.tlsa(3, 1, 0, [0x30, 0x09])]
        dns.add(F.answer("_25._tcp.mx.example", .tlsa, records))
        dns.add(F.answer("_smtp._tls.example", .txt, [F.txt("v=TLSRPTv1; rua=ftp://x")]))
        return DomainAudit(
            resolver: dns, fetchPolicy: { DomainPolicyFetch(url: DomainPolicyFetcher.policyURL(domain: $0)) }
        ).run(domain: "example")
    }

    func observation(_ host: String, chain: [PeerCertificate]?) -> ServiceObservation {
        var observation = ServiceObservation(
            host: host, service: AuditService(.smtp, implicitTLS: false, port: 25), address: "192.0.2.1",
            connectedPort: 25)
        if let chain {
            var facts = FindingsTests.facts()
            facts.peerCertificates = chain
            observation.tls = facts
        } else {
            observation.outcome = .starttlsNotOffered
        }
        return observation
    }

    func testIssuesKeepIdSeverityAndResultTypeAndPassedChecksAreOK() {
        let findings = DomainFindings.findings(result())
        let byID = Dictionary(findings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byID["mx-found"]?.severity, .ok)
        XCTAssertEqual(byID["dnssec-secure"]?.severity, .ok)
        XCTAssertEqual(byID["mta-sts-absent"]?.severity, .low)
        XCTAssertEqual(byID["tls-rpt-invalid"]?.severity, .medium)
        XCTAssertNil(byID["tls-rpt-present"])
        XCTAssertNil(byID["mta-sts-valid"])
    }

    func testANullMXDomainNeedsNoMTASTSOrTLSRPT() {
        let dns = FakeResolver()
        dns.add(F.answer("example", .mx, [F.mx(0, ".")]))
        let result = DomainAudit(resolver: dns, fetchPolicy: { DomainPolicyFetch(url: $0) }).run(domain: "example")
        XCTAssertEqual(DomainFindings.findings(result).map(\.id), ["mx-null", "dnssec-secure"])
    }

    func testABogusAnswersSubjectLosesItsFinalDot() {
        let finding = DomainFindings.finding(
            DomainIssue(
                id: "dnssec-bogus", severity: .critical, resultType: .dnssecInvalid, subject: "bogus.example.",
                title: "t"))
        XCTAssertEqual([finding.subject, finding.resultType], ["bogus.example", "dnssec-invalid"])
        XCTAssertEqual(finding.severity, .critical)
    }

    func testDANEPerObservationMatchNoMatchAndNoTLS() {
        var summary = DomainSummary(result())
        let good = DomainFindings.dane(
            &summary, observations: [observation("mx.example", chain: F.chain())], verifier: nil)
        XCTAssertEqual(good.map(\.id), ["dane-valid"])
        XCTAssertEqual(good.first?.subject, "mx.example:25")
        XCTAssertEqual(summary.verdicts["mx.example"]?.map(\.result), ["match"])
        XCTAssertNil(summary.verdicts["mx2.example"], "no TLSA: DANE does not apply")

        var stale = DomainSummary(result(tlsa: [F.tlsa(3, 1, 0, [0x30, 0x09])]))
        let bad = DomainFindings.dane(
            &stale,
            observations: [observation("mx.example", chain: F.chain()), observation("mx.example", chain: nil)],
            verifier: nil)
        XCTAssertEqual(bad.map(\.id), ["dane-no-match", "dane-rollover"])
        XCTAssertEqual(bad.map(\.severity), [.critical, .low])
        XCTAssertEqual(bad.first?.resultType, "validation-failure")
        XCTAssertEqual(bad.first?.evidence["address"], "192.0.2.1")
        XCTAssertEqual(stale.verdicts["mx.example"]?.map(\.result), ["no-match", "no-tls"])
    }

    func testTheJSONEntryHasEveryKeyWithNulls() throws {
        var summary = DomainSummary(result())
        _ = DomainFindings.dane(&summary, observations: [observation("mx.example", chain: F.chain())], verifier: nil)
        let data = try JSONEncoder().encode(summary)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(
            Set(object.keys),
            ["domain", "mxHosts", "mxSecurity", "nullMX", "mx", "lookups", "hosts", "mtaSTS", "tlsRPT"])
        let sts = try XCTUnwrap(object["mtaSTS"] as? [String: Any])
        XCTAssertEqual(sts["status"] as? String, "absent")
        XCTAssertTrue(sts["policy"] is NSNull)
        let host = try XCTUnwrap((object["hosts"] as? [[String: Any]])?.first)
        let dane = try XCTUnwrap(host["dane"] as? [String: Any])
        XCTAssertEqual(dane["applies"] as? Bool, true)
        XCTAssertTrue(dane["reason"] is NSNull)
        let verdict = try XCTUnwrap((dane["verdicts"] as? [[String: Any]])?.first)
        XCTAssertEqual(verdict["result"] as? String, "match")
        XCTAssertTrue(verdict["failureReason"] is NSNull)
    }

    func testTheTableLinesOfADomain() {
        var summary = DomainSummary(result())
        _ = DomainFindings.dane(&summary, observations: [observation("mx.example", chain: F.chain())], verifier: nil)
        let rows = DomainTable.rows(summary)
        XCTAssertEqual(rows.map { $0[1] }, ["MX", "DNSSEC", "DANE", "DANE", "MTA-STS", "TLS-RPT"])
        XCTAssertEqual(rows[0], ["example", "MX", "mx.example (10), mx2.example (20)"])
        XCTAssertEqual(rows[2][2], "mx.example: TLSA 3 1 0, 3 1 0; 192.0.2.1: match (3 1 0 at depth 0)")
        XCTAssertEqual(rows[3][2], "mx2.example: does not apply (no TLSA records)")
        XCTAssertEqual(rows[4][2], "no record")
        XCTAssertEqual(rows[5][2], "invalid record")
    }
}
