import XCTest

@testable import IMAP

final class ModifiedUTF7Tests: XCTestCase {
    func testRoundTrips() {
        let table: [(String, String)] = [
            ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),  // RFC 3501 5.1.3
            ("INBOX", "INBOX"),
            ("", ""),
            ("&", "&-"),
            ("R&D", "R&-D"),
            ("Entwürfe", "Entw&APw-rfe"),
            ("Gelöschte Elemente", "Gel&APY-schte Elemente"),
            ("Черновики", "&BCcENQRABD0EPgQyBDgEOgQ4-"),
            ("😀", "&2D3eAA-"),
            ("a\tb", "a&AAk-b"),
            ("~", "~"),
            ("日本語&x", "&ZeVnLIqe-&-x"),
            ("a/b", "a/b"),
        ]
        for (unicode, wire) in table {
            XCTAssertEqual(String(decoding: ModifiedUTF7.encode(unicode), as: UTF8.self), wire, unicode)
            XCTAssertEqual(ModifiedUTF7.decode([UInt8](wire)), unicode, wire)
        }
    }

    func testInvalid() {
        for wire in [
            "&Jjo!",  // RFC 3501: not a valid modified BASE64 sequence
            "&U,BTFw-&ZeVnLIqe-",  // RFC 3501: superfluous shift
            "&",  // unterminated
            "&ZeVnLIqe",  // unterminated
            "&AGE-",  // "a" encoded: printable ASCII must stand for itself
            "&2D0-",  // lone high surrogate
            "&U,BTFx-",  // leftover bits not zero
            "&ZeVnLI-",  // leftover 12 bits
            "caf\u{E9}",  // 8-bit byte
            "a\u{1}b",  // control character
        ] {
            XCTAssertNil(ModifiedUTF7.decode([UInt8](wire)), wire)
        }
    }

    func testManyCharactersRoundTrip() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let pick = Int.random(in: 0...3, using: &generator)
                let value: UInt32
                switch pick {
                case 0: value = UInt32.random(in: 0x20...0x7E, using: &generator)
                case 1: value = UInt32.random(in: 0x80...0x7FF, using: &generator)
                case 2: value = UInt32.random(in: 0x3000...0xD7FF, using: &generator)
                default: value = UInt32.random(in: 0x10000...0x10FFFF, using: &generator)
                }
                text.unicodeScalars.append(Unicode.Scalar(value)!)
            }
            let wire = ModifiedUTF7.encode(text)
            XCTAssertTrue(wire.allSatisfy { $0 >= 0x20 && $0 <= 0x7E })
            XCTAssertEqual(ModifiedUTF7.decode(wire), text)
        }
    }

    func testMailboxNames() {
        XCTAssertEqual(IMAPMailboxName(wire: [UInt8]("inbox")), .inbox)
        XCTAssertEqual(IMAPMailboxName("InBox").bytes, [UInt8]("INBOX"))
        XCTAssertEqual(IMAPMailboxName(wire: [UInt8]("&U,BTFw-")).displayName, "台北")
        XCTAssertEqual(IMAPMailboxName(wire: [UInt8]("R&D")).displayName, "R&D")
        XCTAssertEqual(IMAPMailboxName(wire: [UInt8]("Entwürfe")).displayName, "Entwürfe")
    }
}
