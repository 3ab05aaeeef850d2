import IMAP
import MailStore
import MailSync
import XCTest

/// IMAP system flags become Maildir info letters in MailSync; MailStore knows only the letters.
final class MessageFlagsIMAPTests: XCTestCase {
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
            XCTAssertEqual(MessageFlags(imapFlags: imap.map(IMAPFlag.init)).maildirInfo, info, "\(imap)")
        }
    }
}
