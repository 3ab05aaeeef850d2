import Transport
@testable import POP3

/// A scripted server: hands out `script` in the pieces given by `cuts` (byte offsets where a
/// receive stops), else in pieces of at most `chunkSize` bytes, then EOF; records what is sent.
final class ScriptedServer: Transport {
    private let script: [UInt8]
    private var offset = 0
    private var cuts: [Int]
    private let chunkSize: Int
    private(set) var sent: [UInt8] = []
    let peerName = "pop3.test:110"

    init(_ script: [UInt8], cuts: [Int] = [], chunkSize: Int = 4096) {
        self.script = script
        self.cuts = cuts.sorted()
        self.chunkSize = chunkSize
    }

    convenience init(_ text: String, cuts: [Int] = [], chunkSize: Int = 4096) {
        self.init(Array(text.utf8), cuts: cuts, chunkSize: chunkSize)
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        while let cut = cuts.first, cut <= offset { cuts.removeFirst() }
        var count = min(chunkSize, buffer.count, script.count - offset)
        if let cut = cuts.first { count = min(count, cut - offset) }
        for i in 0..<count { buffer[i] = script[offset + i] }
        offset += count
        return count
    }

    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws { sent.append(contentsOf: bytes) }
    func waitForInput(milliseconds: Int32) -> Bool { offset < script.count }
    func close() {}
}

/// An endless server: `prefix` once, then `pattern` again and again, never closing.
final class EndlessServer: Transport {
    private let prefix: [UInt8]
    private let pattern: [UInt8]
    private var position = 0
    private(set) var delivered = 0
    let peerName = "pop3.test:110"

    init(prefix: String = "", _ pattern: String) {
        self.prefix = Array(prefix.utf8)
        self.pattern = Array(pattern.utf8)
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
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

/// Collects streamed pieces, remembering how large each was.
final class CollectingSink: POP3BodySink {
    private(set) var bytes: [UInt8] = []
    private(set) var pieceSizes: [Int] = []

    func write(_ piece: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: piece)
        pieceSizes.append(piece.count)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Counts bytes without keeping them (large messages).
final class CountingSink: POP3BodySink {
    private(set) var count = 0
    private(set) var largestPiece = 0

    func write(_ piece: UnsafeRawBufferPointer) throws {
        count += piece.count
        largestPiece = max(largestPiece, piece.count)
    }
}

extension Array where Element == UInt8 {
    init(_ text: String) { self = Array(text.utf8) }
}

func stream(_ text: String, cuts: [Int] = [], chunkSize: Int = 4096, bufferSize: Int = 64 * 1024) -> ByteStream {
    ByteStream(transport: ScriptedServer(text, cuts: cuts, chunkSize: chunkSize), bufferSize: bufferSize)
}

/// The kind of `POP3Error` thrown by `body`, nil when something else or nothing was thrown.
func pop3ErrorKind(_ body: () throws -> Void) -> POP3Error.Kind? {
    do {
        try body()
        return nil
    } catch let error as POP3Error {
        return error.kind
    } catch {
        return nil
    }
}
