import CurlURL

/// What a POP3 URL asks for, read the way curl reads it (`lib/pop3.c`, RFC 2384's path):
/// everything after the first `/` of the path, percent-decoded, is the message id, sent as
/// given; `-X` replaces the command word; `-l` (list only) turns a retrieval into `LIST id`.
/// Pure: the path comes from `CurlURL.path` as given (percent-encoding kept).
///
/// | URL, options                        | command sent   | `+OK` body            | output        |
/// |-------------------------------------|----------------|-----------------------|---------------|
/// | `pop3://host/`                      | `LIST`         | scan listings         | the listing   |
/// | `pop3://host/1`                     | `RETR 1`       | the message           | the message   |
/// | `pop3://host/1`, `-l`               | `LIST 1`       | none                  | nothing       |
/// | `pop3://host/`, `-X UIDL`           | `UIDL`         | unique-id listings    | the listing   |
/// | `pop3://host/1`, `-X UIDL`          | `UIDL 1`       | none                  | nothing       |
/// | `pop3://host/`, `-X "TOP 1 0"`      | `TOP 1 0`      | the header            | the header    |
/// | `pop3://host/1%200`, `-X TOP`       | `TOP 1 0`      | the header            | the header    |
/// | `pop3://host/1`, `-X DELE`          | `DELE 1`       | none                  | nothing       |
/// | `pop3://host/`, `-X XFOO`           | `XFOO`         | read as multi-line    | the body      |
/// | any, `-I` (no body)                 | as above       | read if RFC says so   | nothing       |
///
/// Where this differs from curl 7.88: curl reads every custom command's answer as multi-line
/// unless `-I` is given, so `-X DELE` (or `-X NOOP`, `-X STAT`, `-X "UIDL 1"`...) waits for a
/// `.` line that never comes, until `-m` (curl 28). Here the commands RFC 1939 and RFC 2449
/// define are read as they are framed (`POP3ResponseShape`); only unknown commands follow
/// curl's rule. With `-I`, an unknown command is read as single-line (curl's way of sending
/// one), and a known multi-line answer is read and dropped (curl leaves it unread).
public struct POP3URLRequest: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// `LIST`: curl's listing of the maildrop.
        case list
        /// `LIST id` (`-l` with a message id).
        case listMessage
        /// `RETR id`: one message, to stdout or `-o FILE` (renamed only once the `.` line
        /// arrived).
        case retrieve
        /// `-X`: a custom command (with ` id` appended when the URL names a message).
        case custom
    }

    public let kind: Kind
    /// The URL's message id, percent-decoded, as given (curl does not check it is a number);
    /// empty when the path names none.
    public let messageID: String
    /// The command to send.
    public let command: POP3Command
    /// Whether the `+OK` is followed by a multi-line body that must be read.
    public let expectsMultilineBody: Bool
    /// Whether that body is the output (written to stdout or `-o`); when false it is read and
    /// dropped, and the tool prints nothing.
    public let writesBody: Bool

    /// The stage an `-ERR` answer is reported at: 78 for a missing message (`RETR`, `LIST id`),
    /// 8 for the listing and custom commands (curl 7.88).
    public var rejectionStage: POP3Error.Stage {
        switch kind {
        case .list: .listing
        case .listMessage, .retrieve: .message
        case .custom: .custom
        }
    }

    /// - Parameters:
    ///   - path: `CurlURL.path` (`/1`, `/`, or empty).
    ///   - customRequest: the `-X` argument; nil or empty when none (curl ignores an empty one).
    ///   - listOnly: `-l/--list-only`.
    ///   - noBody: `-I/--head` (`CURLOPT_NOBODY`).
    /// - Throws: `POP3Error(.badURL)` for a control character after percent-decoding (curl 3).
    public init(
        path: String, customRequest: String? = nil, listOnly: Bool = false, noBody: Bool = false
    ) throws(POP3Error) {
        let rawID = path.first == "/" ? String(path.dropFirst()) : path
        messageID = try Self.percentDecoded(rawID, what: "URL path")
        let custom =
            try customRequest.map { (text) throws(POP3Error) in try Self.percentDecoded(text, what: "custom request") }
            ?? ""

        let word: String
        if !custom.isEmpty {
            kind = .custom
            word = custom
        } else if messageID.isEmpty {
            kind = .list
            word = "LIST"
        } else if listOnly {
            kind = .listMessage
            word = "LIST"
        } else {
            kind = .retrieve
            word = "RETR"
        }
        command = try POP3Command.custom(messageID.isEmpty ? word : word + " " + messageID)

        let shapeSaysMultiline = POP3ResponseShape.isMultiline(command.line)
        let isInfoOnly = noBody || (listOnly && !messageID.isEmpty)  // curl's PPTRANSFER_INFO
        if kind == .custom && isInfoOnly && !POP3ResponseShape.isKnown(command.line) {
            expectsMultilineBody = false
        } else {
            expectsMultilineBody = shapeSaysMultiline
        }
        writesBody = expectsMultilineBody && !isInfoOnly
    }

    /// curl's lenient percent-decoding (`PercentEncoding.decodeLeniently`), refusing a control
    /// character as POP3's own error (curl 3).
    static func percentDecoded(_ text: String, what: String) throws(POP3Error) -> String {
        guard let bytes = PercentEncoding.decodeLeniently(text) else {
            throw POP3Error(.badURL, "The \(what) holds a control character after percent-decoding")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
