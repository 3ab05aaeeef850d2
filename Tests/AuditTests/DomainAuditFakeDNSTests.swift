import DNS
import XCTest

@testable import Audit

/// The whole domain audit over a table of answers and a canned policy fetch.
final class DomainAuditFakeDNSTests: XCTestCase {
    typealias F = DomainFixtures
    let goodPolicy = Array("version: STSv1\nmode: enforce\nmx: mx.example\nmx: mx2.example\nmax_age: 86400\n".utf8)

    func goodDomain() -> FakeResolver {
        let dns = FakeResolver()
        dns.add(F.answer("example", .mx, [F.mx(20, "mx2.example"), F.mx(10, "mx.example")]))
        dns.add(F.answer("mx.example", .a, [[192, 0, 2, 1]]))
        dns.add(F.answer("mx.example", .aaaa, []))
        dns.add(F.answer("mx2.example", .a, [[192, 0, 2, 2]]))
        dns.add(F.answer("mx2.example", .aaaa, []))
        dns.add(F.answer("_25._tcp.mx.example", .tlsa, [F.tlsa(3, 1, 1, Array(repeating: 7, count: 32))]))
        dns.add(F.answer("_mta-sts.example", .txt, [F.txt("v=STSv1; id=1;")]))
        dns.add(F.answer("_smtp._tls.example", .txt, [F.txt("v=TLSRPTv1; ", "rua=mailto:r@example")]))
        return dns
    }

    func audit(_ dns: FakeResolver, fetch: DomainPolicyFetch? = nil) -> DomainAuditResult {
        let policy = goodPolicy
        return DomainAudit(
            resolver: dns,
            fetchPolicy: { domain in
                fetch
                    ?? DomainPolicyFetch(url: DomainPolicyFetcher.policyURL(domain: domain), status: 200, body: policy)
            }
        ).run(domain: "example.")
    }

    func testAGoodDomain() {
        let result = audit(goodDomain())
        XCTAssertEqual(result.domain, "example")
        XCTAssertEqual(result.mx.kind, .records)
        XCTAssertEqual(result.hosts.map(\.host), ["mx.example", "mx2.example"], "by preference")
        XCTAssertEqual(result.hosts[0].addresses, [DomainAddress(address: "192.0.2.1", type: .a, dnssec: .secure)])
        XCTAssertEqual(result.hosts[0].tlsa.applicability, .applies)
        XCTAssertEqual(result.hosts[0].tlsa.usableRecords.count, 1)
        XCTAssertEqual(result.hosts[1].tlsa.applicability, .notApplicable(reason: "no TLSA records"))
        XCTAssertEqual(result.hosts.map(\.stsPattern), ["mx.example", "mx2.example"])
        XCTAssertEqual(result.mtaSTS.status, .policy)
        XCTAssertEqual(result.mtaSTS.record?.id, "1")
        XCTAssertEqual(result.mtaSTS.policy?.mode, .enforce)
        XCTAssertEqual(result.tlsRPT.status, .present)
        XCTAssertEqual(result.tlsRPT.record?.reportURIs, ["mailto:r@example"])
        XCTAssertEqual(result.issues, [])
        XCTAssertTrue(result.lookups.allSatisfy { $0.dnssec == .secure })
        XCTAssertEqual(result.lookups.count, 9, "MX, A+AAAA+TLSA per host, _mta-sts, _smtp._tls")
    }

    func testNullMXAndImplicitMX() {
        let null = FakeResolver()
        null.add(F.answer("example", .mx, [F.mx(0, ".")]))
        let nullResult = audit(null)
        XCTAssertEqual(nullResult.mx.kind, .nullMX)
        XCTAssertEqual(nullResult.hosts, [])
        let implicit = FakeResolver()
        implicit.add(F.answer("example", .mx, []))
        implicit.add(F.answer("example", .a, [[192, 0, 2, 9]]))
        let implicitResult = audit(implicit)
        XCTAssertEqual(implicitResult.mx.kind, .implicit)
        XCTAssertEqual(implicitResult.hosts.map(\.host), ["example"])
        XCTAssertEqual(implicitResult.hosts[0].tlsa.applicability, .notApplicable(reason: "no TLSA records"))
        XCTAssertEqual(implicitResult.mtaSTS.status, .absent)
        XCTAssertEqual(implicitResult.tlsRPT.status, .absent)
        XCTAssertEqual(implicitResult.issues.map(\.id), ["mta-sts-absent", "tls-rpt-absent"])
    }

    func testAHostNamedTwiceIsCheckedOnce() {
        let dns = goodDomain()
        dns.add(F.answer("example", .mx, [F.mx(10, "mx.example"), F.mx(20, "MX.example"), F.mx(30, "mx2.example")]))
        XCTAssertEqual(audit(dns).hosts.map(\.host), ["mx.example", "mx2.example"])
    }

    func testABogusMXIsDNSSECInvalidAndStopsDANE() {
        let dns = goodDomain()
        dns.add(
            F.answer(
                "example", .mx, [F.mx(10, "mx.example")], security: .bogus(reason: "signature expired"),
                rcode: DNSAnswer.serverFailure))
        let result = audit(dns)
        XCTAssertEqual(result.mx.kind, .records, "unproven, kept as evidence")
        XCTAssertEqual(result.mx.lookup.dnssec, .bogus)
        XCTAssertEqual(result.issues.first?.id, "dnssec-bogus")
        XCTAssertEqual(result.issues.first?.resultType, .dnssecInvalid)
        XCTAssertEqual(result.worstSeverity, .critical)
        guard case .notApplicable = result.hosts[0].tlsa.applicability else { return XCTFail("DANE must not apply") }
        XCTAssertFalse(dns.asked.contains("_25._tcp.mx.example. TLSA"), "no TLSA lookup below a bogus MX")
    }

    func testPolicyFetchFailuresAndAnInvalidPolicy() {
        let url = DomainPolicyFetcher.policyURL(domain: "example")
        let redirect = audit(goodDomain(), fetch: DomainPolicyFetch(url: url, status: 301, failure: .redirect))
        XCTAssertEqual(redirect.mtaSTS.status, .fetchFailed)
        XCTAssertEqual(redirect.issues.map(\.id), ["mta-sts-policy-fetch-failed"])
        XCTAssertEqual(redirect.issues.first?.resultType, .stsPolicyFetchError)
        let webPKI = audit(goodDomain(), fetch: DomainPolicyFetch(url: url, failure: .certificate, message: "bad"))
        XCTAssertEqual(webPKI.issues.map(\.resultType), [.stsWebPKIInvalid])
        let invalid = audit(
            goodDomain(), fetch: DomainPolicyFetch(url: url, status: 200, body: Array("mode: x\n".utf8)))
        XCTAssertEqual(invalid.mtaSTS.status, .invalidPolicy)
        XCTAssertEqual(invalid.issues.map(\.resultType), [.stsPolicyInvalid])
    }

    func testTwoSTSRecordsAreNoPolicyAndNoFetch() {
        let dns = goodDomain()
        dns.add(F.answer("_mta-sts.example", .txt, [F.txt("v=STSv1; id=1;"), F.txt("v=STSv1; id=2;")]))
        var fetched = false
        let result = DomainAudit(
            resolver: dns,
            fetchPolicy: {
                fetched = true
                return DomainPolicyFetch(url: $0)
            }
        ).run(domain: "example")
        XCTAssertFalse(fetched)
        XCTAssertEqual(result.mtaSTS.status, .invalidRecord)
        XCTAssertEqual(result.issues.map(\.resultType), [.stsPolicyInvalid])
    }
}
