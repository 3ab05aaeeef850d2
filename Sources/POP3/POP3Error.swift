import ExitCode

/// Everything the POP3 layer itself can fail with. Transport failures (`TransportError`: a
/// silent server is curl 28, a reset curl 56) pass through unchanged.
///
/// The CLI maps kinds to curl exit codes; the intended code is on each case. Messages quote the
/// server's line made printable, and say what an RFC 2449/3206 response code means
/// (`Access denied: mailbox in use (another session holds it): -ERR [IN-USE] ...`).
public struct POP3Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The command an `-ERR` answered. Codes follow curl 7.88 (`lib/pop3.c`) except where noted.
    public enum Stage: Equatable, Sendable {
        /// The greeting is `-ERR` (curl 8, WEIRD_SERVER_REPLY: `Got unexpected pop3-server
        /// response`).
        case greeting
        /// CAPA (curl 8; curl itself carries on without capabilities, and so may the session;
        /// under `--ssl-reqd` before TLS the session reports 64 instead, DESIGN.md rule 2).
        case capa
        /// STLS refused (curl 64, USE_SSL_FAILED: `STARTTLS denied`). Under `--ssl` too: a
        /// refusal is not "not offered" (DESIGN.md rule 2; curl 7.88 falls back to plaintext).
        case stls
        /// USER, PASS, APOP, or AUTH and any later step of its exchange (curl 67, LOGIN_DENIED).
        case user
        case pass
        case apop
        case auth
        /// STAT (curl 8, WEIRD_SERVER_REPLY).
        case stat
        /// LIST or UIDL naming a message, RETR, TOP: no such message (curl 78,
        /// REMOTE_FILE_NOT_FOUND: the suite's contract for a missing message; curl 7.88 says 8).
        case message
        /// LIST or UIDL of the whole maildrop (curl 8, WEIRD_SERVER_REPLY, as curl answers a
        /// refused LIST).
        case listing
        /// DELE (curl 9, REMOTE_ACCESS_DENIED: the server refused to change the maildrop; curl
        /// has no DELE step of its own).
        case dele
        /// A custom command from `-X` (curl 8, WEIRD_SERVER_REPLY: curl 7.88 answers any `-ERR`
        /// to the command it sent with it, custom or not).
        case custom
        /// NOOP, RSET, QUIT or anything else (curl 8, WEIRD_SERVER_REPLY).
        case other
    }

    public enum Kind: Equatable, Sendable {
        /// The server's bytes are not POP3: a line that is neither `+OK` nor `-ERR`, a NUL or CR
        /// inside a line, a STAT/LIST/UIDL line that is not `n size` / `n unique-id` (a number
        /// over 32 bits for a message or 64 bits for a size, a zero message number, a unique-id
        /// that breaks RFC 1939 7), message numbers out of order, a duplicate unique-id, a
        /// malformed CAPA line (curl 8, WEIRD_SERVER_REPLY).
        case malformedResponse
        /// A line over its `POP3Limits` bound: a status line, a listing line, or a line of a
        /// message that never ends (curl 8, WEIRD_SERVER_REPLY).
        case lineTooLong
        /// A listing of more than `POP3Limits.maxListingEntries` entries, or a CAPA response of
        /// more than `maxCapabilityLines` lines (curl 8, WEIRD_SERVER_REPLY).
        case tooManyEntries
        /// The connection closed before a response's end: before the `.` line of a listing, in
        /// the middle of a line, or instead of a response (curl 56, RECV_ERROR).
        case cutShort
        /// The connection closed before the `.` line of a message body (RETR, TOP, a custom
        /// command's answer) (curl 18, PARTIAL_FILE). What was streamed to a sink is incomplete
        /// and must be abandoned.
        case partialMessage
        /// Bytes arrived while no response was outstanding: a response nobody asked for would
        /// be taken as the answer to the next command (curl 8, WEIRD_SERVER_REPLY).
        case unsolicitedResponse
        /// The server answered `stage` with `-ERR`; the code depends on the stage (see
        /// `Stage`: 8, 9, 64, 67 or 78).
        case rejected(Stage, POP3Response)
        /// An argument that a POP3 command cannot carry: CR, LF or NUL (it would end the command
        /// and start another), an empty user name (curl 3, URL_MALFORMAT, as for SMTP's and
        /// IMAP's unusable arguments: nothing has been sent).
        case unsendableArgument
        /// The URL path or `-X` request holds a control character after percent-decoding
        /// (curl 3, URL_MALFORMAT, curl's REJECT_CTRL).
        case badURL
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The error for an `-ERR`, worded as curl words it where it has words, then the meaning of
    /// a known response code, then the server's line: `Access denied: temporary system error:
    /// -ERR [SYS/TEMP] Try later`.
    public static func rejected(_ stage: Stage, _ response: POP3Response) -> POP3Error {
        let prefix: String
        switch stage {
        case .greeting: prefix = "Got unexpected pop3-server response"
        case .capa: prefix = "CAPA failed"
        case .stls: prefix = "STARTTLS denied"
        case .user, .pass, .apop: prefix = "Access denied"
        case .auth: prefix = "Authentication failed"
        case .stat: prefix = "STAT failed"
        case .message: prefix = "No such message"
        case .listing: prefix = "Listing failed"
        case .dele: prefix = "DELE failed"
        case .custom: prefix = "Command failed"
        case .other: prefix = "Command failed"
        }
        let meaning = response.code?.explanation.map { ": " + $0 } ?? ""
        return POP3Error(.rejected(stage, response), prefix + meaning + ": " + response.summary)
    }

    static func malformed(_ message: String) -> POP3Error { POP3Error(.malformedResponse, message) }

    /// The server answered `-ERR` in order: the session can still say QUIT (curl test 855).
    public var leavesSessionInStep: Bool {
        switch kind {
        case .rejected: true
        case .malformedResponse, .lineTooLong, .tooManyEntries, .unsolicitedResponse, .partialMessage, .cutShort,
            .unsendableArgument, .badURL:
            false
        }
    }
}

extension POP3Error: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .malformedResponse, .lineTooLong, .tooManyEntries, .unsolicitedResponse: .weirdServerReply
        case .partialMessage: .partialFile
        case .cutShort: .recvError
        case .unsendableArgument, .badURL: .urlMalformat
        case .rejected(let stage, _): stage.curlCode
        }
    }
}

extension POP3Error.Stage {
    /// The code of an `-ERR` at this stage (see each case).
    public var curlCode: CurlCode {
        switch self {
        case .stls: .useSSLFailed
        case .user, .pass, .apop, .auth: .loginDenied
        case .dele: .remoteAccessDenied
        case .greeting, .capa, .stat, .listing, .message, .custom, .other: .weirdServerReply
        }
    }
}
