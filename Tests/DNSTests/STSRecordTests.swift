import XCTest

@testable import DNS

/// RFC 8461 3.1 (`_mta-sts` TXT) and RFC 8460 3 (`_smtp._tls` TXT).
final class STSRecordTests: XCTestCase {
    func testSTSRecord() throws {
        XCTAssertEqual(try STSRecord.parse("v=STSv1; id=20261207T000000;"), STSRecord(id: "20261207T000000"))
        XCTAssertEqual(try STSRecord.parse("v=STSv1;id=abc"), STSRecord(id: "abc"))
        XCTAssertEqual(
            try STSRecord.parse("v=STSv1 ;\tid=1 ; ext.a-b=x:y"),
            STSRecord(id: "1", extensions: [TXTField(name: "ext.a-b", value: "x:y")]))
    }

    func testSTSRecordRefusals() {
        let cases = [
            "v=STSv2; id=1": "does not start with 'v=STSv1' and a ';'",
            " v=STSv1; id=1": "does not start with 'v=STSv1' and a ';'",
            "v=STSv1;": "no field after 'v=STSv1'",
            "v=STSv1; x=1": "no 'id' field",
            "v=STSv1; id=1; id=2": "2 'id' fields",
            "v=STSv1; id=a-b": "'id' must be 1 to 32 letters or digits",
            "v=STSv1; id=\(String(repeating: "1", count: 33))": "'id' must be 1 to 32 letters or digits",
            "v=STSv1; id": "field 'id' has no '='",
            "v=STSv1; ;id=1": "field '' has no '='",
            "v=STSv1; _x=1; id=1": "bad field name '_x'",
            "v=STSv1; id=": "bad value of field 'id'",
        ]
        for (text, reason) in cases {
            XCTAssertThrowsError(try STSRecord.parse(text), text) { error in
                XCTAssertEqual((error as? DNSRecordError)?.reason, reason, text)
            }
        }
    }

    func testExactlyOneSTSRecordCounts() throws {
        XCTAssertEqual(try STSRecord.select(["other", "v=STSv1; id=7", "v=spf1 -all"]).id, "7")
        XCTAssertThrowsError(try STSRecord.select(["v=STSv1; id=1", "v=STSv1; id=2"])) { error in
            XCTAssertEqual((error as? DNSRecordError)?.reason, "2 records start with 'v=STSv1' (exactly one needed)")
        }
        XCTAssertThrowsError(try STSRecord.select(["v=STSv10; id=1"]))
        XCTAssertThrowsError(try STSRecord.select([]))
    }

    func testTLSRPTRecord() throws {
        let record = try TLSRPTRecord.parse("v=TLSRPTv1; rua=mailto:tlsrpt@mailtls.test")
        XCTAssertEqual(record.reportURIs, ["mailto:tlsrpt@mailtls.test"])
        let two = try TLSRPTRecord.parse("v=TLSRPTv1;rua=mailto:a@example.com, https://r.example/v1?x=1;x-ext=1;")
        XCTAssertEqual(two.reportURIs, ["mailto:a@example.com", "https://r.example/v1?x=1"])
        XCTAssertEqual(two.extensions, [TXTField(name: "x-ext", value: "1")])
        XCTAssertEqual(
            try TLSRPTRecord.select(["v=TLSRPTv1; rua=mailto:x@y", "v=STSv1; id=1"]).reportURIs, ["mailto:x@y"])
    }

    func testTLSRPTRefusals() {
        let cases = [
            "v=TLSRPTv1; ruf=mailto:a@b": "no 'rua' field",
            "v=TLSRPTv1; rua=ftp://x/": "'ftp://x/': only mailto: and https: report URIs are defined",
            "v=TLSRPTv1; rua=mailto:a@b,": "'' is not a URI",
            "v=TLSRPTv1; rua=nocolon": "'nocolon' is not a URI",
            "v=TLSRPTv1; rua=mailto:a@b; rua=mailto:c@d": "2 'rua' fields",
            "v=TLSRPTv2; rua=mailto:a@b": "does not start with 'v=TLSRPTv1' and a ';'",
        ]
        for (text, reason) in cases {
            XCTAssertThrowsError(try TLSRPTRecord.parse(text), text) { error in
                XCTAssertEqual((error as? DNSRecordError)?.reason, reason, text)
            }
        }
        XCTAssertThrowsError(try TLSRPTRecord.select(["v=TLSRPTv1; rua=mailto:a@b", "v=TLSRPTv1; rua=mailto:c@d"]))
    }
}
