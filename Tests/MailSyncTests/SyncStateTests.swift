import MailSync
import POP3
import XCTest

final class SyncStateTests: XCTestCase {
    func testPOP3StateRetainsOnlyListed() throws {
        var state = try POP3SyncState(uidls: [UIDL("a"), UIDL("b"), UIDL("c")])
        XCTAssertTrue(state.contains(try UIDL("b")))
        state.retainOnly([try UIDL("b"), try UIDL("z")])
        XCTAssertEqual(state.uidls, [try UIDL("b")])
    }

    func testUIDWatermarkAdvancesOnlyOverContiguousSavedUIDs() {
        var watermark = UIDWatermark(recorded: 10, expected: [14, 11, 12, 9, 20, 12])
        XCTAssertEqual(watermark.highest, 10)
        watermark.markDone(12)
        XCTAssertEqual(watermark.highest, 10, "11 is not saved yet")
        watermark.markDone(11)
        XCTAssertEqual(watermark.highest, 12)
        watermark.markDone(99)
        watermark.markDone(20)
        XCTAssertEqual(watermark.highest, 12)
        watermark.markDone(14)
        XCTAssertEqual(watermark.highest, 20)
        XCTAssertTrue(watermark.isComplete)
        var empty = UIDWatermark(recorded: 5, expected: [])
        empty.markDone(6)
        XCTAssertEqual(empty.highest, 5)
        XCTAssertTrue(empty.isComplete)
    }
}
