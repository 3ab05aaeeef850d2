import XCTest

@testable import SMTP

final class MailboxTests: XCTestCase {
    func testAccepted() throws {
        let table: [(String, String)] = [
            ("user@example.com", "user@example.com"),
            ("<user@example.com>", "user@example.com"),
            ("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk"),
            ("!#$%&'*+-/=?^_`{|}~@x", "!#$%&'*+-/=?^_`{|}~@x"),
            ("\"john doe\"@example.com", "\"john doe\"@example.com"),
            ("<\"a@b\"@example.com>", "\"a@b\"@example.com"),
            ("\"q\\\"uote\"@x", "\"q\\\"uote\"@x"),
            ("\"\"@x", "\"\"@x"),
            ("user@[192.0.2.1]", "user@[192.0.2.1]"),
            ("user@[IPv6:2001:db8::1]", "user@[IPv6:2001:db8::1]"),
            ("postmaster", "postmaster"),
            ("<Postmaster>", "Postmaster"),
            ("a..b@docomo.ne.jp", "a..b@docomo.ne.jp"),
            (".a.@x", ".a.@x"),
            ("user@under_score.example", "user@under_score.example"),
            ("user@xn--bcher-kva.example", "user@xn--bcher-kva.example"),
            ("用户@例子.广告", "用户@例子.广告"),
            ("josé@bücher.example", "josé@bücher.example"),
        ]
        for (argument, address) in table {
            let mailbox = try Mailbox(argument: argument)
            XCTAssertEqual(mailbox.address, address, argument)
            XCTAssertEqual(mailbox.path, "<" + address + ">", argument)
            XCTAssertFalse(mailbox.isNull, argument)
        }
    }

    func testNullSender() throws {
        XCTAssertEqual(try Mailbox(argument: "<>", allowNull: true), .null)
        XCTAssertEqual(try Mailbox(argument: "", allowNull: true), .null)
        XCTAssertEqual(Mailbox.null.path, "<>")
        XCTAssertTrue(Mailbox.null.isNull)
        for argument in ["<>", ""] {
            XCTAssertThrowsError(try Mailbox(argument: argument), argument) { error in
                XCTAssertEqual(
                    error as? SMTPError, SMTPError(.badAddress, "Invalid address \"\(argument)\": empty address"))
            }
        }
    }

    func testRejected() {
        let table: [(String, String)] = [
            ("victim@example.com\r\nRCPT TO:<other@example.com>", "control character"),
            ("a@b\n", "control character"),
            ("a@b\r", "control character"),
            ("a\0@b", "control character"),
            ("a\t@b", "control character"),
            ("a@b\u{7F}", "control character"),
            ("a@b\u{1B}[2J", "control character"),
            ("<a@b", "unbalanced angle brackets"),
            ("a@b>", "unbalanced angle brackets"),
            ("<", "unbalanced angle brackets"),
            ("<<a@b>>", "character '<' not allowed"),
            ("Name <a@b>", "a name is not allowed, only user@host or <user@host>"),
            ("a b@c", "space not allowed"),
            ("a@b c", "space not allowed in the domain"),
            ("a@b@c", "character '@' not allowed in the domain"),
            ("@b", "empty local part"),
            ("a@", "empty domain"),
            ("a@b..c", "empty label in the domain"),
            ("a@.b", "empty label in the domain"),
            ("a@b.", "empty label in the domain"),
            ("a(comment)@b", "character '(' not allowed"),
            ("a,b@c", "character ',' not allowed"),
            ("\"unterminated@b", "unterminated quoted string"),
            ("\"a\"b@c", "character 'b' not allowed"),
            ("\"a\\", "bad quoted pair"),
            ("\"a\\é\"@b", "bad quoted pair"),
            ("a@[1.2.3.4", "invalid address literal"),
            ("a@[]", "invalid address literal"),
            ("a@[a[b]", "invalid address literal"),
            ("a@exa!mple", "character '!' not allowed in the domain"),
        ]
        for (argument, problem) in table {
            XCTAssertThrowsError(try Mailbox(argument: argument, allowNull: true), argument.debugDescription) { error in
                guard let error = error as? SMTPError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.kind, .badAddress, argument.debugDescription)
                XCTAssertTrue(
                    error.message.hasSuffix("\": " + problem), "\(argument.debugDescription): \(error.message)")
            }
        }
    }

    func testMessageShowsControlCharactersAsQuestionMarks() {
        XCTAssertThrowsError(try Mailbox(argument: "a@b\r\nDATA")) { error in
            XCTAssertEqual(
                error as? SMTPError, SMTPError(.badAddress, "Invalid address \"a@b??DATA\": control character"))
        }
    }

    func testRequiresSMTPUTF8() throws {
        let table: [(String, Bool)] = [
            ("user@example.com", false),
            ("josé@example.com", true),
            ("user@bücher.example", true),
            ("\"é\"@x", true),
            ("user@xn--bcher-kva.example", false),
        ]
        for (argument, expected) in table {
            XCTAssertEqual(try Mailbox(argument: argument).requiresSMTPUTF8, expected, argument)
        }
        XCTAssertFalse(Mailbox.null.requiresSMTPUTF8)
    }

    func testDomain() throws {
        let table: [(String, String?)] = [
            ("user@example.com", "example.com"),
            ("\"a@b\"@c.example", "c.example"),
            ("postmaster", nil),
            ("\"just quoted\"", nil),
            ("a@[192.0.2.1]", "[192.0.2.1]"),
        ]
        for (argument, domain) in table {
            XCTAssertEqual(try Mailbox(argument: argument).domain.map(String.init), domain, argument)
        }
        XCTAssertNil(Mailbox.null.domain)
    }
}
