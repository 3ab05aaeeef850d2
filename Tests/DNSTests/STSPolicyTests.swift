import XCTest

@testable import DNS

/// RFC 8461 3.2 policy files and 4.1 MX pattern matching.
final class STSPolicyTests: XCTestCase {
    func parse(_ text: String) throws -> STSPolicy { try STSPolicy.parse(Array(text.utf8)) }

    func testPolicyWithCRLFOrLF() throws {
        let expected = STSPolicy(mode: .enforce, maxAge: 604800, mx: ["mx.mailtls.test", "*.backup.example"])
        let lf = "version: STSv1\nmode: enforce\nmx: mx.mailtls.test\nmx: *.backup.example\nmax_age: 604800\n"
        XCTAssertEqual(try parse(lf), expected)
        XCTAssertEqual(try parse(lf.replacingOccurrences(of: "\n", with: "\r\n")), expected)
        XCTAssertEqual(try parse(String(lf.dropLast())), expected)
        XCTAssertEqual(
            try parse(
                "version:STSv1\nmode:\tenforce  \nmx: MX.MailTLS.test\nmax_age:604800"
                    + "\nmx: *.backup.example"
            ).mx, expected.mx)
    }

    func testUnknownAndRepeatedKeys() throws {
        let policy = try parse(
            "version: STSv1\nmode: testing\nmode: enforce\nmax_age: 86400\nmx: a.example\nx-note: hi there\n")
        XCTAssertEqual(policy.mode, .testing)
        XCTAssertEqual(policy.repeatedKeys, ["mode"])
        XCTAssertEqual(policy.extensions, [TXTField(name: "x-note", value: "hi there")])
        XCTAssertEqual(try parse("version: STSv1\nmode: none\nmax_age: 0\n").mx, [])
    }

    func testRefusals() {
        let cases = [
            "mode: enforce\nmax_age: 1\nmx: a.b": "no 'version' line",
            "version: STSv2\nmode: enforce\nmax_age: 1\nmx: a.b": "version 'STSv2', not STSv1",
            "version: STSv1\nmax_age: 1\nmx: a.b": "no 'mode' line",
            "version: STSv1\nmode: Enforce\nmax_age: 1\nmx: a.b": "mode 'Enforce' (enforce, testing or none)",
            "version: STSv1\nmode: enforce\nmx: a.b": "no 'max_age' line",
            "version: STSv1\nmode: enforce\nmax_age: 31557601\nmx: a.b":
                "max_age '31557601' is not a number of seconds up to 31557600",
            "version: STSv1\nmode: enforce\nmax_age: -1\nmx: a.b":
                "max_age '-1' is not a number of seconds up to 31557600",
            "version: STSv1\nmode: enforce\nmax_age: 1": "no 'mx' line (mode enforce)",
            "version: STSv1\nmode: enforce\nmax_age: 1\nmx: a..b": "mx 'a..b' is not a host name or '*.' and a domain",
            "version: STSv1\nmode: enforce\nmax_age: 1\nmx: *.-a.b":
                "mx '*.-a.b' is not a host name or '*.' and a domain",
            "version: STSv1\nmode: enforce\nmax_age: 1\nmx: a.*.b":
                "mx 'a.*.b' is not a host name or '*.' and a domain",
            "version: STSv1\n\nmode: enforce": "line 2 has no ':'",
            "version: STSv1\nmode:\nmax_age: 1": "line 2: empty value",
            "version: STSv1\n mode: enforce": "line 2: bad key",
            "version: STSv1\nmode: en\u{1}force": "line 2: control character in the value",
        ]
        for (text, reason) in cases {
            XCTAssertThrowsError(try parse(text), text) { error in
                XCTAssertEqual((error as? DNSRecordError)?.reason, reason, text)
            }
        }
        XCTAssertThrowsError(try STSPolicy.parse(Array("version: STSv1\nx: \u{FF}".utf8) + [0xFF]))
        let big = "version: STSv1\nmode: none\nmax_age: 1\n" + String(repeating: "x: y\n", count: 13200)
        XCTAssertThrowsError(try parse(big)) { error in
            XCTAssertEqual((error as? DNSRecordError)?.reason, "over 65536 bytes")
        }
    }

    func testMXPatterns() {
        let policy = STSPolicy(mode: .enforce, maxAge: 1, mx: ["mx.mailtls.test", "*.example.net"])
        XCTAssertTrue(policy.allows(host: "mx.mailtls.test"))
        XCTAssertTrue(policy.allows(host: "MX.MailTLS.Test."))
        XCTAssertTrue(policy.allows(host: "mail.example.net"))
        XCTAssertFalse(policy.allows(host: "a.mail.example.net"))
        XCTAssertFalse(policy.allows(host: "example.net"))
        XCTAssertFalse(policy.allows(host: ".example.net"))
        XCTAssertFalse(policy.allows(host: "mx2.mailtls.test"))
    }
}
