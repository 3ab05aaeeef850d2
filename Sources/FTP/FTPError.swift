import Codec
import ExitCode
import LineProtocol

/// Everything the FTP layer itself can fail with. Transport failures (`TransportError`: a silent
/// server is curl 28, a reset curl 56, a refused data connection curl 7) and TLS failures pass
/// through unchanged. The curl code is on each case (curl's `lib/ftp.c` codes).
public struct FTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The command a negative reply answered.
    public enum Stage: Equatable, Sendable {
        /// The greeting is not 220 (curl 8, WEIRD_SERVER_REPLY).
        case greeting
        /// USER or PASS refused, or ACCT asked for (curl 67, LOGIN_DENIED).
        case login
        /// CWD or MKD refused (curl 9, REMOTE_ACCESS_DENIED).
        case cwd
        /// TYPE refused (curl 17, FTP_COULDNT_SET_TYPE).
        case type
        /// REST refused (curl 31, FTP_COULDNT_USE_REST).
        case rest
        /// RETR, LIST or NLST refused: no such file or directory (curl 78, REMOTE_FILE_NOT_FOUND).
        case retrieve
        /// STOR or APPE refused (curl 25, UPLOAD_FAILED).
        case store
        /// PBSZ, PROT P or CCC refused where protection was required (curl 64, USE_SSL_FAILED).
        case protection
        /// Both EPSV and PASV refused (curl 13, FTP_WEIRD_PASV_REPLY).
        case passive
        /// A `-Q` command answered with 4xx or 5xx (curl 21, QUOTE_ERROR).
        case quote
        /// The final reply after a download or listing is not 2xx (curl 18, PARTIAL_FILE).
        case downloadEnd
        /// The final reply after an upload is not 2xx (curl 25, UPLOAD_FAILED).
        case uploadEnd
        /// Anything else (curl 8, WEIRD_SERVER_REPLY).
        case other
    }

    public enum Kind: Equatable, Sendable {
        /// A reply that is not RFC 959's: no code, NUL or CR inside, too long, too many lines, a
        /// reply nobody asked for, more preliminary replies than `FTPLimits` allows (curl 8).
        case malformedReply
        /// The control connection closed before a reply's end (curl 56, RECV_ERROR).
        case cutShort
        /// A 229 reply without a usable port (curl 13, FTP_WEIRD_PASV_REPLY).
        case weirdPassiveReply
        /// A 227 reply without six numbers (curl 14, FTP_WEIRD_227_FORMAT).
        case weird227Format
        /// The data connection ended before the size SIZE announced, or grew past
        /// `FTPLimits.maxTransferSize` (curl 18, PARTIAL_FILE).
        case partialFile
        /// `-C` asks to resume past the end of the remote file (curl 36, BAD_DOWNLOAD_RESUME).
        case badResume
        /// A path or argument holding CR, LF or NUL (curl 3, URL_MALFORMAT): nothing was sent.
        case unsendableArgument
        /// The server answered `stage` with a reply that does not allow going on (see `Stage`).
        case rejected(Stage, code: Int)
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The error for a negative reply, quoting the server's first line made printable.
    public static func rejected(_ stage: Stage, _ reply: NumericReply, _ what: String) -> FTPError {
        let text = reply.texts.first.map { quote($0) } ?? ""
        return FTPError(.rejected(stage, code: reply.code), "\(what): \(reply.code) \(text)")
    }

    /// Server text for a message: printable ASCII only, cut to 200 bytes.
    static func quote(_ text: some Collection<UInt8>) -> String { printable(text, limit: 200) }

    /// The engine's framing failures in FTP's words.
    static func framing(_ error: LineFramingError) -> Error {
        switch error.kind {
        case .closed: FTPError(.cutShort, error.message)
        case .lineTooLong, .replyTooLong, .tooManyLines, .malformed, .unsolicited:
            FTPError(.malformedReply, error.message)
        }
    }
}

extension FTPError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .malformedReply: .weirdServerReply
        case .cutShort: .recvError
        case .weirdPassiveReply: .ftpWeirdPasvReply
        case .weird227Format: .ftpWeird227Format
        case .partialFile: .partialFile
        case .badResume: .badDownloadResume
        case .unsendableArgument: .urlMalformat
        case .rejected(let stage, _): stage.curlCode
        }
    }
}

extension FTPError.Stage {
    /// The code of a negative reply at this stage (see each case).
    public var curlCode: CurlCode {
        switch self {
        case .greeting, .other: .weirdServerReply
        case .login: .loginDenied
        case .cwd: .remoteAccessDenied
        case .type: .ftpCouldntSetType
        case .rest: .ftpCouldntUseRest
        case .retrieve: .remoteFileNotFound
        case .store, .uploadEnd: .uploadFailed
        case .protection: .useSSLFailed
        case .passive: .ftpWeirdPasvReply
        case .quote: .quoteError
        case .downloadEnd: .partialFile
        }
    }
}
