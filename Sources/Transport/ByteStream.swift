import ExitCode

#if canImport(Glibc)
    import Glibc
#endif

/// A buffered reader and writer over a `Transport`: the engine protocols read lines and bodies
/// from. Reads come from one fixed buffer (bounded memory whatever the peer sends); writes are
/// collected and sent in one piece by `flush()`, so a batch of commands leaves as one segment.
public final class ByteStream {
    public private(set) var transport: Transport
    /// Applies to every read and write (`-m/--max-time`).
    public var deadline: Deadline
    /// Seconds the peer may stay silent (or not read) before the run ends with curl 28, on top
    /// of `deadline`: a server that accepts and never answers cannot hold a tool forever.
    public var idleTimeout: Double?
    /// Until the first line arrives: when the greeting must be in, and what to say if it is not.
    private var greeting: (deadline: Deadline, hint: String)?
    /// Seconds to pause, while set, before waiting for bytes that have not arrived yet, so that a
    /// stream of many small records (an LDAP search's entries) is read in batches. Waking the
    /// reader for every record costs the sending server more than the record itself: measured
    /// with slapd, 100,000 entries took 0.9 s of its CPU against 0.6 s with a 0.5 ms pause
    /// (bench/README.md). Only for bulk reads: each wait for a reply grows by the pause.
    public var batchingPause: Double?

    private var input: [UInt8]
    private var start = 0
    private var end = 0
    private var output: [UInt8] = []
    /// Output is sent once this much is queued, so uploads stream in bounded memory.
    private let outputHighWater: Int

    /// The default buffer holds a whole 64 KiB line with its CR LF, the longest line any
    /// protocol accepts (`LineLimits`): real servers send long banners and capability lines.
    public static let defaultBufferSize = 64 * 1024 + 1024

    public init(transport: Transport, deadline: Deadline = .never, bufferSize: Int = ByteStream.defaultBufferSize) {
        self.transport = transport
        self.deadline = deadline
        self.input = [UInt8](repeating: 0, count: bufferSize)
        self.outputHighWater = bufferSize
    }

    /// Bounds the wait for the server's first line (its greeting) by `deadline` (the connect
    /// timeout's), after which the run ends with curl 28 and `hint` says what probably happened.
    public func expectGreeting(by deadline: Deadline, hint: String) {
        greeting = (deadline, hint)
    }

    /// The deadline of the next wait for the peer: the operation's, the idle timeout's, and the
    /// greeting's while it is awaited, whichever comes first. A STARTTLS handshake uses it too.
    public var waitDeadline: Deadline {
        var result = deadline
        if let idleTimeout { result = result.earliest(.after(seconds: idleTimeout)) }
        if let greeting { result = result.earliest(greeting.deadline) }
        return result
    }

    /// Bytes received but not yet consumed.
    public var bufferedCount: Int { end - start }

    // MARK: Reading

    /// Reads one line terminated by LF and returns it without the LF and a preceding CR.
    /// Returns nil when the peer closed cleanly before sending any byte of a new line.
    /// - Throws: `LineTooLongError` past `maxLength` bytes (the peer is hostile: every line is
    ///   bounded); `TransportError(.receive)` when the connection ends inside a line.
    public func readLine(maxLength: Int) throws -> [UInt8]? {
        var scanned = 0
        while true {
            if let lf = input[(start + scanned)..<end].firstIndex(of: 0x0A) {
                var lineEnd = lf
                if lineEnd > start && input[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                guard lineEnd - start <= maxLength else { throw LineTooLongError(limit: maxLength) }
                let line = Array(input[start..<lineEnd])
                start = lf + 1
                return line
            }
            scanned = end - start
            guard scanned <= maxLength + 1 else { throw LineTooLongError(limit: maxLength) }
            let received = try fill()
            if received == 0 {
                if bufferedCount == 0 { return nil }
                throw TransportError(.receive, "Connection closed by \(transport.peerName) in the middle of a line")
            }
            // The buffer is full of one unfinished line: the buffer size is the effective limit.
            if received < 0 { throw LineTooLongError(limit: min(maxLength, input.count)) }
        }
    }

    /// Hands up to `maxCount` bytes to `body`, receiving once if nothing is buffered.
    /// Returns the number of bytes handed over; 0 means the peer closed the connection.
    @discardableResult
    public func readSome(maxCount: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        if bufferedCount == 0, try fill() == 0 { return 0 }
        let count = min(maxCount, bufferedCount)
        try input.withUnsafeBytes { raw in
            try body(UnsafeRawBufferPointer(rebasing: raw[start..<(start + count)]))
        }
        start += count
        return count
    }

    /// Hands every buffered byte to `body` (receiving once if none is buffered), which returns
    /// how many of them it takes; the rest stay for the next read. Returns that count, or nil
    /// when the peer closed the connection. For framers that find an element's end in place.
    public func readBuffered(_ body: (UnsafeRawBufferPointer) throws -> Int) throws -> Int? {
        if bufferedCount == 0, try fill() == 0 { return nil }
        let (first, last) = (start, end)
        let taken = try input.withUnsafeBytes { raw in try body(UnsafeRawBufferPointer(rebasing: raw[first..<last])) }
        precondition(taken >= 0 && taken <= last - first, "readBuffered took bytes it was not given")
        start += taken
        return taken
    }

    /// Reads exactly `count` bytes into `body` in pieces; throws if the peer closes first.
    public func readExactly(_ count: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var remaining = count
        while remaining > 0 {
            let n = try readSome(maxCount: remaining, body)
            if n == 0 {
                throw TransportError(
                    .receive, "Connection closed by \(transport.peerName) with \(remaining) bytes still expected")
            }
            remaining -= n
        }
    }

    /// Receives more bytes into the buffer, compacting first. Returns the count (0 at EOF, -1
    /// when the buffer holds `input.count` unconsumed bytes and nothing more fits).
    /// Takes in what the peer has already sent, without waiting: the count of bytes that arrived
    /// (0 when none did, or the peer closed). How a session sees a reply nobody asked for.
    public func receiveAvailable() throws -> Int {
        compact()
        guard end < input.count else { return 0 }
        let transport = self.transport, filled = self.end
        let n = try input.withUnsafeMutableBytes { raw in
            try transport.receiveAvailable(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
        }
        self.end += n ?? 0
        return n ?? 0
    }

    /// Moves unconsumed bytes to the front when the buffer's end is reached.
    private func compact() {
        if start == end {
            start = 0
            end = 0
        } else if end == input.count {
            input.withUnsafeMutableBytes { raw in
                raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: end - start)
            }
            end -= start
            start = 0
        }
    }

    private func fill() throws -> Int {
        compact()
        if end == input.count { return -1 }
        let transport = self.transport, deadline = waitDeadline, filled = self.end
        if let pause = batchingPause {
            let n = try input.withUnsafeMutableBytes { raw in
                try transport.receiveAvailable(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
            }
            if let n { return received(n, at: filled) }
            usleep(UInt32(pause * 1_000_000))
        }
        do {
            let n = try input.withUnsafeMutableBytes { raw in
                try transport.receive(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]), deadline: deadline)
            }
            return received(n, at: filled)
        } catch let error as TransportError where error.kind == .timeout {
            throw timeoutExplained(error)
        }
    }

    private func received(_ n: Int, at filled: Int) -> Int {
        // The greeting is in once a whole line is, however the protocol reads it.
        if greeting != nil && input[filled..<(filled + n)].contains(0x0A) { greeting = nil }
        end += n
        return n
    }

    /// A timeout while the greeting is awaited says what probably happened; a silent server
    /// otherwise says how long it was silent when that was the limit.
    private func timeoutExplained(_ error: TransportError) -> TransportError {
        if let greeting, greeting.deadline.hasPassed {
            return TransportError(.timeout, "No greeting from \(transport.peerName): \(greeting.hint)")
        }
        if let idleTimeout, !deadline.hasPassed {
            return TransportError(
                .timeout,
                "\(error.message): the server sent nothing for \(Self.describe(seconds: idleTimeout)) "
                    + "(--response-timeout)")
        }
        return error
    }

    /// "8 s", "0.5 s".
    public static func describe(seconds value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    // MARK: Writing

    /// Queues bytes; they leave on `flush()` or once the queue is large.
    public func write(_ bytes: some Collection<UInt8>) throws {
        output.append(contentsOf: bytes)
        if output.count >= outputHighWater { try flush() }
    }

    public func write(_ text: String) throws {
        try write(text.utf8)
    }

    /// Sends everything queued as one write.
    public func flush() throws {
        guard !output.isEmpty else { return }
        let transport = self.transport, deadline = waitDeadline
        try output.withUnsafeBytes { try transport.send($0, deadline: deadline) }
        output.removeAll(keepingCapacity: true)
    }

    // MARK: Upgrading

    /// Replaces the transport with one layered over it (STARTTLS, STLS, AUTH TLS).
    ///
    /// DESIGN.md rule 2: after the server's go-ahead, any byte already received was sent before
    /// the handshake and could have been injected by an attacker; it is refused, nothing more is
    /// sent, and the caller ends the session.
    public func upgrade(_ wrap: (Transport) throws -> Transport) throws {
        try flush()
        let pending = bufferedCount
        guard pending == 0 && !transport.hasPendingInput else {
            throw DataBeforeHandshakeError(bufferedByteCount: pending)
        }
        transport = try wrap(transport)
    }

    /// Whether bytes have arrived that no read has taken yet (buffered here, or sent and waiting
    /// in the transport, taken in now without waiting); the peer's close is not a byte. After a
    /// reply that must be the last thing the server says, such bytes are refused.
    public func hasUnreadInput() -> Bool {
        bufferedCount > 0 || ((try? receiveAvailable()) ?? 0) > 0
    }

    /// Replaces a layered transport with the one beneath it (FTP's CCC ends TLS on the control
    /// connection). Bytes received before are refused, as for an upgrade: they would be taken
    /// as plaintext although they came inside TLS.
    public func downgrade(_ unwrap: (Transport) throws -> Transport) throws {
        try flush()
        guard bufferedCount == 0 else { throw DataBeforeHandshakeError(bufferedByteCount: bufferedCount) }
        transport = try unwrap(transport)
    }

    /// Sends what is queued, then half-closes (`Transport.closeWrite`).
    public func closeWrite() throws {
        try flush()
        try transport.closeWrite(deadline: waitDeadline)
    }

    public func close() {
        transport.close()
    }
}

/// A line longer than the protocol's explicit limit (curl: weird server reply).
public struct LineTooLongError: CurlCodeError, Equatable {
    public var curlCode: CurlCode { .weirdServerReply }
    public let limit: Int
    public init(limit: Int) { self.limit = limit }
    public var description: String { "Server sent a line longer than \(limit) bytes" }
}

/// Bytes arrived between the STARTTLS go-ahead and the TLS handshake, or after a refused
/// STARTTLS before anything more was sent (curl: weird server reply).
public struct DataBeforeHandshakeError: CurlCodeError, Equatable {
    public var curlCode: CurlCode { .weirdServerReply }
    public let bufferedByteCount: Int
    /// The server had refused the upgrade: the bytes answer commands never sent.
    public let afterRefusal: Bool
    public init(bufferedByteCount: Int, afterRefusal: Bool = false) {
        self.bufferedByteCount = bufferedByteCount
        self.afterRefusal = afterRefusal
    }
    public var description: String {
        afterRefusal
            ? "Server sent more after refusing STARTTLS (replies to commands never sent: possible injection); connection abandoned"
            : "Server sent data after its STARTTLS go-ahead and before the TLS handshake (possible injection); connection abandoned"
    }
}
