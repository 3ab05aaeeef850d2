import DNS
import XCTest

@testable import Audit

/// RFC 7672 2.2: DANE applies only when the MX and address answers are secure and the secure
/// TLSA answer holds a usable record.
final class DomainApplicabilityTests: XCTestCase {
    typealias F = DomainFixtures

    func testSecureMXAndAddressesLetTheTLSALookupGoAhead() {
        let mx = F.lookup(.mx, [F.mx(10, "host.example")])
        let addresses = [F.lookup(.a), F.lookup(.aaaa, [])]
        XCTAssertEqual(DANEApplicability.precondition(mx: mx, addresses: addresses), .applies)
    }

    func testAnInsecureOrBogusAnswerStopsDANE() {
        let secureMX = F.lookup(.mx, [F.mx(10, "host.example")])
        let insecureMX = F.lookup(.mx, [F.mx(10, "host.example")], security: .insecure)
        guard
            case .notApplicable(let reason) = DANEApplicability.precondition(mx: insecureMX, addresses: [F.lookup(.a)])
        else { return XCTFail("insecure MX") }
        XCTAssertTrue(reason.contains("MX answer is insecure"), reason)
        let insecureAAAA = F.lookup(.aaaa, [Array(repeating: 0, count: 16)], security: .insecure)
        XCTAssertNotEqual(
            DANEApplicability.precondition(mx: secureMX, addresses: [F.lookup(.a), insecureAAAA]), .applies)
        let bogusA = F.lookup(.a, security: .bogus(reason: "signature expired"), rcode: DNSAnswer.serverFailure)
        XCTAssertNotEqual(DANEApplicability.precondition(mx: secureMX, addresses: [bogusA]), .applies)
        XCTAssertEqual(
            DANEApplicability.precondition(mx: secureMX, addresses: [F.lookup(.a, []), F.lookup(.aaaa, [])]),
            .notApplicable(reason: "the host has no address"))
    }

    func testTLSAAnswers() {
        let usable = DomainTLSARecord(
            TLSARecord(usage: 3, selector: 1, matchingType: 1, data: Array(repeating: 1, count: 32)))
        let pkix = DomainTLSARecord(
            TLSARecord(usage: 1, selector: 1, matchingType: 1, data: Array(repeating: 1, count: 32)))
        XCTAssertEqual(DANEApplicability.evaluate(tlsa: F.lookup(.tlsa, [[0]]), records: [usable, pkix]), .applies)
        XCTAssertEqual(
            DANEApplicability.evaluate(tlsa: F.lookup(.tlsa, [[0]]), records: [pkix]),
            .notApplicable(reason: "every TLSA record is unusable (RFC 7672 2.2)"))
        XCTAssertEqual(
            DANEApplicability.evaluate(tlsa: F.lookup(.tlsa, []), records: []),
            .notApplicable(reason: "no TLSA records"))
        XCTAssertEqual(
            DANEApplicability.evaluate(tlsa: F.lookup(.tlsa, [[0]], security: .insecure), records: [usable]),
            .notApplicable(reason: "the TLSA answer is insecure"))
        let bogus = F.lookup(.tlsa, [[0]], security: .bogus(reason: "expired"), rcode: DNSAnswer.serverFailure)
        XCTAssertEqual(
            DANEApplicability.evaluate(tlsa: bogus, records: []),
            .notApplicable(reason: "the TLSA answer is bogus: expired"))
        let failed = F.lookup(.tlsa, [], rcode: DNSAnswer.serverFailure)
        XCTAssertNotEqual(DANEApplicability.evaluate(tlsa: failed, records: []), .applies)
    }

    func testTLSAIssues() {
        let pkix = DomainTLSARecord(
            TLSARecord(usage: 1, selector: 1, matchingType: 1, data: Array(repeating: 1, count: 32)))
        let bogus = F.lookup(.tlsa, [[0]], security: .bogus(reason: "expired"), rcode: DNSAnswer.serverFailure)
        let tlsa = DomainTLSA(
            name: "_25._tcp.host.example.", baseDomain: "host.example", lookups: [bogus], records: [pkix],
            applicability: .applies)
        let issues = DANEApplicability.issues(host: "host.example", tlsa: tlsa)
        XCTAssertEqual(issues.map(\.id), ["dane-tlsa-bogus", "dane-tlsa-all-unusable"])
        XCTAssertEqual(issues.map(\.resultType), [.dnssecInvalid, .tlsaInvalid])
    }
}
