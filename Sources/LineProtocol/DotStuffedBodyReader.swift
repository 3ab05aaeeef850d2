import Transport

/// Streams the body of a dot-terminated response (POP3 RETR, TOP) from a `ByteStream`, after its
/// status line: memory stays at the stream's buffer whatever the body's size. Bytes after the
/// terminating `.` line stay buffered for the next response (pipelined RETRs).
enum DotStuffedBodyReader {
    /// `ByteStream.readSome` takes every byte it hands over, but the response may end before
    /// the last of them. So the decoder runs inside `readSome`; when it finds the end before
    /// the last byte it throws `EndInsidePiece`, which leaves the whole piece unconsumed (the
    /// stream advances only after its closure returns), and exactly the bytes up to the end are
    /// then taken without decoding them again.
    private struct EndInsidePiece: Error {
        let taken: Int
    }

    /// - Throws: `LineFramingError(.closed(midReply: true))` when the connection closes before
    ///   the `.` line (what was emitted is incomplete and must be abandoned);
    ///   `.lineTooLong`; `.replyTooLong` past `maxSize` content bytes (a body that never ends is
    ///   bounded by bytes, not only by time); whatever the transport or `emit` throws.
    static func read(
        from stream: ByteStream, maxLineLength: Int, maxSize: UInt64,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> UInt64 {
        var decoder = DotStuffedDecoder(maxLineLength: maxLineLength)
        while !decoder.isComplete {
            guard decoder.decodedCount <= maxSize else {
                throw LineFramingError(
                    .replyTooLong, "Server sent a multi-line response of more than \(maxSize) bytes without its end")
            }
            let received: Int
            do {
                received = try stream.readSome(maxCount: Int.max) { piece in
                    if let taken = try decoder.decode(piece, emit: emit), taken < piece.count {
                        throw EndInsidePiece(taken: taken)
                    }
                }
            } catch let end as EndInsidePiece {
                received = try stream.readSome(maxCount: end.taken) { _ in }
                guard received == end.taken else {
                    throw LineFramingError(
                        .closed(midReply: true),
                        "Connection to \(stream.transport.peerName) lost at the end of a response")
                }
            } catch let error as TransportError where error.kind == .receive {
                throw LineFramingError(
                    .closed(midReply: true), error.message + " (in the middle of a multi-line response)")
            }
            if received == 0 {
                throw LineFramingError(
                    .closed(midReply: true),
                    "Connection closed by \(stream.transport.peerName) before the end "
                        + "of the response (no \".\" line; \(decoder.decodedCount) bytes received)")
            }
        }
        return decoder.decodedCount
    }
}
