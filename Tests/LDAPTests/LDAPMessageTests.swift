import XCTest

@testable import LDAP

final class LDAPMessageTests: XCTestCase {
    static let entry = hex("30 19 02 01 02 64 14 04 05 75 69 64 3d 61 30 0b 30 09 04 02 63 6e 31 03 04 01 41")

    func testRequestsEncodeAsRFC4511Says() {
        XCTAssertEqual(
            LDAPRequest.simpleBind(name: "", password: []).message(id: 1),
            hex("30 0c 02 01 01 60 07 02 01 03 04 00 80 00"))
        XCTAssertEqual(
            LDAPRequest.simpleBind(name: "cn=a", password: Array("pw".utf8)).message(id: 1),
            hex("30 12 02 01 01 60 0d 02 01 03 04 04 63 6e 3d 61 80 02 70 77"))
        XCTAssertEqual(
            LDAPRequest.saslBind(name: "", mechanism: "EXTERNAL", credentials: nil).message(id: 2),
            hex("30 16 02 01 02 60 11 02 01 03 04 00 a3 0a 04 08") + Array("EXTERNAL".utf8))
        XCTAssertEqual(LDAPRequest.unbind.message(id: 3), hex("30 05 02 01 03 42 00"))
        XCTAssertEqual(
            LDAPRequest.extended(name: LDAPRequest.startTLSName, value: nil).message(id: 1),
            hex("30 1d 02 01 01 77 18 80 16") + Array("1.3.6.1.4.1.1466.20037".utf8))
    }

    func testSearchRequestWithPagedControl() {
        let request = SearchRequest(
            baseObject: "dc=x", scope: .wholeSubtree, filter: .present(attribute: "cn"), attributes: ["cn"])
        let paged = PagedResultsControl(size: 100).control
        let bytes = LDAPRequest.search(request).message(id: 4, controls: [paged])
        let search = hex(
            "63 1f 04 04 64 63 3d 78 0a 01 02 0a 01 00 02 01 00 02 01 00 01 01 00 87 02 63 6e 30 04 04 02 63 6e")
        let controlValue = hex("30 05 02 01 64 04 00")
        let controlBody = [0x04, 0x16] + Array(PagedResultsControl.oid.utf8) + [0x04, 0x07] + controlValue
        let control = [0x30, UInt8(controlBody.count)] + controlBody
        let controls = [0xa0, UInt8(control.count)] + control
        XCTAssertEqual(bytes, [0x30, UInt8(3 + search.count + controls.count)] + hex("02 01 04") + search + controls)
    }

    func testResponsesDecode() throws {
        XCTAssertEqual(
            try LDAPMessage.decode(hex("30 0c 02 01 01 61 07 0a 01 00 04 00 04 00")),
            LDAPMessage(messageID: 1, response: .bind(LDAPResult(resultCode: .success), serverSASLCredentials: nil)))
        XCTAssertEqual(
            try LDAPMessage.decode(hex("30 11 02 01 01 61 0c 0a 01 0e 04 00 04 00 87 03 61 62 63")),
            LDAPMessage(
                messageID: 1,
                response: .bind(LDAPResult(resultCode: .saslBindInProgress), serverSASLCredentials: Array("abc".utf8))))
        XCTAssertEqual(
            try LDAPMessage.decode(Self.entry),
            LDAPMessage(
                messageID: 2,
                response: .searchResultEntry(
                    SearchResultEntry(
                        objectName: Array("uid=a".utf8), attributes: [.init(type: Array("cn".utf8), values: [[0x41]])]))
            ))
        XCTAssertEqual(
            try LDAPMessage.decode(hex("30 0c 02 01 02 73 07 04 05") + Array("ldap:".utf8)),
            LDAPMessage(messageID: 2, response: .searchResultReference(["ldap:"])))
        let referral = hex("30 15 02 01 02 65 10 0a 01 0a 04 00 04 00 a3 07 04 05") + Array("ldap:".utf8)
        XCTAssertEqual(
            try LDAPMessage.decode(referral),
            LDAPMessage(
                messageID: 2, response: .searchResultDone(LDAPResult(resultCode: .referral, referral: ["ldap:"]))))
        XCTAssertEqual(
            try LDAPMessage.decode(hex("30 0e 02 01 01 78 09 0a 01 02 04 00 04 02 6e 6f")),
            LDAPMessage(
                messageID: 1,
                response: .extended(
                    LDAPResult(resultCode: .protocolError, diagnosticMessage: "no"), responseName: nil,
                    responseValue: nil)))
    }

    func testPagedCookieIsReadFromTheDoneControls() throws {
        let value = hex("30 07 02 01 00 04 02 ab cd")
        let control =
            [0x30, UInt8(4 + 22 + value.count)] + [0x04, 0x16] + Array(PagedResultsControl.oid.utf8) + [
                0x04, UInt8(value.count),
            ] + value
        let done = hex("65 07 0a 01 00 04 00 04 00")
        let body = hex("02 01 05") + done + [0xa0, UInt8(control.count)] + control
        let message = try LDAPMessage.decode([0x30, UInt8(body.count)] + body)
        XCTAssertEqual(
            try PagedResultsControl.find(in: message.controls), PagedResultsControl(size: 0, cookie: [0xab, 0xcd]))
    }

    /// An entry whose attribute has type `type` and the value "A", as message 2.
    private func entry(type: [UInt8]) -> [UInt8] {
        let attribute = BERWriter.constructed(
            BERTag.sequence,
            [BERWriter.octetString(type), BERWriter.constructed(BERTag.set, [BERWriter.octetString("A")])])
        let op = BERWriter.constructed(
            BERTag.application(4, constructed: true),
            [BERWriter.octetString("uid=a"), BERWriter.constructed(BERTag.sequence, [attribute])])
        return BERWriter.constructed(BERTag.sequence, [BERWriter.integer(2), op])
    }

    /// The type is printed as it is (`<TAB>type: value`): one with a line end, an escape
    /// sequence, a blank or a colon could forge lines of the output or drive the terminal.
    func testAnAttributeTypeOutsideTheAttributeDescriptionSyntaxIsMalformed() throws {
        for type in ["cn\nDN: uid=forged", "cn\u{1b}]0;title\u{7}", "c n", "cn:", "", "cn\u{85}", "cn\u{7f}"] {
            XCTAssertThrowsError(try LDAPMessage.decode(entry(type: Array(type.utf8))), type.debugDescription) {
                XCTAssertEqual(($0 as? BERError)?.kind, .malformed, type.debugDescription)
            }
        }
        XCTAssertThrowsError(try LDAPMessage.decode(entry(type: [0x63, 0xff])))
        for type in ["cn", "userCertificate;binary", "2.5.4.3", "cn;lang-de", "x_legacy"] {
            guard case .searchResultEntry(let decoded) = try LDAPMessage.decode(entry(type: Array(type.utf8))).response
            else { return XCTFail(type) }
            XCTAssertEqual(decoded.attributes.map { Array($0.type) }, [Array(type.utf8)])
        }
    }

    /// An entry's attributes are checked when it is decoded and walked in place afterwards:
    /// what the walk yields is what the server sent, in order, and a defect anywhere inside the
    /// list fails the decode rather than the printing.
    func testAttributeListIsCheckedOnceAndWalkedInOrder() throws {
        let attributes: [SearchResultEntry.Attribute] = [
            .init(type: Array("cn".utf8), values: [Array("A".utf8), Array("B b".utf8)]),
            .init(type: Array("jpegPhoto;binary".utf8), values: [[0x00, 0xff]]),
            .init(type: Array("empty".utf8), values: []),
        ]
        let op = BERWriter.constructed(
            BERTag.application(4, constructed: true),
            [
                BERWriter.octetString("uid=a"),
                BERWriter.constructed(BERTag.sequence, [Array(PartialAttributeList(attributes).encoded)]),
            ])
        let message = try LDAPMessage.decode(BERWriter.constructed(BERTag.sequence, [BERWriter.integer(2), op]))
        guard case .searchResultEntry(let entry) = message.response else { return XCTFail() }
        XCTAssertEqual(entry.attributes, attributes)
        var text: [UInt8] = []
        LDAPEntryText.render(entry, into: &text)
        XCTAssertEqual(
            String(decoding: text, as: UTF8.self), "DN: uid=a\n\tcn: A\n\tcn: B b\n\tjpegPhoto;binary:: AP8=\n\n")

        let defects: [(String, [UInt8])] = [
            ("value not an OCTET STRING", hex("30 09 04 02 63 6e 31 03 02 01 41")),
            ("element after the value set", hex("30 0b 04 02 63 6e 31 03 04 01 41 05 00")),
            ("attribute not a SEQUENCE", hex("31 09 04 02 63 6e 31 03 04 01 41")),
            ("values not a SET", hex("30 09 04 02 63 6e 30 03 04 01 41")),
        ]
        for (name, list) in defects {
            let op = BERWriter.constructed(
                BERTag.application(4, constructed: true),
                [BERWriter.octetString("uid=a"), BERWriter.constructed(BERTag.sequence, [list])])
            XCTAssertThrowsError(
                try LDAPMessage.decode(BERWriter.constructed(BERTag.sequence, [BERWriter.integer(2), op])), name
            ) { XCTAssertEqual(($0 as? BERError)?.kind, .malformed, name) }
        }
        XCTAssertThrowsError(try LDAPMessage.decode(Self.entry, limits: BERLimits(maxDepth: 4))) {
            XCTAssertEqual(($0 as? BERError)?.kind, .tooDeep)
        }
        XCTAssertNoThrow(try LDAPMessage.decode(Self.entry, limits: BERLimits(maxDepth: 5)))
    }

    func testMalformedMessages() {
        let table: [(String, [UInt8])] = [
            ("not a sequence", hex("31 03 02 01 01")),
            ("trailing bytes", hex("30 0c 02 01 01 61 07 0a 01 00 04 00 04 00 00")),
            ("unknown op", hex("30 05 02 01 01 42 00")),
            ("negative id", hex("30 0c 02 01 ff 61 07 0a 01 00 04 00 04 00")),
            ("bind without diagnostic", hex("30 0a 02 01 01 61 05 0a 01 00 04 00")),
            ("extra element in bind", hex("30 0e 02 01 01 61 09 0a 01 00 04 00 04 00 05 00")),
            ("empty reference", hex("30 05 02 01 02 73 00")),
            (
                "value outside its set",
                hex("30 17 02 01 02 64 12 04 05 75 69 64 3d 61 30 09 30 07 04 02 63 6e 31 03 04")
            ),
        ]
        for (name, bytes) in table {
            XCTAssertThrowsError(try LDAPMessage.decode(bytes), name) { error in
                XCTAssertEqual((error as? BERError)?.curlCode, .weirdServerReply, name)
            }
        }
    }

    /// An entry of tiny values costs a slice each in memory: their count is bounded (8), so a
    /// 16 MiB message cannot cost sixteen times its size.
    func testTooManyValuesInOneEntryIsRefused() throws {
        func entry(values count: Int) -> [UInt8] {
            let set = BERWriter.constructed(BERTag.set, Array(repeating: BERWriter.octetString(""), count: count))
            let attribute = BERWriter.constructed(BERTag.sequence, [BERWriter.octetString("member"), set])
            let body = BERWriter.constructed(
                BERTag.application(4, constructed: true),
                [BERWriter.octetString("cn=g"), BERWriter.constructed(BERTag.sequence, [attribute])])
            return BERWriter.constructed(BERTag.sequence, [BERWriter.integer(2), body])
        }
        XCTAssertNoThrow(try LDAPMessage.decode(entry(values: 1000)))
        XCTAssertThrowsError(try LDAPMessage.decode(entry(values: PartialAttributeList.maxValues + 1))) {
            XCTAssertEqual(($0 as? BERError)?.kind, .tooLarge, "\($0)")
        }
    }
}
