import XCTest
import CurlURL

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
}
