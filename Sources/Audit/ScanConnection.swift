import LineProtocol
import TLS
import Transport

/// One connection of a service's TLS scan, opened the way the audit opens every connection
/// (the connection budget, the greeting deadline, `--connect-to`'s address) and, for a STARTTLS
/// service, taken through the plaintext dialog up to the server's go-ahead: greeting, EHLO
/// (SMTP), the upgrade command, each sent only after the previous reply (no pipelining), and
/// nothing buffered past the go-ahead. The scanner's ClientHello is the next thing sent.
/// A `421`, a refused connection or silence throws: the scan ends "rate limited / unreachable",
/// never "not supported".
struct ScanConnection {
    /// Why a scan connection could not reach the ClientHello; the text is the scan's stop reason.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let probe: ServiceProbe
    /// Each connection's dialog must be done by then (and by `--max-time`).
    let timeout: Double
    static let maxLines = 100
    static let maxLineLength = 4096

    func open() throws -> Transport {
        let environment = probe.environment
        guard !environment.deadline.hasPassed else { throw Failure(description: "--max-time reached") }
        guard environment.budget.take(address: probe.address, port: probe.port) else {
            throw Failure(description: "--max-connections used up for \(probe.address) port \(probe.port)")
        }
        let stream: ByteStream
        do {
            stream = try environment.server.open(
                host: probe.host, port: probe.port, implicitTLS: false, scheme: probe.service.scheme,
                greeting: !probe.service.implicitTLS, address: probe.address)
        } catch {
            throw Failure(description: "\(error)")
        }
        guard !probe.service.implicitTLS else { return stream.transport }
        stream.deadline = Deadline.after(seconds: timeout).earliest(environment.deadline)
        do {
            try goAhead(stream)
        } catch let failure as Failure {
            stream.close()
            throw failure
        } catch {
            stream.close()
            throw Failure(description: "\(error)")
        }
        return stream.transport
    }

    /// Greeting, EHLO (SMTP), the upgrade command: one command per reply.
    private func goAhead(_ stream: ByteStream) throws {
        let dialect = InjectionDialect(probe.service.mailProtocol)
        try expect(reply(stream, dialect, tagged: false), positive: dialect.isPositive)
        if let hello = dialect.hello {
            try stream.writeLine(hello, trace: probe.environment.trace)
            try stream.flush()
            try expect(
                reply(stream, dialect, tagged: false), positive: { $0.last?.starts(with: Array("250".utf8)) ?? false })
        }
        try stream.writeLine(dialect.upgrade, trace: probe.environment.trace)
        try stream.flush()
        try expect(reply(stream, dialect, tagged: true), positive: dialect.isPositive)
        guard stream.bufferedCount == 0 else {
            throw Failure(
                description: "the server sent \(stream.bufferedCount) bytes after the go-ahead, before the handshake")
        }
    }

    private func expect(_ reply: [[UInt8]], positive: ([[UInt8]]) -> Bool) throws {
        guard positive(reply) else {
            let text =
                reply.last.map { String(decoding: $0.prefix(200), as: UTF8.self) } ?? "the server closed the connection"
            throw Failure(description: text)
        }
    }

    /// One reply's lines; with `tagged` (IMAP, after a command) the untagged lines before the
    /// tagged answer belong to it.
    private func reply(_ stream: ByteStream, _ dialect: InjectionDialect, tagged: Bool) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        while lines.count < Self.maxLines {
            guard let line = try stream.readLine(maxLength: Self.maxLineLength) else { break }
            probe.environment.trace.received(line + [0x0D, 0x0A])
            lines.append(line)
            if tagged && dialect.mailProtocol == .imap {
                if !line.starts(with: Array("* ".utf8)) { break }
            } else if dialect.endsReply(line) {
                break
            }
        }
        return lines
    }
}
