import Foundation
import XCTest

@testable import MailStore

/// Other tools read what the stores write: Python's `mailbox` module, an independent reader
/// of both formats.
final class ReadBackTests: XCTestCase {
    let messages: [(String, MessageFlags)] = [
        ("Subject: one\r\nMessage-ID: <1@x>\r\n\r\nFrom the start\r\n>From quoted\r\nend\r\n", []),
        ("Subject: two\r\n\r\nbody with a lone \r in it\r\n\r\n", [.seen, .answered]),
        ("Subject: three\r\n\r\nno final line ending", [.flagged, .draft, .deleted]),
    ]

    func testPythonReadsTheMaildir() throws {
        let directory = TemporaryDirectory()
        let maildir = try Maildir.open(at: directory.path)
        for (index, (message, flags)) in messages.enumerated() {
            try store(message, in: maildir, info: MessageInfo(flags: flags, key: "\(index)"))
        }
        _ = try maildir.commit(recording: .empty)
        let folder = try maildir.folder(MaildirFolderName(serverName: "Archive/2024", delimiter: "/"))
        try store(messages[0].0, in: folder)
        _ = try folder.commit(recording: .empty)

        let output = try python(
            """
            import mailbox, sys
            md = mailbox.Maildir(sys.argv[1], factory=None, create=False)
            for key in md.keys():
                m = md.get_message(key)
                print(repr((m.get_subdir(), m.get_flags(), md.get_bytes(key))))
            print('folders', md.list_folders())
            sub = md.get_folder('Archive.2024')
            print('in folder', len(sub))
            """, [directory.path])
        var expected: [String] = []
        for (message, flags) in messages {
            let subdir = flags.isEmpty ? "new" : "cur"
            let body = message.replacingOccurrences(of: "\r\n", with: "\n")
            expected.append("('\(subdir)', '\(flags.maildirLetters)', \(pythonBytes(body)))")
        }
        var lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.suffix(2), ["folders ['Archive.2024']", "in folder 1"])
        lines.removeLast(2)
        XCTAssertEqual(lines.sorted(), expected.sorted())
    }

    func testPythonReadsTheMbox() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        let mbox = try Mbox.open(at: path)
        for (index, (message, _)) in messages.enumerated() {
            try store(
                message, in: mbox, info: MessageInfo(internalDate: 1_000_000_000 + Int64(index), envelopeSender: "a@b"))
        }
        _ = try mbox.commit(recording: .empty)
        try mbox.close()

        let output = try python(
            """
            import mailbox, sys
            mb = mailbox.mbox(sys.argv[1], factory=None, create=False)
            for key in mb.keys():
                print(repr((mb.get_message(key).get_from(), mb.get_bytes(key))))
            """, [path])
        // Python's mbox does not undo mboxrd quoting: the quoted lines read back quoted.
        let bodies = [
            "Subject: one\nMessage-ID: <1@x>\n\n>From the start\n>>From quoted\nend\n",
            "Subject: two\n\nbody with a lone \r in it\n\n",
            "Subject: three\n\nno final line ending\n",
        ]
        let expected = bodies.enumerated().map { index, body in
            "('a@b Sun Sep  9 01:46:4\(index) 2001', \(pythonBytes(body)))"
        }
        XCTAssertEqual(output.split(separator: "\n").map(String.init), expected)
    }

    /// What Python's repr() prints for these ASCII bytes.
    private func pythonBytes(_ text: String) -> String {
        var result = "b'"
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"): result += "\\n"
            case UInt8(ascii: "\r"): result += "\\r"
            case UInt8(ascii: "'"): result += "\\'"
            case UInt8(ascii: "\\"): result += "\\\\"
            default: result += String(UnicodeScalar(byte))
            }
        }
        return result + "'"
    }
}
