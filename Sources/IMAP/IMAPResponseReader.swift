import Transport

/// Reads whole responses from a `ByteStream`: lines, and the literal announced at the end of a
/// line followed by the rest of the response, as often as announced (framing), then parses the
/// result. Each line goes to the trace as it arrives, before it is judged, so `-v` shows the
/// offending line too. Bytes after the response stay buffered for the next read (pipelining).
///
/// Message bodies are never held whole: when a FETCH response announces a literal as the value
/// of a body item (`BODY[...]`, `BINARY[...]`, `RFC822...`), the caller's `bodyLiteral` closure
/// learns which message and item it is (with the attributes sent before it, e.g. the UID) and
/// says where the bytes go (`IMAPLiteralDestination`). Every other literal (a mailbox name, an
/// envelope string) is kept in memory within `IMAPLimits`.
public final class IMAPResponseReader {
    public let stream: ByteStream
    public let trace: Trace
    public let limits: IMAPLimits

    public init(stream: ByteStream, trace: Trace, limits: IMAPLimits = .default) {
        self.stream = stream
        self.trace = trace
        self.limits = limits
    }

    /// Reads one response, keeping every literal in memory (greeting, CAPABILITY, LIST, tagged
    /// completions...). A body literal over `limits.maxCollectedLiteralSize` is an error.
    /// - Throws: see `read(bodyLiteral:)`.
    public func read() throws -> IMAPReceivedResponse {
        try read(bodyLiteral: { _ in .collect })
    }

    /// Reads one response; each body literal goes where `bodyLiteral` says.
    /// - Throws: `IMAPError` (`.malformedResponse`, `.badLiteral`, `.responseTooLong`), thrown
    ///   as soon as the bytes read so far show it (a malformed FETCH fails before its body is
    ///   read); `TransportError(.receive)` when the server closes before the response ends,
    ///   a literal cut short included (curl 56); whatever the transport, the closure or a sink
    ///   throws.
    public func read(
        bodyLiteral: (IMAPFetchBodyContext) throws -> IMAPLiteralDestination
    ) throws -> IMAPReceivedResponse {
        let frame = try readFrame(bodyLiteral: bodyLiteral)
        return IMAPReceivedResponse(frame: frame, response: try IMAPResponse(frame: frame, limits: limits))
    }

    /// Framing only: reads one response's lines and literals without parsing it as a whole.
    public func readFrame(
        bodyLiteral: (IMAPFetchBodyContext) throws -> IMAPLiteralDestination
    ) throws -> IMAPResponseFrame {
        var frame = IMAPResponseFrame(lines: [])
        var size = 0
        while true {
            let line: [UInt8]?
            do {
                line = try stream.readLine(maxLength: limits.maxLineLength)
            } catch let error as LineTooLongError {
                throw IMAPError(.responseTooLong, "Server response line too long (limit \(error.limit) bytes)")
            }
            guard let line else {
                let what = frame.lines.isEmpty ? "instead of responding" : "in the middle of a response"
                throw TransportError(.receive, "Connection closed by \(stream.transport.peerName) \(what)")
            }
            if trace.isEnabled { trace.received(line) }
            size += line.count + 2
            try checkSize(size)
            frame.lines.append(line)
            do {
                try IMAPParser.checkLine(line)
            } catch {
                throw IMAPParser.error(error, frame: frame)
            }
            guard let announcement = try IMAPLiteralAnnouncement.parse(endOf: line, maxSize: limits.maxLiteralSize)
            else {
                return frame
            }
            guard frame.literals.count < limits.maxLiteralCount else {
                throw IMAPError(
                    .responseTooLong, "Server response has too many literals (limit \(limits.maxLiteralCount))")
            }
            var destination = IMAPLiteralDestination.collect
            if IMAPResponseReader.mayAnnounceBody(frame, announcement) {
                var parser = IMAPParser(frame: frame, limits: limits, isComplete: false)
                let context: IMAPFetchBodyContext?
                do {
                    context = try parser.pendingBodyLiteral()
                } catch {
                    throw IMAPParser.error(error, frame: frame)
                }
                if let context { destination = try bodyLiteral(context) }
            }
            frame.literals.append(try readLiteral(announcement, into: destination, responseSize: &size))
        }
    }

    private func readLiteral(
        _ announcement: IMAPLiteralAnnouncement, into destination: IMAPLiteralDestination,
        responseSize: inout Int
    ) throws -> IMAPFramedLiteral {
        let size = announcement.size
        switch destination {
        case .collect:
            guard size <= UInt64(limits.maxCollectedLiteralSize) else {
                throw IMAPError(
                    .badLiteral,
                    "Server literal of \(size) bytes too large to keep in memory (limit \(limits.maxCollectedLiteralSize) bytes)"
                )
            }
            responseSize += Int(size)
            try checkSize(responseSize)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(size))
            try receive(size) { bytes.append(contentsOf: $0) }
            return IMAPFramedLiteral(size: size, isBinary: announcement.isBinary, content: .bytes(bytes))
        case .stream(let sink):
            try receive(size) { try sink.write($0) }
            return IMAPFramedLiteral(size: size, isBinary: announcement.isBinary, content: .streamed)
        case .discard:
            try receive(size) { _ in }
            return IMAPFramedLiteral(size: size, isBinary: announcement.isBinary, content: .discarded)
        }
    }

    /// Hands exactly `count` bytes to `body` in the pieces the stream has; a close before the
    /// last is a partial transfer (curl 18), with or without TLS.
    private func receive(_ count: UInt64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var remaining = count
        while remaining > 0 {
            let n = try stream.readSome(maxCount: Int(min(remaining, UInt64(Int.max))), body)
            guard n > 0 else {
                throw IMAPError(
                    .partialMessage,
                    "Connection closed by \(stream.transport.peerName) in the middle of a literal (\(count - remaining) of \(count) bytes received)"
                )
            }
            remaining -= UInt64(n)
        }
    }

    private func checkSize(_ size: Int) throws {
        guard size <= limits.maxResponseSize else {
            throw IMAPError(.responseTooLong, "Server response too long (limit \(limits.maxResponseSize) bytes)")
        }
    }

    /// A cheap test before parsing: only a FETCH response (`* n ...`) whose literal follows
    /// `]`, `>` or an RFC822 item name can carry a body literal.
    static func mayAnnounceBody(_ frame: IMAPResponseFrame, _ announcement: IMAPLiteralAnnouncement) -> Bool {
        guard let first = frame.lines.first, first.count > 2, first[0] == .asterisk, first[1] == .space,
            first[2].isASCIIDigit, let line = frame.lines.last, announcement.offset >= 2,
            line[announcement.offset - 1] == .space
        else { return false }
        let before = line[..<(announcement.offset - 1)]
        if before.last == .closeBracket || before.last == .greaterThan { return true }
        for name in ["RFC822", "RFC822.HEADER", "RFC822.TEXT"] where before.count > name.utf8.count {
            let tail = before.suffix(name.utf8.count + 1)
            if tail.first == .space || tail.first == .openParen, tail.dropFirst().equalsIgnoringCase(name) {
                return true
            }
        }
        return false
    }
}

/// A response as read: what it means, and the bytes it came in (for curl-style printing of
/// LIST, SEARCH and custom command output).
public struct IMAPReceivedResponse: Equatable, Sendable {
    public let frame: IMAPResponseFrame
    public let response: IMAPResponse

    public init(frame: IMAPResponseFrame, response: IMAPResponse) {
        self.frame = frame
        self.response = response
    }
}
