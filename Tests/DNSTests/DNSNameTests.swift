import XCTest

@testable import DNS

final class DNSNameTests: XCTestCase {
    func testQuestionIsMadeAbsolute() throws {
        XCTAssertEqual(try DNSName.question("mailtls.test"), "mailtls.test.")
        XCTAssertEqual(try DNSName.question("_25._tcp.mx.mailtls.test."), "_25._tcp.mx.mailtls.test.")
        XCTAssertEqual(try DNSName.question("."), ".")
    }

    func testQuestionRefusesMalformedNames() {
        let label64 = String(repeating: "a", count: 64)
        let long = Array(repeating: String(repeating: "b", count: 63), count: 4).joined(separator: ".")
        for bad in ["", "a..b", ".a", "a b", "a\u{7}b", "a\\046b", "\(label64).test", long] {
            XCTAssertThrowsError(try DNSName.question(bad), bad) { error in
                XCTAssertEqual((error as? DNSError)?.kind, .invalidName, bad)
                XCTAssertEqual((error as? DNSError)?.curlCode, .urlMalformat)
            }
        }
        // 253 characters (255 bytes in wire form) is the longest name.
        let longest =
            Array(repeating: String(repeating: "c", count: 63), count: 3).joined(separator: ".") + "."
            + String(repeating: "d", count: 61)
        XCTAssertEqual(longest.count, 253)
        XCTAssertNoThrow(try DNSName.question(longest))
        XCTAssertThrowsError(try DNSName.question(longest + "d"))
    }

    func testReadsWireNamesAndEscapesOddBytes() throws {
        let (name, length) = try DNSName.read(wire("mx", "mailtls", "test")[...], record: "MX")
        XCTAssertEqual(name, "mx.mailtls.test.")
        XCTAssertEqual(length, 17)
        XCTAssertEqual(try DNSName.read([0][...], record: "MX").name, ".")
        let odd: [UInt8] = [4, 0x61, 0x2E, 0x20, 0x0A, 0]
        XCTAssertEqual(try DNSName.read(odd[...], record: "MX").name, "a\\046\\032\\010.")
    }

    func testReadRefusesCompressionAndTruncation() {
        for bad: [UInt8] in [[0xC0, 0x0C], [3, 0x61, 0x62], [], [2, 0x61, 0x62], [0x40, 0]] {
            XCTAssertThrowsError(try DNSName.read(bad[...], record: "MX"), "\(bad)")
        }
        // 128 labels of one byte: over 255 bytes.
        let deep: [UInt8] = Array(repeating: [UInt8(1), 0x61], count: 128).flatMap { $0 } + [0]
        XCTAssertThrowsError(try DNSName.read(deep[...], record: "MX"))
    }

    func testEqualIgnoresASCIICaseAndFinalDot() {
        XCTAssertTrue(DNSName.equal("MX.MailTLS.test.", "mx.mailtls.test"))
        XCTAssertFalse(DNSName.equal("mx.mailtls.test", "mx2.mailtls.test"))
        XCTAssertTrue(DNSName.equal(".", "."))
    }
}
