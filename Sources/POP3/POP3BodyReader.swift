import Transport

/// Streams the body of a multi-line response (RETR, TOP, a custom command's answer) from a
/// `ByteStream` to a `POP3BodySink`, after its `+OK` line has been read: memory stays at the
/// stream's buffer whatever the message's size. Bytes after the terminating `.` line stay
/// buffered for the next response (pipelined RETRs).
public enum POP3BodyReader {
    /// - Returns: the number of content bytes written to `sink` (after unstuffing, line endings
    ///   as sent, without the `.` line).
    /// - Throws: `POP3Error(.cutShort)` when the connection closes before the `.` line (curl 56:
    ///   what was written is incomplete and must be abandoned, never saved as a message);
    ///   `POP3Error(.lineTooLong)` for a line over `limits.maxBodyLineLength`; whatever the
    ///   transport or the sink throws.
    @discardableResult
    public static func read(from stream: ByteStream, into sink: POP3BodySink,
                            limits: POP3Limits = .default) throws -> UInt64 {
        try read(from: stream, limits: limits) { try sink.write($0) }
    }

    /// Reads and drops the body (a listing nobody asked to see, a message being skipped).
    @discardableResult
    public static func skip(from stream: ByteStream, limits: POP3Limits = .default) throws -> UInt64 {
        try read(from: stream, limits: limits) { _ in }
    }

    /// `ByteStream.readSome` takes every byte it hands over, but the response may end before
    /// the last of them. So the decoder runs inside `readSome`; when it finds the end before
    /// the last byte it throws `EndInsidePiece`, which leaves the whole piece unconsumed (the
    /// stream advances only after its closure returns), and exactly the bytes up to the end are
    /// then taken without decoding them again.
    private struct EndInsidePiece: Error {
        let taken: Int
    }

    static func read(from stream: ByteStream, limits: POP3Limits,
                     emit: (UnsafeRawBufferPointer) throws -> Void) throws -> UInt64 {
        var decoder = POP3DotDecoder(maxLineLength: limits.maxBodyLineLength)
        while !decoder.isComplete {
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
                    throw POP3Error(.cutShort, "Connection to \(stream.transport.peerName) lost at the end of a response")
                }
            } catch let error as TransportError where error.kind == .receive {
                throw POP3Error(.cutShort, error.message + " (in the middle of a multi-line response)")
            }
            if received == 0 {
                throw POP3Error(.cutShort, "Connection closed by \(stream.transport.peerName) before the end of the response "
                                + "(no \".\" line; \(decoder.decodedCount) bytes received)")
            }
        }
        return decoder.decodedCount
    }
}
