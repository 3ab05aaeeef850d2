import Transport

/// Bytes received from the transport beyond what GnuTLS asked for. GnuTLS reads a record's
/// 5-byte header, then its body: a server that sends one small record per message (slapd, one
/// per search entry) would cost two receive calls per message without this; with it, one call
/// brings many records.
struct GnuTLSReadAhead {
    private var storage = [UInt8](repeating: 0, count: 16 * 1024)
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
