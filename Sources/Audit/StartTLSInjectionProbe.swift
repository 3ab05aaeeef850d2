import LineProtocol
import TLS
import Transport

/// The STARTTLS command-injection test (CVE-2011-0411 and its IMAP/POP3 relatives): the
/// upgrade command and a harmless one (`NOOP`) in one write. A server that keeps the second
/// line in its plaintext buffer answers it after the handshake, as if it came under TLS: then
/// a man in the middle can inject commands into the protected session. After the handshake the
/// audit sends only its own goodbye (QUIT, LOGOUT) and counts the answers. No credential is sent.
struct StartTLSInjectionProbe {
    struct Outcome {
        var result: InjectionResult
        var detail: String
        /// The connection was made (it counts toward the budget).
        var connected = true
        /// The server said 421 (or closed at once): worth one more try.
        var rateLimited = false
    }

    let probe: ServiceProbe
    static let maxLines = 40
    static let maxLineLength = 2048

    func run() -> Outcome {
        let environment = probe.environment
        guard environment.budget.take(address: probe.address, port: probe.port) else {
            return Outcome(result: .inconclusive, detail: "connection budget used up", connected: false)
        }
        environment.trace.info("STARTTLS injection test: the upgrade and a NOOP in one write")
        do {
            let stream = try environment.open(
                address: probe.address, port: probe.port, name: probe.host, service: probe.service)
            defer { stream.close() }
            stream.deadline = Deadline.after(seconds: 5).earliest(environment.deadline)
            return try test(stream)
        } catch let error as DataBeforeHandshakeError {
            return Outcome(
                result: .inconclusive,
                detail: "the server answered the pipelined NOOP before the handshake (\(error.bufferedByteCount) bytes)"
            )
        } catch {
            let outcome = ServiceProbe.outcome(for: error)
            var rateLimited = false
            if case .rateLimited = outcome { rateLimited = true }
            if case .unreachable = outcome { rateLimited = true }
            return Outcome(result: .inconclusive, detail: "test not finished: \(error)", rateLimited: rateLimited)
        }
    }

    private func test(_ stream: ByteStream) throws -> Outcome {
        let trace = probe.environment.trace
        let dialect = InjectionDialect(probe.service.mailProtocol)
        let greeting = try reply(stream, dialect)
        guard dialect.isPositive(greeting) else {
            return Outcome(
                result: .inconclusive, detail: "greeting: \(dialect.text(greeting))",
                rateLimited: greeting.first?.starts(with: Array("421".utf8)) ?? true)
        }
        if let hello = dialect.hello {
            try stream.writeLine(hello, trace: trace)
            try stream.flush()
            _ = try reply(stream, dialect)
        }
        // The two lines in one write: the heart of the test.
        try stream.writeLine(dialect.upgrade, trace: trace)
        try stream.writeLine(dialect.injected, trace: trace)
        try stream.flush()
        let goAhead = try reply(stream, dialect)
        guard dialect.isPositive(goAhead) else {
            if goAhead.isEmpty || goAhead.first?.starts(with: Array("421".utf8)) == true {
                return Outcome(
                    result: .inconclusive, detail: "\(dialect.upgrade) answered \(dialect.text(goAhead))",
                    rateLimited: true)
            }
            // The same server said yes to a lone STARTTLS: it refuses one that has company.
            return Outcome(
                result: .notVulnerable,
                detail: "the server refused \(dialect.upgrade) sent with another command: \(dialect.text(goAhead))")
        }
        do {
            _ = try probe.environment.startTLS(stream, name: probe.host)
        } catch let error as DataBeforeHandshakeError where error.bufferedByteCount > 0 {
            throw error
        } catch {
            // Dovecot says OK, sees the pending command and closes: the careful answer.
            return Outcome(
                result: .notVulnerable,
                detail: "the server closed the connection instead of the handshake when a command came with "
                    + "\(dialect.upgrade) (\(error))")
        }
        try stream.writeLine(dialect.goodbye, trace: trace)
        try stream.flush()
        return judge(try repliesUntilGoodbye(stream, dialect), dialect)
    }

    /// Every reply after the handshake, up to the goodbye's answer or the end of the connection.
    private func repliesUntilGoodbye(_ stream: ByteStream, _ dialect: InjectionDialect) throws -> [[[UInt8]]] {
        var replies: [[[UInt8]]] = []
        while replies.count < 5 {
            let lines: [[UInt8]]
            do { lines = try reply(stream, dialect) } catch { break }
            if lines.isEmpty { break }
            replies.append(lines)
            if dialect.endsGoodbye(lines) { break }
        }
        return replies
    }

    private func judge(_ replies: [[[UInt8]]], _ dialect: InjectionDialect) -> Outcome {
        if let first = dialect.injectedAnswer(in: replies) {
            return Outcome(
                result: .vulnerable,
                detail: "after the handshake the server answered the \(dialect.injected) sent before it: "
                    + dialect.text(first))
        }
        return Outcome(
            result: .notVulnerable,
            detail: "the \(dialect.injected) sent with \(dialect.upgrade) was not answered after the handshake")
    }

    /// One reply: its lines, as the dialect frames them; empty when the connection ended.
    private func reply(_ stream: ByteStream, _ dialect: InjectionDialect) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        while lines.count < StartTLSInjectionProbe.maxLines {
            guard let line = try stream.readLine(maxLength: StartTLSInjectionProbe.maxLineLength) else { break }
            probe.environment.trace.received(line + [0x0D, 0x0A])
            lines.append(line)
            if dialect.endsReply(line) { break }
        }
        return lines
    }
}
