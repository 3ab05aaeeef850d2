import LineProtocol
import TLS
import Transport
import TransportFakes
import XCTest

@testable import SMTP

/// curl's 914/916/3006: QUIT after a refused MAIL or RCPT; never after a pipelined DATA that a
/// server answered 354 anyway (QUIT would become message text).
final class SMTPQuitAfterRefusalTests: XCTestCase {
    final class EmptySource: MessageSource {
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { 0 }
    }

    private func send(_ dialog: [String], allowfails: Bool) throws -> (DialogPeer, Error?) {
        let peer = DialogPeer(dialog)
        let session = SMTPSession(stream: ByteStream(transport: peer), trace: SilentTrace(), implicitTLS: false)
        try session.open(clientName: "client.example", tls: FakeTLS.upgrade(.ifOffered))
        let envelope = SMTPEnvelope(
            sender: try Mailbox(argument: "a@b.example"), recipients: [try Mailbox(argument: "c@d.example")],
            auth: nil, allowRecipientFailures: allowfails)
        do {
            _ = try session.quittingAfterRefusal {
                try session.sendMessage(envelope, source: EmptySource(), messageSize: nil, eightBit: .none)
            }
            return (peer, nil)
        } catch {
            return (peer, error)
        }
    }

    func testRefusedRecipientEndsWithQuit() throws {
        let (peer, error) = try send(
            [
                "S: 220 mx", "C: EHLO client.example", "S: 250 mx", "C: MAIL FROM:<a@b.example>", "S: 250 ok",
                "C: RCPT TO:<c@d.example>", "S: 550 5.1.1 no", "C: QUIT", "S: 221 bye",
            ], allowfails: false)
        XCTAssertEqual((error as? SMTPError)?.curlCode.rawValue, 55)
        XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
    }

    func testPipelinedDataAnswered354GetsNoQuit() throws {
        let (peer, error) = try send(
            [
                "S: 220 mx", "C: EHLO client.example", "S: 250-mx", "S: 250 PIPELINING", "C: MAIL FROM:<a@b.example>",
                "C: RCPT TO:<c@d.example>", "C: DATA", "S: 250 ok", "S: 550 5.1.1 no", "S: 354 go on",
            ], allowfails: true)
        XCTAssertEqual((error as? SMTPError)?.curlCode.rawValue, 55)
        XCTAssertEqual(
            peer.clientLines, ["EHLO client.example", "MAIL FROM:<a@b.example>", "RCPT TO:<c@d.example>", "DATA"])
    }
}
