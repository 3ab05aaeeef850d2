import CurlURL
import XCTest

final class PercentEncodingTests: XCTestCase {
    func testDecode() throws {
        let table: [(String, [UInt8])] = [
            ("", []), ("abc", Array("abc".utf8)), ("a%40b", Array("a@b".utf8)), ("%2f%2F", [0x2F, 0x2F]),
            ("%00%ff", [0x00, 0xFF]), ("%C3%A9", [0xC3, 0xA9]), ("+", [0x2B]),
        ]
        for (input, bytes) in table {
            XCTAssertEqual(try PercentEncoding.decode(input), bytes, input)
        }
        for bad in ["%", "%4", "%zz", "a%g1", "%%41"] {
            XCTAssertThrowsError(try PercentEncoding.decode(bad), bad) { error in
                XCTAssertEqual((error as? CurlURLError)?.kind, .malformed)
            }
        }
    }

    func testEncode() {
        XCTAssertEqual(PercentEncoding.encode(Array("a b/c@d~e".utf8)), "a%20b%2Fc%40d~e")
        XCTAssertEqual(PercentEncoding.encode([0x00, 0xFF, 0x0D]), "%00%FF%0D")
        XCTAssertEqual(PercentEncoding.encode(Array("a/b".utf8), keeping: { $0 != 0x20 }), "a/b")
        // Round trip over every byte.
        let all = (0...255).map { UInt8($0) }
        XCTAssertEqual(try PercentEncoding.decode(PercentEncoding.encode(all)), all)
    }

    /// curl's Curl_urldecode with REJECT_CTRL: a `%` without two hex digits stays as it is.
    func testLenientDecodingKeepsABarePercentAndRefusesControls() {
        let table: [(String, [UInt8]?)] = [
            ("INBOX", Array("INBOX".utf8)), ("a%20b", Array("a b".utf8)), ("100%", Array("100%".utf8)),
            ("%zz%4", Array("%zz%4".utf8)), ("%C3%BC", [0xC3, 0xBC]), ("%e2%82%ac", [0xE2, 0x82, 0xAC]),
            ("a%0D%0ADELE 1", nil), ("%00", nil), ("%7f", nil), ("tab\t", nil), ("", []),
        ]
        for (input, expected) in table {
            XCTAssertEqual(PercentEncoding.decodeLeniently(input), expected, input)
        }
    }
}
