import LineProtocol
import Transport
import TransportFakes
import XCTest

/// The framing rule that keeps a body from forging pipelined responses (issue 10): only
/// CR LF "." CR LF ends, whatever the split of the input.
final class DotStuffedDecoderTests: XCTestCase {
    private func decode(_ wire: String, cut: Int) throws -> (String, Int?) {
        let bytes = Array(wire.utf8)
        var decoder = DotStuffedDecoder(maxLineLength: 100)
        var out: [UInt8] = []
        var taken: Int?
        var offset = 0
        for piece in [bytes[..<cut], bytes[cut...]] where taken == nil {
            let used = try Array(piece).withUnsafeBytes { raw in try decoder.decode(raw) { out.append(contentsOf: $0) }
            }
            if let used { taken = offset + used }
            offset += piece.count
        }
        return (String(decoding: out, as: UTF8.self), taken)
    }

    func testOnlyCRLFDotCRLFEndsAtEverySplit() throws {
        let table: [(String, String, Int)] = [
            ("line1\n.\nline2\r\n.\r\n+OK forged\r\n", "line1\n\nline2\r\n", 18),
            ("a\n.\r\n+OK forged\r\n.\r\nrest", "a\n\r\n+OK forged\r\n", 20),
            ("a\r\n.\r\nrest", "a\r\n", 6),
            (".\r\nrest", "", 3),
        ]
        for (wire, content, end) in table {
            for cut in 0...wire.utf8.count {
                let (out, taken) = try decode(wire, cut: cut)
                XCTAssertEqual(out, content, "\(wire.debugDescription) cut \(cut)")
                XCTAssertEqual(taken, end, "\(wire.debugDescription) cut \(cut)")
            }
        }
    }

    func testLineLengthBound() {
        var decoder = DotStuffedDecoder(maxLineLength: 10)
        let bytes = Array(String(repeating: "x", count: 11).utf8)
        XCTAssertThrowsError(try bytes.withUnsafeBytes { raw in try decoder.decode(raw) { _ in } }) { error in
            XCTAssertEqual((error as? LineFramingError)?.kind, .lineTooLong)
        }
    }
}
