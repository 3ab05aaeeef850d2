import CurlURL
import HTTP
import IMAP
import MailStore
import POP3
import SASL
import SMTP
import TLS
import Transport

/// The one place where errors of every layer become curl's exit codes and messages.
public enum ExitCodeMapping {
    public static func code(for error: Error) -> CurlCode {
        switch error {
        case let error as ToolError: return error.code
        case let error as TransportError: return code(for: error.kind)
        case let error as TLSError: return code(for: error.kind)
        case let error as CurlURLError: return error.kind == .unsupportedScheme ? .unsupportedProtocol : .urlMalformat
        case let error as HTTPError: return code(for: error.kind)
        case let error as SMTPError: return code(for: error.kind)
        case let error as SASLError: return code(for: error.kind)
        case let error as IMAPError: return code(for: error.kind)
        case let error as POP3Error: return code(for: error.kind)
        case let error as MailStoreError: return error.kind == .invalidUIDL ? .weirdServerReply : .writeError
        case is TLSRequiredError: return .useSSLFailed
        case is MessageReadError: return .readError
        case is LineTooLongError: return .weirdServerReply
        case is DataBeforeHandshakeError: return .weirdServerReply
        default: return .failedInit
        }
    }

    static func code(for kind: TransportError.Kind) -> CurlCode {
        switch kind {
        case .resolve: .couldntResolveHost
        case .connect: .couldntConnect
        case .timeout: .operationTimedOut
        case .send: .sendError
        case .receive: .recvError
        }
    }

    static func code(for kind: TLSError.Kind) -> CurlCode {
        switch kind {
        case .handshake: .sslConnectError
        case .verification: .peerFailedVerification
        case .caFile: .sslCACertBadFile
        case .crlFile: .sslCRLBadFile
        case .cipher: .sslCipher
        case .notBuiltIn: .notBuiltIn
        case .clientCertificate: .sslCertProblem
        case .pinnedKeyMismatch: .sslPinnedPubKeyNotMatch
        case .certificateStatus: .sslInvalidCertStatus
        }
    }

    static func code(for kind: HTTPError.Kind) -> CurlCode {
        switch kind {
        case .malformedResponse: .weirdServerReply
        case .emptyReply: .gotNothing
        case .httpStatus: .httpReturnedError
        case .tooManyRedirects: .tooManyRedirects
        case .partialBody: .partialFile
        case .uploadRead: .readError
        case .rewindFailed: .sendFailRewind
        case .badRequestArgument: .badFunctionArgument
        }
    }

    static func code(for kind: SMTPError.Kind) -> CurlCode {
        switch kind {
        case .malformedReply, .replyTooLong, .tooManyLines, .unsolicitedReply: .weirdServerReply
        case .badAddress: .urlMalformat
        case .messageTooLarge, .needs8BitMIME, .needsSMTPUTF8: .sendError
        case .messageHeaderTooLarge: .readError
        case .rejected(let stage, _):
            switch stage {
            case .greeting, .message, .command: .weirdServerReply
            case .ehlo, .helo: .remoteAccessDenied
            case .startTLS: .useSSLFailed
            case .auth: .loginDenied
            case .mail, .rcpt, .data: .sendError
            }
        }
    }

    static func code(for kind: SASLError.Kind) -> CurlCode {
        switch kind {
        case .mechanismNotOffered, .noCommonMechanism, .mechanismNotUsable: .loginDenied
        case .mechanismUnavailable: .notBuiltIn
        case .engine, .serverAuthenticationFailed: .authError
        case .badChallenge: .weirdServerReply
        }
    }

    static func code(for kind: IMAPError.Kind) -> CurlCode {
        switch kind {
        case .malformedResponse, .badLiteral, .responseTooLong, .unexpectedResponse, .badGreeting: .weirdServerReply
        case .serverClosing: .recvError
        case .partialMessage: .partialFile
        case .uidValidityChanged: .remoteFileNotFound
        case .badURL, .unsendableArgument: .urlMalformat
        case .rejected(let stage, _):
            switch stage {
            case .startTLS: .useSSLFailed
            case .login, .authenticate: .loginDenied
            case .select, .examine, .status, .fetch: .remoteFileNotFound
            case .list, .search, .custom: .quoteError
            case .store, .expunge: .remoteAccessDenied
            case .capability, .enable, .id, .other: .weirdServerReply
            }
        }
    }

    static func code(for kind: POP3Error.Kind) -> CurlCode {
        switch kind {
        case .malformedResponse, .lineTooLong, .tooManyEntries, .unsolicitedResponse: .weirdServerReply
        case .cutShort: .recvError
        case .partialMessage: .partialFile
        case .unsendableArgument, .badURL: .urlMalformat
        case .rejected(let stage, _):
            switch stage {
            case .stls: .useSSLFailed
            case .user, .pass, .apop, .auth: .loginDenied
            case .message: .remoteFileNotFound
            case .dele: .remoteAccessDenied
            case .greeting, .capa, .stat, .listing, .custom, .other: .weirdServerReply
            }
        }
    }

    /// The message after `<tool>: (<code>) `.
    public static func message(for error: Error) -> String {
        String(describing: error)
    }
}
