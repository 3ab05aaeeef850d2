import Transport

extension POP3Response {
    /// Reads one status line (or, with `allowsContinuation`, an AUTH continuation) from
    /// `stream`, reporting it to `trace` as it arrives, before it is judged, so `-v` shows the
    /// offending line too. Bytes after it stay buffered (pipelining, RFC 2449 6.6).
    /// - Throws: `POP3Error` `.malformedResponse`, `.lineTooLong` (over
    ///   `limits.maxStatusLineLength`, or `maxSASLLineLength` with `allowsContinuation`), or
    ///   `.cutShort` when the server closes instead of answering (curl 56); whatever the
    ///   transport throws (timeouts: curl 28).
    public static func read(from stream: ByteStream, trace: Trace, limits: POP3Limits = .default,
                            allowsContinuation: Bool = false) throws -> POP3Response {
        let limit = allowsContinuation ? limits.maxSASLLineLength : limits.maxStatusLineLength
        let line: [UInt8]?
        do {
            line = try stream.readLine(maxLength: limit)
        } catch let error as LineTooLongError {
            throw POP3Error(.lineTooLong, "Server response line too long (limit \(error.limit) bytes)")
        } catch let error as TransportError where error.kind == .receive {
            throw POP3Error(.cutShort, error.message)
        }
        guard let line else {
            throw POP3Error(.cutShort, "Connection closed by \(stream.transport.peerName) instead of responding")
        }
        if trace.isEnabled { trace.received(line) }
        return try POP3Response(line: line, allowsContinuation: allowsContinuation)
    }
}
