#if canImport(Glibc)
    import Glibc
#endif

/// Opens a TCP connection the way curl does: resolve, then try each address in turn with a
/// non-blocking connect, reporting each attempt to the trace.
public struct TCPConnector {
    public var family: AddressFamilyPreference = .any
    public var trace: Trace

    public init(family: AddressFamilyPreference = .any, trace: Trace) {
        self.family = family
        self.trace = trace
    }

    /// - Parameter connectDeadline: ends the connect phase (`--connect-timeout`, bounded by
    ///   `--max-time`); the caller's TLS handshake shares it, as curl's connect timeout does.
    public func connect(host: String, port: UInt16, deadline connectDeadline: Deadline) throws -> TCPSocket {
        let started = Deadline.now()
        let addresses = try Resolver.resolve(host: host, port: port, family: family)
        var lastError: Int32 = ECONNREFUSED
        for address in addresses {
            if connectDeadline.hasPassed { break }
            trace.info("  Trying \(address.displayWithPort)...")
            do {
                let fd = try openSocket(address, deadline: connectDeadline)
                trace.info("Connected to \(host) (\(address.numericHost)) port \(port)")
                return TCPSocket(
                    takingOwnership: fd, peerName: "\(host) port \(port)", peerAddress: address.numericHost)
            } catch {
                lastError = error.code
                if error.code == ETIMEDOUT { break }
                trace.info("connect to \(address.numericHost) port \(port) failed: \(systemErrorText(error.code))")
            }
        }
        let elapsed = (Deadline.now() - started) / 1_000_000
        if lastError == ETIMEDOUT || connectDeadline.hasPassed {
            throw TransportError(
                .timeout, "Failed to connect to \(host) port \(port) after \(elapsed) ms: Connection timed out")
        }
        throw TransportError(
            .connect, "Failed to connect to \(host) port \(port) after \(elapsed) ms: \(systemErrorText(lastError))")
    }

    private struct ConnectFailure: Error { let code: Int32 }

    /// One non-blocking connect attempt; returns the connected descriptor.
    private func openSocket(_ address: SocketAddress, deadline: Deadline) throws(ConnectFailure) -> Int32 {
        let domain = address.family == .ipv6 ? AF_INET6 : AF_INET
        let fd = socket(
            domain, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ConnectFailure(code: errno) }
        var one: Int32 = 1
        // Commands are small and answered one batch at a time: Nagle plus delayed ACK would stall them.
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let status = address.withSockaddr { Glibc.connect(fd, $0, $1) }
        if status == 0 { return fd }
        guard errno == EINPROGRESS else {
            let code = errno
            _ = Glibc.close(fd)
            throw ConnectFailure(code: code)
        }
        var fds = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        while true {
            let timeout = deadline.pollTimeout
            if timeout == 0 {
                _ = Glibc.close(fd)
                throw ConnectFailure(code: ETIMEDOUT)
            }
            let ready = poll(&fds, 1, timeout)
            if ready > 0 { break }
            if ready < 0 && errno != EINTR {
                let code = errno
                _ = Glibc.close(fd)
                throw ConnectFailure(code: code)
            }
        }
        var soError: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
        if soError != 0 {
            _ = Glibc.close(fd)
            throw ConnectFailure(code: soError)
        }
        return fd
    }
}
