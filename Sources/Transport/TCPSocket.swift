#if canImport(Glibc)
    import Glibc
#endif

/// A connected, non-blocking TCP socket. Every wait goes through `poll` with the caller's
/// deadline, so a silent peer costs at most the time the user allowed.
public final class TCPSocket: Transport {
    /// The file descriptor, or -1 once closed.
    public private(set) var descriptor: Int32
    public let peerName: String
    public let peerAddress: String?

    /// Takes ownership of a connected non-blocking socket.
    init(takingOwnership descriptor: Int32, peerName: String, peerAddress: String? = nil) {
        self.descriptor = descriptor
        self.peerName = peerName
        self.peerAddress = peerAddress
    }

    deinit { close() }

    public func close() {
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    public func closeWrite(deadline: Deadline) throws {
        guard descriptor >= 0 else { return }
        _ = shutdown(descriptor, Int32(SHUT_WR))
    }

    public func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        guard descriptor >= 0 else {
            throw TransportError(.receive, "Recv failure from \(peerName): connection already closed")
        }
        while true {
            let n = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if n >= 0 { return n }
            switch errno {
            case EINTR: try Interruption.check()
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLIN), deadline: deadline, receiving: true)
            case let code: throw TransportError(.receive, "Recv failure from \(peerName): \(systemErrorText(code))")
            }
        }
    }

    public func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {
        guard descriptor >= 0 else {
            throw TransportError(.send, "Send failure to \(peerName): connection already closed")
        }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if n >= 0 {
                offset += n
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLOUT), deadline: deadline, receiving: false)
            case let code: throw TransportError(.send, "Send failure to \(peerName): \(systemErrorText(code))")
            }
        }
    }

    public func waitForInput(milliseconds: Int32) -> Bool {
        guard descriptor >= 0 else { return false }
        var fds = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&fds, 1, milliseconds) > 0 && fds.revents != 0
    }

    /// Blocks until the socket is ready for `events` or the deadline passes; a Ctrl-C
    /// (`Interruption`) ends the wait within `Interruption.checkInterval`.
    public func wait(for events: Int16, deadline: Deadline, receiving: Bool) throws {
        var fds = pollfd(fd: descriptor, events: events, revents: 0)
        while true {
            try Interruption.check()
            let timeout = deadline.pollTimeout
            if timeout == 0 {
                throw TransportError(
                    .timeout, "Operation timed out \(receiving ? "waiting for data from" : "sending to") \(peerName)")
            }
            let slice = timeout < 0 ? Interruption.checkInterval : min(timeout, Interruption.checkInterval)
            let ready = poll(&fds, 1, slice)
            if ready > 0 { return }
            if ready < 0 && errno != EINTR {
                throw TransportError(receiving ? .receive : .send, "poll failed: \(systemErrorText(errno))")
            }
        }
    }
}
