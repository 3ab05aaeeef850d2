import XCTest

@testable import MailStore

final class LineEndingConverterTests: XCTestCase {
    static let table: [(String, String)] = [
        ("", ""),
        ("a", "a"),
        ("a\r\n", "a\n"),
        ("a\r\nb\r\n", "a\nb\n"),
        ("\r\n\r\n", "\n\n"),
        ("a\n", "a\n"),
        ("a\r", "a\r"),
        ("\r", "\r"),
        ("a\rb", "a\rb"),
        ("\r\r\n", "\r\n"),
        ("\r\r\r\n\n", "\r\r\n\n"),
        ("\n\r", "\n\r"),
        ("a\r\n\rb\r", "a\n\rb\r"),
        ("x\0\r\n\u{7F}", "x\0\n\u{7F}"),
    ]

    private func convert(_ pieces: [[UInt8]]) -> [UInt8] {
        var converter = LineEndingConverter()
        var output: [UInt8] = []
        for piece in pieces { piece.withUnsafeBytes { converter.convert($0, into: &output) } }
        converter.finish(into: &output)
        return output
    }

    func testTableInOnePiece() {
        for (input, expected) in Self.table {
            XCTAssertEqual(
                String(decoding: convert([Array(input.utf8)]), as: UTF8.self), expected,
                "input \(input.debugDescription)")
        }
    }

    /// Every split into two and into three pieces gives the same bytes as one piece.
    func testEverySplitPosition() {
        for (input, expected) in Self.table {
            let bytes = Array(input.utf8)
            for i in 0...bytes.count {
                XCTAssertEqual(
                    convert([Array(bytes[..<i]), Array(bytes[i...])]), Array(expected.utf8),
                    "\(input.debugDescription) split at \(i)")
                for j in i...bytes.count {
                    let pieces = [Array(bytes[..<i]), Array(bytes[i..<j]), Array(bytes[j...])]
                    XCTAssertEqual(
                        convert(pieces), Array(expected.utf8), "\(input.debugDescription) split at \(i), \(j)")
                }
            }
        }
    }

    func testByteByByte() {
        let input = Array("Subject: x\r\n\r\nline\rwith CR\r\nend\r".utf8)
        XCTAssertEqual(
            String(decoding: convert(input.map { [$0] }), as: UTF8.self), "Subject: x\n\nline\rwith CR\nend\r")
    }

    /// Random bytes rich in CR and LF, cut at random places, into an output that already holds
    /// bytes: the same result as converting the whole in one go by the definition.
    func testRandomPiecesMatchTheDefinition() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let alphabet: [UInt8] = [0x0D, 0x0A, 0x61, 0x0D]
            let input = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            var expected: [UInt8] = [0x7A]
            var i = 0
            while i < input.count {
                if input[i] == 0x0D && i + 1 < input.count && input[i + 1] == 0x0A { i += 1 }
                expected.append(input[i])
                i += 1
            }
            var converter = LineEndingConverter()
            var output: [UInt8] = [0x7A]
            var rest = input[...]
            while !rest.isEmpty {
                let piece = rest.prefix(Int.random(in: 1...8, using: &generator))
                rest = rest.dropFirst(piece.count)
                Array(piece).withUnsafeBytes { converter.convert($0, into: &output) }
            }
            converter.finish(into: &output)
            XCTAssertEqual(output, expected, "input \(input)")
        }
    }

    /// The raw-destination form (what the Maildir writer uses) gives the same bytes as the
    /// array form, piece by piece, and writes no more than a piece plus a held-back CR.
    func testRawDestinationMatchesArrayForm() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let alphabet: [UInt8] = [0x0D, 0x0A, 0x61, 0x0D]
            let input = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            var arrayForm = LineEndingConverter()
            var rawForm = LineEndingConverter()
            var expected: [UInt8] = []
            var output: [UInt8] = []
            var rest = input[...]
            while !rest.isEmpty {
                let piece = Array(rest.prefix(Int.random(in: 1...8, using: &generator)))
                rest = rest.dropFirst(piece.count)
                piece.withUnsafeBytes { arrayForm.convert($0, into: &expected) }
                var room = [UInt8](repeating: 0xEE, count: piece.count + 2)
                let written = piece.withUnsafeBytes { input in
                    room.withUnsafeMutableBytes { rawForm.convert(input, to: $0.baseAddress!) }
                }
                XCTAssertLessThanOrEqual(written, piece.count + 1)
                XCTAssertEqual(room[piece.count + 1], 0xEE, "nothing written past the room promised")
                output += room[..<written]
            }
            arrayForm.finish(into: &expected)
            var last: [UInt8] = [0]
            let written = last.withUnsafeMutableBytes { rawForm.finish(to: $0.baseAddress!) }
            output += last[..<written]
            XCTAssertEqual(output, expected, "input \(input)")
        }
    }
}
