import XCTest

@testable import SMTP

final class AddressListTests: XCTestCase {
    private func parse(_ value: String) throws -> [String] {
        try AddressList.parse([UInt8](value)[...]).map(\.address)
    }

    func testAccepted() throws {
        let table: [(String, [String])] = [
            ("a@b.example", ["a@b.example"]),
            (" a@b.example ", ["a@b.example"]),
            ("a@x, b@y", ["a@x", "b@y"]),
            ("a@x,b@y,c@z", ["a@x", "b@y", "c@z"]),
            ("<a@x>", ["a@x"]),
            ("John Doe <jd@x>", ["jd@x"]),
            ("\"Doe, John\" <jd@x>, other@y", ["jd@x", "other@y"]),
            ("\"Quote \\\" and, comma\" <q@x>", ["q@x"]),
            ("John Q. Public <jqp@x>", ["jqp@x"]),
            ("jd@x (John Doe)", ["jd@x"]),
            ("jd@x (John (nested, comment) Doe), b@y", ["jd@x", "b@y"]),
            ("(comment) <a@x> (more)", ["a@x"]),
            ("Friends: a@x, B <b@y>;", ["a@x", "b@y"]),
            ("Friends: a@x, B <b@y>; c@z", ["a@x", "b@y", "c@z"]),
            ("undisclosed-recipients:;", []),
            ("Undisclosed recipients: ;", []),
            ("Team:a@x", ["a@x"]),
            ("", []),
            ("   ", []),
            ("a@x,,b@y,", ["a@x", "b@y"]),
            (", a@x", ["a@x"]),
            ("\"john doe\"@x", ["\"john doe\"@x"]),
            ("\"a@b\"@x", ["\"a@b\"@x"]),
            ("john . doe @ example . com", ["john.doe@example.com"]),
            ("john(c).doe@(c)example.com", ["john.doe@example.com"]),
            ("a@[192.0.2.1]", ["a@[192.0.2.1]"]),
            ("<@relay.example,@other.example:a@x>", ["a@x"]),
            ("=?UTF-8?Q?J=C3=BCrgen?= <j@x>", ["j@x"]),
            ("Jürgen <jürgen@bücher.example>", ["jürgen@bücher.example"]),
            ("a@x, a@x", ["a@x", "a@x"]),
            ("\"<not@this>\" <but@this>", ["but@this"]),
            ("\"unfolded  name\"\t<a@x>", ["a@x"]),
        ]
        for (value, addresses) in table {
            XCTAssertEqual(try parse(value), addresses, value)
        }
    }

    func testRejected() {
        let table: [(String, String)] = [
            ("Smith, John <j@x>", "\"Smith\" is not an address (no '@')"),
            ("John Doe", "a name where an address was expected"),
            ("alice", "\"alice\" is not an address (no '@')"),
            ("a@x b@y", "a name where an address was expected"),
            ("<a@x", "'<' without '>'"),
            ("a@x>", "'>' without '<'"),
            ("<a@x> <b@y>", "two angle addresses in one mailbox"),
            ("<a@x> trailing", "text after an angle address"),
            ("<>", "empty angle address"),
            ("\"unterminated <a@x>", "unterminated quoted string"),
            ("a@x (unterminated", "unterminated comment"),
            ("a@[1.2.3.4", "unterminated domain literal"),
            ("a@x;", "';' outside a group"),
            ("G: H: a@x;;", "unexpected ':'"),
            ("<a@x>:", "unexpected ':'"),
            ("a@@x", "two '@' in one address"),
            ("a@x)", "unexpected ')'"),
            ("<a@x;b>", "unexpected ';'"),
            ("<@relay a@x>", "route without ':'"),
            ("a\u{1}@x", "control character"),
        ]
        for (value, problem) in table {
            XCTAssertThrowsError(try parse(value), value) { error in
                XCTAssertEqual(error as? SMTPError, SMTPError(.badAddress, problem), value)
            }
        }
    }

    func testMailboxChecksApply() {
        XCTAssertThrowsError(try parse("a@x..y")) { error in
            XCTAssertEqual(
                error as? SMTPError, SMTPError(.badAddress, "Invalid address \"a@x..y\": empty label in the domain"))
        }
    }
}
