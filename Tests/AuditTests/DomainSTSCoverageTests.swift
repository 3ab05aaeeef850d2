import DNS
import XCTest

@testable import Audit

final class DomainSTSCoverageTests: XCTestCase {
    func testEveryHostCoveredAndEveryPatternUsed() {
        let policy = STSPolicy(mode: .enforce, maxAge: 86400, mx: ["mx.example", "*.backup.example"])
        let coverage = DomainSTSCoverage.evaluate(policy: policy, hosts: ["mx.example", "b1.backup.example"])
        XCTAssertTrue(coverage.coversEveryHost)
        XCTAssertEqual(coverage.unusedPatterns, [])
        XCTAssertEqual(coverage.patternByHost["b1.backup.example"], "*.backup.example")
        XCTAssertEqual(DomainSTSCoverage.issues(policy: policy, coverage: coverage, domain: "example"), [])
    }

    func testAnUncoveredHostAndAnUnusedPattern() {
        let policy = STSPolicy(mode: .enforce, maxAge: 86400, mx: ["mx.example", "mail.other.net"])
        let coverage = DomainSTSCoverage.evaluate(policy: policy, hosts: ["mx.example", "mx2.example"])
        XCTAssertEqual(coverage.uncoveredHosts, ["mx2.example"])
        XCTAssertEqual(coverage.unusedPatterns, ["mail.other.net"])
        let issues = DomainSTSCoverage.issues(policy: policy, coverage: coverage, domain: "example")
        XCTAssertEqual(issues.map(\.id), ["mta-sts-mx-not-covered", "mta-sts-pattern-unused"])
        XCTAssertEqual(issues[0].severity, .high)
        XCTAssertEqual(issues[0].resultType, .validationFailure)
        XCTAssertEqual(issues[0].subject, "mx2.example")
    }

    func testWildcardCoversOneLabelOnly() {
        let policy = STSPolicy(mode: .testing, maxAge: 3600, mx: ["*.example"])
        let coverage = DomainSTSCoverage.evaluate(policy: policy, hosts: ["a.b.example", "example"])
        XCTAssertEqual(coverage.uncoveredHosts, ["a.b.example", "example"])
        let issues = DomainSTSCoverage.issues(policy: policy, coverage: coverage, domain: "example")
        XCTAssertEqual(
            issues.map(\.id),
            [
                "mta-sts-mx-not-covered", "mta-sts-mx-not-covered", "mta-sts-pattern-unused", "mta-sts-not-enforced",
                "mta-sts-max-age-short",
            ])
        XCTAssertEqual(issues[0].severity, .medium, "testing mode: senders only report")
    }
}
