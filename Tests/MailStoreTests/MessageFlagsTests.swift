import XCTest
@testable import MailStore

final class MessageFlagsTests: XCTestCase {
    static let table: [([String], String)] = [
        ([], ":2,"),
        (["\\Seen"], ":2,S"),
        (["\\Answered"], ":2,R"),
        (["\\Flagged"], ":2,F"),
        (["\\Deleted"], ":2,T"),
        (["\\Draft"], ":2,D"),
        (["\\Seen", "\\Answered", "\\Flagged"], ":2,FRS"),
        (["\\Draft", "\\Deleted", "\\Seen", "\\Flagged", "\\Answered"], ":2,DFRST"),
        (["\\SEEN", "\\flagged"], ":2,FS"),
        (["\\Recent", "$Forwarded", "Junk", "\\Seen"], ":2,S"),
        (["\\Seen", "\\Seen"], ":2,S"),
        (["Seen"], ":2,"),
    ]

    func testIMAPFlagsToMaildirInfo() {
        for (imap, info) in Self.table {
            XCTAssertEqual(MessageFlags(imapFlags: imap).maildirInfo, info, "\(imap)")
        }
    }

    func testLettersAreSorted() {
        let all: MessageFlags = [.seen, .answered, .flagged, .deleted, .draft]
        XCTAssertEqual(all.maildirLetters, "DFRST")
        XCTAssertEqual(MessageFlags([.seen, .draft]).maildirLetters, "DS")
    }
}
