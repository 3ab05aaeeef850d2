import XCTest

@testable import LDAP

final class LDAPFilterTests: XCTestCase {
    private func b(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testParseTable() throws {
        let table: [(String, LDAPFilter)] = [
            ("(uid=a)", .equalityMatch(attribute: "uid", value: b("a"))),
            ("uid=a", .equalityMatch(attribute: "uid", value: b("a"))),
            ("(cn=)", .equalityMatch(attribute: "cn", value: [])),
            ("(cn=*)", .present(attribute: "cn")),
            ("(cn~=bob)", .approxMatch(attribute: "cn", value: b("bob"))),
            ("(n>=5)", .greaterOrEqual(attribute: "n", value: b("5"))),
            ("(n<=5)", .lessOrEqual(attribute: "n", value: b("5"))),
            ("(cn=ab*)", .substrings(attribute: "cn", initial: b("ab"), any: [], final: nil)),
            ("(cn=*ab)", .substrings(attribute: "cn", initial: nil, any: [], final: b("ab"))),
            ("(cn=*ab*)", .substrings(attribute: "cn", initial: nil, any: [b("ab")], final: nil)),
            ("(cn=a*b*c*d)", .substrings(attribute: "cn", initial: b("a"), any: [b("b"), b("c")], final: b("d"))),
            ("(cn=\\2a\\28x\\29\\5c\\00)", .equalityMatch(attribute: "cn", value: b("*(x)\\") + [0])),
            ("(cn=M\u{fc}ller)", .equalityMatch(attribute: "cn", value: b("M\u{fc}ller"))),
            ("(userCertificate;binary=*)", .present(attribute: "userCertificate;binary")),
            ("(2.5.4.3=x)", .equalityMatch(attribute: "2.5.4.3", value: b("x"))),
            ("(!(uid=a))", .not(.equalityMatch(attribute: "uid", value: b("a")))),
            (
                "(&(objectClass=person)(|(uid=a)(uid=b)))",
                .and([
                    .equalityMatch(attribute: "objectClass", value: b("person")),
                    .or([
                        .equalityMatch(attribute: "uid", value: b("a")),
                        .equalityMatch(attribute: "uid", value: b("b")),
                    ]),
                ])
            ),
        ]
        for (text, filter) in table {
            XCTAssertEqual(try LDAPFilterParser.parse(text), filter, text)
        }
    }

    func testMalformedFiltersAreExit3() {
        let bad = [
            "", "()", "(uid=a", "uid=a)", "(uid=a))", "(=a)", "(uid)", "(&)", "(|)", "(!)", "(uid=a(b)",
            "(cn=a**b)", "(cn=\\2)", "(cn=\\zz)", "(cn:dn:=x)", "(uid=a)(uid=b)", "(u id=a)",
            String(repeating: "(!", count: 40) + "(a=b)" + String(repeating: ")", count: 40),
        ]
        for text in bad {
            XCTAssertThrowsError(try LDAPFilterParser.parse(text), text) { error in
                XCTAssertEqual((error as? LDAPSyntaxError)?.curlCode, .urlMalformat, text)
            }
        }
    }

    func testEncoding() throws {
        XCTAssertEqual(try LDAPFilterParser.parse("(uid=a)").encoded, hex("a3 08 04 03 75 69 64 04 01 61"))
        XCTAssertEqual(try LDAPFilterParser.parse("(cn=*)").encoded, hex("87 02 63 6e"))
        XCTAssertEqual(
            try LDAPFilterParser.parse("(&(a=b)(!(c=*)))").encoded,
            hex("a0 0d a3 06 04 01 61 04 01 62 a2 03 87 01 63"))
        XCTAssertEqual(
            try LDAPFilterParser.parse("(cn=ab*cd*ef)").encoded,
            hex("a4 12 04 02 63 6e 30 0c 80 02 61 62 81 02 63 64 82 02 65 66"))
        XCTAssertEqual(try LDAPFilterParser.parse("(n>=5)").encoded, hex("a5 06 04 01 6e 04 01 35"))
        XCTAssertEqual(try LDAPFilterParser.parse("(n<=5)").encoded, hex("a6 06 04 01 6e 04 01 35"))
        XCTAssertEqual(try LDAPFilterParser.parse("(n~=5)").encoded, hex("a8 06 04 01 6e 04 01 35"))
        XCTAssertEqual(try LDAPFilterParser.parse("(|(a=b))").encoded, hex("a1 08 a3 06 04 01 61 04 01 62"))
    }
}
