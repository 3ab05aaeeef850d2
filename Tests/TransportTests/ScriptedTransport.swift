import Transport

/// An in-memory peer: hands out scripted chunks one receive at a time and records what is sent.
final class ScriptedTransport: Transport {
    var chunks: [[UInt8]]
    var sent: [UInt8] = []
    /// Bytes that "arrived" at the socket but were not read yet (for the STARTTLS rule).
    var pendingAtSocket = false
    var closed = false

    init(_ chunks: [[UInt8]]) { self.chunks = chunks }
    convenience init(_ text: String) { self.init([Array(text.utf8)]) }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        guard !chunks.isEmpty else { return 0 }
        let chunk = chunks.removeFirst()
        let n = min(chunk.count, buffer.count)
        buffer.copyBytes(from: chunk.prefix(n))
        if n < chunk.count { chunks.insert(Array(chunk[n...]), at: 0) }
        return n
    }

    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {
        sent.append(contentsOf: bytes)
    }

    func waitForInput(milliseconds: Int32) -> Bool { pendingAtSocket }
    func close() { closed = true }
    var peerName: String { "scripted port 1" }
}
