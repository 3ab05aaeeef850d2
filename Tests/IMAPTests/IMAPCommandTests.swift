import XCTest

@testable import IMAP

final class IMAPCommandTests: XCTestCase {
    private func wire(_ command: IMAPCommand, _ mode: IMAPLiteralMode = .synchronizing) -> String {
        String(decoding: command.encoded(tag: "A1", literalMode: mode).bytes, as: UTF8.self)
    }

    func testSimpleCommands() throws {
        let table: [(IMAPCommand, String)] = [
            (.capability, "A1 CAPABILITY\r\n"),
            (.noop, "A1 NOOP\r\n"),
            (.logout, "A1 LOGOUT\r\n"),
            (.startTLS, "A1 STARTTLS\r\n"),
            (.close, "A1 CLOSE\r\n"),
            (.unselect, "A1 UNSELECT\r\n"),
            (.expunge, "A1 EXPUNGE\r\n"),
            (.select(.inbox), "A1 SELECT INBOX\r\n"),
            (.examine(IMAPMailboxName("Sent Items")), "A1 EXAMINE \"Sent Items\"\r\n"),
            (.select(IMAPMailboxName("~peter/mail/台北/日本語")), "A1 SELECT ~peter/mail/&U,BTFw-/&ZeVnLIqe-\r\n"),
            (.select(IMAPMailboxName("R&D")), "A1 SELECT R&-D\r\n"),
            (.select(IMAPMailboxName("a]b")), "A1 SELECT a]b\r\n"),
            (.select(IMAPMailboxName("")), "A1 SELECT \"\"\r\n"),
            (.select(IMAPMailboxName(wire: [UInt8]("a\"b\\c"))), "A1 SELECT \"a\\\"b\\\\c\"\r\n"),
            (.select(IMAPMailboxName(wire: [UInt8]("x%y*z"))), "A1 SELECT \"x%y*z\"\r\n"),
            (try .list(reference: nil), "A1 LIST \"\" *\r\n"),
            (try .list(reference: .inbox, pattern: "%"), "A1 LIST \"INBOX\" %\r\n"),
            (try .list(reference: IMAPMailboxName("a b"), pattern: "x y*"), "A1 LIST \"a b\" \"x y*\"\r\n"),
            (
                .status(.inbox, items: ["MESSAGES", "UIDNEXT", "UIDVALIDITY"]),
                "A1 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY)\r\n"
            ),
            (try .search("NEW"), "A1 SEARCH NEW\r\n"),
            (try .search("TEXT \"foo bar\"", uid: true), "A1 UID SEARCH TEXT \"foo bar\"\r\n"),
            (.enable(["CONDSTORE", "UTF8=ACCEPT"]), "A1 ENABLE CONDSTORE UTF8=ACCEPT\r\n"),
            (try .id(nil), "A1 ID NIL\r\n"),
            (
                try .id([
                    IMAPIDParameter(key: "name", value: "imap-fetch"), IMAPIDParameter(key: "version", value: "1.0"),
                    IMAPIDParameter(key: "x", value: nil),
                ]),
                "A1 ID (\"name\" \"imap-fetch\" \"version\" \"1.0\" \"x\" NIL)\r\n"
            ),
            (try .id([IMAPIDParameter(key: "name", value: "a\"b")]), "A1 ID (\"name\" \"a\\\"b\")\r\n"),
            (.authenticate(mechanism: "PLAIN", initialResponse: nil), "A1 AUTHENTICATE PLAIN\r\n"),
            (
                .authenticate(mechanism: "PLAIN", initialResponse: [UInt8]("\u{0}alice\u{0}pw")),
                "A1 AUTHENTICATE PLAIN AGFsaWNlAHB3\r\n"
            ),
            (.authenticate(mechanism: "EXTERNAL", initialResponse: []), "A1 AUTHENTICATE EXTERNAL =\r\n"),
            (try .login(user: [UInt8]("alice"), password: [UInt8]("alicepass")), "A1 LOGIN alice alicepass\r\n"),
            (
                try .login(user: [UInt8]("weird"), password: [UInt8]("p@ss w0rd \"\\%;$&!")),
                "A1 LOGIN weird \"p@ss w0rd \\\"\\\\%;$&!\"\r\n"
            ),
            (try .login(user: [UInt8](""), password: [UInt8]("a]b")), "A1 LOGIN \"\" a]b\r\n"),
            (try .login(user: [UInt8]("u"), password: [UInt8]("{5}")), "A1 LOGIN u \"{5}\"\r\n"),
            (try .login(user: [UInt8]("u"), password: [UInt8]("tab\there")), "A1 LOGIN u \"tab\there\"\r\n"),
        ]
        for (command, expected) in table {
            XCTAssertEqual(wire(command), expected)
            XCTAssertFalse(command.encoded(tag: "A1", literalMode: .synchronizing).needsContinuation, expected)
        }
    }

    func testFetchStoreExpunge() {
        let set = IMAPSequenceSet([1, 2, 3, 5, 7, 8, 9])!
        let table: [(IMAPCommand, String)] = [
            (
                .fetch(
                    set,
                    items: [.uid, .flags, .rfc822Size, .internalDate, .body(IMAPSection(), partial: nil, peek: true)],
                    uid: true),
                "A1 UID FETCH 1:3,5,7:9 (UID FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[])\r\n"
            ),
            (.fetch(IMAPSequenceSet(from: 42), items: [.uid], uid: true), "A1 UID FETCH 42:* UID\r\n"),
            (
                .fetch(
                    IMAPSequenceSet(single: 4),
                    items: [.body(IMAPSection(text: .text), partial: IMAPPartial(start: 0, length: 1024), peek: false)],
                    uid: false),
                "A1 FETCH 4 BODY[TEXT]<0.1024>\r\n"
            ),
            (
                .fetch(
                    IMAPSequenceSet(single: 4),
                    items: [
                        .envelope, .bodyStructure,
                        .body(IMAPSection(part: [1, 2], text: .mime), partial: nil, peek: true),
                    ], uid: false),
                "A1 FETCH 4 (ENVELOPE BODYSTRUCTURE BODY.PEEK[1.2.MIME])\r\n"
            ),
            (.store(set, .add, flags: [.deleted], uid: true), "A1 UID STORE 1:3,5,7:9 +FLAGS.SILENT (\\Deleted)\r\n"),
            (
                .store(
                    IMAPSequenceSet(single: 1), .remove, flags: [.seen, IMAPFlag("$Junk")], silent: false, uid: false),
                "A1 STORE 1 -FLAGS (\\Seen $Junk)\r\n"
            ),
            (.store(IMAPSequenceSet(single: 1), .replace, flags: [], uid: false), "A1 STORE 1 FLAGS.SILENT ()\r\n"),
            (.uidExpunge(set), "A1 UID EXPUNGE 1:3,5,7:9\r\n"),
        ]
        for (command, expected) in table { XCTAssertEqual(wire(command), expected) }
    }

    func testStagesOfCommands() throws {
        XCTAssertEqual(try IMAPCommand.login(user: [], password: []).stage, .login)
        XCTAssertEqual(IMAPCommand.authenticate(mechanism: "PLAIN", initialResponse: nil).stage, .authenticate)
        XCTAssertEqual(IMAPCommand.select(.inbox).stage, .select)
        XCTAssertEqual(IMAPCommand.examine(.inbox).stage, .examine)
        XCTAssertEqual(try IMAPCommand.list(reference: nil).stage, .list)
        XCTAssertEqual(try IMAPCommand.search("ALL").stage, .search)
        XCTAssertEqual(IMAPCommand.fetch(IMAPSequenceSet(single: 1), items: [.uid], uid: true).stage, .fetch)
        XCTAssertEqual(IMAPCommand.custom(try IMAPCustomRequest("NOOP")).stage, .custom)
        XCTAssertEqual(IMAPCommand.startTLS.stage, .startTLS)
        XCTAssertEqual(IMAPCommand.uidExpunge(IMAPSequenceSet(single: 1)).stage, .expunge)
    }

    // MARK: Literals and the continuation dance

    /// A password with CR LF cannot be quoted: a literal, synchronizing without LITERAL+.
    func testPasswordNeedingALiteral() throws {
        let login = try IMAPCommand.login(user: [UInt8]("bob"), password: [UInt8]("pa\r\nss"))
        let sync = login.encoded(tag: "A2", literalMode: .synchronizing)
        XCTAssertTrue(sync.needsContinuation)
        XCTAssertEqual(
            sync.pieces,
            [
                IMAPEncodedCommand.Piece(
                    bytes: [UInt8]("A2 LOGIN bob {6}\r\n"), display: "A2 LOGIN bob <redacted>\r\n",
                    awaitsContinuation: true),
                IMAPEncodedCommand.Piece(
                    bytes: [UInt8]("pa\r\nss\r\n"), display: "<redacted>\r\n", awaitsContinuation: false),
            ])
        let plus = login.encoded(tag: "A2", literalMode: .nonSynchronizing)
        XCTAssertFalse(plus.needsContinuation)
        XCTAssertEqual(
            plus.pieces,
            [
                IMAPEncodedCommand.Piece(
                    bytes: [UInt8]("A2 LOGIN bob {6+}\r\npa\r\nss\r\n"), display: "A2 LOGIN bob <redacted>\r\n",
                    awaitsContinuation: false)
            ])
        XCTAssertEqual(login.encoded(tag: "A2", literalMode: .nonSynchronizingUpTo4096), plus)
    }

    /// APPEND (curl 805): `APPEND box (\Seen) {n}`, the message a literal even when it could be
    /// quoted; the trace shows its size, not its text. Empty or NUL-holding messages are refused.
    func testAppend() throws {
        let append = try IMAPCommand.append(.inbox, flags: [.seen], message: [UInt8]("Subject: x\r\n\r\nhi\r\n"))
        XCTAssertTrue(append.hasLiteral)
        XCTAssertEqual(
            append.encoded(tag: "A3", literalMode: .synchronizing).pieces,
            [
                IMAPEncodedCommand.Piece(
                    bytes: [UInt8]("A3 APPEND INBOX (\\Seen) {18}\r\n"), display: nil, awaitsContinuation: true),
                IMAPEncodedCommand.Piece(
                    bytes: [UInt8]("Subject: x\r\n\r\nhi\r\n\r\n"), display: "[18 octets of message]\r\n",
                    awaitsContinuation: false),
            ])
        XCTAssertEqual(
            append.encoded(tag: "A3", literalMode: .nonSynchronizing).pieces.map(\.display),
            ["A3 APPEND INBOX (\\Seen) {18+}\r\n[18 octets of message]\r\n"])
        XCTAssertFalse(IMAPCommand.noop.hasLiteral)
        for message in [[], [UInt8]("a\u{0}b")] {
            XCTAssertThrowsError(try IMAPCommand.append(.inbox, flags: [.seen], message: message)) { error in
                XCTAssertEqual((error as? IMAPError)?.kind, .unsendableArgument)
            }
        }
    }

    func testMessageTextGetsCRLF() {
        XCTAssertEqual(
            IMAPMessageText.withCRLF([UInt8]("a\nb\r\nc\rd\n\n")), [UInt8]("a\r\nb\r\nc\rd\r\n\r\n"))
        XCTAssertEqual(IMAPMessageText.withCRLF([]), [])
        XCTAssertEqual(IMAPMessageText.withCRLF([UInt8]("\n")), [UInt8]("\r\n"))
    }

    /// 8-bit bytes cannot be quoted in IMAP4rev1 (CHAR is 7-bit): a literal.
    func testUTF8PasswordIsALiteral() throws {
        let password = [UInt8]("p@ss w0rd \"\\%;é$&!")
        XCTAssertEqual(password.count, 19)
        let login = try IMAPCommand.login(user: [UInt8]("weird"), password: password)
        XCTAssertEqual(
            login.encoded(tag: "A3", literalMode: .nonSynchronizing).bytes,
            [UInt8]("A3 LOGIN weird {19+}\r\n") + password + [0x0D, 0x0A])
    }

    func testLiteralMinusLimit() throws {
        let long = [UInt8](repeating: 0xC3, count: 4097)
        let command = try IMAPCommand.login(user: long, password: [UInt8]("pw"))
        let encoded = command.encoded(tag: "A4", literalMode: .nonSynchronizingUpTo4096)
        XCTAssertTrue(encoded.needsContinuation)
        XCTAssertEqual(encoded.pieces.first?.bytes, [UInt8]("A4 LOGIN {4097}\r\n"))
        XCTAssertNil(encoded.pieces.first?.display)
        XCTAssertEqual(encoded.pieces.last?.bytes, long + [UInt8](" pw\r\n"))
        XCTAssertEqual(encoded.pieces.last?.display, String(decoding: long + [UInt8](" <redacted>\r\n"), as: UTF8.self))
        let short = try IMAPCommand.login(user: [UInt8](repeating: 0xC3, count: 4096), password: [UInt8]("pw"))
        XCTAssertFalse(short.encoded(tag: "A4", literalMode: .nonSynchronizingUpTo4096).needsContinuation)
    }

    func testTwoSynchronizingLiterals() throws {
        let command = try IMAPCommand.login(user: [UInt8]("ü"), password: [UInt8]("ö"))
        let pieces = command.encoded(tag: "A5", literalMode: .synchronizing).pieces
        XCTAssertEqual(pieces.map(\.bytes), [[UInt8]("A5 LOGIN {2}\r\n"), [UInt8]("ü {2}\r\n"), [UInt8]("ö\r\n")])
        XCTAssertEqual(pieces.map(\.awaitsContinuation), [true, true, false])
        XCTAssertEqual(pieces.map(\.display), [nil, "ü <redacted>\r\n", "<redacted>\r\n"])
    }

    func testRedactedDisplay() throws {
        let login = try IMAPCommand.login(user: [UInt8]("alice"), password: [UInt8]("alicepass")).encoded(
            tag: "A1", literalMode: .synchronizing)
        XCTAssertEqual(login.pieces.map(\.display), ["A1 LOGIN alice <redacted>\r\n"])
        let auth = IMAPCommand.authenticate(mechanism: "PLAIN", initialResponse: [UInt8]("\u{0}a\u{0}b")).encoded(
            tag: "A1", literalMode: .synchronizing)
        XCTAssertEqual(auth.pieces.map(\.display), ["A1 AUTHENTICATE PLAIN <redacted>\r\n"])
        XCTAssertEqual(
            IMAPCommand.select(.inbox).encoded(tag: "A1", literalMode: .synchronizing).pieces.map(\.display), [nil])
    }

    func testUnsendableArguments() {
        let table: [(String, () throws -> Void)] = [
            (
                "The password cannot be sent in an IMAP command: it contains a NUL byte",
                { _ = try IMAPCommand.login(user: [UInt8]("a"), password: [0x61, 0]) }
            ),
            (
                "The user name cannot be sent in an IMAP command: it contains a NUL byte",
                { _ = try IMAPCommand.login(user: [0], password: []) }
            ),
            (
                "The search criteria cannot be sent: it contains a control character (CR, LF, NUL...)",
                { _ = try IMAPCommand.search("ALL\r\nA2 DELETE INBOX") }
            ),
            ("Empty search criteria", { _ = try IMAPCommand.search("") }),
            (
                "The ID field value cannot be sent in an IMAP command: it contains a NUL byte",
                { _ = try IMAPCommand.id([IMAPIDParameter(key: "a", value: "\u{0}")]) }
            ),
        ]
        for (message, body) in table {
            XCTAssertThrowsError(try body(), message) { error in
                XCTAssertEqual(error as? IMAPError, IMAPError(.unsendableArgument, message))
            }
        }
    }

    func testTags() {
        var tags = IMAPTagGenerator()
        var issued: [String] = []
        for _ in 0..<1001 { issued.append(tags.next()) }
        XCTAssertEqual(issued[0], "A001")
        XCTAssertEqual(issued[9], "A010")
        XCTAssertEqual(issued[998], "A999")
        XCTAssertEqual(issued[999], "A1000")
        XCTAssertEqual(Set(issued).count, 1001)
        var other = IMAPTagGenerator(prefix: "B")
        XCTAssertEqual(other.next(), "B001")
    }
}
