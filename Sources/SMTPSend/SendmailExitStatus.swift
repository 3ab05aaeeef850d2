import CLI
import ExitCode
import SMTP
import Transport

/// The sysexits status a failure ends sendmail mode with, and what counts as temporary (what
/// `--queue` keeps). Pure: from the error to a status.
///
/// The classes follow sendmail and msmtp: a refused, timed-out or broken connection, a name
/// server that does not answer (EAI_AGAIN) and a 4xx reply are 75 (try again later); a 5xx reply is 69, 77 for a refused authentication; a message that
/// cannot be sent as it is (too large, 8-bit or UTF-8 addresses the server cannot take, a bad
/// address) is 65; a missing server is 78; bad usage 64. See `Sysexit(curlCode:replyCode:)`.
public enum SendmailExitStatus {
    public static func status(for error: Error) -> Sysexit {
        if let error = error as? SMTPError {
            switch error.kind {
            case .rejected(_, let reply): return Sysexit(curlCode: error.curlCode, replyCode: reply.code)
            case .badAddress, .messageTooLarge, .needs8BitMIME, .needsSMTPUTF8, .messageHeaderTooLarge:
                return .dataError
            case .malformedReply, .replyTooLong, .tooManyLines, .unsolicitedReply: return .protocolError
            }
        }
        if let error = error as? SendmailModeError { return error.status }
        if let error = error as? TransportError {
            switch error.kind {
            case .resolve: return error.isTemporary ? .temporaryFailure : .noHost
            // A connection that could not be made, timed out or broke: the server may be back later.
            case .connect, .timeout, .send, .receive, .interrupted: return .temporaryFailure
            }
        }
        return Sysexit(curlCode: ExitCodeMapping.code(for: error), replyCode: nil)
    }

    /// Whether a failure is temporary: the message may be kept and sent again later.
    public static func isTemporary(_ error: Error) -> Bool {
        status(for: error) == .temporaryFailure
    }
}
