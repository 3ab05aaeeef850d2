import Transport

/// One request and its response on a `ByteStream`: the I/O shell around the pure parsers.
/// Heads are bounded; bodies stream through in the stream's buffer, never accumulated.
enum HTTPExchange {
    /// Interim (1xx) responses skipped before the final one; a server sending more is broken.
    static let maxInterimResponses = 16

    /// Sends the head (traced line by line after `> `, Authorization redacted) and the body.
    static func send(_ head: HTTPRequestHead, body: UploadSource?, on stream: ByteStream, trace: Trace) throws {
        if trace.isEnabled {
            for line in head.lines {
                trace.sent(Array(line.utf8), display: redacted(line))
            }
            trace.sent([], display: nil)
        }
        try stream.write(head.serialized)
        try body?.send { try stream.write($0) }
        try stream.flush()
    }

    /// Credentials are never shown (DESIGN.md): `Authorization: Basic <redacted>`.
    private static func redacted(_ line: String) -> String? {
        let lower = line.lowercased()
        guard lower.hasPrefix("authorization:") || lower.hasPrefix("proxy-authorization:"),
            let colon = line.firstIndex(of: ":")
        else { return nil }
        let value = line[line.index(after: colon)...].drop(while: { $0 == " " })
        let scheme = value.prefix(while: { $0 != " " })
        return line[...colon] + " " + (scheme.count < value.count ? scheme + " " : "") + "<redacted>"
    }

    /// Reads the final response head, skipping interim 1xx responses (100 Continue, 103),
    /// tracing each line after `< `.
    /// - Throws: `.emptyReply` when the server closed without a byte; `TransportError(.receive)`
    ///   when it closed inside the head; `.malformedResponse` for anything RFC 9112 refuses.
    static func readResponseHead(from stream: ByteStream, trace: Trace) throws -> HTTPResponseHead {
        var interim = 0
        while true {
            let head = try readOneHead(from: stream, trace: trace, isFirst: interim == 0)
            guard (100..<200).contains(head.status) else { return head }
            guard head.status != 101 else {
                throw HTTPError.malformed("Unexpected 101 Switching Protocols: no upgrade was asked for")
            }
            interim += 1
            guard interim <= maxInterimResponses else {
                throw HTTPError.malformed("Too many interim 1xx responses (limit \(maxInterimResponses))")
            }
        }
    }

    private static func readOneHead(from stream: ByteStream, trace: Trace, isFirst: Bool) throws -> HTTPResponseHead {
        var parser = HTTPResponseHeadParser()
        while true {
            let line: [UInt8]?
            do {
                line = try stream.readLine(maxLength: HTTPResponseHeadParser.maxLineLength)
            } catch is LineTooLongError {
                throw HTTPError.malformed("Response header line too long (limit 16 KiB)")
            }
            guard let line else {
                if isFirst && !parser.hasStarted { throw HTTPError(.emptyReply, "Empty reply from server") }
                throw TransportError(
                    .receive, "Connection closed by \(stream.transport.peerName) before the end of the response header")
            }
            if trace.isEnabled { trace.received(line) }
            if let head = try parser.consume(line: line) { return head }
        }
    }

    /// Streams the body to `sink`, returning its length.
    /// - Throws: `.partialBody` when the connection closes before the framing says the body
    ///   ended; `.malformedResponse` for bad chunk framing; whatever `sink` throws.
    static func readBody(
        _ framing: HTTPBodyFraming, from stream: ByteStream,
        sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int64 {
        var total: Int64 = 0
        switch framing {
        case .none:
            break
        case .contentLength(let length):
            while total < length {
                let n = try stream.readSome(maxCount: Int(min(length - total, Int64(Int32.max))), sink)
                guard n > 0 else {
                    throw HTTPError(.partialBody, "transfer closed with \(length - total) bytes remaining to read")
                }
                total += Int64(n)
            }
        case .chunked:
            var decoder = ChunkedDecoder()
            while !decoder.isComplete {
                let n = try stream.readSome(maxCount: Int.max) { input in
                    var offset = 0
                    while offset < input.count {
                        let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
                        switch try decoder.next(rest) {
                        case .body(let range):
                            try sink(UnsafeRawBufferPointer(rebasing: rest[range]))
                            total += Int64(range.count)
                            offset += range.upperBound
                        case .needMoreBytes:
                            offset = input.count
                        case .end:
                            return
                        }
                    }
                }
                guard n > 0 else {
                    throw HTTPError(.partialBody, "transfer closed with outstanding read data remaining")
                }
            }
        case .untilClose:
            while true {
                let n = try stream.readSome(maxCount: Int.max, sink)
                if n == 0 { break }
                total += Int64(n)
            }
        }
        return total
    }
}
