import XCTest

@testable import DNS

/// MX, A/AAAA, TXT and TLSA rdata as libunbound returns it (wire format, names uncompressed).
final class RecordParserTests: XCTestCase {
    func testMX() throws {
        let record = try MXRecord.parse([0, 10] + wire("mx", "mailtls", "test"))
        XCTAssertEqual(record, MXRecord(preference: 10, exchange: "mx.mailtls.test."))
        XCTAssertEqual(record.host, "mx.mailtls.test")
        XCTAssertFalse(record.isNull)
        XCTAssertThrowsError(try MXRecord.parse([0, 10]))
        XCTAssertThrowsError(try MXRecord.parse([0, 10] + wire("mx") + [0])) { error in
            XCTAssertEqual((error as? DNSRecordError)?.reason, "bytes after the exchange name")
        }
        let sorted = [MXRecord(preference: 20, exchange: "b."), MXRecord(preference: 5, exchange: "a.")].sorted()
        XCTAssertEqual(sorted.map(\.exchange), ["a.", "b."])
    }

    func testNullMX() throws {
        let null = try MXRecord.parse([0, 0, 0])
        XCTAssertTrue(null.isNull)
        XCTAssertEqual(null.host, "")
        XCTAssertTrue(MXRecord.isNullMX([null]))
        XCTAssertFalse(MXRecord.isNullMX([null, MXRecord(preference: 10, exchange: "mx.example.")]))
        XCTAssertFalse(MXRecord.isNullMX([MXRecord(preference: 10, exchange: ".")]))
    }

    func testAddresses() throws {
        XCTAssertEqual(try AddressRecord.parse([127, 0, 0, 1], type: .a), "127.0.0.1")
        XCTAssertEqual(try AddressRecord.parse([UInt8](repeating: 0, count: 15) + [1], type: .aaaa), "::1")
        XCTAssertEqual(try AddressRecord.parse(hex("20010db8000000000000000000000053"), type: .aaaa), "2001:db8::53")
        XCTAssertThrowsError(try AddressRecord.parse([127, 0, 0], type: .a))
        XCTAssertThrowsError(try AddressRecord.parse([127, 0, 0, 1], type: .aaaa))
        XCTAssertThrowsError(try AddressRecord.parse([127, 0, 0, 1], type: .mx))
    }

    func testTXTJoinsCharacterStrings() throws {
        let record = try TXTRecord.parse([12] + Array("v=TLSRPTv1; ".utf8) + [5] + Array("rua=x".utf8) + [0])
        XCTAssertEqual(record.strings.count, 3)
        XCTAssertEqual(record.text, "v=TLSRPTv1; rua=x")
        XCTAssertNil(try TXTRecord.parse([2, 0xC3, 0x28]).text)
        XCTAssertThrowsError(try TXTRecord.parse([]))
        XCTAssertThrowsError(try TXTRecord.parse([5, 0x61]))
    }

    func testTLSA() throws {
        let digest = [UInt8](repeating: 0xAB, count: 32)
        let record = try TLSARecord.parse([3, 1, 1] + digest)
        XCTAssertEqual(record, TLSARecord(usage: 3, selector: 1, matchingType: 1, data: digest))
        XCTAssertNil(record.unusableReason)
        XCTAssertEqual(record.description, "3 1 1 " + String(repeating: "ab", count: 32))
        XCTAssertThrowsError(try TLSARecord.parse([3, 1, 1]))
        let reasons = [
            TLSARecord(usage: 1, selector: 1, matchingType: 1, data: digest),
            TLSARecord(usage: 4, selector: 1, matchingType: 1, data: digest),
            TLSARecord(usage: 3, selector: 2, matchingType: 1, data: digest),
            TLSARecord(usage: 3, selector: 1, matchingType: 3, data: digest),
            TLSARecord(usage: 3, selector: 1, matchingType: 2, data: digest),
            TLSARecord(usage: 2, selector: 0, matchingType: 1, data: [1, 2]),
        ].map(\.unusableReason)
        XCTAssertEqual(
            reasons,
            [
                "usage 1 (PKIX) is not used for SMTP (RFC 7672 3.1.3)", "unknown usage 4", "unknown selector 2",
                "unknown matching type 3", "SHA-512 data of 32 bytes, not 64", "SHA-256 data of 2 bytes, not 32",
            ])
    }

    func testAnswerOutcomes() {
        func answer(_ rcode: Int, _ rdata: [[UInt8]]) -> DNSAnswer {
            DNSAnswer(name: "a.test.", type: .a, rcode: rcode, security: .secure, rdata: rdata)
        }
        XCTAssertEqual(answer(0, [[127, 0, 0, 1]]).outcome, .data)
        XCTAssertEqual(answer(0, []).outcome, .noData)
        XCTAssertEqual(answer(3, []).outcome, .nxDomain)
        XCTAssertEqual(answer(2, []).outcome, .failure(rcode: 2))
        XCTAssertEqual(answer(5, []).outcome, .failure(rcode: 5))
        XCTAssertEqual("\(DNSRecordType.tlsa) \(DNSRecordType(rawValue: 99))", "TLSA TYPE99")
    }

    func testForwarderForms() throws {
        XCTAssertEqual(try DNSForwarder.parse("127.0.0.1").unboundForm, "127.0.0.1@53")
        XCTAssertEqual(try DNSForwarder.parse("127.0.0.1:18054").unboundForm, "127.0.0.1@18054")
        XCTAssertEqual(try DNSForwarder.parse("::1").unboundForm, "::1@53")
        XCTAssertEqual(try DNSForwarder.parse("[::1]").unboundForm, "::1@53")
        XCTAssertEqual(try DNSForwarder.parse("[2001:db8::53]:5353").unboundForm, "2001:db8::53@5353")
        XCTAssertEqual(try DNSForwarder.parse("[::1]:5353").description, "[::1]:5353")
        for bad in [
            "", "resolver.example", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "[::1", "[::1]x", "[127.0.0.1]",
            "1.2.3.4:5:6", "127.0.0.1:+53",
        ] {
            XCTAssertThrowsError(try DNSForwarder.parse(bad), bad)
        }
        XCTAssertThrowsError(try DNSForwarder.parse("resolver.example")) { error in
            XCTAssertEqual(
                error as? DNSError,
                DNSError(.setup, "--resolver 'resolver.example': not an IP address (a resolver is given by address)"))
        }
    }
}
