import XCTest

@testable import IMAP

final class IMAPInternalDateTests: XCTestCase {
    func testParses() throws {
        let table: [(String, Int64)] = [
            ("29-Nov-2026 03:25:21 +0000", 1_795_922_721),
            ("01-Jan-1970 00:00:00 +0000", 0),
            (" 1-Jan-1970 01:00:00 +0100", 0),
            ("31-Dec-1969 23:30:00 -0030", 0),
            ("29-Feb-2000 12:00:00 +0000", 951_825_600),
            ("17-jul-1996 02:44:25 -0700", 837_596_665),
        ]
        for (text, seconds) in table {
            let date = try XCTUnwrap(IMAPInternalDate([UInt8](text)), text)
            XCTAssertEqual(date.secondsSince1970, seconds, text)
        }
        XCTAssertEqual(
            IMAPInternalDate([UInt8](" 7-Feb-1994 21:52:25 -0800"))?.description, " 7-Feb-1994 21:52:25 -0800")
    }

    func testRefuses() {
        for text in [
            "29-Feb-2001 00:00:00 +0000", "31-Apr-2026 00:00:00 +0000", "00-Jan-2026 00:00:00 +0000",
            "01-Foo-2026 00:00:00 +0000", "01-Jan-2026 24:00:00 +0000", "01-Jan-2026 00:60:00 +0000",
            "01-Jan-2026 00:00:00 0000", "01-Jan-2026 00:00:00 +0060", "1-Jan-2026 00:00:00 +0000",
            "01-Jan-2026T00:00:00 +0000", "",
        ] {
            XCTAssertNil(IMAPInternalDate([UInt8](text)), text)
        }
    }
}
