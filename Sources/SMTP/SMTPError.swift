import ExitCode

/// Everything the SMTP layer itself can fail with. Transport failures (`TransportError`, e.g. the
/// server closing in the middle of a reply: curl 56) pass through unchanged.
///
/// The CLI maps kinds to curl exit codes; the intended code is on each case. Messages follow
/// curl's wording (`MAIL failed: 550`) and add the server's text, made printable.
public struct SMTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The command a refused reply answered.
    public enum Stage: Equatable, Sendable {
        /// The 220 greeting (curl 8, WEIRD_SERVER_REPLY: `Got unexpected smtp-server response`).
        case greeting
        /// EHLO (curl 9, REMOTE_ACCESS_DENIED: `Remote access denied`).
        case ehlo
        /// HELO, the fallback after a refused EHLO (curl 9, REMOTE_ACCESS_DENIED).
        case helo
        /// STARTTLS refused while TLS is required (curl 64, USE_SSL_FAILED). Under `--ssl` the
        /// session continues in plaintext instead and never throws this.
        case startTLS
        /// AUTH, or a later step of the SASL exchange (curl 67, LOGIN_DENIED).
        case auth
        /// MAIL FROM (curl 55, SEND_ERROR: `MAIL failed`).
        case mail
        /// RCPT TO (curl 55, SEND_ERROR: `RCPT failed`).
        case rcpt
        /// DATA not answered with 354 (curl 55, SEND_ERROR: `DATA failed`).
        case data
        /// The reply after the message and its terminating `.` (curl 8, WEIRD_SERVER_REPLY, as
        /// curl does for anything but 250 there).
        case message
        /// A custom command from `-X` (curl 8, WEIRD_SERVER_REPLY: `Command failed`).
        case command
    }

    public enum Kind: Equatable, Sendable {
        /// The server's bytes are not an SMTP reply: a line without a three-digit code, a bad
        /// separator after the code, lines of one reply with different codes, a NUL or CR in a
        /// line (curl 8, WEIRD_SERVER_REPLY).
        case malformedReply
        /// A reply line over `LineLimits.maxLineLength` or a reply over
        /// `LineLimits.maxReplySize` (curl 8, WEIRD_SERVER_REPLY).
        case replyTooLong
        /// A reply of more than `LineLimits.maxLineCount` lines (curl 8, WEIRD_SERVER_REPLY).
        case tooManyLines
        /// Bytes arrived while no reply was outstanding: a reply the client never asked for
        /// would be taken as the answer to the next command (curl 8, WEIRD_SERVER_REPLY).
        case unsolicitedReply
        /// The server answered `stage` with this reply; the code depends on the stage (see
        /// `Stage`: 8, 9, 64, 67 or 55).
        case rejected(Stage, SMTPReply)
        /// An address given with `--mail-from`, `--mail-rcpt`, `--mail-auth` or found in the
        /// message header under `-t`, or the EHLO name from the URL, is not usable: a control
        /// character (CR LF would split the command), angle brackets or spaces where they
        /// cannot be, unbalanced quotes (curl 3, URL_MALFORMAT). Nothing has been sent.
        case badAddress
        /// The message is larger than the limit the server announced with SIZE (RFC 1870). curl
        /// sends it anyway and lets the server refuse; refusing before sending gives the same
        /// outcome earlier (curl 55, SEND_ERROR, the code of the server's refusal).
        case messageTooLarge
        /// The message has 8-bit bytes and the server does not offer 8BITMIME, which RFC 6152
        /// forbids sending it (curl 55, SEND_ERROR).
        case needs8BitMIME
        /// An envelope address is not ASCII and the server does not offer SMTPUTF8 (RFC 6531).
        /// curl would convert the domain with IDN and send a UTF-8 local part anyway; this suite
        /// has no IDN library and refuses (curl 55, SEND_ERROR).
        case needsSMTPUTF8
        /// Under `-t`, the message's header section exceeds `MessageHeaderReader`'s limits
        /// (curl 26, READ_ERROR: the upload could not be read as a message).
        case messageHeaderTooLarge
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The error for a refused reply, worded as curl words it, with the server's text added:
    /// `MAIL failed: 550 5.7.1 Relaying denied`.
    public static func rejected(_ stage: Stage, _ reply: SMTPReply) -> SMTPError {
        let prefix: String
        switch stage {
        case .greeting: prefix = "Got unexpected smtp-server response: "
        case .ehlo, .helo: prefix = "Remote access denied: "
        case .startTLS: prefix = "STARTTLS denied, code "
        case .auth: prefix = "Authentication failed: "
        case .mail: prefix = "MAIL failed: "
        case .rcpt: prefix = "RCPT failed: "
        case .data: prefix = "DATA failed: "
        case .message: prefix = "Message not accepted: "
        case .command: prefix = "Command failed: "
        }
        return SMTPError(.rejected(stage, reply), prefix + reply.summary)
    }

    static func malformed(_ message: String) -> SMTPError { SMTPError(.malformedReply, message) }
}

extension SMTPError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .malformedReply, .replyTooLong, .tooManyLines, .unsolicitedReply: .weirdServerReply
        case .badAddress: .urlMalformat
        case .messageTooLarge, .needs8BitMIME, .needsSMTPUTF8: .sendError
        case .messageHeaderTooLarge: .readError
        case .rejected(let stage, _): stage.curlCode
        }
    }
}

extension SMTPError.Stage {
    /// The code of a refusal at this stage (see each case).
    public var curlCode: CurlCode {
        switch self {
        case .greeting, .message, .command: .weirdServerReply
        case .ehlo, .helo: .remoteAccessDenied
        case .startTLS: .useSSLFailed
        case .auth: .loginDenied
        case .mail, .rcpt, .data: .sendError
        }
    }
}
