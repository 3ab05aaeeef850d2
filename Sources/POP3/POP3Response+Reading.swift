import LineProtocol
import Transport

extension POP3Response {
    /// Reads one status line (or, with `allowsContinuation`, an AUTH continuation) from
    /// `stream`, reporting it to `trace` as it arrives, before it is judged, so `-v` shows the
    /// offending line too. Bytes after it stay buffered (pipelining, RFC 2449 6.6).
    /// - Throws: see `POP3Error.framing`, and `.malformedResponse`; whatever the transport
    ///   throws (timeouts: curl 28).
    public static func read(
        from stream: ByteStream, trace: Trace, limits: POP3Limits = .default,
        allowsContinuation: Bool = false
    ) throws -> POP3Response {
        let session = LineSession(stream: stream, trace: trace, mapError: POP3Error.framing)
        return try read(from: session, limits: limits, allowsContinuation: allowsContinuation)
    }

    static func read(from session: LineSession, limits: POP3Limits, allowsContinuation: Bool) throws -> POP3Response {
        let limit = allowsContinuation ? limits.maxSASLLineLength : limits.maxStatusLineLength
        let line = try session.read(StatusLineFramer(limits: LineLimits(maxLineLength: limit)))
        return try POP3Response(line: line, allowsContinuation: allowsContinuation)
    }
}

extension POP3Error {
    /// POP3's words for what the engine could not frame: `.malformedResponse`, `.lineTooLong`,
    /// `.tooManyEntries`, `.unsolicitedResponse`, and `.cutShort` for a close (curl 56).
    static func framing(_ error: LineFramingError) -> Error {
        switch error.kind {
        case .malformed: POP3Error(.malformedResponse, error.message)
        case .lineTooLong, .replyTooLong: POP3Error(.lineTooLong, error.message)
        case .tooManyLines: POP3Error(.tooManyEntries, error.message)
        case .unsolicited: POP3Error(.unsolicitedResponse, error.message)
        case .closed: POP3Error(.cutShort, error.message)
        }
    }
}
