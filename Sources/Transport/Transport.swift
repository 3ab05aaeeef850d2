/// A connected byte pipe with deadlines: a TCP socket, or TLS wrapping another transport.
/// Every protocol talks through this seam, which is what lets tests substitute scripted peers.
public protocol Transport: AnyObject {
    /// Reads at most `buffer.count` bytes, blocking until at least one arrives.
    /// Returns 0 when the peer has closed its side cleanly.
    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int

    /// Writes every byte of `bytes`, blocking as needed.
    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws

    /// Waits up to `milliseconds` (-1: no limit) for bytes to read; true when some are ready.
    func waitForInput(milliseconds: Int32) -> Bool

    /// Reads what has already arrived, without waiting: nil when nothing has. TLS implements it
    /// itself, because a readable socket may hold records that carry no data (TLS 1.3 session
    /// tickets), which only decrypting them tells apart.
    func receiveAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int?

    /// Releases the connection. Idempotent; also done on deinit.
    func close()

    /// Says "no more data from me" and keeps reading possible (TCP's half-close, TLS's
    /// close_notify): an FTP upload ends this way, and the peer's last bytes can still be read
    /// before `close`, so that closing does not reset the connection under unread data.
    func closeWrite(deadline: Deadline) throws

    /// `host:port` (or `[v6]:port`) of the peer, for messages.
    var peerName: String { get }

    /// The numeric address connected to (`127.0.0.1`, `::1`), when there is one: a second
    /// connection to the same server (an FTP data connection) goes to exactly this address.
    var peerAddress: String? { get }
}

extension Transport {
    /// Transports that cannot half-close (scripted peers) do nothing.
    public func closeWrite(deadline: Deadline) throws {}

    /// Says whether bytes can be read without blocking right now (used by the STARTTLS rule:
    /// data that arrived before the handshake is refused).
    public var hasPendingInput: Bool { waitForInput(milliseconds: 0) }

    public var peerAddress: String? { nil }

    /// For a plain byte pipe, readable means data (or the peer's close, read as 0).
    public func receiveAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        guard waitForInput(milliseconds: 0) else { return nil }
        return try receive(into: buffer, deadline: .after(seconds: 1))
    }
}
