import Transport

/// A scripted peer: hands out `script` in pieces of at most `chunkSize` bytes, then EOF, and
/// records everything sent.
final class FakeTransport: Transport {
    private var script: [UInt8]
    private var offset = 0
    private let chunkSize: Int
    private(set) var sent: [UInt8] = []
    private(set) var isClosed = false
    let peerName: String

    init(_ script: [UInt8], chunkSize: Int = 4096, peerName: String = "fake:80") {
        self.script = script
        self.chunkSize = chunkSize
        self.peerName = peerName
    }

    convenience init(_ text: String, chunkSize: Int = 4096) {
        self.init(Array(text.utf8), chunkSize: chunkSize)
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        let count = min(chunkSize, buffer.count, script.count - offset)
        for i in 0..<count { buffer[i] = script[offset + i] }
        offset += count
        return count
    }

    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {
        sent.append(contentsOf: bytes)
    }

    func waitForInput(milliseconds: Int32) -> Bool { offset < script.count }
    var hasPendingInput: Bool { offset < script.count }

    func close() { isClosed = true }

    var sentText: String { String(decoding: sent, as: UTF8.self) }
}

/// Keeps what `-v` would show.
final class RecordingTrace: Trace {
    private(set) var lines: [String] = []
    func info(_ text: String) { lines.append("* " + text) }
    func sent(_ bytes: [UInt8], display: String?) {
        lines.append("> " + (display ?? String(decoding: bytes, as: UTF8.self)))
    }
    func received(_ bytes: [UInt8]) { lines.append("< " + String(decoding: bytes, as: UTF8.self)) }
    var isEnabled: Bool { true }
}

extension Array where Element == UInt8 {
    init(_ text: String) { self = Array(text.utf8) }
}
