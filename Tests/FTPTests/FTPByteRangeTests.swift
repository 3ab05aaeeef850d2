import XCTest

@testable import FTPTransfer

final class FTPByteRangeTests: XCTestCase {
    func testRangeForms() {
        XCTAssertEqual(FTPByteRange("100-199")?.resolve(size: nil)?.offset, 100)
        XCTAssertEqual(FTPByteRange("100-199")?.resolve(size: nil)?.count, 100)
        XCTAssertNil(FTPByteRange("100-")?.resolve(size: nil)?.count ?? nil)
        XCTAssertEqual(FTPByteRange("-10")?.resolve(size: 100)?.offset, 90)
        XCTAssertNil(FTPByteRange("-10")?.resolve(size: nil), "the last bytes need SIZE")
        XCTAssertEqual(FTPByteRange("-500")?.resolve(size: 100)?.offset, 0)
        let whole = FTPByteRange("0-18446744073709551615")?.resolve(size: nil)
        XCTAssertEqual(whole?.offset, 0)
        XCTAssertNil(whole?.count ?? nil, "a count of 2^64 is the whole file, not an overflow")
    }

    func testBadRanges() {
        for text in ["", "-", "a-b", "10-5", "5", "-0", "1-2-3", "x-"] {
            XCTAssertNil(FTPByteRange(text), text)
        }
    }
}
