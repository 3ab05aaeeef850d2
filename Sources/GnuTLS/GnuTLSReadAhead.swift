import Transport

/// Bytes received from the transport beyond what GnuTLS asked for. GnuTLS reads a record's
/// 5-byte header, then its body: a server that sends one small record per message (slapd, one
/// per search entry) would cost two receive calls per message without this; with it, one call
/// brings many records. 64 KiB: a bulk transfer (a pull of 10,000 messages, Dovecot's 16 KiB
/// records) takes several records per call; at 16 KiB, one record (16 KiB + 29 bytes) took
/// two calls (imap-fetch of 10,000 x 10 KiB: 8,500 recvfrom and 1,240 poll, now 2,300 and 370).
struct GnuTLSReadAhead {
    private var storage = [UInt8](repeating: 0, count: 64 * 1024)
    private var start = 0
    private var end = 0

    /// Bytes received and not yet handed to GnuTLS.
    var count: Int { end - start }

    /// Receives once into the empty buffer; 0 means the peer closed.
    mutating func fill(from transport: Transport, deadline: Deadline) throws -> Int {
        start = 0
        end = try storage.withUnsafeMutableBytes { try transport.receive(into: $0, deadline: deadline) }
        return end
    }

    /// Copies up to `length` buffered bytes to `destination`.
    mutating func take(into destination: UnsafeMutableRawPointer, length: Int) -> Int {
        let n = min(length, count)
        storage.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + start, byteCount: n) }
        start += n
        return n
    }
}
