/// How much one server reply may hold (DESIGN.md rule 5: the peer is hostile), one value for
/// every line protocol so that a limit is set, tested and reported in one place.
public struct LineLimits: Equatable, Sendable {
    /// One line without its line ending. RFC 5321 4.5.3.1.5 allows 512 octets and RFC 2449 the
    /// same for POP3; greetings, AUTH lists and rejection texts in the wild exceed that, so
    /// lines are not refused short of this.
    public var maxLineLength: Int
    /// Lines of one multi-line reply (an EHLO or CAPA answer).
    public var maxLineCount: Int
    /// All lines of one reply together, counting two bytes of line ending per line: a reply
    /// that never ends costs at most this much memory before it is an error.
    public var maxReplySize: Int
    /// Status responses a server may send for one command besides its answer (IMAP `* OK`
    /// lines during AUTHENTICATE, say): more is a server that never answers (curl 8).
    public var maxUnsolicitedResponses: Int

    public init(
        maxLineLength: Int = 64 * 1024, maxLineCount: Int = 1000, maxReplySize: Int = 256 * 1024,
        maxUnsolicitedResponses: Int = 1000
    ) {
        self.maxLineLength = maxLineLength
        self.maxLineCount = maxLineCount
        self.maxReplySize = maxReplySize
        self.maxUnsolicitedResponses = maxUnsolicitedResponses
    }

    public static let `default` = LineLimits()

    /// The limit as people read it in messages: "64 KiB", "512 bytes".
    public static func describe(_ bytes: Int) -> String {
        bytes >= 1024 && bytes % 1024 == 0 ? "\(bytes / 1024) KiB" : "\(bytes) bytes"
    }
}
