import XCTest

@testable import GnuTLS

/// The pure parts of reading a certificate: subjectAltName iPAddress entries and the SPKI digest.
final class GnuTLSCertificateTests: XCTestCase {
    func testIPAddressEntriesAsText() {
        XCTAssertEqual(X509Certificate.ipAddressText([127, 0, 0, 1]), "127.0.0.1")
        XCTAssertEqual(X509Certificate.ipAddressText([UInt8](repeating: 0, count: 15) + [1]), "::1")
        XCTAssertEqual(
            X509Certificate.ipAddressText([0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [5]),
            "2001:db8::5")
        XCTAssertNil(X509Certificate.ipAddressText([1, 2, 3]), "neither 4 nor 16 bytes")
    }

    func testSHA256OfTheKey() {
        // FIPS 180-2 test vector "abc".
        XCTAssertEqual(X509Certificate.sha256(Array("abc".utf8))?.prefix(4), [0xba, 0x78, 0x16, 0xbf])
    }
}
