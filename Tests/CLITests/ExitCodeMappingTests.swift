import XCTest
import TLS
import Transport
@testable import CLI

final class ExitCodeMappingTests: XCTestCase {
    func testEveryTransportKind() {
        let table: [(TransportError.Kind, Int32)] = [(.resolve, 6), (.connect, 7), (.timeout, 28), (.send, 55), (.receive, 56)]
        for (kind, code) in table {
            XCTAssertEqual(ExitCodeMapping.code(for: TransportError(kind, "x")).rawValue, code, "\(kind)")
        }
    }

    func testEveryTLSKind() {
        var table: [(TLSError.Kind, Int32)] = [
            (.handshake, 35), (.caFile, 77), (.crlFile, 82), (.cipher, 59), (.notBuiltIn, 4),
            (.clientCertificate, 58), (.pinnedKeyMismatch, 90), (.certificateStatus, 91),
        ]
        for reason in VerificationFailure.allCases { table.append((.verification(reason), 60)) }
        for (kind, code) in table {
            XCTAssertEqual(ExitCodeMapping.code(for: TLSError(kind, "x")).rawValue, code, "\(kind)")
        }
    }

    func testProtocolSafetyErrors() {
        XCTAssertEqual(ExitCodeMapping.code(for: LineTooLongError(limit: 10)), .weirdServerReply)
        XCTAssertEqual(ExitCodeMapping.code(for: DataBeforeHandshakeError(bufferedByteCount: 3)), .weirdServerReply)
        XCTAssertEqual(ExitCodeMapping.code(for: ToolError(.writeError, "x")), .writeError)
        XCTAssertEqual(ExitCodeMapping.code(for: ToolError.usage("x")).rawValue, 2)
    }

    func testPublishedCodesNeverChange() {
        let expected: [CurlCode: Int32] = [
            .unsupportedProtocol: 1, .failedInit: 2, .urlMalformat: 3, .notBuiltIn: 4, .couldntResolveHost: 6,
            .couldntConnect: 7, .weirdServerReply: 8, .remoteAccessDenied: 9, .partialFile: 18, .quoteError: 21,
            .httpReturnedError: 22, .writeError: 23, .readError: 26, .operationTimedOut: 28, .sslConnectError: 35,
            .badFunctionArgument: 43, .tooManyRedirects: 47, .gotNothing: 52, .sendFailRewind: 65, .sendError: 55, .recvError: 56, .sslCertProblem: 58,
            .sslCipher: 59, .peerFailedVerification: 60, .useSSLFailed: 64, .loginDenied: 67,
            .sslCACertBadFile: 77, .remoteFileNotFound: 78, .sslCRLBadFile: 82, .sslPinnedPubKeyNotMatch: 90,
            .sslInvalidCertStatus: 91, .authError: 94,
        ]
        for code in CurlCode.allCases where code != .ok {
            XCTAssertEqual(expected[code], code.rawValue, "\(code)")
        }
    }
}
