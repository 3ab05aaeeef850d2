import XCTest

@testable import IMAP

/// The parser core: running out of input is "need more bytes" while a literal is pending and
/// "bad bytes" once the frame is complete; bytes that break the grammar are bad either way.
final class IMAPParserTests: XCTestCase {
    private func fetchPrefix(_ lines: [String], literals: [IMAPFramedLiteral] = []) throws -> IMAPFetchBodyContext? {
        var parser = IMAPParser(
            frame: IMAPResponseFrame(lines: lines.map { [UInt8]($0) }, literals: literals), limits: .default,
            isComplete: false)
        return try parser.pendingBodyLiteral()
    }

    func testNeedMoreBytesVersusBadBytes() {
        let prefix = IMAPResponseFrame(lines: [[UInt8]("* LIST () \"/\" {3}")])
        var incomplete = IMAPParser(frame: prefix, limits: .default, isComplete: false)
        XCTAssertThrowsError(try incomplete.parseResponse()) {
            XCTAssertEqual($0 as? IMAPParser.Failure, .needMoreBytes)
        }
        var complete = IMAPParser(frame: prefix, limits: .default, isComplete: true)
        XCTAssertThrowsError(try complete.parseResponse()) {
            XCTAssertEqual($0 as? IMAPParser.Failure, .badBytes("literal announced but missing"))
        }
        var bad = IMAPParser(
            frame: IMAPResponseFrame(lines: [[UInt8]("* LIST () \"/ {3}")]), limits: .default, isComplete: false)
        XCTAssertThrowsError(try bad.parseResponse()) {
            XCTAssertEqual($0 as? IMAPParser.Failure, .badBytes("unterminated quoted string"))
        }
        var ended = IMAPParser(
            frame: IMAPResponseFrame(lines: [[UInt8]("* 1 FETCH (UID 5")]), limits: .default, isComplete: true)
        XCTAssertThrowsError(try ended.parseResponse()) {
            XCTAssertEqual($0 as? IMAPParser.Failure, .badBytes("the response ends where ')' should be"))
        }
    }

    func testPendingBodyLiteral() throws {
        XCTAssertEqual(
            try fetchPrefix(["* 7 FETCH (UID 3 FLAGS (\\Seen) BODY[] {10}"]),
            IMAPFetchBodyContext(
                sequenceNumber: 7, item: .body(), attributesBefore: [.uid(3), .flags([.seen])], size: 10))
        XCTAssertEqual(
            try fetchPrefix(
                ["* 7 FETCH (BODY[1]<5> {3}", " UID 3 BODY[2] {4}"],
                literals: [IMAPFramedLiteral(size: 3, content: .streamed)]),
            IMAPFetchBodyContext(
                sequenceNumber: 7, item: .body(IMAPSection(part: [2])),
                attributesBefore: [.body(.body(IMAPSection(part: [1]), origin: 5), .streamed(size: 3)), .uid(3)],
                size: 4))
        XCTAssertNil(try fetchPrefix(["* 7 FETCH (ENVELOPE (\"x\" {3}"]))
        XCTAssertNil(try fetchPrefix(["* LIST () \"/\" {3}"]))
        XCTAssertNil(try fetchPrefix(["* 7 EXISTS {3}"]))
        XCTAssertNil(try fetchPrefix(["A1 OK BODY[] {3}"]))
        XCTAssertThrowsError(try fetchPrefix(["* 7 FETCH (UID 0 BODY[] {3}"])) {
            XCTAssertEqual($0 as? IMAPParser.Failure, .badBytes("UID is 0 where RFC 3501 needs a non-zero number"))
        }
        XCTAssertThrowsError(try fetchPrefix(["* 7 FETCH (UID 1) BODY[] {3}"])) {
            XCTAssertEqual($0 as? IMAPParser.Failure, .badBytes("unexpected byte 32 where the response should end"))
        }
    }

    func testFlags() {
        XCTAssertEqual(IMAPFlag("\\SEEN"), .seen)
        XCTAssertEqual(IMAPFlag("\\SEEN").name, "\\Seen")
        XCTAssertEqual(IMAPFlag("\\noselect").name, "\\Noselect")
        XCTAssertEqual(IMAPFlag("$junk"), IMAPFlag("$Junk"))
        XCTAssertEqual(IMAPFlag("$junk").name, "$junk")
        XCTAssertEqual(Set([IMAPFlag("$A"), IMAPFlag("$a")]).count, 1)
        XCTAssertTrue(IMAPFlag.deleted.isBackslashed)
        XCTAssertFalse(IMAPFlag("Junk").isBackslashed)
    }
}
