import ExitCode

/// Where the message comes from (a file, stdin). The CLI implements it; the session reads it in
/// bounded pieces, so memory does not grow with the message.
public protocol MessageSource: AnyObject {
    /// Reads up to `buffer.count` bytes; 0 at the end. Throws `MessageReadError` (curl 26).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// The message could not be read (curl 26, READ_ERROR).
public struct MessageReadError: CurlCodeError, Equatable {
    public var curlCode: CurlCode { .readError }
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A source with bytes put back in front of it: what `-t` read while looking for the header.
public final class PrefixedMessageSource: MessageSource {
    private var prefix: [UInt8]
    private var offset = 0
    private let rest: MessageSource

    public init(prefix: [UInt8], rest: MessageSource) {
        self.prefix = prefix
        self.rest = rest
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard offset < prefix.count else { return try rest.read(into: buffer) }
        let count = min(buffer.count, prefix.count - offset)
        buffer.copyBytes(from: prefix[offset..<(offset + count)])
        offset += count
        if offset == prefix.count {
            prefix = []
            offset = 0
        }
        return count
    }
}
