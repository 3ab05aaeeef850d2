import SMTP
import TLS
import Transport
import XCTest

@testable import Audit

/// What an error during a service's dialog means for the audit: a 421 or a refused connection
/// is "rate limited / unreachable", never a TLS failure; a refused STARTTLS is its own outcome.
final class OutcomeTests: XCTestCase {
    func testErrorsBecomeOutcomes() {
        let refused = TransportError(.connect, "Failed to connect to 127.0.0.1 port 1: Connection refused")
        XCTAssertEqual(ServiceProbe.outcome(for: refused), .unreachable(refused.message))
        let timeout = TransportError(.timeout, "Connection timed out")
        XCTAssertEqual(ServiceProbe.outcome(for: timeout).code, "unreachable")
        let busy = SMTPError.rejected(.greeting, SMTPReply(code: 421, lines: ["4.7.0 too many connections"]))
        XCTAssertEqual(ServiceProbe.outcome(for: busy).code, "rate-limited")
        let busyLater = SMTPError.rejected(.ehlo, SMTPReply(code: 421, lines: ["4.7.0 closing"]))
        XCTAssertEqual(ServiceProbe.outcome(for: busyLater).code, "rate-limited")
        let starttls = TLSRequiredError(
            "STARTTLS refused by the server (reply 454; -v shows its text); nothing else was sent")
        XCTAssertEqual(ServiceProbe.outcome(for: starttls).code, "starttls-refused")
        let starttls421 = TLSRequiredError("STARTTLS refused by the server (reply 421; -v shows its text)")
        XCTAssertEqual(ServiceProbe.outcome(for: starttls421).code, "rate-limited")
        XCTAssertEqual(ServiceProbe.outcome(for: TLSError(.handshake, "alert")).code, "handshake-failed")
        XCTAssertEqual(
            ServiceProbe.outcome(for: SMTPError(.malformedReply, "bad reply")), .protocolError("bad reply"))
    }

    func testOnlyUnreachableRateLimitedAndBrokenServicesAreUnaudited() {
        let unaudited: [ServiceObservation.Outcome] = [
            .unreachable("x"), .rateLimited("x"), .protocolError("x"), .budgetExhausted,
        ]
        let audited: [ServiceObservation.Outcome] = [
            .audited, .starttlsNotOffered, .starttlsRefused("x"), .handshakeFailed("x"),
        ]
        XCTAssertTrue(unaudited.allSatisfy(\.isUnaudited))
        XCTAssertFalse(audited.contains(where: \.isUnaudited))
    }
}
