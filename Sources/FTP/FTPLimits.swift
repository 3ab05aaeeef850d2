import LineProtocol

/// How much the server may send (DESIGN.md rule 5): one place for every FTP bound.
public struct FTPLimits: Equatable, Sendable {
    /// Replies on the control connection (a FEAT list, a long 230 banner).
    public var reply: LineLimits
    /// Preliminary replies (1yz) before the final one, for one command.
    public var maxPreliminaryReplies: Int
    /// Bytes of one data transfer (a download or a listing); past it the transfer fails (curl 18)
    /// rather than filling the disk for ever.
    public var maxTransferSize: UInt64

    public init(
        reply: LineLimits = LineLimits(maxLineCount: 10_000, maxReplySize: 1024 * 1024),
        maxPreliminaryReplies: Int = 16, maxTransferSize: UInt64 = 1 << 44
    ) {
        self.reply = reply
        self.maxPreliminaryReplies = maxPreliminaryReplies
        self.maxTransferSize = maxTransferSize
    }

    public static let `default` = FTPLimits()
}
