import XCTest

@testable import CLI

final class NetrcTests: XCTestCase {
    func testMachinesDefaultAndQuotes() throws {
        let netrc = try Netrc(
            parsing: """
                machine mail.example.com login alice password "p w\\"d"
                machine other.example login bob
                  password bobpass
                macdef init
                echo these words are not tokens machine evil.example login x password y

                default login anonymous password guest
                """)
        XCTAssertEqual(netrc.entry(for: "mail.example.com"), Netrc.Entry(login: "alice", password: "p w\"d"))
        XCTAssertEqual(netrc.entry(for: "MAIL.example.com")?.login, "alice")
        XCTAssertEqual(netrc.entry(for: "other.example"), Netrc.Entry(login: "bob", password: "bobpass"))
        XCTAssertEqual(netrc.entry(for: "evil.example")?.login, "anonymous", "macdef text is not parsed")
        XCTAssertEqual(netrc.entry(for: "unknown.example"), Netrc.Entry(login: "anonymous", password: "guest"))
        XCTAssertEqual(netrc.entry(for: "mail.example.com", user: "alice")?.password, "p w\"d")
        XCTAssertNil(netrc.entry(for: "mail.example.com", user: "mallory"))
    }

    func testTruncatedFile() {
        XCTAssertThrowsError(try Netrc(parsing: "machine a login"))
        XCTAssertNil(try Netrc(parsing: "").entry(for: "a"))
    }
}

/// curl 8's reading of quoted words (`lib/netrc.c`, curl test 480): what the user wrote is what
/// is sent, or nothing is.
final class NetrcQuotingTests: XCTestCase {
    func password(_ text: String) throws -> String? {
        try Netrc(parsing: text).entry(for: "h")?.password
    }

    func testEscapesInQuotedWords() throws {
        XCTAssertEqual(try password(#"machine h login a password "a\"b\\c""#), #"a"b\c"#)
        XCTAssertEqual(try password(#"machine h login a password "tab\there""#), "tab\there")
        XCTAssertEqual(try password(#"machine h login a password "x\r\ny""#), "x\r\ny")
        XCTAssertEqual(try password(#"machine h login a password "\q\ ""#), "q ")
        XCTAssertEqual(try password(#"machine h login a password """#), "")
        XCTAssertEqual(try password("machine h login a password \"with space\"\n"), "with space")
    }

    func testUnquotedWordsAreTakenAsWritten() throws {
        XCTAssertEqual(try password(#"machine h login a password ab"cd"#), #"ab"cd"#)
        XCTAssertEqual(try password(#"machine h login a password back\slash"#), #"back\slash"#)
        // A quoted word ends at its quote: what follows is the next word.
        XCTAssertEqual(try password(#"machine h login a password "ab"cd"#), "ab")
    }

    func testUnclosedQuoteIsAnErrorNotAGuess() {
        XCTAssertThrowsError(try Netrc(parsing: "machine h login a password \"open\nmachine x")) { error in
            XCTAssertEqual((error as? ToolError)?.curlCode, .readError)
        }
    }

    func testKeywordsCaseInsensitiveQuotedKeywordsAreValues() throws {
        let netrc = try Netrc(parsing: "MACHINE h LOGIN a PassWord s\nmachine \"default\" login b password t")
        XCTAssertEqual(netrc.entry(for: "h"), Netrc.Entry(login: "a", password: "s"))
        XCTAssertEqual(netrc.entry(for: "default")?.login, "b")
        XCTAssertNil(netrc.fallback)
    }

    func testCommentLinesAndCRLF() throws {
        let netrc = try Netrc(
            parsing:
                "# machine h login evil password x\r\n  # also a comment\r\nmachine h\r\n login a\r\n\r\n password \"p#w\"\r\n"
        )
        XCTAssertEqual(netrc.entry(for: "h"), Netrc.Entry(login: "a", password: "p#w"))
    }
}
