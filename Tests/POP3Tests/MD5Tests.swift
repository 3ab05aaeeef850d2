import XCTest

@testable import POP3

final class MD5Tests: XCTestCase {
    /// RFC 1321 appendix A.5.
    func testRFC1321Vectors() {
        let vectors: [(String, String)] = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a"
            ),
        ]
        for (input, expected) in vectors {
            XCTAssertEqual(MD5.hexDigest(of: Array(input.utf8)), expected, input)
        }
    }

    /// Padding edges: 55, 56, 63, 64 and 65 bytes cross the one-block boundary.
    func testBlockBoundaries() {
        let expected: [Int: String] = [
            55: "ef1772b6dff9a122358552954ad0df65",
            56: "3b0c8ac703f828b04c6c197006d17218",
            63: "b06521f39153d618550606be297466d5",
            64: "014842d480b571495a4a0363793f7367",
            65: "c743a45e0d2e6a95cb859adae0248435",
        ]
        for (length, digest) in expected {
            XCTAssertEqual(MD5.hexDigest(of: [UInt8](repeating: UInt8(ascii: "a"), count: length)), digest, "\(length)")
        }
    }

    /// RFC 1939 section 7's example.
    func testAPOPDigestOfRFC1939Example() throws {
        let greeting = try POP3Response(line: [UInt8]("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>"))
        let timestamp = try XCTUnwrap(APOPTimestamp(greeting: greeting))
        XCTAssertEqual(timestamp.description, "<1896.697170952@dbc.mtview.ca.us>")
        XCTAssertEqual(timestamp.digest(secret: "tanstaaf"), "c4c9334bac560ecc979e58001b3e22fb")
        let command = try POP3Command.apop(name: "mrose", timestamp: timestamp, secret: "tanstaaf")
        XCTAssertEqual(command.line, "APOP mrose c4c9334bac560ecc979e58001b3e22fb")
        XCTAssertEqual(command.display, "APOP mrose <redacted>")
    }
}
