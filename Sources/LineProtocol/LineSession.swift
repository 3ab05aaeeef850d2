import TLS
import Transport

/// The session core every line protocol runs on (curl's pingpong): reads replies through a
/// framer, shows each line to the trace as it arrives (before it is judged, so `-v` shows the
/// offending line too), turns framing failures and EOF into the protocol's errors in one place,
/// and writes commands with their secrets redacted in the trace. Bytes after a reply stay
/// buffered for the next read (pipelining).
public final class LineSession {
    public let stream: ByteStream
    public let trace: Trace
    public let limits: LineLimits
    /// The protocol's words for a framing failure (its error kinds carry the exit codes).
    private let mapError: (LineFramingError) -> Error

    public init(
        stream: ByteStream, trace: Trace, limits: LineLimits = .default,
        mapError: @escaping (LineFramingError) -> Error
    ) {
        self.stream = stream
        self.trace = trace
        self.limits = limits
        self.mapError = mapError
    }

    // MARK: Writing

    /// Queues one command line, CRLF added; `display` replaces it in the trace when it holds
    /// a secret (`AUTH PLAIN <redacted>`). Sent on the next `flush()`.
    public func send(_ command: String, display: String? = nil) throws {
        try stream.writeLine(command, display: display, trace: trace)
    }

    /// Queues bytes already encoded (CRLF included), traced as `display` when given.
    public func send(bytes: [UInt8], display: String?) throws {
        trace.sent(bytes, display: display)
        try stream.write(bytes)
    }

    public func flush() throws { try stream.flush() }

    /// Refuses bytes that arrived although no reply is outstanding: a server that answers
    /// before it is asked makes every later reply answer the wrong command. Call before
    /// writing a command or batch when no earlier reply is pending; cheap (a zero-timeout poll,
    /// and under TLS a decryption of what already arrived: session tickets carry no data).
    public func ensureNoUnsolicitedInput() throws {
        guard try stream.bufferedCount > 0 || stream.receiveAvailable() > 0 else { return }
        throw mapError(
            LineFramingError(
                .unsolicited,
                "Server sent data before it was asked for anything "
                    + "(a reply to no command); connection abandoned"))
    }

    // MARK: Reading

    /// Reads one reply: lines go to `framer` until it says the reply is complete.
    public func read<Framer: LineFramer>(_ framer: Framer) throws -> Framer.Reply {
        var framer = framer
        var lines = 0
        do {
            while true {
                let line = try readLine(maxLength: framer.limits.maxLineLength, midReply: framer.hasStarted)
                if let reply = try framer.consume(line: line) { return reply }
                lines += 1
                // The framer bounds its lines; this guards a framer that forgets to.
                guard lines <= framer.limits.maxLineCount else {
                    throw LineFramingError(
                        .tooManyLines, "Server reply has too many lines (limit \(framer.limits.maxLineCount))")
                }
            }
        } catch let error as LineFramingError {
            throw mapError(error)
        }
    }

    /// Reads the lines of a dot-terminated listing (POP3 LIST, UIDL, CAPA), each unstuffed and
    /// handed to `body` as it arrives, so a listing costs the memory of its parsed values.
    public func readListing(
        maxLineLength: Int, maxCount: Int, what: String,
        _ body: (ArraySlice<UInt8>) throws -> Void
    ) throws {
        var framer = DotTerminatedLineFramer(maxCount: maxCount, what: what)
        do {
            while true {
                let line = try readLine(maxLength: maxLineLength, midReply: true, what: what)
                guard let content = try framer.consume(line: line) else { return }
                try body(content)
            }
        } catch let error as LineFramingError {
            throw mapError(error)
        }
    }

    /// Streams a dot-stuffed body (POP3 RETR) to `emit`; returns its decoded size.
    public func readDotStuffedBody(
        maxLineLength: Int, maxSize: UInt64, emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> UInt64 {
        do {
            return try DotStuffedBodyReader.read(
                from: stream, maxLineLength: maxLineLength, maxSize: maxSize, emit: emit)
        } catch let error as LineFramingError {
            throw mapError(error)
        }
    }

    /// One traced line; EOF and an endless line become `LineFramingError`.
    private func readLine(maxLength: Int, midReply: Bool, what: String = "reply") throws -> [UInt8] {
        let line: [UInt8]?
        do {
            line = try stream.readLine(maxLength: maxLength)
        } catch is LineTooLongError {
            throw LineFramingError(
                .lineTooLong, "Server \(what) line too long (limit \(LineLimits.describe(maxLength)))")
        } catch let error as TransportError where error.kind == .receive {
            throw LineFramingError(.closed(midReply: true), error.message)
        }
        guard let line else {
            let how = midReply ? "in the middle of a reply" : "instead of replying"
            throw LineFramingError(
                .closed(midReply: midReply), "Connection closed by \(stream.transport.peerName) \(how)")
        }
        if trace.isEnabled { trace.received(line) }
        return line
    }
}
