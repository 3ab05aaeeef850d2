import LineProtocol
import TLS
import Transport
import TransportFakes
import XCTest

@testable import SMTP

/// curl's SMTP commands without a message: the lines chosen, what counts as success, and
/// QUIT after a refusal.
final class SMTPRequestTests: XCTestCase {
    func testLinesAsCurlChoosesThem() throws {
        let table: [(String?, [String], Bool, [String])] = [
            (nil, [], false, ["HELP"]),
            (nil, ["recipient"], false, ["VRFY recipient"]),
            (nil, ["<user@example.net>", "b@example.org"], false, ["VRFY user@example.net", "VRFY b@example.org"]),
            ("EXPN", ["Friends"], false, ["EXPN Friends"]),
            ("EXPN", ["Friends"], true, ["EXPN Friends SMTPUTF8"]),
            ("vrfy", ["recipient"], true, ["vrfy recipient"]),
            ("NOOP", [], true, ["NOOP"]),
            ("", [], false, ["HELP"]),
            (nil, ["j\u{f6}rg@example.com"], true, ["VRFY j\u{f6}rg@example.com SMTPUTF8"]),
            (nil, ["ascii@example.com"], true, ["VRFY ascii@example.com"]),
        ]
        for (custom, recipients, utf8, expected) in table {
            let request = try SMTPRequest(custom: custom, recipients: recipients)
            XCTAssertEqual(
                try request.commandLines(serverHasSMTPUTF8: utf8), expected,
                "\(String(describing: custom)) \(recipients)")
        }
    }

    func testUnsafeOrUnusableArgumentsAreRefused() {
        for (custom, recipients) in [("NOOP\r\nRSET", []), ("HELP ME", []), (nil, ["a\r\nb"]), ("EXPN", ["list\n"])] {
            XCTAssertThrowsError(try SMTPRequest(custom: custom, recipients: recipients)) { error in
                XCTAssertEqual((error as? SMTPError)?.kind, .badAddress, "\(error)")
            }
        }
        XCTAssertThrowsError(
            try SMTPRequest(custom: nil, recipients: ["j\u{f6}rg@example.com"]).commandLines(serverHasSMTPUTF8: false)
        ) { XCTAssertEqual(($0 as? SMTPError)?.kind, .needsSMTPUTF8) }
    }

    func testWhatCountsAsSuccess() throws {
        let vrfy = try SMTPRequest(custom: nil, recipients: ["smith"])
        let help = try SMTPRequest(custom: nil, recipients: [])
        XCTAssertTrue(vrfy.accepts(SMTPReply(code: 252, lines: ["maybe"])))
        XCTAssertTrue(vrfy.accepts(SMTPReply(code: 553, lines: ["Ambiguous"])))
        XCTAssertFalse(help.accepts(SMTPReply(code: 553, lines: ["?"])))
        XCTAssertFalse(vrfy.accepts(SMTPReply(code: 550, lines: ["unknown"])))
        XCTAssertTrue(help.accepts(SMTPReply(code: 214, lines: ["help"])))
    }

    private func open(_ peer: DialogPeer) throws -> SMTPSession {
        let session = SMTPSession(stream: ByteStream(transport: peer), trace: SilentTrace(), implicitTLS: false)
        try session.open(clientName: "client.example", tls: FakeTLS.upgrade(.ifOffered))
        return session
    }

    func testAnswersArePassedOnAsSentAndARefusalStopsWithQuit() throws {
        let peer = DialogPeer([
            "S: 220 mx", "C: EHLO client.example", "S: 250 mx", "C: VRFY a", "S: 250-first", "S: 250 a@example.com",
            "C: VRFY b", "S: 550 5.1.1 unknown", "C: QUIT", "S: 221 bye",
        ])
        let session = try open(peer)
        var written: [[UInt8]] = []
        XCTAssertThrowsError(
            try session.quittingAfterRefusal {
                try session.perform(try SMTPRequest(custom: nil, recipients: ["a", "b", "c"])) {
                    written += $0.rawLines
                }
            }
        ) { error in
            XCTAssertEqual("\(error)", "Command failed: 550 5.1.1 unknown")
            XCTAssertEqual((error as? SMTPError)?.curlCode.rawValue, 8)
        }
        XCTAssertEqual(written, [Array("250-first".utf8), Array("250 a@example.com".utf8)])
        XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
    }

    func testARefusedLoginIsNotFollowedByQuit() throws {
        let peer = DialogPeer(["S: 220 mx", "C: EHLO client.example", "S: 250 mx"])
        let session = try open(peer)
        XCTAssertThrowsError(
            try session.quittingAfterRefusal { throw SMTPError.rejected(.auth, SMTPReply(code: 535, lines: ["no"])) })
        XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
        XCTAssertEqual(peer.clientLines, ["EHLO client.example"])
    }
}
