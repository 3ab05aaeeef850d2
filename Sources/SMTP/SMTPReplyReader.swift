import Transport

extension SMTPReply {
    /// Reads one reply from `stream`, reporting each line to `trace` as it arrives (before it is
    /// judged, so `-v` shows the offending line too). Bytes after the reply stay buffered for
    /// the next read (pipelining, RFC 2920).
    /// - Throws: `SMTPError` (`.malformedReply`, `.replyTooLong`, `.tooManyLines`);
    ///   `TransportError(.receive)` when the server closes before the reply's last line (curl 56);
    ///   whatever the transport throws (timeouts: curl 28).
    public static func read(from stream: ByteStream, trace: Trace) throws -> SMTPReply {
        var parser = SMTPReplyParser()
        while true {
            let line: [UInt8]?
            do {
                line = try stream.readLine(maxLength: SMTPReplyParser.maxLineLength)
            } catch is LineTooLongError {
                throw SMTPError(.replyTooLong, "Server reply line too long (limit 8 KiB)")
            }
            guard let line else {
                let what = parser.hasStarted ? "in the middle of a reply" : "instead of replying"
                throw TransportError(.receive, "Connection closed by \(stream.transport.peerName) \(what)")
            }
            if trace.isEnabled { trace.received(line) }
            if let reply = try parser.consume(line: line) { return reply }
        }
    }
}
