import CLI
import Foundation
import XCTest

@testable import Audit

/// `--connect-to` as curl reads it, and the command line's targets.
final class ConnectToAndTargetTests: XCTestCase {
    func testConnectToParsesCurlsFourFields() throws {
        let rule = try ConnectTo(parsing: "mx.mailtls.test:25:127.0.0.1:18587")
        XCTAssertEqual(rule, ConnectTo(fromHost: "mx.mailtls.test", fromPort: 25, toHost: "127.0.0.1", toPort: 18587))
        XCTAssertEqual(
            try ConnectTo(parsing: "::[::1]:"), ConnectTo(fromHost: nil, fromPort: nil, toHost: "::1", toPort: nil))
        XCTAssertEqual(
            try ConnectTo(parsing: "[2001:db8::1]:993:[::1]:18993"),
            ConnectTo(fromHost: "2001:db8::1", fromPort: 993, toHost: "::1", toPort: 18993))
        for bad in ["a:25:b", "a:25:b:c", "a:70000:b:1", "a:0:b:1", "a:25:b:25:x"] {
            XCTAssertThrowsError(try ConnectTo(parsing: bad), bad)
        }
    }

    func testTheFirstMatchingRuleMovesOnlyTheConnection() throws {
        let rules = [
            try ConnectTo(parsing: "mx.mailtls.test:25:127.0.0.1:18587"),
            try ConnectTo(parsing: "MX.mailtls.test::127.0.0.2:"),
        ]
        func destination(_ host: String, _ port: UInt16) -> String {
            let to = ConnectTo.destination(host: host, port: port, rules: rules)
            return "\(to.host) \(to.port)"
        }
        XCTAssertEqual(destination("mx.mailtls.test", 25), "127.0.0.1 18587")
        XCTAssertEqual(destination("mx.mailtls.test", 993), "127.0.0.2 993")
        XCTAssertEqual(destination("other.test", 25), "other.test 25")
    }

    func testURLsAuditOneServiceAndHostsTheSevenStandardPorts() throws {
        let targets = try AuditTargets.parse(
            positionals: ["smtp://mx.mailtls.test:2525", "imaps://[::1]", "pop3://h", "mailtls.test"],
            hosts: ["mail.example.test"])
        XCTAssertEqual(targets.domains, ["mailtls.test"])
        let urls = targets.services.filter { $0.origin == .url }
        XCTAssertEqual(urls.map(\.subject), ["mx.mailtls.test:2525", "[::1]:993", "h:110"])
        XCTAssertEqual(urls.map(\.service.implicitTLS), [false, true, false])
        let standard = targets.services.filter { $0.origin == .standardPort }
        XCTAssertEqual(standard.map(\.service.port), [25, 587, 465, 143, 993, 110, 995])
        XCTAssertEqual(standard.map(\.service.scheme), ["smtp", "smtp", "smtps", "imap", "imaps", "pop3", "pop3s"])
        XCTAssertThrowsError(try AuditTargets.parse(positionals: ["http://x"], hosts: []))
        XCTAssertThrowsError(try AuditTargets.parse(positionals: ["not a domain"], hosts: []))
    }

    func testImplicitCounterpartsFollowRFC8314() {
        let pairs = AuditService.standard.map { service in
            "\(service.port)→\(service.implicitCounterpart?.port ?? 0)"
        }
        XCTAssertEqual(pairs, ["25→0", "587→465", "465→0", "143→993", "993→0", "110→995", "995→0"])
    }

    func testTheBudgetCountsPerAddressAndPort() {
        let budget = ConnectionBudget(limit: 2, interval: 0)
        XCTAssertTrue(budget.take(address: "127.0.0.1", port: 25))
        XCTAssertTrue(budget.take(address: "127.0.0.1", port: 25))
        XCTAssertFalse(budget.take(address: "127.0.0.1", port: 25))
        XCTAssertTrue(budget.take(address: "127.0.0.1", port: 587))
        XCTAssertTrue(budget.take(address: "::1", port: 25))
    }

    /// Without --connection-interval: 5 ms on loopback (a local test server), 50 ms elsewhere.
    func testTheDefaultSpacingDependsOnTheAddress() {
        let budget = ConnectionBudget(limit: 3, interval: nil)
        XCTAssertEqual(budget.interval(for: "127.0.0.1"), 0.005)
        XCTAssertEqual(budget.interval(for: "::1"), 0.005)
        XCTAssertEqual(budget.interval(for: "192.0.2.25"), 0.05)
        XCTAssertEqual(budget.interval(for: "2001:db8::25"), 0.05)
        XCTAssertEqual(ConnectionBudget(limit: 3, interval: 1).interval(for: "127.0.0.1"), 1)
    }

    func testTheBudgetSpacesConnections() {
        let budget = ConnectionBudget(limit: 3, interval: 0.1)
        let start = Date()
        for _ in 0..<3 { _ = budget.take(address: "a", port: 1) }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.19)
    }
}
