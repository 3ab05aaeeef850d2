import XCTest

@testable import MailStore

final class MessageFlagsTests: XCTestCase {
    func testLettersAreSorted() {
        let all: MessageFlags = [.seen, .answered, .flagged, .deleted, .draft]
        XCTAssertEqual(all.maildirLetters, "DFRST")
        XCTAssertEqual(MessageFlags([.seen, .draft]).maildirLetters, "DS")
    }
}
