import Transport
import TransportFakes
import XCTest

@testable import LDAP

final class LDAPMessageFramerTests: XCTestCase {
    static let bind = hex("30 0c 02 01 01 61 07 0a 01 00 04 00 04 00")
    static let longForm = [0x30, 0x81, 0x83] + hex("02 01 02") + [0x04, 0x7e] + [UInt8](repeating: 0x41, count: 126)

    private func frames(_ script: [UInt8], cuts: [Int], limits: BERLimits = .standard) throws -> [[UInt8]] {
        let framer = LDAPMessageFramer(
            stream: ByteStream(transport: ScriptedServer(script, cuts: cuts)), limits: limits)
        var out: [[UInt8]] = []
        for _ in 0..<10 {
            guard let message = try framer.next() else { return out }
            out.append(message)
        }
        return out
    }

    func testSplitAtEveryByteYieldsTheSameMessages() throws {
        let messages = [Self.bind, Self.longForm, LDAPMessageTests.entry, hex("30 00")]
        let script = messages.joined()
        for cut in 0...script.count {
            XCTAssertEqual(try frames(Array(script), cuts: [cut]), messages, "cut at \(cut)")
        }
        XCTAssertEqual(try frames(Array(script), cuts: Array(0...script.count)), messages, "one byte at a time")
    }

    func testACloseInsideAMessageIsAnErrorAndBetweenMessagesTheEnd() {
        XCTAssertEqual(try frames(Self.bind, cuts: []), [Self.bind])
        for cut in 1..<Self.bind.count {
            XCTAssertThrowsError(try frames(Array(Self.bind[..<cut]), cuts: []), "cut at \(cut)")
        }
    }

    func testLimitsAndMalformedStarts() {
        XCTAssertThrowsError(try frames(Self.longForm, cuts: [], limits: BERLimits(maxMessageSize: 133))) {
            XCTAssertEqual(($0 as? BERError)?.kind, .tooLarge)
        }
        XCTAssertEqual(try frames(Self.longForm, cuts: [], limits: BERLimits(maxMessageSize: 134)), [Self.longForm])
        XCTAssertThrowsError(try frames(hex("04 00"), cuts: [])) { XCTAssertEqual(($0 as? BERError)?.kind, .malformed) }
        XCTAssertThrowsError(try frames(hex("30 80 00 00"), cuts: [])) {
            XCTAssertEqual(($0 as? BERError)?.kind, .malformed)
        }
        XCTAssertThrowsError(try frames(hex("30 84 7f ff ff ff"), cuts: [])) {
            XCTAssertEqual(($0 as? BERError)?.kind, .tooLarge)
        }
    }

    /// After a StartTLS response the handshake follows at once: the framer must leave it in
    /// the stream, whether the header was parsed in place or byte by byte.
    func testNothingPastTheMessageIsTaken() throws {
        let after: [UInt8] = [0x16, 0x03, 0x03]
        for cuts in [[], [1], [2]] {
            let stream = ByteStream(transport: ScriptedServer(Self.bind + after, cuts: cuts))
            XCTAssertEqual(try LDAPMessageFramer(stream: stream).next(), Self.bind, "cuts \(cuts)")
            var rest: [UInt8] = []
            try stream.readExactly(after.count) { rest.append(contentsOf: $0) }
            XCTAssertEqual(rest, after, "cuts \(cuts)")
        }
    }
}
