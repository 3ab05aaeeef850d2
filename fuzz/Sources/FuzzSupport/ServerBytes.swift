import Transport

/// A fuzzer input read as a server's side of a connection. The first byte chooses how many
/// bytes each receive hands over (0: as many as fit), so the framers meet every split of the
/// stream as they would on a socket; the rest is what the server sends before it closes.
/// Targets that need a choice of their own (which listing, which literal destination) take
/// it from the next byte with `choose`.
public struct ServerBytes {
    public let chunkSize: Int
    public private(set) var bytes: ArraySlice<UInt8>

    public init(_ all: [UInt8]) {
        chunkSize = all.first.map { $0 == 0 ? Int.max : Int($0) } ?? Int.max
        bytes = all.dropFirst()
    }

    /// Takes the next byte as one of `count` options (0 when the input has ended).
    public mutating func choose(_ count: Int) -> Int {
        guard let byte = bytes.popFirst() else { return 0 }
        return Int(byte) % count
    }

    /// A stream over an in-memory server that sends `prefix` and the remaining bytes, then
    /// closes.
    public func stream(after prefix: [UInt8] = []) -> ByteStream {
        ByteStream(transport: MemoryServer(prefix + bytes, chunkSize: chunkSize))
    }
}

/// An in-memory `Transport`: hands out `script` in pieces of at most `chunkSize` bytes, then
/// reports a clean close; drops what the client sends.
public final class MemoryServer: Transport {
    private let script: [UInt8]
    private let chunkSize: Int
    private var offset = 0
    public let peerName = "fuzz.test:1"

    public init(_ script: [UInt8], chunkSize: Int) {
        self.script = script
        self.chunkSize = max(1, chunkSize)
    }

    public func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        let count = min(chunkSize, buffer.count, script.count - offset)
        script.withUnsafeBytes { raw in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)]))
        }
        offset += count
        return count
    }

    public func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {}
    public func waitForInput(milliseconds: Int32) -> Bool { offset < script.count }
    public func close() {}
}

/// A trace that listens (so the `-v` paths run) and keeps nothing.
public final class DiscardingTrace: Trace {
    public init() {}
    public func info(_ text: String) {}
    public func sent(_ bytes: [UInt8], display: String?) {}
    public func received(_ bytes: [UInt8]) {}
    public var isEnabled: Bool { true }
}
