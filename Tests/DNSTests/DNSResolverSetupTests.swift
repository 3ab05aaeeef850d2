import Foundation
import XCTest

@testable import DNS

/// The resolver without a DNS server: configuration errors, and the time bound of a lookup
/// against a resolver that never answers (a UDP socket on loopback that reads nothing).
final class DNSResolverSetupTests: XCTestCase {
    func testUnreadableTrustAnchorIsASetupError() {
        let configuration = DNSResolverConfiguration(
            forwarder: DNSForwarder(address: "127.0.0.1", port: 9), trustAnchorFile: "/nonexistent/anchor.ds")
        XCTAssertThrowsError(try DNSResolver(configuration: configuration)) { error in
            XCTAssertEqual((error as? DNSError)?.kind, .setup)
            XCTAssertEqual((error as? DNSError)?.curlCode, .failedInit)
            XCTAssertEqual("\(error)", "trust anchor /nonexistent/anchor.ds: cannot be read")
        }
    }

    func testMalformedTrustAnchorFailsAtTheFirstLookup() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dnstests-bad-anchor-\(getpid()).ds")
        try "this is not a DS record\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let resolver = try DNSResolver(
            configuration: DNSResolverConfiguration(
                forwarder: DNSForwarder(address: "127.0.0.1", port: 9), trustAnchorFile: file.path, timeout: 2))
        XCTAssertThrowsError(try resolver.resolve("mailtls.test", type: .mx)) { error in
            XCTAssertEqual((error as? DNSError)?.kind, .setup, "\(error)")
        }
    }

    func testInvalidQuestionIsRefusedBeforeAsking() throws {
        let resolver = try DNSResolver(
            configuration: DNSResolverConfiguration(forwarder: DNSForwarder(address: "127.0.0.1", port: 9)))
        XCTAssertThrowsError(try resolver.resolve("a..b", type: .a)) { error in
            XCTAssertEqual((error as? DNSError)?.kind, .invalidName)
        }
    }

    func testSilentResolverTimesOutWithinTheBound() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        XCTAssertTrue(bound)
        let port = UInt16(bigEndian: address.sin_port)
        let anchor = FileManager.default.temporaryDirectory.appendingPathComponent("dnstests-anchor-\(getpid()).ds")
        try "mailtls.test. IN DS 1 13 2 \(String(repeating: "ab", count: 32))\n"
            .write(to: anchor, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: anchor) }
        let resolver = try DNSResolver(
            configuration: DNSResolverConfiguration(
                forwarder: DNSForwarder(address: "127.0.0.1", port: port), trustAnchorFile: anchor.path, timeout: 1))
        let start = Date()
        XCTAssertThrowsError(try resolver.resolve("mailtls.test", type: .mx)) { error in
            XCTAssertEqual((error as? DNSError)?.kind, .timeout, "\(error)")
            XCTAssertEqual((error as? DNSError)?.curlCode, .operationTimedOut)
        }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 0.9)
        XCTAssertLessThan(elapsed, 2.5)
        // The resolver is still usable after a cancelled lookup (and times out again).
        XCTAssertThrowsError(try resolver.resolve("mx.mailtls.test", type: .a))
    }
}
