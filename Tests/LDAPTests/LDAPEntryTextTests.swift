import XCTest

@testable import LDAP

final class LDAPEntryTextTests: XCTestCase {
    private func text(_ entry: SearchResultEntry) -> String {
        var out: [UInt8] = []
        LDAPEntryText.render(entry, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func attribute(_ type: String, _ values: [[UInt8]]) -> SearchResultEntry.Attribute {
        .init(type: Array(type.utf8), values: values)
    }

    func testCurlsLayout() {
        let entry = SearchResultEntry(
            objectName: Array("uid=a,dc=x".utf8),
            attributes: [
                attribute("cn", [Array("A".utf8), Array("B b".utf8)]),
                attribute("jpegPhoto", [[0, 1, 2]]),
                attribute("userCertificate;binary", [Array("text".utf8)]),
                attribute("description", [Array(" lead".utf8), Array("trail\t".utf8), []]),
                attribute("sn", [Array("M\u{fc}".utf8)]),
            ])
        XCTAssertEqual(
            text(entry),
            "DN: uid=a,dc=x\n\tcn: A\n\tcn: B b\n\tjpegPhoto:: AAEC\n\tuserCertificate;binary:: dGV4dA==\n"
                + "\tdescription:: IGxlYWQ=\n\tdescription:: dHJhaWwJ\n\tdescription: \n\tsn:: TcO8\n\n")
    }

    func testADNWithAControlCharacterCannotForgeLines() {
        let entry = SearchResultEntry(objectName: Array("a\nDN: b".utf8), attributes: [])
        XCTAssertEqual(text(entry), "DN:: YQpETjogYg==\n\n")
    }

    /// The DN is written as it is only when it is UTF-8 text without control characters: C1
    /// controls (U+0080-U+009F, e.g. CSI) and bytes that are not UTF-8 reach a terminal too.
    func testADNThatIsNotPlainUTF8TextIsBase64() {
        XCTAssertEqual(
            text(SearchResultEntry(objectName: [0x61, 0xC2, 0x9B, 0x32, 0x4A], attributes: [])), "DN:: YcKbMko=\n\n")
        XCTAssertEqual(
            text(SearchResultEntry(objectName: [0x61, 0x9B, 0x32, 0x4A], attributes: [])), "DN:: YZsySg==\n\n")
        XCTAssertEqual(text(SearchResultEntry(objectName: [0x61, 0x7F], attributes: [])), "DN:: YX8=\n\n")
        let utf8 = SearchResultEntry(objectName: Array("cn=M\u{fc}ller,dc=x".utf8), attributes: [])
        XCTAssertEqual(text(utf8), "DN: cn=M\u{fc}ller,dc=x\n\n", "UTF-8 DNs stay readable, as curl writes them")
    }
}
