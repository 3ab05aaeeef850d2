import CurlURL
import ExitCode
import HTTP
import IMAP
import LineProtocol
import MailStore
import POP3
import SASL
import SMTP
import TLS
import Transport
import XCTest

@testable import CLI

/// The codes each error kind declares, as the contract (reference/curl-compat.md) states them.
final class ExitCodeMappingTests: XCTestCase {
    private func code(_ error: Error) -> Int32 { ExitCodeMapping.code(for: error).rawValue }

    func testEveryTransportKind() {
        let table: [(TransportError.Kind, Int32)] = [
            (.resolve, 6), (.connect, 7), (.timeout, 28), (.send, 55), (.receive, 56),
        ]
        for (kind, expected) in table {
            XCTAssertEqual(code(TransportError(kind, "x")), expected, "\(kind)")
        }
    }

    func testEveryTLSKind() {
        var table: [(TLSError.Kind, Int32)] = [
            (.handshake, 35), (.caFile, 77), (.crlFile, 82), (.cipher, 59), (.notBuiltIn, 4),
            (.clientCertificate, 58), (.pinnedKeyMismatch, 90), (.certificateStatus, 91),
        ]
        for reason in VerificationFailure.allCases { table.append((.verification(reason), 60)) }
        for (kind, expected) in table {
            XCTAssertEqual(code(TLSError(kind, "x")), expected, "\(kind)")
        }
    }

    func testURLAndSASLKinds() {
        XCTAssertEqual(code(CurlURLError(.malformed, "x")), 3)
        XCTAssertEqual(code(CurlURLError(.unsupportedScheme, "x")), 1)
        let sasl: [(SASLError.Kind, Int32)] = [
            (.mechanismNotOffered, 67), (.noCommonMechanism, 67), (.mechanismNotUsable, 67), (.mechanismUnavailable, 4),
            (.engine, 94), (.serverAuthenticationFailed, 94), (.badChallenge, 8),
        ]
        for (kind, expected) in sasl { XCTAssertEqual(code(SASLError(kind, "x")), expected, "\(kind)") }
    }

    func testRefusalStages() {
        let smtp: [(SMTPError.Stage, Int32)] = [
            (.greeting, 8), (.ehlo, 9), (.helo, 9), (.startTLS, 64), (.auth, 67), (.mail, 55), (.rcpt, 55), (.data, 55),
            (.message, 8), (.command, 8),
        ]
        for (stage, expected) in smtp { XCTAssertEqual(stage.curlCode.rawValue, expected, "SMTP \(stage)") }
        let imap: [(IMAPError.Stage, Int32)] = [
            (.capability, 8), (.startTLS, 64), (.login, 67), (.authenticate, 67), (.enable, 8), (.id, 8), (.select, 78),
            (.examine, 78), (.status, 78), (.list, 21), (.search, 21), (.fetch, 78), (.store, 9), (.expunge, 9),
            (.custom, 21), (.other, 8),
        ]
        for (stage, expected) in imap { XCTAssertEqual(stage.curlCode.rawValue, expected, "IMAP \(stage)") }
        let pop3: [(POP3Error.Stage, Int32)] = [
            (.greeting, 8), (.capa, 8), (.stls, 64), (.user, 67), (.pass, 67), (.apop, 67), (.auth, 67), (.stat, 8),
            (.message, 8), (.listing, 8), (.dele, 9), (.custom, 8), (.other, 8),
        ]
        for (stage, expected) in pop3 { XCTAssertEqual(stage.curlCode.rawValue, expected, "POP3 \(stage)") }
    }

    func testLocalAndSafetyErrors() {
        XCTAssertEqual(code(LineTooLongError(limit: 10)), 8)
        XCTAssertEqual(code(DataBeforeHandshakeError(bufferedByteCount: 3)), 8)
        XCTAssertEqual(code(TLSRequiredError("x")), 64)
        XCTAssertEqual(code(MessageReadError("x")), 26)
        XCTAssertEqual(code(MailStoreError(.writeFailed, "x")), 23)
        XCTAssertEqual(code(HTTPError(.partialBody, "x")), 18)
        XCTAssertEqual(code(ToolError(.writeError, "x")), 23)
        XCTAssertEqual(code(ToolError.usage("x")), 2)
        // A refused -PLUS login keeps the refusal's own code.
        let refusal = ChannelBindingRefusal(
            refusal: SASLError(.badChallenge, "x"), mechanism: .scramSHA256Plus,
            bindingType: "tls-exporter")
        XCTAssertEqual(code(refusal), 8)
    }

    func testAnUnclassifiedErrorIsReportedAsInternal() {
        struct Stray: Error {}
        XCTAssertTrue(ExitCodeMapping.message(for: Stray()).hasPrefix("internal error: unclassified"))
    }

    func testPublishedCodesNeverChange() {
        let expected: [CurlCode: Int32] = [
            .unsupportedProtocol: 1, .failedInit: 2, .urlMalformat: 3, .notBuiltIn: 4, .couldntResolveHost: 6,
            .couldntConnect: 7, .weirdServerReply: 8, .remoteAccessDenied: 9, .partialFile: 18, .quoteError: 21,
            .httpReturnedError: 22, .writeError: 23, .readError: 26, .operationTimedOut: 28, .sslConnectError: 35,
            .badFunctionArgument: 43, .tooManyRedirects: 47, .gotNothing: 52, .sendFailRewind: 65, .sendError: 55,
            .recvError: 56, .sslCertProblem: 58, .sslCipher: 59, .peerFailedVerification: 60, .useSSLFailed: 64,
            .loginDenied: 67, .sslCACertBadFile: 77, .remoteFileNotFound: 78, .sslCRLBadFile: 82,
            .sslPinnedPubKeyNotMatch: 90, .sslInvalidCertStatus: 91, .authError: 94,
            .ldapCannotBind: 38, .ldapSearchFailed: 39,
            .ftpWeirdPasvReply: 13, .ftpWeird227Format: 14, .ftpCouldntSetType: 17, .uploadFailed: 25,
            .ftpCouldntUseRest: 31, .badDownloadResume: 36, .interrupted: 130,
        ]
        for code in CurlCode.allCases where code != .ok {
            XCTAssertEqual(expected[code], code.rawValue, "\(code)")
        }
    }
}
