import XCTest

@testable import MailStore

final class MboxFromQuoterTests: XCTestCase {
    /// mboxrd: one more `>` on every line matching `^>*From `; nothing else changes.
    static let table: [(String, String)] = [
        ("", ""),
        ("From ", ">From "),
        ("From x\n", ">From x\n"),
        (">From x\n", ">>From x\n"),
        (">>From x\n", ">>>From x\n"),
        ("a\nFrom b\n", "a\n>From b\n"),
        ("a\n>From b\n>>From c\n", "a\n>>From b\n>>>From c\n"),
        ("From", "From"),
        ("From\n", "From\n"),
        ("Fro", "Fro"),
        ("From:x\n", "From:x\n"),
        ("from x\n", "from x\n"),
        (" From x\n", " From x\n"),
        ("a From x\n", "a From x\n"),
        ("FFrom x\n", "FFrom x\n"),
        ("> From x\n", "> From x\n"),
        (">\nFrom x", ">\n>From x"),
        ("\n\nFrom \n", "\n\n>From \n"),
        ("x>From y\n", "x>From y\n"),
        ("From From x\n", ">From From x\n"),
        ("From x\r\nFrom y\r\n", ">From x\r\n>From y\r\n"),
    ]

    private func quote(_ pieces: [[UInt8]]) -> (String, Bool) {
        var quoter = MboxFromQuoter()
        var output: [UInt8] = []
        for piece in pieces { piece.withUnsafeBytes { quoter.quote($0, into: &output) } }
        quoter.finish(into: &output)
        return (String(decoding: output, as: UTF8.self), quoter.endsWithLineEnd)
    }

    func testTable() {
        for (input, expected) in Self.table {
            let (output, endsWithLineEnd) = quote([Array(input.utf8)])
            XCTAssertEqual(output, expected, "input \(input.debugDescription)")
            XCTAssertEqual(endsWithLineEnd, (expected.utf8.last ?? 10) == 10, "input \(input.debugDescription)")
        }
    }

    func testEverySplitPosition() {
        for (input, expected) in Self.table {
            let bytes = Array(input.utf8)
            for i in 0...bytes.count {
                for j in i...bytes.count {
                    let (output, ends) = quote([Array(bytes[..<i]), Array(bytes[i..<j]), Array(bytes[j...])])
                    XCTAssertEqual(output, expected, "\(input.debugDescription) split at \(i), \(j)")
                    XCTAssertEqual(
                        ends, (expected.utf8.last ?? 10) == 10, "\(input.debugDescription) split at \(i), \(j)")
                }
            }
        }
    }
}
