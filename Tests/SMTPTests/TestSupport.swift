import Transport

/// A scripted server: hands out `script` in pieces of at most `chunkSize` bytes, then EOF,
/// and records what is sent.
final class ScriptedServer: Transport {
    private let script: [UInt8]
    private var offset = 0
    private let chunkSize: Int
    private(set) var sent: [UInt8] = []
    let peerName = "mx.test:25"

    init(_ script: [UInt8], chunkSize: Int = 4096) {
        self.script = script
        self.chunkSize = chunkSize
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

    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws { sent.append(contentsOf: bytes) }
    func waitForInput(milliseconds: Int32) -> Bool { offset < script.count }
    func close() {}

    /// How many script bytes the reader has taken from the "socket".
    var consumed: Int { offset }
}

/// An endless server: the same bytes again and again, never closing.
final class EndlessServer: Transport {
    private let pattern: [UInt8]
    private var position = 0
    private(set) var delivered = 0
    let peerName = "mx.test:25"

    init(_ text: String) { pattern = Array(text.utf8) }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        for i in 0..<buffer.count {
            buffer[i] = pattern[position]
            position = (position + 1) % pattern.count
        }
        delivered += buffer.count
        return buffer.count
    }

    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {}
    func waitForInput(milliseconds: Int32) -> Bool { true }
    func close() {}
}

/// Keeps what `-v` would show after `< `.
final class RecordingTrace: Trace {
    private(set) var received: [String] = []
    func info(_ text: String) {}
    func sent(_ bytes: [UInt8], display: String?) {}
    func received(_ bytes: [UInt8]) { received.append(String(decoding: bytes, as: UTF8.self)) }
    var isEnabled: Bool { true }
}

extension Array where Element == UInt8 {
    init(_ text: String) { self = Array(text.utf8) }
}

/// A small deterministic generator (SplitMix64) so "random" tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
