import XCTest

@testable import CurlURL
@testable import IDN

/// Internationalised host names (IDNA2008 via libidn2), as curl converts a URL's host.
final class IDNATests: XCTestCase {
    func testALabels() {
        XCTAssertEqual(IDNA.aLabel("bücher.example"), .converted("xn--bcher-kva.example"))
        XCTAssertEqual(IDNA.aLabel("Bücher.Example"), .converted("xn--bcher-kva.example"))  // UTS #46 mapping
        XCTAssertEqual(IDNA.aLabel("例え.テスト"), .converted("xn--r8jz45g.xn--zckzah"))
        XCTAssertEqual(IDNA.aLabel("faß.de"), .converted("xn--fa-hia.de"))  // IDNA2008, not IDNA2003's "fass"
        XCTAssertEqual(IDNA.aLabel("mail.example.com"), .converted("mail.example.com"))
        XCTAssertFalse(IDNA.needsConversion("mail.example.com"))
        XCTAssertTrue(IDNA.needsConversion("bücher.example"))
    }

    func testRefusedNames() {
        guard case .refused = IDNA.aLabel("\u{0301}a.example") else {  // a label may not start with a combining mark
            return XCTFail("a disallowed code point is refused")
        }
    }

    func testURLHostIsTheALabel() throws {
        let url = try CurlURL(parsing: "imaps://user@Bücher.example:993/INBOX")
        XCTAssertEqual(url.host, "xn--bcher-kva.example")
        XCTAssertEqual(url.user, "user")
        XCTAssertEqual(url.port, 993)
        XCTAssertThrowsError(try CurlURL(parsing: "imap://a\u{05D0}b.example/")) { error in
            XCTAssertTrue((error as? CurlURLError)?.message.hasPrefix("Failed to convert") ?? false, "\(error)")
        }
    }
}
