import Transport

/// A scripted server for protocol unit tests: hands out `script` in the pieces given by `cuts`
/// (byte offsets where a receive stops), else in pieces of at most `chunkSize` bytes, then EOF;
/// records what is sent.
public final class ScriptedServer: Transport {
    private let script: [UInt8]
    private var offset = 0
    private var cuts: [Int]
    private let chunkSize: Int
    public private(set) var sent: [UInt8] = []
    public let peerName: String

    public init(_ script: [UInt8], cuts: [Int] = [], chunkSize: Int = 4096, peerName: String = "peer.test:1") {
        self.script = script
        self.cuts = cuts.sorted()
        self.chunkSize = chunkSize
        self.peerName = peerName
    }

    public convenience init(_ text: String, cuts: [Int] = [], chunkSize: Int = 4096) {
        self.init(Array(text.utf8), cuts: cuts, chunkSize: chunkSize)
    }

    public func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        while let cut = cuts.first, cut <= offset { cuts.removeFirst() }
        var count = min(chunkSize, buffer.count, script.count - offset)
        if let cut = cuts.first { count = min(count, cut - offset) }
        for i in 0..<count { buffer[i] = script[offset + i] }
        offset += count
        return count
    }

    public func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws { sent.append(contentsOf: bytes) }
    public func waitForInput(milliseconds: Int32) -> Bool { offset < script.count }
    public func close() {}

    /// How many script bytes the reader has taken from the "socket".
    public var consumed: Int { offset }
}

/// An endless server: `prefix` once, then `pattern` again and again, never closing.
public final class EndlessServer: Transport {
    private let prefix: [UInt8]
    private let pattern: [UInt8]
    private var position = 0
    public private(set) var delivered = 0
    public let peerName = "peer.test:1"

    public init(prefix: String = "", _ pattern: String) {
        self.prefix = Array(prefix.utf8)
        self.pattern = Array(pattern.utf8)
    }

    public func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        for i in 0..<buffer.count {
            if delivered + i < prefix.count {
                buffer[i] = prefix[delivered + i]
            } else {
                buffer[i] = pattern[position]
                position = (position + 1) % pattern.count
            }
        }
        delivered += buffer.count
        return buffer.count
    }

    public func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {}
    public func waitForInput(milliseconds: Int32) -> Bool { true }
    public func close() {}
}

/// Keeps what `-v` would show after `< `.
public final class RecordingTrace: Trace {
    public private(set) var received: [String] = []
    public init() {}
    public func info(_ text: String) {}
    public func sent(_ bytes: [UInt8], display: String?) {}
    public func received(_ bytes: [UInt8]) { received.append(String(decoding: bytes, as: UTF8.self)) }
    public var isEnabled: Bool { true }
}
