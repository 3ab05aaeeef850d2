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
}
