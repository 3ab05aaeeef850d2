import XCTest

@testable import MailStore

final class MessageFingerprintTests: XCTestCase {
    static let table: [(String, String?)] = [
        ("Message-ID: <a@b>\r\n\r\n", "message-id <a@b>"),
        ("message-id:<a@b>\n", "message-id <a@b>"),
        ("Message-Id:\r\n  <a@b>  (comment)\r\n\r\n", "message-id <a@b>"),
        ("Subject: x\nMessage-ID: <first@b>\nMessage-ID: <second@b>\n\n", "message-id <first@b>"),
        ("Subject: x\n\nMessage-ID: <in-body@b>\n", nil),
        ("Message-ID: no-brackets\n", "message-id no-brackets"),
        (
            "Date: Mon, 1 Jan 2024 00:00:00 +0000\r\nFrom: A <a@b>\r\nSubject: hi\r\n there\r\n\r\n",
            "date-from-subject Mon, 1 Jan 2024 00:00:00 +0000\nA <a@b>\nhi there"
        ),
        ("Date: d\nFrom: f\n", "date-from-subject d\nf\n"),
        ("Date: d\n", nil),
        ("Message-ID:   \nDate: d\nFrom: f\n", "date-from-subject d\nf\n"),
        ("", nil),
        ("\r\n", nil),
        ("not a header\n", nil),
    ]

    func testTable() {
        for (header, expected) in Self.table {
            XCTAssertEqual(MessageFingerprint(header: Array(header.utf8))?.value, expected, header.debugDescription)
        }
    }

    /// The server's CR LF header fields and the LF file on disk give the same fingerprint.
    func testLineEndingsDoNotMatter() {
        let crlf = MessageFingerprint(header: Array("Date: d\r\nFrom: A\r\n  <a@b>\r\n\r\n".utf8))
        let lf = MessageFingerprint(header: Array("From: A <a@b>\nDate: d\n\nbody".utf8))
        XCTAssertEqual(crlf, lf)
    }

    func testMaildirScan() throws {
        let directory = TemporaryDirectory()
        let maildir = try Maildir.open(at: directory.path)
        try store("Message-ID: <1@x>\r\n\r\nbody\r\n", in: maildir)
        try store("Date: d\r\nFrom: f\r\n\r\nbody\r\n", in: maildir, info: MessageInfo(flags: [.seen]))
        try store("Subject: none\r\n\r\n", in: maildir)
        _ = try maildir.commit(recording: .empty)
        try store("Message-ID: <uncommitted@x>\r\n\r\n", in: maildir)
        XCTAssertEqual(Set(try maildir.fingerprints().map(\.value)), ["message-id <1@x>", "date-from-subject d\nf\n"])
    }

    func testMboxScan() throws {
        let directory = TemporaryDirectory()
        let mbox = try Mbox.open(at: directory.sub("mbox"))
        try store("Message-ID: <1@x>\r\n\r\nFrom a quoted line\r\nMessage-ID: <body@x>\r\n", in: mbox)
        try store("Subject: none\r\n\r\n", in: mbox)
        try store("Message-ID: <3@x>\r\n", in: mbox)
        try store(
            "X-Long: " + String(repeating: "y", count: 200_000) + "\r\nMessage-ID: <4@x>\r\n\r\n", in: mbox,
            pieceSize: 4096)
        _ = try mbox.commit(recording: .empty)
        XCTAssertEqual(
            Set(try mbox.fingerprints().map(\.value)), ["message-id <1@x>", "message-id <3@x>", "message-id <4@x>"])
    }
}
