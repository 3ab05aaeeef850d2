import XCTest

@testable import CLI

/// `--resolve HOST:PORT:ADDRESS` as curl reads it.
final class ResolveEntryTests: XCTestCase {
    func testParsingAndLookup() throws {
        let idn = try ResolveEntry(parsing: "Bücher.example:993:127.0.0.1")
        XCTAssertEqual(idn.host, "xn--bcher-kva.example")
        let v6 = try ResolveEntry(parsing: "mail.example:143:[::1]")
        XCTAssertEqual(v6.address, "::1")
        let any = try ResolveEntry(parsing: "*:25:192.0.2.1")
        let entries = [idn, v6, any]
        XCTAssertEqual(ResolveEntry.address(for: "xn--bcher-kva.example", port: 993, in: entries), "127.0.0.1")
        XCTAssertEqual(ResolveEntry.address(for: "MAIL.example", port: 143, in: entries), "::1")
        XCTAssertEqual(ResolveEntry.address(for: "other.example", port: 25, in: entries), "192.0.2.1")
        XCTAssertNil(ResolveEntry.address(for: "mail.example", port: 993, in: entries))
    }

    func testMalformedEntriesAreUsageErrors() {
        for text in [
            "host:993", "host:0:127.0.0.1", "host:x:127.0.0.1", ":993:127.0.0.1", "host:993:", "ho st:1:1.2.3.4",
        ] {
            XCTAssertThrowsError(try ResolveEntry(parsing: text), text)
        }
    }
}
