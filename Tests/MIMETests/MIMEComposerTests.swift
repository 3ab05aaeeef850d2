import XCTest

@testable import MIME

/// The composed message, byte for byte, with boundaries from a seeded generator.
final class MIMEComposerTests: XCTestCase {
    /// Repeats a fixed sequence, so the first boundary of one run is known to the next.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
    }

    private func compose(
        _ arguments: [String], fields: [String] = [], files: [String: String] = [:]
    ) throws
        -> (String, [MIMEBoundary])
    {
        let root = try FormPartList.entity(arguments.map { try FormPartArgument(parsing: $0) })
        var composer = MIMEComposer(generator: Seeded(state: 1)) { path, boundary in
            var scanner = BoundaryScanner(boundary)
            scanner.scan(Array(files[path, default: ""].utf8))
            return scanner.found
        }
        let segments = try composer.compose(root, fields: try fields.map { try MIMEHeaderField(parsing: $0) })
        var text = ""
        for segment in segments {
            switch segment {
            case .bytes(let bytes): text += String(decoding: bytes, as: UTF8.self)
            case .file(let path, let encoding): text += "<\(path) as \(encoding.rawValue)>"
            }
        }
        var generator = Seeded(state: 1)
        return (text, (0..<4).map { _ in MIMEBoundary(using: &generator) })
    }

    func testAlternativeAndAttachment() throws {
        let (text, b) = try compose(
            [
                "=(;type=multipart/alternative", "=text body", "= <p>html</p>;type=text/html", "=)",
                "=@a/r\u{e9}port.pdf",
            ],
            fields: ["From: alice@example.com", "Subject: Gr\u{fc}\u{df}e"])
        let expected = """
            From: alice@example.com\r
            Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="\(b[0].value)"\r
            \r
            --\(b[0].value)\r
            Content-Type: multipart/alternative; boundary="\(b[1].value)"\r
            \r
            --\(b[1].value)\r
            Content-Type: text/plain\r
            Content-Transfer-Encoding: 7bit\r
            \r
            text body\r
            --\(b[1].value)\r
            Content-Type: text/html\r
            Content-Transfer-Encoding: 7bit\r
            \r
             <p>html</p>\r
            --\(b[1].value)--\r
            --\(b[0].value)\r
            Content-Type: application/pdf\r
            Content-Disposition: attachment; filename*=utf-8''r%C3%A9port.pdf\r
            Content-Transfer-Encoding: base64\r
            \r
            <a/r\u{e9}port.pdf as base64>\r
            --\(b[0].value)--\r

            """
        XCTAssertEqual(text, expected)
    }

    func testABoundaryFoundInContentSentAsItIsIsNotUsed() throws {
        var generator = Seeded(state: 1)
        let first = MIMEBoundary(using: &generator)
        let (text, b) = try compose(
            ["=--\(first.value);encoder=8bit", "=@data.bin;encoder=binary"],
            files: ["data.bin": "x\r\n--\(b1(first))\r\n"])
        XCTAssertFalse(text.contains("boundary=\"\(b[0].value)\""), text)
        XCTAssertFalse(text.contains("boundary=\"\(b[1].value)\""), text)
        XCTAssertTrue(text.contains("boundary=\"\(b[2].value)\""), text)
    }

    /// The second candidate, planted in the file so that it is refused too.
    private func b1(_ first: MIMEBoundary) -> String {
        var generator = Seeded(state: 1)
        _ = MIMEBoundary(using: &generator)
        return MIMEBoundary(using: &generator).value
    }

    func testQuotedPrintableTextWithCustomHeader() throws {
        let (text, b) = try compose(["=a = b;headers=X-Note: hi;encoder=quoted-printable"])
        XCTAssertTrue(
            text.hasSuffix(
                "--\(b[0].value)\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                    + "X-Note: hi\r\n\r\na =3D b\r\n--\(b[0].value)--\r\n"), text)
    }
}
