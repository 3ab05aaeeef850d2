import CLI
import ExitCode
import MailStore
import SMTP
import Transport
import XCTest

@testable import SMTPSend

/// sendmail mode's exit statuses: the class of the server's reply first, then the kind of
/// failure, as sendmail and msmtp report them.
final class SysexitTests: XCTestCase {
    private func reply(_ code: Int) -> SMTPReply { SMTPReply(code: code, lines: ["x"]) }

    func testReplyClassDecides() {
        XCTAssertEqual(Sysexit(curlCode: .sendError, replyCode: 450), .temporaryFailure)
        XCTAssertEqual(Sysexit(curlCode: .sendError, replyCode: 550), .unavailable)
        XCTAssertEqual(Sysexit(curlCode: .weirdServerReply, replyCode: 452), .temporaryFailure)
        XCTAssertEqual(Sysexit(curlCode: .weirdServerReply, replyCode: 554), .unavailable)
        XCTAssertEqual(Sysexit(curlCode: .loginDenied, replyCode: 535), .noPermission)
        XCTAssertEqual(Sysexit(curlCode: .loginDenied, replyCode: 454), .temporaryFailure)
        XCTAssertEqual(Sysexit(curlCode: .loginDenied, replyCode: nil), .noPermission)
    }

    func testCurlCodesWithoutAReply() {
        let table: [(CurlCode, Sysexit)] = [
            (.ok, .ok), (.failedInit, .usage), (.urlMalformat, .usage), (.unsupportedProtocol, .usage),
            (.couldntResolveHost, .noHost), (.couldntConnect, .temporaryFailure),
            (.operationTimedOut, .temporaryFailure), (.recvError, .temporaryFailure),
            (.weirdServerReply, .protocolError), (.sslConnectError, .protocolError),
            (.peerFailedVerification, .unavailable), (.useSSLFailed, .unavailable), (.authError, .unavailable),
            (.writeError, .ioError), (.readError, .ioError), (.sslCACertBadFile, .configuration),
            (.sslCertProblem, .configuration), (.sslCipher, .configuration),
        ]
        for (code, status) in table { XCTAssertEqual(Sysexit(curlCode: code, replyCode: nil), status, "\(code)") }
        XCTAssertEqual(Sysexit.temporaryFailure.rawValue, 75)
        XCTAssertEqual(Sysexit.unavailable.rawValue, 69)
        XCTAssertEqual(Sysexit.noPermission.rawValue, 77)
        XCTAssertEqual(Sysexit.dataError.rawValue, 65)
        XCTAssertEqual(Sysexit.usage.rawValue, 64)
        XCTAssertEqual(Sysexit.noHost.rawValue, 68)
        XCTAssertEqual(Sysexit.ioError.rawValue, 74)
        XCTAssertEqual(Sysexit.software.rawValue, 70)
        XCTAssertEqual(Sysexit.configuration.rawValue, 78)
    }

    func testFromErrors() {
        func status(_ error: Error) -> Sysexit { SendmailExitStatus.status(for: error) }
        XCTAssertEqual(status(SMTPError.rejected(.rcpt, reply(450))), .temporaryFailure)
        XCTAssertEqual(status(SMTPError.rejected(.rcpt, reply(554))), .unavailable)
        XCTAssertEqual(status(SMTPError.rejected(.greeting, reply(421))), .temporaryFailure)
        XCTAssertEqual(status(SMTPError.rejected(.message, reply(552))), .unavailable)
        XCTAssertEqual(status(SMTPError.rejected(.auth, reply(535))), .noPermission)
        XCTAssertEqual(status(SMTPError(.messageTooLarge, "x")), .dataError)
        XCTAssertEqual(status(SMTPError(.needs8BitMIME, "x")), .dataError)
        XCTAssertEqual(status(SMTPError(.badAddress, "x")), .dataError)
        XCTAssertEqual(status(SMTPError(.malformedReply, "x")), .protocolError)
        XCTAssertEqual(status(ToolError.usage("x")), .usage)
        XCTAssertEqual(status(SendmailModeError(.noServer, "x")), .configuration)
        XCTAssertEqual(status(SendmailModeError(.partialDelivery, "x")), .unavailable)
        XCTAssertEqual(status(MailStoreError(.writeFailed, "x")), .ioError)
        XCTAssertEqual(status(TransportError(.resolve, "x")), .noHost)
        XCTAssertEqual(status(TransportError(.resolve, "x", isTemporary: true)), .temporaryFailure)
        XCTAssertEqual(status(TransportError(.connect, "x")), .temporaryFailure)
        XCTAssertEqual(status(TransportError(.timeout, "x")), .temporaryFailure)
        XCTAssertEqual(status(TransportError(.send, "x")), .temporaryFailure, "a write to a closed connection")
        XCTAssertEqual(status(TransportError(.receive, "x")), .temporaryFailure)
        XCTAssertTrue(SendmailExitStatus.isTemporary(SMTPError.rejected(.data, reply(451))))
        XCTAssertFalse(SendmailExitStatus.isTemporary(SMTPError.rejected(.data, reply(554))))
    }
}
