import XCTest

@testable import MIME

/// Quoted-printable, base64 and 7bit, as (input, output) tables, and each split at every byte.
final class TransferEncoderTests: XCTestCase {
    private func encode(_ text: String, _ encoding: ContentTransferEncoding) throws -> String {
        String(decoding: try MIMETransferEncoder.encode(Array(text.utf8), as: encoding), as: UTF8.self)
    }

    func testQuotedPrintableTable() throws {
        let table: [(String, String)] = [
            ("plain text", "plain text"),
            ("a=b", "a=3Db"),
            ("caf\u{e9}", "caf=C3=A9"),
            ("trailing space \nnext", "trailing space=20\r\nnext"),
            ("tab\t\r\nx", "tab=09\r\nx"),
            ("ends with space ", "ends with space=20"),
            ("inner  spaces stay", "inner  spaces stay"),
            ("bare\rcr", "bare=0Dcr"),
            ("crlf\r\nkept", "crlf\r\nkept"),
            ("=_mailtls_X", "=3D_mailtls_X"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(try encode(input, .quotedPrintable), expected, input)
        }
    }

    func testQuotedPrintableSoftBreaksKeepLinesAt76() throws {
        let long = String(repeating: "0123456789", count: 20)
        let output = try encode(long, .quotedPrintable)
        let lines = output.components(separatedBy: "\r\n")
        XCTAssertTrue(lines.allSatisfy { $0.utf8.count <= 76 }, output)
        XCTAssertEqual(lines.dropLast().allSatisfy { $0.hasSuffix("=") }, true)
        XCTAssertEqual(output.replacingOccurrences(of: "=\r\n", with: ""), long)
        // An escape is never split by a soft break.
        let escapes = try encode(String(repeating: "\u{e9}", count: 40), .quotedPrintable)
        for line in escapes.components(separatedBy: "\r\n") {
            XCTAssertTrue(line.utf8.count <= 76 && (line.hasSuffix("=") || line.hasSuffix("A9")), line)
        }
    }

    func testBase64LinesOf76() throws {
        let bytes = (0..<200).map { UInt8($0) }
        let output = String(decoding: try MIMETransferEncoder.encode(bytes, as: .base64), as: UTF8.self)
        let lines = output.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.map(\.count), [76, 76, 76, 40])
        XCTAssertEqual(lines.joined(), Base64Reference.encode(bytes))
        XCTAssertFalse(output.hasSuffix("\r\n"), "the delimiter brings the last line break")
        XCTAssertEqual(try encode(String(repeating: "a", count: 57), .base64).count, 76)
        XCTAssertEqual(try encode(String(repeating: "a", count: 58), .base64).components(separatedBy: "\r\n").count, 2)
    }

    func testEveryEncoderGivesTheSameResultSplitAtEveryByte() throws {
        let input = Array("Gr\u{fc}\u{df}e = hello \r\nline two\t\nthree\rfour \u{e9}t\u{e9}".utf8)
        for encoding in [ContentTransferEncoding.quotedPrintable, .base64, .eightBit] {
            let whole = try MIMETransferEncoder.encode(input, as: encoding)
            for split in 0...input.count {
                var encoder = MIMETransferEncoder(encoding)
                var output: [UInt8] = []
                try encoder.encode(input[..<split], into: &output)
                try encoder.encode(input[split...], into: &output)
                encoder.finish(into: &output)
                XCTAssertEqual(output, whole, "\(encoding) split at \(split)")
            }
        }
    }

    func testSevenBitRefusesEightBitBytesNULAndLongLines() throws {
        XCTAssertEqual(try encode("ascii\nonly", .sevenBit), "ascii\nonly")
        for bad in ["pi\u{e8}ce", "nul\u{0}byte", String(repeating: "x", count: 999)] {
            XCTAssertThrowsError(try encode(bad, .sevenBit)) { error in
                XCTAssertEqual((error as? MIMEError)?.kind, .notSevenBit)
                XCTAssertEqual((error as? MIMEError)?.curlCode.rawValue, 26)
            }
        }
        XCTAssertNoThrow(try encode(String(repeating: "x", count: 998) + "\r\n", .sevenBit))
    }

    func testEncoderNames() throws {
        XCTAssertEqual(try ContentTransferEncoding(name: "Base64"), .base64)
        XCTAssertEqual(try ContentTransferEncoding(name: "quoted-printable"), .quotedPrintable)
        XCTAssertThrowsError(try ContentTransferEncoding(name: "uuencode"))
    }
}

/// An independent base64 (the textbook loop) to compare against.
enum Base64Reference {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var bits = 0, count = 0, out = ""
        for byte in bytes {
            bits = bits << 8 | Int(byte)
            count += 8
            while count >= 6 {
                count -= 6
                out.append(alphabet[(bits >> count) & 63])
            }
        }
        if count > 0 { out.append(alphabet[(bits << (6 - count)) & 63]) }
        while out.count % 4 != 0 { out.append("=") }
        return out
    }
}
