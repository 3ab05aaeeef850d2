import LineProtocol
import Transport

extension SMTPReply {
    /// Reads one reply from `stream`, reporting each line to `trace` as it arrives (before it is
    /// judged, so `-v` shows the offending line too). Bytes after the reply stay buffered for
    /// the next read (pipelining, RFC 2920).
    /// - Throws: see `SMTPError.framing`; whatever the transport throws (timeouts: curl 28).
    public static func read(from stream: ByteStream, trace: Trace) throws -> SMTPReply {
        try LineSession(stream: stream, trace: trace, mapError: SMTPError.framing).read(SMTPReplyParser())
    }
}

extension SMTPError {
    /// SMTP's words for what the engine could not frame: `.malformedReply`, `.replyTooLong`,
    /// `.tooManyLines`, `.unsolicitedReply`; a close before the reply's last line is
    /// `TransportError(.receive)` (curl 56).
    static func framing(_ error: LineFramingError) -> Error {
        switch error.kind {
        case .malformed: SMTPError(.malformedReply, error.message)
        case .lineTooLong, .replyTooLong: SMTPError(.replyTooLong, error.message)
        case .tooManyLines: SMTPError(.tooManyLines, error.message)
        case .unsolicited: SMTPError(.unsolicitedReply, error.message)
        case .closed: TransportError(.receive, error.message)
        }
    }
}
