import Codec
import TLS
import XCTest

/// The rules that protect users, judged from hand-made facts: no GnuTLS, no network.
final class TLSPolicyTests: XCTestCase {
    private typealias F = FactsFixture
    private let peer = "localhost port 443"

    private func refusal(_ facts: TLSSessionFacts, file: StaticString = #filePath, line: UInt = #line) -> TLSError? {
        do {
            try TLSPolicy.enforce(facts, peer: peer)
            return nil
        } catch {
            XCTAssertEqual(error.facts, facts, "the error carries the facts it was judged from", file: file, line: line)
            return error
        }
    }

    func testAVerifiedChainPasses() {
        let facts = F.judged()
        XCTAssertEqual(facts.verification, .verified)
        XCTAssertNil(facts.pinnedPublicKeyMatched)
        XCTAssertFalse(facts.ocspRequired)
        XCTAssertNil(refusal(facts))
    }

    func testVerificationFailuresRefuseWithEveryReasonInOrder() throws {
        let facts = F.judged(found: [.expired, .hostnameMismatch])
        XCTAssertEqual(facts.verification, .failed(reasons: [.expired, .hostnameMismatch]))
        let error = try XCTUnwrap(refusal(facts))
        XCTAssertEqual(error.kind, .verification(.expired))
        XCTAssertEqual(
            error.message,
            "SSL certificate problem: certificate has expired, certificate does not match the host name (\(peer))")
    }

    func testInsecureSkipsEnforcementButKeepsWhatWasFound() {
        let facts = F.judged(found: [.untrustedIssuer], F.configuration(verifyPeer: false))
        XCTAssertEqual(facts.verification, .skipped(found: [.untrustedIssuer]))
        XCTAssertEqual(facts.verification.failures, [])
        XCTAssertNil(refusal(facts))
    }

    func testARevokedStapleRefusesEvenUnderInsecure() throws {
        var raw = F.certificateFacts()
        raw.ocspStaple = .revoked
        let error = try XCTUnwrap(refusal(F.judged(raw, found: [], F.configuration(verifyPeer: false))))
        XCTAssertEqual(error.kind, .verification(.revoked))
        XCTAssertEqual(
            error.message,
            "SSL certificate problem: the stapled OCSP response says the certificate is revoked (\(peer))")
    }

    func testCertStatusRequiresAGoodStaple() throws {
        var raw = F.certificateFacts()
        for (staple, passes) in [
            (CertificateStatus.good, true), (.missing, false), (.unknown, false), (.invalid("x"), false),
        ] {
            raw.ocspStaple = staple
            let facts = F.judged(raw, found: [], F.configuration(certStatus: true))
            XCTAssertTrue(facts.ocspRequired)
            if passes {
                XCTAssertNil(refusal(facts), "\(staple)")
            } else {
                let error = try XCTUnwrap(refusal(facts), "\(staple)")
                XCTAssertEqual(error.kind, .certificateStatus)
                XCTAssertTrue(error.message.hasPrefix("SSL certificate status problem: "), error.message)
            }
        }
    }

    /// GnuTLS's own verification flags a revoked staple too; under --cert-status it is 91, not 60.
    func testCertStatusReportsARevokedStapleAsAStatusProblem() throws {
        var raw = F.certificateFacts()
        raw.ocspStaple = .revoked
        let facts = F.judged(raw, found: [.revoked], F.configuration(certStatus: true))
        XCTAssertEqual(facts.verification, .verified)
        XCTAssertEqual(try XCTUnwrap(refusal(facts)).kind, .certificateStatus)
    }

    func testPinsAreJudgedFromTheLeafKeyEvenUnderInsecure() throws {
        let byHash = F.judged(found: [], F.configuration(verifyPeer: false, pin: .sha256(hashes: [F.digest])))
        XCTAssertEqual(byHash.pinnedPublicKeyMatched, true)
        XCTAssertNil(refusal(byHash))
        XCTAssertEqual(
            F.judged(found: [], F.configuration(pin: .subjectPublicKeyInfo(F.spki))).pinnedPublicKeyMatched, true)

        let other = [UInt8](repeating: 1, count: 32)
        let wrong = F.judged(found: [], F.configuration(verifyPeer: false, pin: .sha256(hashes: [other])))
        XCTAssertEqual(wrong.pinnedPublicKeyMatched, false)
        let error = try XCTUnwrap(refusal(wrong))
        XCTAssertEqual(error.kind, .pinnedKeyMismatch)
        XCTAssertEqual(
            error.message,
            "SSL: public key does not match pinned public key (\(peer) has sha256//\(Base64.encode(F.digest)))")
    }

    func testAPinWithoutACertificateFails() throws {
        let facts = F.judged(F.srpFacts(), found: [], F.configuration(pin: .sha256(hashes: [F.digest])))
        XCTAssertEqual(facts.pinnedPublicKeyMatched, false)
        XCTAssertTrue(try XCTUnwrap(refusal(facts)).message.hasSuffix("(\(peer) has no certificate)"))
    }

    func testSRPAuthenticatesWithoutACertificate() {
        let facts = F.judged(F.srpFacts(), found: [], F.configuration(certStatus: true))
        XCTAssertEqual(facts.verification, .srpAuthenticated)
        XCTAssertNil(refusal(facts), "no certificate, so no staple to require (as before)")
        XCTAssertEqual(
            F.judged(F.srpFacts(), found: [], F.configuration(verifyPeer: false)).verification, .skipped(found: []))
    }

    /// Chain and host name first, then the staple, then the pin: curl's order.
    func testTheFirstBrokenRuleWins() throws {
        var raw = F.certificateFacts()
        raw.ocspStaple = .missing
        let configuration = F.configuration(certStatus: true, pin: .sha256(hashes: [[UInt8](repeating: 1, count: 32)]))
        XCTAssertEqual(
            try XCTUnwrap(refusal(F.judged(raw, found: [.expired], configuration))).kind, .verification(.expired))
        XCTAssertEqual(try XCTUnwrap(refusal(F.judged(raw, found: [], configuration))).kind, .certificateStatus)
        raw.ocspStaple = .good
        XCTAssertEqual(try XCTUnwrap(refusal(F.judged(raw, found: [], configuration))).kind, .pinnedKeyMismatch)
    }
}
