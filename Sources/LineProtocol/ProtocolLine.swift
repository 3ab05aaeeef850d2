import Transport

extension ByteStream {
    /// Queues one protocol line, CRLF added, and reports it to the trace; `display` replaces it
    /// there when it holds a secret (`AUTH PLAIN <redacted>`). Sent on the next `flush()`.
    public func writeLine(_ text: String, display: String? = nil, trace: Trace) throws {
        let line = Array((text + "\r\n").utf8)
        trace.sent(line, display: display.map { $0 + "\r\n" })
        try write(line)
    }
}
