import XCTest

@testable import SMTP

final class SMTPDataEncoderTests: XCTestCase {
    /// Encodes `pieces` in order and finishes: the whole DATA body with its terminator.
    private func encode(_ pieces: [[UInt8]]) -> (wire: [UInt8], encoder: SMTPDataEncoder) {
        var encoder = SMTPDataEncoder()
        var wire: [UInt8] = []
        for piece in pieces {
            let before = wire.count
            piece.withUnsafeBytes { encoder.encode($0, into: &wire) }
            XCTAssertLessThanOrEqual(wire.count - before, 2 * piece.count)
        }
        wire += encoder.finish()
        return (wire, encoder)
    }

    private func encode(_ text: String) -> String {
        String(decoding: encode([[UInt8](text)]).wire, as: UTF8.self)
    }

    static let table: [(String, String)] = [
        ("", ".\r\n"),
        ("a", "a\r\n.\r\n"),
        ("a\r\n", "a\r\n.\r\n"),
        ("a\n", "a\r\n.\r\n"),
        ("a\r", "a\r\n.\r\n"),
        ("a\nb", "a\r\nb\r\n.\r\n"),
        ("a\rb", "a\r\nb\r\n.\r\n"),
        ("a\r\nb\r\n", "a\r\nb\r\n.\r\n"),
        ("\n", "\r\n.\r\n"),
        ("\r", "\r\n.\r\n"),
        ("\r\n", "\r\n.\r\n"),
        ("\n\r", "\r\n\r\n.\r\n"),
        ("\r\r\n", "\r\n\r\n.\r\n"),
        ("\r\n\r\n", "\r\n\r\n.\r\n"),
        ("\n\n", "\r\n\r\n.\r\n"),
        (".", "..\r\n.\r\n"),
        (".\r\n", "..\r\n.\r\n"),
        ("..", "...\r\n.\r\n"),
        (".a", "..a\r\n.\r\n"),
        ("a.b\r\n", "a.b\r\n.\r\n"),
        ("a\r\n.\r\nMAIL FROM:<evil@x>\r\n", "a\r\n..\r\nMAIL FROM:<evil@x>\r\n.\r\n"),
        // SMTP smuggling: every line ending before the dot gets it stuffed.
        ("a\n.\nb", "a\r\n..\r\nb\r\n.\r\n"),
        ("a\r.\rb", "a\r\n..\r\nb\r\n.\r\n"),
        ("a\r\n.\nb", "a\r\n..\r\nb\r\n.\r\n"),
        ("a\n.\r\nb", "a\r\n..\r\nb\r\n.\r\n"),
        ("a\r.\r\nb", "a\r\n..\r\nb\r\n.\r\n"),
        ("a\r\n.\rb", "a\r\n..\r\nb\r\n.\r\n"),
        ("a\n\r.\r\n", "a\r\n\r\n..\r\n.\r\n"),
        ("\r\n.\r\n", "\r\n..\r\n.\r\n"),
        ("\n.\n", "\r\n..\r\n.\r\n"),
        ("\r.\r", "\r\n..\r\n.\r\n"),
        (" .\r\n", " .\r\n.\r\n"),
        ("Subject: x\r\n\r\nbody\r\n.\r\n", "Subject: x\r\n\r\nbody\r\n..\r\n.\r\n"),
        ("a\0b\u{0B}\u{0C}", "a\0b\u{0B}\u{0C}\r\n.\r\n"),
    ]

    func testTable() {
        for (input, wire) in Self.table {
            XCTAssertEqual(encode(input), wire, input.debugDescription)
        }
    }

    func testSplitAtEveryPosition() {
        for (input, wire) in Self.table {
            let bytes = [UInt8](input)
            let expected = [UInt8](wire)
            for cut in 0...bytes.count {
                XCTAssertEqual(
                    encode([Array(bytes[..<cut]), Array(bytes[cut...])]).wire, expected,
                    "\(input.debugDescription) cut at \(cut)")
            }
            for cut1 in 0...bytes.count {
                for cut2 in cut1...bytes.count {
                    let pieces = [Array(bytes[..<cut1]), Array(bytes[cut1..<cut2]), Array(bytes[cut2...])]
                    XCTAssertEqual(encode(pieces).wire, expected, "\(input.debugDescription) cut at \(cut1), \(cut2)")
                }
            }
            XCTAssertEqual(encode(bytes.map { [$0] }).wire, expected, "\(input.debugDescription) byte by byte")
        }
    }

    func testCountsAndEightBit() {
        let table: [(String, UInt64, UInt64, Bool)] = [
            ("", 0, 3, false),
            ("a\nb", 3, 9, false),
            (".\r\n", 3, 7, false),
            ("caf\u{E9}\n", 6, 10, true),
            ("\u{7F}", 1, 6, false),
        ]
        for (input, inputCount, outputCount, eightBit) in table {
            let (wire, encoder) = encode([[UInt8](input)])
            XCTAssertEqual(encoder.inputByteCount, inputCount, input.debugDescription)
            XCTAssertEqual(encoder.outputByteCount, outputCount, input.debugDescription)
            XCTAssertEqual(encoder.outputByteCount, UInt64(wire.count), input.debugDescription)
            XCTAssertEqual(encoder.contains8BitBytes, eightBit, input.debugDescription)
        }
        var encoder = SMTPDataEncoder()
        XCTAssertEqual(encoder.encode([0x80]), [0x80])
        XCTAssertTrue(encoder.contains8BitBytes)
    }

    func testCollectionConvenience() {
        var encoder = SMTPDataEncoder()
        XCTAssertEqual(encoder.encode([UInt8]("a\r")), [UInt8]("a\r\n"))
        XCTAssertEqual(encoder.encode([UInt8]("\n.b")[...]), [UInt8]("..b"))
        XCTAssertEqual(encoder.finish(), [UInt8]("\r\n.\r\n"))
    }

    /// What a strict server reads from the wire: CR LF lines up to the `.` line, unstuffed.
    /// Fails on a bare CR or LF (there must be none) and on bytes after the terminator.
    private func serverRead(_ wire: [UInt8]) -> [UInt8]? {
        var message: [UInt8] = []
        var i = 0
        while i < wire.count {
            var end = i
            while end < wire.count, wire[end] != 0x0D, wire[end] != 0x0A { end += 1 }
            guard end + 1 < wire.count, wire[end] == 0x0D, wire[end + 1] == 0x0A else { return nil }
            let line = wire[i..<end]
            i = end + 2
            if line == [0x2E] { return i == wire.count ? message : nil }
            message += line.first == 0x2E ? line.dropFirst() : line
            message += [0x0D, 0x0A]
        }
        return nil
    }

    /// Every line ending as CR LF, and one added after an unended last line.
    private func normalised(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var i = 0
        while i < input.count {
            switch input[i] {
            case 0x0D:
                output += [0x0D, 0x0A]
                if i + 1 < input.count, input[i + 1] == 0x0A { i += 1 }
            case 0x0A:
                output += [0x0D, 0x0A]
            default:
                output.append(input[i])
            }
            i += 1
        }
        if let last = input.last, last != 0x0D, last != 0x0A { output += [0x0D, 0x0A] }
        return output
    }

    func testRandomMessagesRoundTripThroughAServerReader() {
        var random = SeededGenerator(seed: 5321)
        let alphabet: [UInt8] = [0x2E, 0x2E, 0x0D, 0x0A, 0x0D, 0x0A, 0x61, 0x20, 0xC3, 0x00]
        for round in 0..<2000 {
            let length = Int.random(in: 0...40, using: &random)
            let input = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
            var pieces: [[UInt8]] = []
            var rest = input[...]
            while !rest.isEmpty {
                let size = Int.random(in: 0...min(rest.count, 7), using: &random)
                pieces.append(Array(rest.prefix(size)))
                rest = rest.dropFirst(size)
            }
            let (wire, encoder) = encode(pieces)
            XCTAssertEqual(wire, encode([input]).wire, "round \(round): \(input)")
            XCTAssertEqual(serverRead(wire), normalised(input), "round \(round): \(input)")
            XCTAssertEqual(encoder.contains8BitBytes, input.contains(0xC3), "round \(round)")
            XCTAssertEqual(encoder.inputByteCount, UInt64(input.count), "round \(round)")
            XCTAssertLessThanOrEqual(wire.count, 2 * input.count + 5, "round \(round)")
        }
    }

    func testLargeMessageInBoundedPieces() {
        let line = [UInt8](".line of text that starts with a dot\n")
        var encoder = SMTPDataEncoder()
        var total = 0
        var output: [UInt8] = []
        for _ in 0..<10_000 {
            output.removeAll(keepingCapacity: true)
            line.withUnsafeBytes { encoder.encode($0, into: &output) }
            XCTAssertEqual(output.count, line.count + 2)
            total += output.count
        }
        total += encoder.finish().count
        XCTAssertEqual(encoder.outputByteCount, UInt64(total))
    }
}
