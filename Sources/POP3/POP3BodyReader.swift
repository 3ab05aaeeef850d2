import LineProtocol
import Transport

/// Streams the body of a multi-line response (RETR, TOP, a custom command's answer) from a
/// `ByteStream` to a `POP3BodySink`, after its `+OK` line has been read, with LineProtocol's
/// dot-stuffed body framing: memory stays at the stream's buffer whatever the message's size.
/// Bytes after the terminating `.` line stay buffered for the next response (pipelined RETRs).
public enum POP3BodyReader {
    /// - Returns: the number of content bytes written to `sink` (after unstuffing, line endings
    ///   as sent, without the `.` line).
    /// - Throws: `POP3Error(.partialMessage)` when the connection closes before the `.` line
    ///   (curl 18: what was written is incomplete and must be abandoned, never saved as a
    ///   message); `POP3Error(.lineTooLong)` for a line over `limits.maxBodyLineLength`;
    ///   whatever the transport or the sink throws.
    @discardableResult
    public static func read(
        from stream: ByteStream, into sink: POP3BodySink,
        limits: POP3Limits = .default
    ) throws -> UInt64 {
        try read(from: stream, limits: limits) { try sink.write($0) }
    }

    /// Reads and drops the body (a listing nobody asked to see, a message being skipped).
    @discardableResult
    public static func skip(from stream: ByteStream, limits: POP3Limits = .default) throws -> UInt64 {
        try read(from: stream, limits: limits) { _ in }
    }

    static func read(
        from stream: ByteStream, limits: POP3Limits,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> UInt64 {
        try read(with: session(over: stream), limits: limits, emit: emit)
    }

    /// The engine session a body is read with (silent: a body is not traced line by line). A
    /// POP3 session keeps one for all its RETRs.
    static func session(over stream: ByteStream) -> LineSession {
        LineSession(stream: stream, trace: SilentTrace(), mapError: partialMessage)
    }

    static func read(
        with session: LineSession, limits: POP3Limits,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> UInt64 {
        try session.readDotStuffedBody(maxLineLength: limits.maxBodyLineLength, maxSize: limits.maxBodySize, emit: emit)
    }

    /// A body cut off by a closed connection is a partial transfer (curl 18, PARTIAL_FILE).
    static func partialMessage(_ error: LineFramingError) -> Error {
        guard case .closed = error.kind else { return POP3Error.framing(error) }
        return POP3Error(.partialMessage, error.message)
    }
}
