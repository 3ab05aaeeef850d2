import Transport

/// Reads one LDAPMessage at a time from a stream: the header in place when it is buffered,
/// else byte by byte (at most six), never past the element, so the next message stays in the
/// stream (a StartTLS response is followed by the handshake); then exactly the announced content. A length over `BERLimits.maxMessageSize` is refused before any content
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
        // Usually the whole header is buffered: parse it in place and take what is there of
        // the message. Otherwise take the header byte by byte.
        var header: BERHeader?
        let taken = try stream.readBuffered { raw throws -> Int in
            guard case .header(let parsed) = try BERHeader.parse(raw, maxLength: limits.maxMessageSize) else {
                return 0
            }
            try check(parsed)
            header = parsed
            let available = min(raw.count, parsed.totalLength)
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[..<available]))
            return available
        }
        if taken == nil { return nil }
        if header == nil { header = try readHeaderBytewise() }
        guard let header else { throw BERError(.malformed, "no element header in 6 bytes") }
        buffer.reserveCapacity(header.totalLength)
        try stream.readExactly(header.totalLength - buffer.count) { buffer.append(contentsOf: $0) }
        return buffer
    }

    /// A header split across receives, one byte at a time so that nothing past it is taken.
    private func readHeaderBytewise() throws -> BERHeader? {
        // A header is at most 6 bytes (tag, 0x84, four length octets): six reads, seven parses.
        for _ in 0...6 {
            if case .header(let parsed) = try BERHeader.parse(buffer, maxLength: limits.maxMessageSize) {
                try check(parsed)
                return parsed
            }
            let n = try stream.readSome(maxCount: 1) { buffer.append(contentsOf: $0) }
            if n == 0 { throw LDAPError(.connectionClosed, "Connection closed by the LDAP server inside a message") }
        }
        return nil
    }

    private func check(_ header: BERHeader) throws {
        guard header.tag == BERTag.sequence else {
            throw BERError(.malformed, "a message starts with tag 0x\(String(header.tag, radix: 16)), not SEQUENCE")
        }
        guard header.totalLength <= limits.maxMessageSize else {
            throw BERError(.tooLarge, "a message of \(header.totalLength) bytes (limit \(limits.maxMessageSize))")
        }
    }
}
