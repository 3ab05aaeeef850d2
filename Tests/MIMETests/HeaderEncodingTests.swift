import XCTest

@testable import MIME

/// RFC 2047 encoded-words in header fields, RFC 2231 parameters, media types, boundaries.
final class HeaderEncodingTests: XCTestCase {
    private func line(_ field: String) throws -> String {
        String(decoding: try MIMEHeaderField(parsing: field).encoded, as: UTF8.self)
    }

    func testASCIIFieldsAreWrittenAsGiven() throws {
        XCTAssertEqual(try line("Subject: Weekly report"), "Subject: Weekly report\r\n")
        XCTAssertEqual(try line("X-Empty:"), "X-Empty:\r\n")
        XCTAssertEqual(try line("To:   bob@example.com"), "To: bob@example.com\r\n")
    }

    func testNonASCIIWordsBecomeEncodedWords() throws {
        XCTAssertEqual(
            try line("Subject: Gr\u{fc}\u{df}e aus K\u{f6}ln"),
            "Subject: =?UTF-8?B?R3LDvMOfZQ==?= aus =?UTF-8?B?S8O2bG4=?=\r\n")
        XCTAssertEqual(
            try line("From: J\u{f6}rg M\u{fc}ller <j@example.com>"),
            "From: =?UTF-8?B?SsO2cmcgTcO8bGxlcg==?= <j@example.com>\r\n")
        // Text that looks like an encoded word is encoded, so it is not decoded by readers.
        XCTAssertTrue(try line("Subject: =?x?").contains("=?UTF-8?B?PT94Pw==?="))
    }

    func testLongEncodedTextIsFoldedIntoShortWordsBetweenCharacters() throws {
        let text = String(repeating: "\u{1F600}\u{e9}", count: 30)
        let encoded = try line("Subject: " + text)
        let lines = encoded.components(separatedBy: "\r\n").dropLast()
        XCTAssertGreaterThan(lines.count, 1)
        for (index, folded) in lines.enumerated() {
            XCTAssertLessThanOrEqual(folded.utf8.count, 78, folded)
            if index > 0 { XCTAssertTrue(folded.hasPrefix(" "), folded) }
        }
        var decoded: [UInt8] = []
        for word in encoded.split(whereSeparator: { $0.isWhitespace })
        where word.hasPrefix("=?UTF-8?B?") {
            XCTAssertLessThanOrEqual(word.count, 75)
            let payload = word.dropFirst(10).dropLast(2)
            let bytes = Array(Data(base64Encoded: String(payload))!)
            XCTAssertNotNil(
                String(validatingUTF8: bytes.map { CChar(bitPattern: $0) } + [0]), "whole characters per word")
            decoded += bytes
        }
        XCTAssertEqual(String(decoding: decoded, as: UTF8.self), text)
    }

    func testBadFieldsAreRefused() {
        for bad in ["no colon", ": no name", "Bad Name: x", "X: a\r\nBcc: evil@example.com", "X: a\nb"] {
            XCTAssertThrowsError(try MIMEHeaderField(parsing: bad), bad) { error in
                XCTAssertEqual((error as? MIMEError)?.curlCode.rawValue, 2)
            }
        }
    }

    func testParameters() {
        XCTAssertEqual(MIMEParameter.format("filename", "report.pdf"), "; filename=report.pdf")
        XCTAssertEqual(MIMEParameter.format("filename", "my report.pdf"), "; filename=\"my report.pdf\"")
        XCTAssertEqual(MIMEParameter.format("filename", "a\"b\\c;d"), "; filename=\"a\\\"b\\\\c;d\"")
        XCTAssertEqual(
            MIMEParameter.format("filename", "r\u{e9}sum\u{e9} 1.pdf"), "; filename*=utf-8''r%C3%A9sum%C3%A9%201.pdf")
        XCTAssertEqual(MIMEParameter.format("filename", ""), "; filename=\"\"")
    }

    func testMediaTypes() {
        XCTAssertEqual(MediaType.forFileName("a.PDF"), "application/pdf")
        XCTAssertEqual(MediaType.forFileName("build.log"), "text/plain")
        XCTAssertEqual(MediaType.forFileName("photo.jpeg"), "image/jpeg")
        XCTAssertEqual(MediaType.forFileName("Makefile"), "application/octet-stream")
        XCTAssertEqual(MediaType.forFileName("mail.eml"), "application/octet-stream")
        XCTAssertTrue(MediaType.isAcceptable("text/html; charset=utf-8"))
        XCTAssertFalse(MediaType.isAcceptable("text"))
        XCTAssertFalse(MediaType.isAcceptable("text/html\r\nBcc: x"))
    }

    func testBoundaryScannerFindsABoundarySplitAcrossPieces() {
        let boundary = MIMEBoundary(value: "=_mailtls_ABC")
        let content = Array("line\r\n--=_mailtls_ABC\r\nmore".utf8)
        for split in 0...content.count {
            var scanner = BoundaryScanner(boundary)
            scanner.scan(content[..<split])
            scanner.scan(content[split...])
            XCTAssertTrue(scanner.found, "split at \(split)")
        }
        var clean = BoundaryScanner(boundary)
        clean.scan(Array("--=_mailtls_AB".utf8))
        clean.scan(Array("D".utf8))
        XCTAssertFalse(clean.found)
    }

    func testBoundariesAreRandomAndQuotedInTheContentType() {
        var generator = SystemRandomNumberGenerator()
        let a = MIMEBoundary(using: &generator), b = MIMEBoundary(using: &generator)
        XCTAssertNotEqual(a, b)
        XCTAssertTrue(a.value.hasPrefix("=_mailtls_") && a.value.count == 34)
        XCTAssertEqual(a.contentType("alternative"), "multipart/alternative; boundary=\"\(a.value)\"")
    }
}
