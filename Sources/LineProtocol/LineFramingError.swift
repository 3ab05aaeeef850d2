import ExitCode

/// Why the engine could not frame a reply: what every line protocol's reader used to say in its
/// own words. Each protocol turns it into its own error kind in one place (its `LineErrorMapping`)
/// so that exit codes stay declared beside the protocol's errors.
public struct LineFramingError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A line over `LineLimits.maxLineLength` (curl 8).
        case lineTooLong
        /// A reply over `LineLimits.maxReplySize` (curl 8).
        case replyTooLong
        /// A reply of more than `LineLimits.maxLineCount` lines (curl 8).
        case tooManyLines
        /// Bytes that are not a reply of this protocol (curl 8).
        case malformed
        /// The connection closed before the reply's end; `midReply` when part of it had come.
        case closed(midReply: Bool)
        /// Bytes arrived before a command was sent: a reply nobody asked for (curl 8).
        case unsolicited
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension LineFramingError: CurlCodeError {
    /// What the protocols map it to when they have no word of their own: a reply that cannot be
    /// framed is curl 8; a connection closed before a reply ended is curl 56.
    public var curlCode: CurlCode {
        switch kind {
        case .lineTooLong, .replyTooLong, .tooManyLines, .malformed, .unsolicited: .weirdServerReply
        case .closed: .recvError
        }
    }
}
