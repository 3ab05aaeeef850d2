import XCTest

@testable import LDAP

final class BERCodecTests: XCTestCase {
    func testIntegersEncodeShortestAndDecodeBack() throws {
        let table: [(Int64, [UInt8])] = [
            (0, hex("02 01 00")), (1, hex("02 01 01")), (127, hex("02 01 7f")), (128, hex("02 02 00 80")),
            (256, hex("02 02 01 00")), (-1, hex("02 01 ff")), (-128, hex("02 01 80")), (-129, hex("02 02 ff 7f")),
            (2_147_483_647, hex("02 04 7f ff ff ff")),
        ]
        for (value, bytes) in table {
            XCTAssertEqual(BERWriter.integer(value), bytes, "\(value)")
            var reader = BERReader(bytes)
            XCTAssertEqual(try reader.readInteger("n"), value)
            XCTAssertTrue(reader.isAtEnd)
        }
    }

    func testLengthsEncodeInTheirShortestForm() {
        XCTAssertEqual(BERWriter.length(0), [0x00])
        XCTAssertEqual(BERWriter.length(127), [0x7F])
        XCTAssertEqual(BERWriter.length(128), [0x81, 0x80])
        XCTAssertEqual(BERWriter.length(65535), [0x82, 0xFF, 0xFF])
        XCTAssertEqual(BERWriter.length(65536), [0x83, 0x01, 0x00, 0x00])
        let long = BERWriter.octetString([UInt8](repeating: 0x41, count: 300))
        XCTAssertEqual(Array(long.prefix(4)), hex("04 82 01 2c"))
        XCTAssertEqual(long.count, 304)
    }

    func testReaderRefusesShortElementsEmptyAndLongIntegersAndDeepNesting() {
        var short = BERReader(hex("04 05 61 62"))
        XCTAssertThrowsError(try short.readOctetString("s")) { XCTAssertEqual(($0 as? BERError)?.kind, .malformed) }
        var empty = BERReader(hex("02 00"))
        XCTAssertThrowsError(try empty.readInteger("n"))
        var long = BERReader(hex("02 09 01 00 00 00 00 00 00 00 00"))
        XCTAssertThrowsError(try long.readInteger("n"))
        var wrongTag = BERReader(hex("04 01 00"))
        XCTAssertThrowsError(try wrongTag.readInteger("n"))
        var boolean = BERReader(hex("01 02 00 00"))
        XCTAssertThrowsError(try boolean.readBoolean("b"))

        // 3 levels with a limit of 2: the third enter fails.
        var nested = BERReader(hex("30 04 30 02 30 00"), limits: BERLimits(maxDepth: 2))
        XCTAssertNoThrow(
            try {
                var one = try nested.enter(0x30, "1")
                var two = try one.enter(0x30, "2")
                XCTAssertThrowsError(try two.enter(0x30, "3")) { XCTAssertEqual(($0 as? BERError)?.kind, .tooDeep) }
            }())
    }
}
