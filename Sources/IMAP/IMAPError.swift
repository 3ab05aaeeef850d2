import ExitCode

/// Everything the IMAP layer itself can fail with. Transport failures (`TransportError`, e.g. the
/// server closing in the middle of a response or of a literal: curl 56; a silent server: curl 28)
/// pass through unchanged.
///
/// The CLI maps kinds to curl exit codes; the intended code is on each case. Messages quote the
/// server's text made printable.
public struct IMAPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The command a tagged NO or BAD answered. Codes follow what curl 7.88 returns in the same
    /// state (`lib/imap.c`), except where noted.
    public enum Stage: Equatable, Sendable {
        /// CAPABILITY (curl 8, WEIRD_SERVER_REPLY). Under `--ssl-reqd` before TLS the session
        /// reports 64 instead (`TLSRequiredError`), per DESIGN.md rule 2.
        case capability
        /// STARTTLS refused (curl 64, USE_SSL_FAILED: `STARTTLS denied`). Under `--ssl` too: a
        /// refusal is not "not offered" (DESIGN.md rule 2).
        case startTLS
        /// LOGIN (curl 67, LOGIN_DENIED: `Access denied`).
        case login
        /// AUTHENTICATE, or a later step of its exchange (curl 67, LOGIN_DENIED).
        case authenticate
        /// ENABLE or ID, which the session sends only when offered (curl 8, WEIRD_SERVER_REPLY;
        /// a session may also ignore the refusal: both are optional).
        case enable
        case id
        /// SELECT or EXAMINE: no such mailbox, or no access (curl 78, REMOTE_FILE_NOT_FOUND:
        /// what the suite's contract says for a missing mailbox; curl 7.88 itself says 67 here,
        /// `Select failed`).
        case select
        case examine
        /// STATUS of a mailbox (curl 78, REMOTE_FILE_NOT_FOUND; curl never sends STATUS).
        case status
        /// LIST or LSUB, curl's listing (curl 21, QUOTE_ERROR: curl answers every non-OK tagged
        /// response to LIST, SEARCH and custom commands with it).
        case list
        /// SEARCH from the URL's query (curl 21, QUOTE_ERROR).
        case search
        /// FETCH or UID FETCH of the URL's message, refused or answered without the message
        /// (curl 78, REMOTE_FILE_NOT_FOUND). A NO after the message's data has arrived is curl 8
        /// (its FETCH_FINAL state); the session reports that as `.unexpectedResponse`.
        case fetch
        /// STORE (`--delete` setting `\Deleted`) or EXPUNGE / UID EXPUNGE (curl 9,
        /// REMOTE_ACCESS_DENIED: curl has no such step; the server refused to change the
        /// mailbox, as a read-only mailbox does).
        case store
        case expunge
        /// A custom command from `-X` (curl 21, QUOTE_ERROR).
        case custom
        /// APPEND of `-T FILE`, its literal refused or the command answered NO or BAD (curl 25,
        /// UPLOAD_FAILED).
        case append
        /// NOOP, CLOSE, UNSELECT, LOGOUT or anything else (curl 8, WEIRD_SERVER_REPLY).
        case other
    }

    public enum Kind: Equatable, Sendable {
        /// The server's bytes are not an IMAP response: grammar violated (unbalanced
        /// parentheses, an unterminated quoted string, a NUL or CR inside a line, a number where
        /// none fits 32 bits, a zero where RFC 3501 says nz-number...), or nesting deeper than
        /// `IMAPLimits.maxNestingDepth` (curl 8, WEIRD_SERVER_REPLY).
        case malformedResponse
        /// A literal announcement that is not `{digits}` (`{-1}`, `{1a}`, `{}`), a non-
        /// synchronizing `{n+}` from a server, a size over `IMAPLimits.maxLiteralSize`, or a
        /// literal too large to be kept in memory where it must be (curl 8, WEIRD_SERVER_REPLY).
        case badLiteral
        /// A line over `IMAPLimits.maxLineLength`, a response over `IMAPLimits.maxResponseSize`
        /// or with more than `IMAPLimits.maxLiteralCount` literals (curl 8, WEIRD_SERVER_REPLY).
        case responseTooLong
        /// A well-formed response that has no place here: a continuation request nobody asked
        /// for, a tagged response with a tag not in flight, untagged data out of place, NO after
        /// the message data (curl 8, WEIRD_SERVER_REPLY). Raised by the session.
        case unexpectedResponse
        /// The greeting is neither `* OK` nor `* PREAUTH` (a `* BYE`, say) (curl 8,
        /// WEIRD_SERVER_REPLY: `Got unexpected imap-server response`).
        case badGreeting
        /// The server answered `stage` with a tagged NO or BAD; the code depends on the stage
        /// (see `Stage`: 8, 9, 21, 64, 67 or 78).
        case rejected(Stage, IMAPTaggedResponse)
        /// The connection closed in the middle of a literal (a message body cut off) (curl 18,
        /// PARTIAL_FILE). What was streamed to a sink is incomplete and must be abandoned.
        case partialMessage
        /// `* BYE` while a command was in flight: the server is closing the connection (curl 56,
        /// RECV_ERROR: curl ignores the BYE and fails when the connection closes).
        case serverClosing
        /// The mailbox's UIDVALIDITY differs from the URL's `;UIDVALIDITY=` (curl 78,
        /// REMOTE_FILE_NOT_FOUND: `Mailbox UIDVALIDITY has changed`).
        case uidValidityChanged
        /// The URL cannot be understood as an IMAP request: unknown or repeated `;NAME=`
        /// parameter, a UID or MAILINDEX that is not a non-zero 32-bit number, a bad SECTION or
        /// PARTIAL, control characters after percent-decoding, a message named without a
        /// mailbox (curl 3, URL_MALFORMAT).
        case badURL
        /// A command argument that IMAP cannot carry: a NUL byte (no IMAP string can hold one),
        /// CR or LF in a custom command or search criteria (curl 3, URL_MALFORMAT, as for
        /// SMTP's unusable addresses: nothing has been sent).
        case unsendableArgument
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The error for a tagged NO or BAD, worded as curl words it where it has words, with the
    /// server's text added: `Access denied: NO [AUTHENTICATIONFAILED] Authentication failed.`
    public static func rejected(_ stage: Stage, _ response: IMAPTaggedResponse) -> IMAPError {
        let prefix: String
        switch stage {
        case .capability: prefix = "CAPABILITY failed: "
        case .startTLS: prefix = "STARTTLS denied: "
        case .login: prefix = "Access denied: "
        case .authenticate: prefix = "Authentication failed: "
        case .enable: prefix = "ENABLE failed: "
        case .id: prefix = "ID failed: "
        case .select: prefix = "Select failed: "
        case .examine: prefix = "Examine failed: "
        case .status: prefix = "STATUS failed: "
        case .list: prefix = "LIST failed: "
        case .search: prefix = "SEARCH failed: "
        case .fetch: prefix = "FETCH failed: "
        case .store: prefix = "STORE failed: "
        case .expunge: prefix = "EXPUNGE failed: "
        case .custom: prefix = "Command failed: "
        case .append: prefix = "APPEND failed: "
        case .other: prefix = "Command failed: "
        }
        return IMAPError(.rejected(stage, response), prefix + response.summary)
    }

    static func malformed(_ message: String) -> IMAPError { IMAPError(.malformedResponse, message) }

    /// The server answered in order and the session can still say LOGOUT: a refused command
    /// (its tagged NO or BAD read), a UIDVALIDITY that differs. Not after garbage, a cut-off
    /// response or a BYE, where nothing more can be said.
    public var leavesSessionInStep: Bool {
        switch kind {
        case .rejected, .uidValidityChanged: true
        case .malformedResponse, .badLiteral, .responseTooLong, .unexpectedResponse, .badGreeting, .partialMessage,
            .serverClosing, .badURL, .unsendableArgument:
            false
        }
    }
}

extension IMAPError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .malformedResponse, .badLiteral, .responseTooLong, .unexpectedResponse, .badGreeting: .weirdServerReply
        case .serverClosing: .recvError
        case .partialMessage: .partialFile
        case .uidValidityChanged: .remoteFileNotFound
        case .badURL, .unsendableArgument: .urlMalformat
        case .rejected(let stage, _): stage.curlCode
        }
    }
}

extension IMAPError.Stage {
    /// The code of a tagged NO or BAD at this stage (see each case).
    public var curlCode: CurlCode {
        switch self {
        case .startTLS: .useSSLFailed
        case .login, .authenticate: .loginDenied
        case .select, .examine, .status, .fetch: .remoteFileNotFound
        case .list, .search, .custom: .quoteError
        case .store, .expunge: .remoteAccessDenied
        case .append: .uploadFailed
        case .capability, .enable, .id, .other: .weirdServerReply
        }
    }
}
