import XCTest

@testable import CurlURL

final class IPv6LiteralTests: XCTestCase {
    func testValidity() {
        let valid = [
            "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1::8", "1:2:3:4:5:6::8", "::2:3:4:5:6:7:8",
            "2001:DB8::7", "::ffff:192.0.2.1", "1:2:3:4:5:6:1.2.3.4", "fe80::1:2", "abcd:ef01::",
        ]
        let invalid = [
            "", ":", ":::", "1", "1:2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":1::", "::1:",
            "12345::", "g::", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.256", "::01.2.3.4",
            "1.2.3.4::", "::1.2.3.4:5", "1::2:3:4:5:6:7:8",
        ]
        for text in valid { XCTAssertTrue(IPv6Literal.isAddress(text[...]), text) }
        for text in invalid { XCTAssertFalse(IPv6Literal.isAddress(text[...]), text) }
    }

    func testZones() {
        XCTAssertEqual(IPv6Literal.parse("fe80::1%25eth0"), "fe80::1%eth0")
        XCTAssertNil(IPv6Literal.parse("fe80::1%25"))
        XCTAssertNil(IPv6Literal.parse("fe80::1%eth0"))
        XCTAssertNil(IPv6Literal.parse("fe80::1%25et/h0"))
    }
}
