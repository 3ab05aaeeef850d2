import LineProtocol
import TLS
import Transport
import TransportFakes
import XCTest

@testable import SMTP

/// SMTPSession against turn-based dialogs: STARTTLS order, refusals, and the hostile-server
/// defects of issue 10.
final class SMTPSessionTests: XCTestCase {
    private func open(_ peer: DialogPeer, _ policy: StartTLSPolicy) throws -> SMTPSession {
        let session = SMTPSession(stream: ByteStream(transport: peer), trace: SilentTrace(), implicitTLS: false)
        try session.open(clientName: "client.example", tls: FakeTLS.upgrade(policy))
        return session
    }

    func testSTARTTLSThenCapabilitiesAskedAgainAndPlaintextOnesForgotten() throws {
        let peer = DialogPeer([
            "S: 220 mx", "C: EHLO client.example", "S: 250-mx", "S: 250-AUTH PLAIN", "S: 250 STARTTLS",
            "C: STARTTLS", "S: 220 go", "C: EHLO client.example", "S: 250-mx", "S: 250 AUTH XOAUTH2",
        ])
        let session = try open(peer, .required)
        XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
        XCTAssertTrue(session.isSecure)
        XCTAssertEqual(session.tlsFacts, FakeTLS.facts)
        XCTAssertEqual(session.capabilities.authMechanisms, ["XOAUTH2"])
        XCTAssertFalse(session.capabilities.startTLS)
    }

    /// Issue 10 (5): the refusal's text came before TLS; only its code is reported.
    func testRefusalSendsNothingMoreAndShowsOnlyTheCode() {
        for policy in [StartTLSPolicy.ifOffered, .required] {
            let peer = DialogPeer([
                "S: 220 mx", "C: EHLO client.example", "S: 250-mx", "S: 250 STARTTLS", "C: STARTTLS",
                "S: 454 4.7.0 Please re-enter your password at http://evil.test",
            ])
            XCTAssertThrowsError(try open(peer, policy)) { error in
                let message = "\(error)"
                XCTAssertTrue(error is TLSRequiredError, message)
                XCTAssertTrue(message.contains("reply 454") && message.contains("-v"), message)
                XCTAssertFalse(message.contains("evil") || message.contains("password"), message)
            }
            XCTAssertEqual(peer.clientLines, ["EHLO client.example", "STARTTLS"])
        }
    }

    /// Issue 10 (6): HELO cannot lead to STARTTLS, so under --ssl-reqd it is never sent.
    func testRefusedEHLOUnderSSLReqdEndsWithoutHELO() throws {
        let peer = DialogPeer(["S: 220 mx", "C: EHLO client.example", "S: 502 5.5.2 what?"])
        XCTAssertThrowsError(try open(peer, .required)) { XCTAssertTrue($0 is TLSRequiredError, "\($0)") }
        XCTAssertEqual(peer.clientLines, ["EHLO client.example"])

        let plain = DialogPeer([
            "S: 220 mx", "C: EHLO client.example", "S: 502 5.5.2 what?", "C: HELO client.example", "S: 250 mx",
        ])
        XCTAssertNoThrow(try open(plain, .ifOffered))
        XCTAssertTrue(plain.isComplete, plain.unexpected ?? "")
    }

    /// Issue 10 (4): a reply nobody asked for is a protocol error before EHLO is written.
    func testUnsolicitedReplyBeforeEHLO() {
        let peer = DialogPeer(["S: 220 ok", "S: 250 unsolicited", "C: EHLO client.example", "S: 250 mx"])
        XCTAssertThrowsError(try open(peer, .ifOffered)) { error in
            XCTAssertEqual((error as? SMTPError)?.kind, .unsolicitedReply, "\(error)")
        }
        XCTAssertEqual(peer.clientLines, [])
    }

    /// Issue 10 (7): an 8 KiB greeting is an ordinary reply.
    func testLongGreetingIsAccepted() throws {
        let peer = DialogPeer([
            "S: 220 " + String(repeating: "g", count: 8 * 1024), "C: EHLO client.example", "S: 250 mx",
        ])
        XCTAssertNoThrow(try open(peer, .ifOffered))
        XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
    }
}
