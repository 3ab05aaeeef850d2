import XCTest

@testable import IMAP

final class IMAPSequenceSetTests: XCTestCase {
    func testCompression() {
        let table: [([UInt32], String?)] = [
            ([1, 2, 3, 5, 7, 8, 9], "1:3,5,7:9"),
            ([9, 7, 8, 5, 3, 2, 1, 1, 0], "1:3,5,7:9"),
            ([5], "5"),
            ([4_294_967_295, 4_294_967_294], "4294967294:4294967295"),
            ([1, 3, 5], "1,3,5"),
            ([], nil),
            ([0], nil),
        ]
        for (numbers, expected) in table {
            XCTAssertEqual(IMAPSequenceSet(numbers)?.description, expected, "\(numbers)")
        }
        XCTAssertEqual(IMAPSequenceSet(from: 1).description, "1:*")
        XCTAssertEqual(IMAPSequenceSet(single: 7).description, "7")
    }

    func testSplit() {
        let set = IMAPSequenceSet(Array(stride(from: UInt32(1), through: 2000, by: 2)))!
        let parts = set.split(maxLength: 100)
        XCTAssertGreaterThan(parts.count, 1)
        XCTAssertTrue(parts.allSatisfy { $0.description.utf8.count <= 100 })
        XCTAssertEqual(parts.flatMap(\.ranges), set.ranges)
        XCTAssertEqual(IMAPSequenceSet([1, 2, 3])!.split(maxLength: 1).map(\.description), ["1:3"])
        XCTAssertEqual(IMAPSequenceSet([1, 3])!.split(maxLength: 3).map(\.description), ["1,3"])
        XCTAssertEqual(IMAPSequenceSet([1, 3])!.split(maxLength: 2).map(\.description), ["1", "3"])
    }
}
