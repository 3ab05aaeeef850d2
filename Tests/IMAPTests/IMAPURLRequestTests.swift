import XCTest

@testable import IMAP

final class IMAPURLRequestTests: XCTestCase {
    private func wire(_ command: IMAPCommand?) -> String? {
        command.map {
            String(decoding: $0.encoded(tag: "A3", literalMode: .synchronizing).bytes.dropLast(2), as: UTF8.self)
        }
    }

    /// path, query, then the SELECT (if any), the command, and the UIDVALIDITY to check: as curl
    /// sends them (its tests 800-type `protocol` sections): the LIST reference always quoted.
    func testCurlForms() throws {
        let table: [(String, String?, String?, String, UInt32?)] = [
            ("", nil, nil, "A3 LIST \"\" *", nil),
            ("/", nil, nil, "A3 LIST \"\" *", nil),
            ("/INBOX", nil, nil, "A3 LIST \"INBOX\" *", nil),
            ("/INBOX/", nil, nil, "A3 LIST \"INBOX\" *", nil),
            ("/INBOX/;UID=1", nil, "A3 SELECT INBOX", "A3 UID FETCH 1 BODY[]", nil),
            ("/INBOX;UID=1", nil, "A3 SELECT INBOX", "A3 UID FETCH 1 BODY[]", nil),
            ("/INBOX/;MAILINDEX=1", nil, "A3 SELECT INBOX", "A3 FETCH 1 BODY[]", nil),
            ("/INBOX;UIDVALIDITY=50/;UID=2", nil, "A3 SELECT INBOX", "A3 UID FETCH 2 BODY[]", 50),
            (
                "/802;UIDVALIDITY=3857529045/;MAILINDEX=123/;SECTION=TEXT", nil, "A3 SELECT 802",
                "A3 FETCH 123 BODY[TEXT]", 3_857_529_045
            ),
            ("/801/;UID=123/;SECTION=1", nil, "A3 SELECT 801", "A3 UID FETCH 123 BODY[1]", nil),
            ("/INBOX/;UID=3/;SECTION=TEXT", nil, "A3 SELECT INBOX", "A3 UID FETCH 3 BODY[TEXT]", nil),
            ("/INBOX/;UID=4/;PARTIAL=0.1024", nil, "A3 SELECT INBOX", "A3 UID FETCH 4 BODY[]<0.1024>", nil),
            (
                "/INBOX/;UID=4;SECTION=1.2.MIME;PARTIAL=10.20/", nil, "A3 SELECT INBOX",
                "A3 UID FETCH 4 BODY[1.2.MIME]<10.20>", nil
            ),
            (
                "/INBOX/;uid=5;section=header.fields%20(subject%20from)", nil, "A3 SELECT INBOX",
                "A3 UID FETCH 5 BODY[HEADER.FIELDS (SUBJECT FROM)]", nil
            ),
            ("/INBOX/;UID=5;MAILINDEX=9", nil, "A3 SELECT INBOX", "A3 UID FETCH 5 BODY[]", nil),
            ("/INBOX/;UID=", nil, nil, "A3 LIST \"INBOX\" *", nil),
            ("/INBOX/;SECTION=TEXT", nil, nil, "A3 LIST \"INBOX\" *", nil),
            ("/INBOX", "NEW", "A3 SELECT INBOX", "A3 SEARCH NEW", nil),
            ("/INBOX", "SUBJECT%20shadows", "A3 SELECT INBOX", "A3 SEARCH SUBJECT shadows", nil),
            ("/INBOX", "TEXT%20%22foo%20bar%22", "A3 SELECT INBOX", "A3 SEARCH TEXT \"foo bar\"", nil),
            ("/INBOX", "", nil, "A3 LIST \"INBOX\" *", nil),
            ("/INBOX/;UID=7", "NEW", "A3 SELECT INBOX", "A3 UID FETCH 7 BODY[]", nil),
            ("/Sent%20Items/;UID=7", nil, "A3 SELECT \"Sent Items\"", "A3 UID FETCH 7 BODY[]", nil),
            (
                "/%7Epeter/mail/%E5%8F%B0%E5%8C%97/%E6%97%A5%E6%9C%AC%E8%AA%9E/;UID=1", nil,
                "A3 SELECT ~peter/mail/&U,BTFw-/&ZeVnLIqe-", "A3 UID FETCH 1 BODY[]", nil
            ),
            ("/Entw&APw-rfe/;UID=1", nil, "A3 SELECT Entw&APw-rfe", "A3 UID FETCH 1 BODY[]", nil),
            ("/Entw%C3%BCrfe/;UID=1", nil, "A3 SELECT Entw&APw-rfe", "A3 UID FETCH 1 BODY[]", nil),
            ("/R&D/;UID=1", nil, "A3 SELECT R&-D", "A3 UID FETCH 1 BODY[]", nil),
            ("/a/b/c/;UID=1", nil, "A3 SELECT a/b/c", "A3 UID FETCH 1 BODY[]", nil),
            ("/100%/;UID=1", nil, "A3 SELECT \"100%\"", "A3 UID FETCH 1 BODY[]", nil),
            ("/a%22b/;UID=1", nil, "A3 SELECT \"a\\\"b\"", "A3 UID FETCH 1 BODY[]", nil),
        ]
        for (path, query, select, command, uidValidity) in table {
            let name = "\(path)?\(query ?? "-")"
            let request = try IMAPURLRequest(path: path, query: query)
            XCTAssertEqual(wire(request.selectCommand), select, name)
            XCTAssertEqual(wire(request.command()), command, name)
            XCTAssertEqual(request.uidValidity, uidValidity, name)
        }
    }

    func testActions() throws {
        XCTAssertEqual(
            try IMAPURLRequest(path: "/INBOX;UIDVALIDITY=50/;UID=2/;SECTION=TEXT", query: nil),
            IMAPURLRequest(
                action: .fetch(.inbox, .uid(2), section: IMAPSection(text: .text), partial: nil), uidValidity: 50))
        XCTAssertEqual(try IMAPURLRequest(path: "/", query: nil), IMAPURLRequest(action: .list(reference: nil)))
        XCTAssertEqual(try IMAPURLRequest(path: "/INBOX", query: "NEW").action, .search(.inbox, criteria: "NEW"))
        XCTAssertEqual(
            try IMAPURLRequest(path: "/INBOX/;MAILINDEX=3", query: nil).action,
            .fetch(.inbox, .sequenceNumber(3), section: IMAPSection(), partial: nil))
        XCTAssertEqual(
            wire(try IMAPURLRequest(path: "/INBOX/;UID=3", query: nil).command(peek: true)),
            "A3 UID FETCH 3 BODY.PEEK[]")
    }

    func testCustomRequests() throws {
        let table: [(String, String, String?, String)] = [
            ("/", "EXAMINE INBOX", nil, "A3 EXAMINE INBOX"),
            ("", "UID%20SEARCH%20ALL", nil, "A3 UID SEARCH ALL"),
            ("/INBOX", "UID SEARCH TEXT \"foo bar\"", "A3 SELECT INBOX", "A3 UID SEARCH TEXT \"foo bar\""),
            ("/INBOX/;UID=4", "FETCH 1 FLAGS", "A3 SELECT INBOX", "A3 FETCH 1 FLAGS"),
            ("/INBOX", "NOOP", "A3 SELECT INBOX", "A3 NOOP"),
        ]
        for (path, custom, select, command) in table {
            let request = try IMAPURLRequest(path: path, query: nil, customRequest: custom)
            XCTAssertEqual(wire(request.selectCommand), select, custom)
            XCTAssertEqual(wire(request.command()), command, custom)
        }
    }

    func testRefused() {
        let table: [(String, String?, String?, IMAPError)] = [
            (
                "/INBOX/;UID=abc", nil, nil,
                IMAPError(.badURL, "Invalid ;UID= in the URL (a number from 1 to 4294967295 expected): abc")
            ),
            (
                "/INBOX/;UID=0", nil, nil,
                IMAPError(.badURL, "Invalid ;UID= in the URL (a number from 1 to 4294967295 expected): 0")
            ),
            (
                "/INBOX/;UID=4294967296", nil, nil,
                IMAPError(.badURL, "Invalid ;UID= in the URL (a number from 1 to 4294967295 expected): 4294967296")
            ),
            (
                "/INBOX/;UID=1:5", nil, nil,
                IMAPError(.badURL, "Invalid ;UID= in the URL (a number from 1 to 4294967295 expected): 1:5")
            ),
            (
                "/INBOX/;UID=%2B1", nil, nil,
                IMAPError(.badURL, "Invalid ;UID= in the URL (a number from 1 to 4294967295 expected): +1")
            ),
            (
                "/INBOX/;MAILINDEX=-1", nil, nil,
                IMAPError(.badURL, "Invalid ;MAILINDEX= in the URL (a number from 1 to 4294967295 expected): -1")
            ),
            (
                "/INBOX;UIDVALIDITY=x/;UID=1", nil, nil,
                IMAPError(.badURL, "Invalid ;UIDVALIDITY= in the URL (a number from 1 to 4294967295 expected): x")
            ),
            ("/INBOX/;UID=1;UID=2", nil, nil, IMAPError(.badURL, "URL parameter ;UID= given twice")),
            ("/INBOX/;FOO=1", nil, nil, IMAPError(.badURL, "Unknown IMAP URL parameter ;FOO=")),
            ("/INBOX/;UID", nil, nil, IMAPError(.badURL, "URL parameter without '=': ;UID")),
            ("/INBOX/;UID=1/;SECTION=BOGUS", nil, nil, IMAPError(.badURL, "Invalid ;SECTION= in the URL: BOGUS")),
            (
                "/INBOX/;UID=1/;SECTION=TEXT%5D%20BODY%5B", nil, nil,
                IMAPError(.badURL, "Invalid ;SECTION= in the URL: TEXT] BODY[")
            ),
            (
                "/INBOX/;UID=1/;PARTIAL=0", nil, nil,
                IMAPError(.badURL, "Invalid ;PARTIAL= in the URL (start.length expected): 0")
            ),
            (
                "/INBOX/;UID=1/;PARTIAL=0.0", nil, nil,
                IMAPError(.badURL, "Invalid ;PARTIAL= in the URL (start.length expected): 0.0")
            ),
            (
                "/INBOX/;UID=1%0D%0AA2%20DELETE%20INBOX", nil, nil,
                IMAPError(.badURL, "The URL's UID parameter holds a control character")
            ),
            ("/IN%0ABOX/;UID=1", nil, nil, IMAPError(.badURL, "The URL's mailbox name holds a control character")),
            (
                "/IN%FFBOX/;UID=1", nil, nil,
                IMAPError(.badURL, "The URL's mailbox name is not UTF-8 once percent-decoded")
            ),
            ("/INBOX/;UID=1?x", nil, nil, IMAPError(.badURL, "Unexpected characters in the URL path: ?x")),
            ("/IN\"BOX", nil, nil, IMAPError(.badURL, "Unexpected characters in the URL path: \"BOX")),
            (
                "/;UID=1", nil, nil,
                IMAPError(.badURL, "The URL names a message but no mailbox (imap://host/MAILBOX/;UID=n)")
            ),
            ("/;UIDVALIDITY=5", nil, nil, IMAPError(.badURL, "The URL gives a UIDVALIDITY but no mailbox")),
            (
                "/", "NEW", nil,
                IMAPError(.badURL, "The URL has a search query but no mailbox (imap://host/MAILBOX?criteria)")
            ),
            ("/INBOX", "ALL%0D%0AA9%20LOGOUT", nil, IMAPError(.badURL, "The URL's query holds a control character")),
            (
                "/INBOX", nil, "NOOP\r\nA9 LOGOUT",
                IMAPError(
                    .unsendableArgument,
                    "The custom request cannot be sent: it contains a control character (CR, LF, NUL...)")
            ),
            (
                "/INBOX", nil, "NOOP%0D%0AA9 LOGOUT",
                IMAPError(
                    .unsendableArgument,
                    "The custom request cannot be sent: it contains a control character (CR, LF, NUL...)")
            ),
            ("/INBOX", nil, "", IMAPError(.unsendableArgument, "The custom request is empty or starts with a space")),
            (
                "/INBOX", nil, " NOOP",
                IMAPError(.unsendableArgument, "The custom request is empty or starts with a space")
            ),
        ]
        for (path, query, custom, expected) in table {
            XCTAssertThrowsError(try IMAPURLRequest(path: path, query: query, customRequest: custom), path) { error in
                XCTAssertEqual(error as? IMAPError, expected, "\(path) \(query ?? "") \(custom ?? "")")
            }
        }
    }

    func testSectionsAndPartials() throws {
        let table: [(String, IMAPSection)] = [
            ("", IMAPSection()),
            ("TEXT", IMAPSection(text: .text)),
            ("header", IMAPSection(text: .header)),
            ("1", IMAPSection(part: [1])),
            ("1.2.3", IMAPSection(part: [1, 2, 3])),
            ("1.MIME", IMAPSection(part: [1], text: .mime)),
            ("2.HEADER", IMAPSection(part: [2], text: .header)),
            ("HEADER.FIELDS (Subject From)", IMAPSection(text: .headerFields(["SUBJECT", "FROM"]))),
            ("HEADER.FIELDS.NOT (X-A \"B C\")", IMAPSection(text: .headerFieldsNot(["X-A", "B C"]))),
        ]
        for (text, section) in table {
            XCTAssertEqual(try IMAPSection(parsing: text), section, text)
        }
        XCTAssertEqual(
            IMAPSection(text: .headerFieldsNot(["X-A", "B C"])).description, "HEADER.FIELDS.NOT (X-A \"B C\")")
        for bad in ["MIME", "1.", ".1", "0", "TEXT.MIME", "HEADER.FIELDS", "HEADER.FIELDS ()", "1 2", "TEXT ", "{3}"] {
            XCTAssertThrowsError(try IMAPSection(parsing: bad), bad)
        }
        XCTAssertEqual(IMAPPartial("0.1024"), IMAPPartial(start: 0, length: 1024))
        for bad in ["", "1", ".1", "1.", "1.0", "a.b", "4294967296.1", "1.2.3", "+1.2"] {
            XCTAssertNil(IMAPPartial(bad), bad)
        }
    }

    func testCustomRequestOutputFilter() throws {
        func shows(_ request: String, _ line: String) throws -> Bool {
            try IMAPCustomRequest(request).shows(IMAPResponseFrame(lines: [[UInt8](line)]))
        }
        XCTAssertTrue(try shows("LSUB \"\" *", "* LSUB () \"/\" INBOX"))
        XCTAssertTrue(try shows("getquotaroot INBOX", "* QUOTA \"\" (STORAGE 10 512)"))
        XCTAssertTrue(try shows("NAMESPACE", "* namespace ((\"\" \"/\")) NIL NIL"))
        XCTAssertFalse(try shows("NAMESPACE", "* CAPABILITY IMAP4rev1"))
        XCTAssertTrue(try shows("STORE 1 +FLAGS (\\Seen)", "* 1 FETCH (FLAGS (\\Seen))"))
        XCTAssertTrue(try shows("FETCH 1 FLAGS", "* 1 FETCH (FLAGS (\\Seen))"))
        XCTAssertFalse(try shows("FETCH 1 FLAGS", "* 3 EXISTS"))
        XCTAssertTrue(try shows("UID FETCH 1 FLAGS", "* 3 EXISTS"))
        XCTAssertTrue(try shows("EXAMINE INBOX", "* OK [UIDNEXT 6] Predicted next UID"))
        XCTAssertFalse(try shows("EXAMINE INBOX", "A3 OK done"))
        XCTAssertFalse(try shows("LIST", "* LISTX () \"/\" a"))
        let request = try IMAPCustomRequest("UID%20FETCH 1 BODY[]")
        XCTAssertEqual(request.command, "UID")
        XCTAssertEqual(request.parameters, "FETCH 1 BODY[]")
        XCTAssertEqual(request.line, "UID FETCH 1 BODY[]")
    }
}
