import Transport

/// One data connection (RFC 959 3.2), plaintext or TLS: a download is read until the server
/// closes it, an upload is written and then closed (which ends the file).
public final class FTPDataChannel {
    let stream: ByteStream
    let maxSize: UInt64

    init(transport: Transport, deadline: Deadline, idleTimeout: Double?, maxSize: UInt64) {
        stream = ByteStream(transport: transport, deadline: deadline, bufferSize: 256 * 1024)
        stream.idleTimeout = idleTimeout
        self.maxSize = maxSize
    }

    /// Hands every byte to `emit` until the server closes the connection, at most `limit` bytes
    /// (a range) or `FTPLimits.maxTransferSize`; returns the count. Bounded by bytes and by the
    /// stream's deadline and idle timeout.
    public func receive(limit: UInt64? = nil, _ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> UInt64 {
        var total: UInt64 = 0
        let bound = min(limit ?? maxSize, maxSize)
        while total < bound {
            let wanted = Int(min(bound - total, UInt64(Int.max)))
            let n = try stream.readSome(maxCount: wanted, emit)
            if n == 0 { return total }
            total += UInt64(n)
        }
        if limit == nil {
            throw FTPError(.partialFile, "Transfer larger than the limit of \(maxSize) bytes; abandoned")
        }
        return total
    }

    /// After `receive(limit:)` brought every byte SIZE announced: true when the server then
    /// closes, false when it sends more (so a file longer than announced is not read for ever).
    public func endsHere() throws -> Bool {
        try stream.readSome(maxCount: 1) { _ in } == 0
    }

    /// Writes `bytes` (buffered; sent in large pieces).
    public func send(_ bytes: UnsafeRawBufferPointer) throws {
        try stream.write(bytes)
    }

    /// Ends an upload: sends what is buffered, half-closes (TLS's close_notify, then TCP's FIN),
    /// and reads what the server still sends (TLS 1.3 session tickets) until it closes, at most
    /// `maxDrain` bytes: closing with unread bytes would reset the connection, and the server
    /// could lose the file's last bytes.
    public func finish() throws {
        try stream.closeWrite()
        var drained = 0
        while drained < Self.maxDrain {
            let n = try stream.readSome(maxCount: Self.maxDrain) { _ in }
            if n == 0 { break }
            drained += n
        }
        stream.close()
    }

    static let maxDrain = 1 << 20

    public func close() { stream.close() }
}
