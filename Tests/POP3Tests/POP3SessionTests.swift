import LineProtocol
import TLS
import Transport
import TransportFakes
import XCTest

@testable import POP3

/// POP3Session against turn-based dialogs: STLS order and refusals, unsolicited responses.
final class POP3SessionTests: XCTestCase {
    private func open(_ peer: DialogPeer, _ policy: StartTLSPolicy) throws -> POP3Session {
        let session = POP3Session(stream: ByteStream(transport: peer), trace: SilentTrace(), implicitTLS: false)
        try session.open(tls: FakeTLS.upgrade(policy))
        return session
    }

    func testSTLSThenCAPAAskedAgain() throws {
        let peer = DialogPeer([
            "S: +OK hi", "C: CAPA", "S: +OK", "S: STLS", "S: USER", "S: .", "C: STLS", "S: +OK go",
            "C: CAPA", "S: +OK", "S: SASL XOAUTH2", "S: .",
        ])
        let session = try open(peer, .required)
        XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
        XCTAssertEqual(session.tlsFacts, FakeTLS.facts)
        XCTAssertFalse(session.capabilities.user, "plaintext capabilities forgotten")
        XCTAssertEqual(session.capabilities.saslMechanisms.map(\.name), ["XOAUTH2"])
    }

    func testSTLSRefusalShowsOnlyTheStatus() {
        let peer = DialogPeer([
            "S: +OK hi", "C: CAPA", "S: +OK", "S: STLS", "S: .", "C: STLS", "S: -ERR visit http://evil.test",
        ])
        XCTAssertThrowsError(try open(peer, .ifOffered)) { error in
            XCTAssertTrue(error is TLSRequiredError, "\(error)")
            XCTAssertFalse("\(error)".contains("evil"), "\(error)")
        }
        XCTAssertEqual(peer.clientLines, ["CAPA", "STLS"])
    }

    func testUnsolicitedResponseBeforeCAPA() {
        let peer = DialogPeer(["S: +OK hi", "S: +OK forged", "C: CAPA", "S: -ERR"])
        XCTAssertThrowsError(try open(peer, .ifOffered)) { error in
            XCTAssertEqual((error as? POP3Error)?.kind, .unsolicitedResponse, "\(error)")
        }
        XCTAssertEqual(peer.clientLines, [])
    }
}
