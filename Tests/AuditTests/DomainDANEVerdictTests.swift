import DNS
import TLS
import XCTest

@testable import Audit

final class DomainDANEVerdictTests: XCTestCase {
    typealias F = DomainFixtures
    let eeRecord = TLSARecord(usage: 3, selector: 1, matchingType: 0, data: DomainFixtures.leafSPKI)
    let taRecord = TLSARecord(usage: 2, selector: 0, matchingType: 0, data: DomainFixtures.caDER)
    let staleRecord = TLSARecord(usage: 3, selector: 1, matchingType: 0, data: [0x30, 0x09])

    func testDANEEEMatchesTheServersKeyAndTwoRecordsGiveNoRolloverWarning() {
        let verdict = DANEVerdict.evaluate(records: [eeRecord, staleRecord], chain: F.chain(), host: "mx.example")
        XCTAssertTrue(verdict.isMatch)
        XCTAssertEqual(verdict.accepted, [DANEMatch(record: eeRecord, depth: 0)])
        XCTAssertNil(verdict.rolloverWarning)
        XCTAssertEqual(verdict.issues, [])
    }

    func testDANEEEIgnoresTheName() {
        let verdict = DANEVerdict.evaluate(
            records: [eeRecord, staleRecord], chain: F.chain(leafNames: ["other.example"]), host: "mx.example")
        XCTAssertTrue(verdict.isMatch)
    }

    func testDANETAMatchesTheCAOfSelector0ByItsDER() {
        let verdict = DANEVerdict.evaluate(records: [taRecord], chain: F.chain(), host: "mx.example")
        XCTAssertTrue(verdict.isMatch)
        XCTAssertEqual(verdict.accepted.first?.depth, 1)
        XCTAssertNotNil(verdict.rolloverWarning, "one usable record: warn")
        XCTAssertEqual(verdict.issues.map(\.id), ["dane-rollover"])
        XCTAssertEqual(verdict.issues.first?.severity, .low)
    }

    func testDANETANeedsTheMXHostNameOrTheBaseDomain() {
        let chain = F.chain(leafNames: ["*.example"])
        XCTAssertTrue(DANEVerdict.evaluate(records: [taRecord], chain: chain, host: "mx.example").isMatch)
        let wrong = DANEVerdict.evaluate(
            records: [taRecord], chain: F.chain(leafNames: ["localhost"]), host: "mx.example")
        XCTAssertFalse(wrong.isMatch)
        XCTAssertEqual(wrong.matches.count, 1, "the digest matches, the name does not")
        XCTAssertEqual(wrong.issues.first?.id, "dane-ta-unverified")
        XCTAssertEqual(wrong.issues.first?.resultType, .validationFailure)
        XCTAssertTrue(wrong.failureReason?.contains("not for mx.example") ?? false, wrong.failureReason ?? "")
        let viaBase = DANEVerdict.evaluate(
            records: [taRecord], chain: F.chain(leafNames: ["target.example"]), host: "alias.example",
            baseDomain: "target.example")
        XCTAssertTrue(viaBase.isMatch)
    }

    func testDANETAChainMustLinkUpToTheMatchedCertificate() {
        var chain = F.chain()
        chain[0].issuer = "CN=Someone Else"
        let verdict = DANEVerdict.evaluate(records: [taRecord], chain: chain, host: "mx.example")
        XCTAssertFalse(verdict.isMatch)
        XCTAssertTrue(verdict.failureReason?.contains("not issued by") ?? false)
    }

    func testNoMatchIsAValidationFailureAndAnEmptyChainToo() {
        let verdict = DANEVerdict.evaluate(records: [staleRecord], chain: F.chain(), host: "mx.example")
        XCTAssertFalse(verdict.isMatch)
        XCTAssertEqual(verdict.issues.map(\.id), ["dane-no-match", "dane-rollover"])
        XCTAssertEqual(verdict.issues[0].resultType, .validationFailure)
        XCTAssertEqual(verdict.issues[0].severity, .critical)
        let empty = DANEVerdict.evaluate(records: [eeRecord], chain: [], host: "mx.example")
        XCTAssertEqual(empty.failureReason, "the server sent no certificate")
    }

    func testUsages0And1NeverMatch() {
        let pkixEE = TLSARecord(usage: 1, selector: 1, matchingType: 0, data: DomainFixtures.leafSPKI)
        let pkixTA = TLSARecord(usage: 0, selector: 0, matchingType: 0, data: DomainFixtures.caDER)
        let verdict = DANEVerdict.evaluate(records: [pkixEE, pkixTA], chain: F.chain(), host: "mx.example")
        XCTAssertFalse(verdict.isMatch)
        XCTAssertEqual(verdict.usableRecordCount, 0)
        XCTAssertEqual(verdict.failureReason, "no usable TLSA record")
        XCTAssertNil(verdict.rolloverWarning)
    }

    func testSelector0NeedsTheDER() {
        var chain = F.chain()
        chain[1].der = []
        XCTAssertFalse(DANEVerdict.evaluate(records: [taRecord], chain: chain, host: "mx.example").isMatch)
    }
}
