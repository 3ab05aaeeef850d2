import CurlURL
import XCTest

@testable import LDAP

final class LDAPURLTests: XCTestCase {
    private func parse(_ text: String) throws -> LDAPURL {
        let url = try CurlURL(parsing: text, supportedSchemes: ["ldap", "ldaps"])
        return try LDAPURL(path: url.path, query: url.query)
    }

    func testDefaultsAreRFC4516s() throws {
        let url = try parse("ldap://h/dc=mailtls,dc=test")
        XCTAssertEqual(url.baseDN, "dc=mailtls,dc=test")
        XCTAssertEqual(url.attributes, [])
        XCTAssertEqual(url.scope, .baseObject)
        XCTAssertEqual(url.filter, .present(attribute: "objectClass"))
        XCTAssertEqual(try parse("ldap://h").baseDN, "")
        XCTAssertEqual(try parse("ldap://h/").baseDN, "")
        XCTAssertEqual(try parse("ldap://h/dc=x???").scope, .baseObject)
    }

    func testPartsArePercentDecodedAfterTheSplit() throws {
        let url = try parse("ldaps://h:1636/ou=a%20b,dc=x?cn,mail,jpegPhoto;binary?SUB?(cn=a%3Fb)")
        XCTAssertEqual(url.baseDN, "ou=a b,dc=x")
        XCTAssertEqual(url.attributes, ["cn", "mail", "jpegPhoto;binary"])
        XCTAssertEqual(url.scope, .wholeSubtree)
        XCTAssertEqual(url.filter, .equalityMatch(attribute: "cn", value: Array("a?b".utf8)))
        XCTAssertEqual(try parse("ldap://h/dc=x??one").scope, .singleLevel)
        XCTAssertEqual(try parse("ldap://h/dc=x??base?uid=a").filter, .equalityMatch(attribute: "uid", value: [0x61]))
        XCTAssertEqual(try parse("ldap://h/dc=x??sub?(uid=a)?x-ext=1").scope, .wholeSubtree)
    }

    func testMalformedURLsAreExit3() {
        let bad = [
            "ldap://h/dc=x??subtree", "ldap://h/dc=x??sub?(uid=a", "ldap://h/dc=%zz", "ldap://h/dc=x?a,,b",
            "ldap://h/dc=x??sub?(uid=a)?!critical", "ldap://h/dc=x??sub?(a=b)?e?more", "ldap://h/dc=%0a",
        ]
        for text in bad {
            XCTAssertThrowsError(try parse(text), text) { error in
                XCTAssertEqual((error as? LDAPSyntaxError)?.curlCode, .urlMalformat, text)
            }
        }
    }
}
