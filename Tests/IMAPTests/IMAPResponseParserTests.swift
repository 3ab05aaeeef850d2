import Transport
import TransportFakes
import XCTest

@testable import IMAP

final class IMAPResponseParserTests: XCTestCase {
    private func text(_ text: String, _ code: IMAPResponseCode? = nil) -> IMAPResponseText {
        IMAPResponseText(code: code, text: text)
    }

    func testTaggedResponses() throws {
        let table: [(String, IMAPTaggedResponse)] = [
            (
                "A001 OK LOGIN completed\r\n",
                IMAPTaggedResponse(tag: "A001", status: .ok, text: text("LOGIN completed"))
            ),
            (
                "a2 no [TRYCREATE] Mailbox doesn't exist\r\n",
                IMAPTaggedResponse(tag: "a2", status: .no, text: text("Mailbox doesn't exist", .tryCreate))
            ),
            (
                "A3 BAD Error in IMAP command\r\n",
                IMAPTaggedResponse(tag: "A3", status: .bad, text: text("Error in IMAP command"))
            ),
            ("A4 OK\r\n", IMAPTaggedResponse(tag: "A4", status: .ok, text: text(""))),
            ("A5 OK [READ-ONLY]\r\n", IMAPTaggedResponse(tag: "A5", status: .ok, text: text("", .readOnly))),
            ("A6 OK [READ-WRITE]done\r\n", IMAPTaggedResponse(tag: "A6", status: .ok, text: text("done", .readWrite))),
            (
                "A7 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n",
                IMAPTaggedResponse(
                    tag: "A7", status: .no, text: text("Authentication failed.", .other("AUTHENTICATIONFAILED", nil)))
            ),
            (
                "A8 OK [APPENDUID 38505 3955] APPEND completed\r\n",
                IMAPTaggedResponse(
                    tag: "A8", status: .ok, text: text("APPEND completed", .other("APPENDUID", "38505 3955")))
            ),
            (
                "A9 NO [ALERT] \u{1B}[2J text with an escape\r\n",
                IMAPTaggedResponse(tag: "A9", status: .no, text: text("\u{1B}[2J text with an escape", .alert))
            ),
            ("A.1 OK x\r\n", IMAPTaggedResponse(tag: "A.1", status: .ok, text: text("x"))),
        ]
        for (input, expected) in table {
            XCTAssertEqual(try parse(input), .tagged(expected), input.debugDescription)
        }
    }

    func testContinuationRequests() throws {
        XCTAssertEqual(
            try parse("+ Ready for literal data\r\n"),
            .continuation(IMAPContinuationRequest(text: [UInt8]("Ready for literal data"))))
        XCTAssertEqual(
            try parse("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n"),
            .continuation(
                IMAPContinuationRequest(text: [UInt8]("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+"))))
        XCTAssertEqual(try parse("+ \r\n"), .continuation(IMAPContinuationRequest(text: [])))
        XCTAssertEqual(try parse("+\r\n"), .continuation(IMAPContinuationRequest(text: [])))
    }

    func testConditions() throws {
        let table: [(String, IMAPUntaggedResponse)] = [
            ("* OK IMAP4rev1 Service Ready\r\n", .condition(.ok, text("IMAP4rev1 Service Ready"))),
            (
                "* PREAUTH IMAP4rev1 server logged in as Smith\r\n",
                .condition(.preauth, text("IMAP4rev1 server logged in as Smith"))
            ),
            ("* BYE Autologout; idle for too long\r\n", .condition(.bye, text("Autologout; idle for too long"))),
            (
                "* NO Disk is 98% full, please delete unnecessary data\r\n",
                .condition(.no, text("Disk is 98% full, please delete unnecessary data"))
            ),
            ("* BAD Command line too long\r\n", .condition(.bad, text("Command line too long"))),
            (
                "* OK [UNSEEN 17] Message 17 is the first unseen message\r\n",
                .condition(.ok, text("Message 17 is the first unseen message", .unseen(17)))
            ),
            (
                "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
                .condition(.ok, text("UIDs valid", .uidValidity(3_857_529_045)))
            ),
            ("* OK [UIDNEXT 4392] Predicted next UID\r\n", .condition(.ok, text("Predicted next UID", .uidNext(4392)))),
            (
                "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
                .condition(.ok, text("Limited", .permanentFlags([.deleted, .seen, .wildcard])))
            ),
            (
                "* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n",
                .condition(.ok, text("Read-only mailbox.", .permanentFlags([])))
            ),
            (
                "* NO [BADCHARSET (UTF-8 \"US-ASCII\")] x\r\n",
                .condition(.no, text("x", .badCharset(["UTF-8", "US-ASCII"])))
            ),
            ("* NO [BADCHARSET] x\r\n", .condition(.no, text("x", .badCharset([])))),
            ("* BAD [PARSE] bad header\r\n", .condition(.bad, text("bad header", .parse))),
            (
                "* OK [CLOSED] Previous mailbox closed.\r\n",
                .condition(.ok, text("Previous mailbox closed.", .other("CLOSED", nil)))
            ),
            ("* OK\r\n", .condition(.ok, text(""))),
            (
                "* OK [ALERT] System shutdown in 10 minutes\r\n",
                .condition(.ok, text("System shutdown in 10 minutes", .alert))
            ),
        ]
        for (input, expected) in table {
            XCTAssertEqual(try parseUntagged(input), expected, input.debugDescription)
        }
    }

    func testCapabilities() throws {
        guard
            case .capability(let capabilities) = try parseUntagged(
                "* CAPABILITY IMAP4rev1 STARTTLS auth=plain AUTH=GSSAPI LOGINDISABLED sasl-ir LITERAL+ ID ENABLE UIDPLUS AUTH=x!y \r\n"
            )
        else { return XCTFail() }
        XCTAssertEqual(
            capabilities.names,
            [
                "IMAP4REV1", "STARTTLS", "AUTH=PLAIN", "AUTH=GSSAPI", "LOGINDISABLED", "SASL-IR",
                "LITERAL+", "ID", "ENABLE", "UIDPLUS", "AUTH=X!Y",
            ])
        XCTAssertEqual(capabilities.authMechanisms, ["PLAIN", "GSSAPI"])
        XCTAssertTrue(
            capabilities.imap4rev1 && capabilities.startTLS && capabilities.loginDisabled && capabilities.saslIR)
        XCTAssertTrue(capabilities.literalPlus && capabilities.id && capabilities.enable && capabilities.uidPlus)
        XCTAssertTrue(capabilities.offersAuth("plain"))
        XCTAssertFalse(capabilities.literalMinus || capabilities.idle || capabilities.offersAuth("LOGIN"))
        XCTAssertEqual(capabilities.literalMode, .nonSynchronizing)
        XCTAssertEqual(IMAPCapabilities(["LITERAL-"]).literalMode, .nonSynchronizingUpTo4096)
        XCTAssertEqual(IMAPCapabilities(["IMAP4rev1"]).literalMode, .synchronizing)
        XCTAssertEqual(try parseUntagged("* CAPABILITY\r\n"), .capability(IMAPCapabilities()))
        XCTAssertEqual(
            try parseUntagged("* CAPABILITY IMAP4rev2  IDLE\r\n"), .capability(IMAPCapabilities(["IMAP4rev2", "IDLE"])))
    }

    // MARK: Real Dovecot output (2.3, captured from testservers/ on 127.0.0.1)

    func testDovecotGreeting() throws {
        let greeting =
            "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256] mailtls Dovecot ready.\r\n"
        guard case .condition(.ok, let text) = try parseUntagged(greeting),
            case .capability(let capabilities) = text.code
        else { return XCTFail() }
        XCTAssertEqual(text.text, "mailtls Dovecot ready.")
        XCTAssertEqual(capabilities.authMechanisms, ["PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"])
        XCTAssertTrue(
            capabilities.startTLS && capabilities.saslIR && capabilities.literalPlus && capabilities.id
                && capabilities.enable)
        XCTAssertFalse(capabilities.loginDisabled)
    }

    func testDovecotLoginCompletionWithCapabilities() throws {
        let line =
            "A002 OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE] Logged in\r\n"
        guard case .tagged(let tagged) = try parse(line), case .capability(let capabilities) = tagged.text.code else {
            return XCTFail()
        }
        XCTAssertEqual(tagged.status, .ok)
        XCTAssertEqual(tagged.text.text, "Logged in")
        XCTAssertEqual(capabilities.names.count, 38)
        XCTAssertTrue(capabilities.uidPlus && capabilities.condStore && capabilities.literalPlus)
        XCTAssertEqual(capabilities.authMechanisms, [])
    }

    func testDovecotExamine() throws {
        let script =
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n* 4 EXISTS\r\n* 4 RECENT\r\n* OK [UNSEEN 1] First unseen.\r\n* OK [UIDVALIDITY 1795922606] UIDs valid\r\n* OK [UIDNEXT 6] Predicted next UID\r\nA004 OK [READ-ONLY] Examine completed (0.001 + 0.000 secs).\r\n"
        let reader = IMAPResponseReader(stream: ByteStream(transport: ScriptedServer(script)), trace: SilentTrace())
        var responses: [IMAPResponse] = []
        for _ in 0..<8 { responses.append(try reader.read().response) }
        XCTAssertEqual(
            responses,
            [
                .untagged(.flags([.answered, .flagged, .deleted, .seen, .draft])),
                .untagged(.condition(.ok, text("Read-only mailbox.", .permanentFlags([])))),
                .untagged(.exists(4)),
                .untagged(.recent(4)),
                .untagged(.condition(.ok, text("First unseen.", .unseen(1)))),
                .untagged(.condition(.ok, text("UIDs valid", .uidValidity(1_795_922_606)))),
                .untagged(.condition(.ok, text("Predicted next UID", .uidNext(6)))),
                .tagged(
                    IMAPTaggedResponse(
                        tag: "A004", status: .ok, text: text("Examine completed (0.001 + 0.000 secs).", .readOnly))),
            ])
    }

    func testDovecotListStatusSearchIDNamespace() throws {
        XCTAssertEqual(
            try parseUntagged("* LIST (\\HasNoChildren) \"/\" INBOX\r\n"),
            .list(IMAPListEntry(attributes: [IMAPFlag("\\HasNoChildren")], delimiter: UInt8(ascii: "/"), name: .inbox)))
        XCTAssertEqual(
            try parseUntagged("* STATUS INBOX (MESSAGES 4 RECENT 4 UIDNEXT 6 UIDVALIDITY 1795922606 UNSEEN 4)\r\n"),
            .status(
                IMAPMailboxStatus(
                    mailbox: .inbox,
                    items: ["MESSAGES": 4, "RECENT": 4, "UIDNEXT": 6, "UIDVALIDITY": 1_795_922_606, "UNSEEN": 4])))
        XCTAssertEqual(try parseUntagged("* SEARCH 2 3 4 5\r\n"), .search([2, 3, 4, 5]))
        XCTAssertEqual(
            try parseUntagged("* ID (\"name\" \"Dovecot\")\r\n"), .id([IMAPIDParameter(key: "name", value: "Dovecot")]))
        XCTAssertEqual(
            try parseUntagged("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n"), .other(keyword: "NAMESPACE", number: nil))
        XCTAssertEqual(
            try parse("A011 NO Mailbox doesn't exist: nosuch (0.001 + 0.000 secs).\r\n"),
            .tagged(
                IMAPTaggedResponse(
                    tag: "A011", status: .no, text: text("Mailbox doesn't exist: nosuch (0.001 + 0.000 secs)."))))
    }

    func testDovecotFetches() throws {
        guard
            case .fetch(let small) = try parseUntagged(
                "* 1 FETCH (UID 2 FLAGS (\\Recent) RFC822.SIZE 751 INTERNALDATE \"29-Nov-2026 03:25:21 +0000\")\r\n")
        else { return XCTFail() }
        XCTAssertEqual(small.sequenceNumber, 1)
        XCTAssertEqual(small.uid, 2)
        XCTAssertEqual(small.flags, [.recent])
        XCTAssertEqual(small.rfc822Size, 751)
        XCTAssertEqual(small.internalDate?.description, "29-Nov-2026 03:25:21 +0000")
        XCTAssertEqual(small.internalDate?.secondsSince1970, 1_795_922_721)

        let big =
            "* 1 FETCH (UID 2 FLAGS (\\Recent) BODY[HEADER.FIELDS (SUBJECT FROM)] {67}\r\nFrom: alice@mailtls.test\r\nSubject: mailtls-bcc-11370-2309397533\r\n\r\n BODY[]<0> {20}\r\nReturn-Path: <alice@ ENVELOPE (\"Sun, 29 Nov 2026 03:25:21 +0000 (UTC)\" \"mailtls-bcc-11370-2309397533\" ((NIL NIL \"alice\" \"mailtls.test\")) ((NIL NIL \"alice\" \"mailtls.test\")) ((NIL NIL \"alice\" \"mailtls.test\")) ((NIL NIL \"bob\" \"mailtls.test\")) NIL NIL NIL \"<20261129032521.739DE51E054@mailtls.test>\") BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 13 1 NIL NIL NIL NIL))\r\n"
        guard case .fetch(let fetch) = try parseUntagged(big) else { return XCTFail() }
        XCTAssertEqual(fetch.uid, 2)
        XCTAssertEqual(
            fetch.body(.body(IMAPSection(text: .headerFields(["SUBJECT", "FROM"])))),
            .bytes([UInt8]("From: alice@mailtls.test\r\nSubject: mailtls-bcc-11370-2309397533\r\n\r\n")))
        XCTAssertEqual(fetch.body(.body(origin: 0)), .bytes([UInt8]("Return-Path: <alice@")))
        XCTAssertEqual(fetch.attributes.count, 6)
        guard case .other("ENVELOPE", .list(let envelope)) = fetch.attributes[4] else { return XCTFail() }
        XCTAssertEqual(envelope.count, 10)
        XCTAssertEqual(envelope[1], .string([UInt8]("mailtls-bcc-11370-2309397533")))
        XCTAssertEqual(
            envelope[5], .list([.list([.null, .null, .string([UInt8]("bob")), .string([UInt8]("mailtls.test"))])]))
        guard case .other("BODYSTRUCTURE", .list(let structure)) = fetch.attributes[5] else { return XCTFail() }
        XCTAssertEqual(structure[6], .number(13))
    }

    // MARK: Each response type

    func testMessageData() throws {
        XCTAssertEqual(try parseUntagged("* 0 EXISTS\r\n"), .exists(0))
        XCTAssertEqual(try parseUntagged("* 23 recent\r\n"), .recent(23))
        XCTAssertEqual(try parseUntagged("* 44 EXPUNGE\r\n"), .expunge(44))
        XCTAssertEqual(try parseUntagged("* 4294967295 EXISTS\r\n"), .exists(4_294_967_295))
        XCTAssertEqual(try parseUntagged("* 5 XYZZY foo (bar\r\n"), .other(keyword: "XYZZY", number: 5))
        XCTAssertEqual(
            try parseUntagged("* VANISHED (EARLIER) 41,43:116\r\n"), .other(keyword: "VANISHED", number: nil))
        XCTAssertEqual(try parseUntagged("* ENABLED CONDSTORE qresync\r\n"), .enabled(["CONDSTORE", "QRESYNC"]))
        XCTAssertEqual(try parseUntagged("* ENABLED\r\n"), .enabled([]))
        XCTAssertEqual(try parseUntagged("* ID NIL\r\n"), .id(nil))
        XCTAssertEqual(
            try parseUntagged("* ID (\"name\" \"Cyrus\" \"version\" NIL \"os\" {5}\r\nLinux)\r\n"),
            .id([
                IMAPIDParameter(key: "name", value: "Cyrus"), IMAPIDParameter(key: "version", value: nil),
                IMAPIDParameter(key: "os", value: "Linux"),
            ]))
        XCTAssertEqual(try parseUntagged("* ID ()\r\n"), .id([]))
        XCTAssertEqual(try parseUntagged("* FLAGS ()\r\n"), .flags([]))
        XCTAssertEqual(
            try parseUntagged("* FLAGS (\\Seen $Forwarded Junk)\r\n"),
            .flags([.seen, IMAPFlag("$Forwarded"), IMAPFlag("Junk")]))
    }

    func testList() throws {
        let table: [(String, IMAPListEntry)] = [
            (
                "* LIST (\\Noselect) \"/\" ~/Mail/foo\r\n",
                IMAPListEntry(
                    attributes: [IMAPFlag("\\Noselect")], delimiter: UInt8(ascii: "/"),
                    name: IMAPMailboxName(wire: [UInt8]("~/Mail/foo")))
            ),
            (
                "* LIST () \".\" \"Sent Items\"\r\n",
                IMAPListEntry(attributes: [], delimiter: UInt8(ascii: "."), name: IMAPMailboxName("Sent Items"))
            ),
            ("* LIST () NIL Flat\r\n", IMAPListEntry(attributes: [], delimiter: nil, name: IMAPMailboxName("Flat"))),
            (
                "* LIST () \"\\\\\" inbox\r\n",
                IMAPListEntry(attributes: [], delimiter: UInt8(ascii: "\\"), name: .inbox)
            ),
            (
                "* LIST (\\HasChildren \\Sent) \"/\" {7}\r\na\"b\\c]d\r\n",
                IMAPListEntry(
                    attributes: [IMAPFlag("\\HasChildren"), IMAPFlag("\\Sent")], delimiter: UInt8(ascii: "/"),
                    name: IMAPMailboxName(wire: [UInt8]("a\"b\\c]d")))
            ),
            (
                "* LIST () \"/\" &U,BTFw-\r\n",
                IMAPListEntry(attributes: [], delimiter: UInt8(ascii: "/"), name: IMAPMailboxName("台北"))
            ),
            (
                "* LIST (\\Subscribed) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n",
                IMAPListEntry(
                    attributes: [IMAPFlag("\\Subscribed")], delimiter: UInt8(ascii: "/"), name: IMAPMailboxName("Foo"))
            ),
            (
                "* LIST (\\NonExistent) \"/\" a]b\r\n",
                IMAPListEntry(
                    attributes: [IMAPFlag("\\NonExistent")], delimiter: UInt8(ascii: "/"), name: IMAPMailboxName("a]b"))
            ),
        ]
        for (input, expected) in table {
            XCTAssertEqual(try parseUntagged(input), .list(expected), input.debugDescription)
        }
        XCTAssertEqual(
            try parseUntagged("* LSUB () \".\" #news.comp.mail.misc\r\n"),
            .lsub(
                IMAPListEntry(
                    attributes: [], delimiter: UInt8(ascii: "."), name: IMAPMailboxName("#news.comp.mail.misc"))))
        guard case .list(let entry) = try parseUntagged("* LIST (\\Noselect \\HasChildren) \"/\" x\r\n") else {
            return XCTFail()
        }
        XCTAssertFalse(entry.isSelectable)
        XCTAssertEqual(IMAPMailboxName("台北").displayName, "台北")
    }

    func testSearchAndStatus() throws {
        XCTAssertEqual(try parseUntagged("* SEARCH\r\n"), .search([]))
        XCTAssertEqual(try parseUntagged("* SEARCH \r\n"), .search([]))
        XCTAssertEqual(try parseUntagged("* SEARCH 2 84 882\r\n"), .search([2, 84, 882]))
        XCTAssertEqual(try parseUntagged("* SEARCH 2 5 (MODSEQ 917162500)\r\n"), .search([2, 5]))
        guard
            case .status(let status) = try parseUntagged(
                "* STATUS \"blurdybloop\" (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777)\r\n")
        else { return XCTFail() }
        XCTAssertEqual(status.mailbox, IMAPMailboxName("blurdybloop"))
        XCTAssertEqual(status.messages, 231)
        XCTAssertEqual(status.uidNext, 44292)
        XCTAssertEqual(status.items["HIGHESTMODSEQ"], 7_011_231_777)
        XCTAssertNil(status.uidValidity)
        XCTAssertEqual(
            try parseUntagged("* STATUS INBOX ()\r\n"), .status(IMAPMailboxStatus(mailbox: .inbox, items: [:])))
    }

    func testFetchAttributes() throws {
        let input =
            "* 12 FETCH (FLAGS (\\Seen $Label1) INTERNALDATE \" 7-Feb-1994 21:52:25 -0800\" RFC822.SIZE 4286 UID 4827313 BODY[1.2.TEXT] NIL BODY[HEADER] \"\" RFC822 {1}\r\nx MODSEQ (12121231000) BODY (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 3028 92) X-GM-LABELS (\\Inbox \"a b\") BINARY.SIZE[1] 12)\r\n"
        guard case .fetch(let fetch) = try parseUntagged(input) else { return XCTFail() }
        XCTAssertEqual(fetch.sequenceNumber, 12)
        XCTAssertEqual(fetch.flags, [.seen, IMAPFlag("$Label1")])
        XCTAssertEqual(fetch.internalDate?.day, 7)
        XCTAssertEqual(fetch.internalDate?.zoneMinutes, -480)
        XCTAssertEqual(fetch.internalDate?.description, " 7-Feb-1994 21:52:25 -0800")
        XCTAssertEqual(fetch.rfc822Size, 4286)
        XCTAssertEqual(fetch.uid, 4_827_313)
        XCTAssertEqual(fetch.body(.body(IMAPSection(part: [1, 2], text: .text))), .null)
        XCTAssertEqual(fetch.body(.body(IMAPSection(text: .header))), .bytes([]))
        XCTAssertEqual(fetch.body(IMAPFetchBodyItem(kind: .rfc822)), .bytes([UInt8]("x")))
        XCTAssertEqual(fetch.attributes[7], .other("MODSEQ", .list([.number(12_121_231_000)])))
        XCTAssertEqual(fetch.attributes[9], .other("X-GM-LABELS", .list([.atom("\\Inbox"), .string([UInt8]("a b"))])))
        XCTAssertEqual(fetch.attributes[10], .other("BINARY.SIZE[1]", .number(12)))
        guard case .other("BODY", .list) = fetch.attributes[8] else { return XCTFail() }
        XCTAssertEqual(
            try parseUntagged("* 3 FETCH ()\r\n"), .fetch(IMAPFetchResponse(sequenceNumber: 3, attributes: [])))
    }

    // MARK: Hostile input

    func testMalformed() {
        let table: [(String, String)] = [
            ("\r\n", "the response ends where response should be"),
            ("* \r\n", "the response ends where response data should be"),
            ("*\r\n", "the response ends where SP should be"),
            ("A1 MAYBE x\r\n", "OK, NO or BAD expected after the tag, found MAYBE"),
            ("A1\r\n", "the response ends where SP should be"),
            ("+A1 OK\r\n", "SP expected, found 'A'"),
            (")\r\n", "tag, '*' or '+' expected, found ')'"),
            ("* LIST () \"/\" \"unterminated\r\n", "unterminated quoted string"),
            ("* LIST () \"/\" \"bad \\x escape\"\r\n", "invalid escape in quoted string"),
            ("* LIST (\\Noselect \"/\" x\r\n", "flag expected, found '\"'"),
            ("* LIST () \"/\" x)\r\n", "unexpected ')' where the response should end"),
            ("* LIST () \"//\" x\r\n", "hierarchy delimiter of 2 characters"),
            ("* 1 FETCH (UID 4294967296)\r\n", "UID 4294967296 does not fit 32 bits"),
            ("* 1 FETCH (UID 0)\r\n", "UID is 0 where RFC 3501 needs a non-zero number"),
            ("* 1 FETCH (UID 99999999999999999999999)\r\n", "UID too large"),
            ("* 0 FETCH (UID 1)\r\n", "message number 0 in FETCH"),
            ("* 0 EXPUNGE\r\n", "message number 0 in EXPUNGE"),
            ("* 1 FETCH (UID 1\r\n", "the response ends where ')' should be"),
            ("* 1 FETCH (FLAGS (\\Seen)) extra\r\n", "unexpected byte 32 where the response should end"),
            ("* 1 FETCH UID 1\r\n", "'(' expected, found 'U'"),
            ("* 1 FETCH (BODY[HEADER.FIELDS] {1}\r\nx)\r\n", "SP expected, found ']'"),
            ("* 1 FETCH (BODY[MIME] {1}\r\nx)\r\n", "MIME section without a part number"),
            ("* 1 FETCH (BODY[1.] {1}\r\nx)\r\n", "invalid section \"\""),
            ("* 1 FETCH (BODY[0] {1}\r\nx)\r\n", "section part is 0 where RFC 3501 needs a non-zero number"),
            ("* 1 FETCH (BODY[TEXTX] {1}\r\nx)\r\n", "invalid section \"TEXTX\""),
            ("* 1 FETCH (BODY[] x)\r\n", "body data expected, found 'x'"),
            ("* 1 FETCH (BODY[] ~{1}\r\nx)\r\n", "literal8 (~{n}) where only a literal may be"),
            (
                "* 1 FETCH (INTERNALDATE \"31-Feb-2026 00:00:00 +0000\")\r\n",
                "invalid INTERNALDATE \"31-Feb-2026 00:00:00 +0000\""
            ),
            ("* 1 FETCH (X-THING (a (b))\r\n", "the response ends where ')' should be"),
            ("* 1 FETCH (X-THING ((a))))\r\n", "unexpected ')' where the response should end"),
            ("* 1 FETCH (X-THING a]b)\r\n", "')' expected, found ']'"),
            ("* OK [UIDVALIDITY 0] x\r\n", "UIDVALIDITY is 0 where RFC 3501 needs a non-zero number"),
            ("* OK [UIDVALIDITY abc] x\r\n", "UIDVALIDITY expected, found 'a'"),
            ("* OK [UIDNEXT 5 x\r\n", "']' expected, found byte 32"),
            ("* OK [CAPABILITY IMAP4rev1\r\n", "the response ends where ']' should be"),
            ("* OK [PERMANENTFLAGS (\\Seen] x\r\n", "')' expected, found ']'"),
            ("* SEARCH 1 0 2\r\n", "search result is 0 where RFC 3501 needs a non-zero number"),
            ("* SEARCH 1 x\r\n", "search result expected, found 'x'"),
            ("* STATUS INBOX (MESSAGES)\r\n", "SP expected, found ')'"),
            ("* OK hello {3}\r\nabc\r\n", "unexpected literal where the response should end"),
            ("A1 OK {3}\r\nabc more\r\n", "unexpected literal where the response should end"),
            ("* LIST () \"/\" {3}\r\nabc extra\r\n", "'(' expected, found 'e'"),
            ("* ID (\"a\")\r\n", "SP expected, found ')'"),
            // Text after a body literal is tolerated only up to the last line's final ")".
            ("* 1 FETCH (BODY[] {1}\r\nx extra\r\n", "the response ends where SP should be"),
            ("* 1 FETCH (BODY[] {1}\r\nxextra\r\n", "')' expected, found 'e'"),
            ("* 1 FETCH (BODY[] {1}\r\nxextra {1}\r\ny)\r\n", "')' expected, found 'e'"),
        ]
        for (input, reason) in table {
            XCTAssertThrowsError(try parse(input), input.debugDescription) { error in
                guard let error = error as? IMAPError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.kind, .malformedResponse, input.debugDescription)
                XCTAssertTrue(
                    error.message.hasPrefix("Malformed response from server (\(reason)): "),
                    "\(input.debugDescription): \(error.message)")
            }
        }
    }

    /// curl 897: text between a body literal and the closing ")" of the response's last line
    /// is ignored; the body is whole (its literal counted it) and the attributes before it stay.
    func testTextAfterABodyLiteralIsIgnored() throws {
        let response = try parseUntagged("* 123 FETCH (UID 7 BODY[1] {4}\r\nbodyextra stuff after the body)\r\n")
        guard case .fetch(let fetch) = response else { return XCTFail("\(String(describing: response))") }
        XCTAssertEqual(fetch.attributes.count, 2)
        XCTAssertEqual(fetch.attributes[0], .uid(7))
        XCTAssertEqual(fetch.body(IMAPFetchBodyItem(kind: .body, section: IMAPSection(part: [1]))), .bytes(Array("body".utf8)))
    }

    func testNestingDepthIsLimited() {
        let deep =
            "* 1 FETCH (BODYSTRUCTURE " + String(repeating: "(", count: 65) + String(repeating: ")", count: 65)
            + ")\r\n"
        XCTAssertThrowsError(try parse(deep)) { error in
            XCTAssertTrue(
                (error as? IMAPError)?.message.hasPrefix(
                    "Malformed response from server (parentheses nested deeper than 64)") == true)
        }
        let fine =
            "* 1 FETCH (BODYSTRUCTURE " + String(repeating: "(", count: 63) + String(repeating: ")", count: 63)
            + ")\r\n"
        XCTAssertNoThrow(try parse(fine))
        let hostile = "* 1 FETCH (X " + String(repeating: "(", count: 30_000) + ")\r\n"
        XCTAssertEqual(imapErrorKind { _ = try parse(hostile) }, .malformedResponse)
    }

    func testControlCharactersInQuotedStringsAreKept() throws {
        // RFC 3501's TEXT-CHAR includes every control but CR and LF: kept, to be escaped on display.
        XCTAssertEqual(
            try parseUntagged("* LIST () \"/\" \"a\u{1B}[31mb\"\r\n"),
            .list(
                IMAPListEntry(
                    attributes: [], delimiter: UInt8(ascii: "/"), name: IMAPMailboxName(wire: [UInt8]("a\u{1B}[31mb"))))
        )
    }

    func testMessagesArePrintable() {
        XCTAssertThrowsError(try parse("* 1 FETCH (UID \u{1B}[2J)\r\n")) { error in
            XCTAssertEqual(
                (error as? IMAPError)?.message,
                "Malformed response from server (UID expected, found byte 27): * 1 FETCH (UID ?[2J)")
        }
    }
}

final class IMAPResponseFrameTests: XCTestCase {
    /// Frames built by hand (not by the reader) cannot crash the parser.
    func testInconsistentFrames() {
        let frames = [
            IMAPResponseFrame(lines: []),
            IMAPResponseFrame(lines: [[UInt8]("* LIST () \"/\" {1}")], literals: [.bytes([UInt8]("x"))]),
            IMAPResponseFrame(lines: [[UInt8]("* LIST () \"/\" {2}"), []], literals: [.bytes([UInt8]("x"))]),
            IMAPResponseFrame(
                lines: [[UInt8]("* LIST () \"/\" {1}"), []], literals: [.bytes([UInt8]("x"), isBinary: true)]),
            IMAPResponseFrame(
                lines: [[UInt8]("* LIST () \"/\" {1}"), []], literals: [IMAPFramedLiteral(size: 1, content: .streamed)]),
            IMAPResponseFrame(lines: [[UInt8]("* 1 FETCH (BODY[] {1}")]),
        ]
        for frame in frames {
            XCTAssertEqual(imapErrorKind { _ = try IMAPResponse(frame: frame) }, .malformedResponse, "\(frame)")
        }
    }
}
