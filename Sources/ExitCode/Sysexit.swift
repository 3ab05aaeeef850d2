/// The exit statuses of `<sysexits.h>`, which programs that answer as `sendmail` use (sendmail,
/// Postfix's sendmail, msmtp) and which mail user agents and cron read: 75 means "kept, try
/// again later", anything else but 0 means the message was not accepted.
///
/// `smtp-send` exits with these only in sendmail mode; elsewhere it keeps curl's codes.
public enum Sysexit: Int32, Sendable, CaseIterable {
    case ok = 0
    /// Bad command line: unknown option, unsupported operation mode (`-bs`, `-bp`).
    case usage = 64
    /// The message or an address in it is unusable.
    case dataError = 65
    /// A local input file (a certificate, the message file) is missing or unreadable.
    case noInput = 66
    /// The server's host name does not resolve.
    case noHost = 68
    /// The server refused permanently (5xx), or cannot do what is needed (no STARTTLS under
    /// `--ssl-reqd`, an untrusted certificate).
    case unavailable = 69
    /// An internal error.
    case software = 70
    /// Local reading or writing failed (the message, the queue).
    case ioError = 74
    /// Temporary: a 4xx reply, a timeout, a refused or dropped connection. Try again later.
    case temporaryFailure = 75
    /// The server's bytes are not SMTP, or the TLS handshake failed.
    case protocolError = 76
    /// Authentication was refused.
    case noPermission = 77
    /// The configuration is unusable: no server known, a local TLS file or option unusable.
    case configuration = 78

    /// The status for a failure that ended with `curlCode` and, when the failure was a refusal,
    /// the server's reply code: a reply's class decides first (4xx temporary, 5xx permanent; an
    /// authentication refusal is 77 whatever its class but 4xx), then the kind of failure.
    public init(curlCode: CurlCode, replyCode: Int?) {
        if let replyCode {
            if (400...499).contains(replyCode) {
                self = .temporaryFailure
                return
            }
            if (500...599).contains(replyCode) {
                self = curlCode == .loginDenied ? .noPermission : .unavailable
                return
            }
        }
        self = Self.status(for: curlCode)
    }

    // swift-format-ignore
    private static func status(for code: CurlCode) -> Sysexit {
        switch code {
        case .ok: .ok
        case .unsupportedProtocol, .failedInit, .urlMalformat, .badFunctionArgument: .usage
        case .couldntResolveHost: .noHost
        case .couldntConnect, .operationTimedOut, .recvError, .gotNothing, .interrupted: .temporaryFailure
        case .weirdServerReply, .sslConnectError, .ftpWeirdPasvReply, .ftpWeird227Format: .protocolError
        case .remoteAccessDenied, .sendError, .quoteError, .uploadFailed, .useSSLFailed, .peerFailedVerification,
            .sslPinnedPubKeyNotMatch, .sslInvalidCertStatus, .authError, .remoteFileNotFound,
            .httpReturnedError, .ftpCouldntSetType, .ftpCouldntUseRest, .ldapCannotBind, .ldapSearchFailed,
            .tooManyRedirects, .partialFile, .badDownloadResume, .sendFailRewind:
            .unavailable
        case .loginDenied: .noPermission
        case .writeError, .readError: .ioError
        case .notBuiltIn, .sslCertProblem, .sslCipher, .sslCACertBadFile, .sslCRLBadFile: .configuration
        }
    }
}
