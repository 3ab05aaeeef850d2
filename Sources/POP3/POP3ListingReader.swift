import Transport

/// Reads the lines of a line-oriented multi-line response (LIST, UIDL, CAPA) after its `+OK`
/// line, each unstuffed (RFC 1939 3: a first `.` followed by more is dropped) and handed to
/// `parse` as it arrives, so a listing costs the memory of its parsed values only. Each line
/// goes to the trace before it is judged.
enum POP3ListingReader {
    /// - Throws: `POP3Error` `.lineTooLong`, `.tooManyEntries` (more than `maxCount` lines),
    ///   `.cutShort` (closed before the `.` line), or what `parse` throws.
    static func read(from stream: ByteStream, trace: Trace, maxLineLength: Int, maxCount: Int, what: String,
                     _ parse: (ArraySlice<UInt8>) throws -> Void) throws {
        var count = 0
        while true {
            let line: [UInt8]?
            do {
                line = try stream.readLine(maxLength: maxLineLength)
            } catch let error as LineTooLongError {
                throw POP3Error(.lineTooLong, "Server \(what) line too long (limit \(error.limit) bytes)")
            } catch let error as TransportError where error.kind == .receive {
                throw POP3Error(.cutShort, error.message + " (in the middle of the \(what))")
            }
            guard let line else {
                throw POP3Error(.cutShort, "Connection closed by \(stream.transport.peerName) before the end of the \(what) (no \".\" line)")
            }
            if trace.isEnabled { trace.received(line) }
            if line == [.dot] { return }
            count += 1
            guard count <= maxCount else {
                throw POP3Error(.tooManyEntries, "Server \(what) has too many lines (limit \(maxCount))")
            }
            try parse(line.first == .dot ? line[1...] : line[...])
        }
    }
}
