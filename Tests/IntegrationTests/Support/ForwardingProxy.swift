import Foundation
import Glibc

/// A plain TCP forwarder on a chosen 127.0.0.1 port: the server a queued message remembers,
/// which can be switched from one peer to another (a scripted one, then the real Postfix)
/// while the port stays the same. Serves connections until stopped.
final class ForwardingProxy: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let target: Target

    /// The port new connections are forwarded to.
    final class Target: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Int
        init(_ value: Int) { self.value = value }
        var port: Int {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }

    var upstreamPort: Int {
        get { target.port }
        set { target.port = newValue }
    }

    init(port: Int = 0, upstreamPort: Int) throws {
        target = Target(upstreamPort)
        listener = try Self.listen(port: port)
        self.port = port != 0 ? port : Self.boundPort(listener)
        let listener = listener, target = target
        Thread { Self.acceptLoop(listener, target: target) }.start()
    }

    /// Stops accepting (connections already forwarded run on to their end).
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        Glibc.close(listener)
    }

    /// A port nothing listens on now (bound, then released).
    static func unusedPort() throws -> Int {
        let fd = try listen(port: 0)
        defer { Glibc.close(fd) }
        return boundPort(fd)
    }

    private static func boundPort(_ fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func listen(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, 16) == 0 else {
            Glibc.close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        return fd
    }

    private static func acceptLoop(_ listener: Int32, target: Target) {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(target.port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                Glibc.close(client)
                Glibc.close(upstream)
                continue
            }
            Thread { Self.pump(client, upstream) }.start()
        }
    }

    /// Copies both ways until either side closes.
    private static func pump(_ a: Int32, _ b: Int32) {
        defer {
            Glibc.close(a)
            Glibc.close(b)
        }
        var fds = [pollfd(fd: a, events: Int16(POLLIN), revents: 0), pollfd(fd: b, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while poll(&fds, 2, 30_000) > 0 {
            for (index, entry) in fds.enumerated() where entry.revents != 0 {
                let n = read(entry.fd, &buffer, buffer.count)
                if n <= 0 { return }
                let other = index == 0 ? b : a
                var done = 0
                while done < n {
                    let w = buffer.withUnsafeBytes {
                        Glibc.send(other, $0.baseAddress! + done, n - done, Int32(MSG_NOSIGNAL))
                    }
                    if w <= 0 { return }
                    done += w
                }
            }
        }
    }
}
