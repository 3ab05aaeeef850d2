/// How much a server may send, per response (DESIGN.md rule 5: the peer is hostile). Message
/// bodies streamed to a sink count only against `maxLiteralSize`: memory does not grow with
/// them.
public struct IMAPLimits: Equatable, Sendable {
    /// One line of a response, without its CR LF: the text before, between or after literals
    /// (RFC 7162 section 4 asks clients to take at least 8,192 octets; long SEARCH results and
    /// capability lists need more). The `ByteStream`'s buffer size also caps it.
    public var maxLineLength: Int
    /// The largest literal announcement accepted, streamed or not: `{4294967296}` is the last
    /// size accepted by default (4 GiB; RFC 3501's sizes are 32-bit numbers).
    public var maxLiteralSize: UInt64
    /// The largest literal kept in memory: a mailbox name, an envelope string, a body section
    /// the caller chose to collect.
    public var maxCollectedLiteralSize: Int
    /// All lines and collected literals of one response together (streamed or discarded
    /// literals excluded).
    public var maxResponseSize: Int
    /// Literals in one response.
    public var maxLiteralCount: Int
    /// Nested parentheses (BODYSTRUCTURE of nested multiparts, extension data).
    public var maxNestingDepth: Int
    /// Untagged responses of any kind before one command's completion: far more than any
    /// mailbox has messages, so that a server streaming data without end is an error (curl 8)
    /// bounded by count, not a loop bounded only by `-m`.
    public var maxUntaggedResponses: Int

    public init(
        maxLineLength: Int = 64 * 1024, maxLiteralSize: UInt64 = 1 << 32,
        maxCollectedLiteralSize: Int = 1024 * 1024, maxResponseSize: Int = 2 * 1024 * 1024,
        maxLiteralCount: Int = 256, maxNestingDepth: Int = 64, maxUntaggedResponses: Int = 10_000_000
    ) {
        self.maxLineLength = maxLineLength
        self.maxLiteralSize = maxLiteralSize
        self.maxCollectedLiteralSize = maxCollectedLiteralSize
        self.maxResponseSize = maxResponseSize
        self.maxLiteralCount = maxLiteralCount
        self.maxNestingDepth = maxNestingDepth
        self.maxUntaggedResponses = maxUntaggedResponses
    }

    public static let `default` = IMAPLimits()
}
