import Transport

/// Reads one LDAPMessage at a time from a stream: the header byte by byte (at most six, and
/// never past the element, so the next message stays in the stream), then exactly the
/// announced content. A length over `BERLimits.maxMessageSize` is refused before any content
/// is read; memory is one message.
public final class LDAPMessageFramer {
    public let stream: ByteStream
    public let limits: BERLimits
    private var buffer: [UInt8] = []

    public init(stream: ByteStream, limits: BERLimits = .standard) {
        self.stream = stream
        self.limits = limits
    }

    /// The next whole message's bytes; nil when the peer closed cleanly between messages.
    public func next() throws -> [UInt8]? {
        buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
        var header: BERHeader?
        // A header is at most 6 bytes (tag, 0x84, four length octets): six reads, seven parses.
        for _ in 0...6 {
            if case .header(let parsed) = try BERHeader.parse(buffer, maxLength: limits.maxMessageSize) {
                header = parsed
                break
            }
            let n = try stream.readSome(maxCount: 1) { buffer.append(contentsOf: $0) }
            if n == 0 {
                if buffer.isEmpty { return nil }
                throw LDAPError(.connectionClosed, "Connection closed by the LDAP server inside a message")
            }
        }
        guard let header else { throw BERError(.malformed, "no element header in 6 bytes") }
        guard header.tag == BERTag.sequence else {
            throw BERError(.malformed, "a message starts with tag 0x\(String(header.tag, radix: 16)), not SEQUENCE")
        }
        guard header.totalLength <= limits.maxMessageSize else {
            throw BERError(.tooLarge, "a message of \(header.totalLength) bytes (limit \(limits.maxMessageSize))")
        }
        buffer.reserveCapacity(header.totalLength)
        try stream.readExactly(header.contentLength) { buffer.append(contentsOf: $0) }
        return buffer
    }
}
