import XCTest

@testable import LDAP

final class BERHeaderTests: XCTestCase {
    func testHeadersAndEveryPrefixNeedsMore() throws {
        let table: [(bytes: [UInt8], tag: UInt8, header: Int, content: Int)] = [
            (hex("30 00"), 0x30, 2, 0),
            (hex("04 7f"), 0x04, 2, 127),
            (hex("30 81 80"), 0x30, 3, 128),
            (hex("30 82 01 00"), 0x30, 4, 256),
            (hex("64 83 01 00 00"), 0x64, 5, 65536),
            (hex("30 84 00 00 00 05"), 0x30, 6, 5),
            (hex("30 81 05"), 0x30, 3, 5),  // not minimal, still BER
        ]
        for row in table {
            let parsed = try BERHeader.parse(row.bytes, maxLength: 1 << 20)
            XCTAssertEqual(
                parsed, .header(BERHeader(tag: row.tag, headerLength: row.header, contentLength: row.content)))
            for cut in 0..<row.bytes.count {
                XCTAssertEqual(
                    try BERHeader.parse(row.bytes[..<cut], maxLength: 1 << 20), .needMore, "\(row.bytes) cut at \(cut)")
            }
        }
    }

    func testMalformedHeaders() {
        let table: [([UInt8], BERError.Kind)] = [
            (hex("1f 01"), .malformed),  // high tag number form
            (hex("30 80"), .malformed),  // indefinite length
            (hex("30 85 00 00 00 00 01"), .tooLarge),  // more than four length octets
            (hex("30 84 7f ff ff ff"), .tooLarge),
        ]
        for (bytes, kind) in table {
            XCTAssertThrowsError(try BERHeader.parse(bytes, maxLength: 1 << 20)) { error in
                XCTAssertEqual((error as? BERError)?.kind, kind, "\(bytes)")
            }
        }
    }

    func testTheLengthLimitIsInclusive() throws {
        XCTAssertEqual(
            try BERHeader.parse(hex("04 82 01 00"), maxLength: 256),
            .header(BERHeader(tag: 4, headerLength: 4, contentLength: 256)))
        XCTAssertThrowsError(try BERHeader.parse(hex("04 82 01 01"), maxLength: 256))
    }
}
