import Foundation
import Glibc

/// A TCP proxy in front of a real TLS server that slips one plaintext TLS alert record into
/// the server's flight (after `afterRecords` whole records), for peers no server can be made
/// to play: e.g. a warning `unrecognized_name` right after a TLS 1.2 ServerHello. Serves one
/// connection, on 127.0.0.1, for at most 10 seconds.
final class AlertInjectingProxy: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let upstreamPort: Int
    private let alert: [UInt8]
    private let afterRecords: Int

    /// `level` 1 is warning, 2 fatal; `description` the AlertDescription (112: unrecognized_name).
    init(upstreamPort: Int, level: UInt8 = 1, description: UInt8, afterRecords: Int) throws {
        self.upstreamPort = upstreamPort
        self.alert = [0x15, 0x03, 0x03, 0x00, 0x02, level, description]
        self.afterRecords = afterRecords
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 4) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in serve() }.start()
    }

    deinit { Glibc.close(listener) }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return address
    }

    private func serve() {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        defer { Glibc.close(client) }
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Glibc.close(upstream) }
        var address = Self.loopback(port: UInt16(upstreamPort))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return }
        relay(client: client, upstream: upstream)
    }

    private func relay(client: Int32, upstream: Int32) {
        var fromServer: [UInt8] = []
        var recordsSeen = 0
        var injected = afterRecords == 0
        if injected { sendAll(client, alert) }
        let deadline = Date().addingTimeInterval(10)
        var buffer = [UInt8](repeating: 0, count: 16384)
        while Date() < deadline {
            var fds = [
                pollfd(fd: client, events: Int16(POLLIN), revents: 0),
                pollfd(fd: upstream, events: Int16(POLLIN), revents: 0),
            ]
            guard poll(&fds, 2, 100) >= 0 else { return }
            if fds[0].revents != 0 {
                let n = recv(client, &buffer, buffer.count, 0)
                if n <= 0 { return }
                sendAll(upstream, Array(buffer[0..<n]))
            }
            if fds[1].revents != 0 {
                let n = recv(upstream, &buffer, buffer.count, 0)
                if n <= 0 { return }
                if injected {
                    sendAll(client, Array(buffer[0..<n]))
                    continue
                }
                fromServer += buffer[0..<n]
                // Forward whole records; inject once `afterRecords` of them have gone through.
                while !injected, fromServer.count >= 5 {
                    let length = 5 + Int(fromServer[3]) << 8 + Int(fromServer[4])
                    guard fromServer.count >= length else { break }
                    sendAll(client, Array(fromServer.prefix(length)))
                    fromServer.removeFirst(length)
                    recordsSeen += 1
                    if recordsSeen == afterRecords {
                        sendAll(client, alert)
                        injected = true
                    }
                }
                if injected && !fromServer.isEmpty {
                    sendAll(client, fromServer)
                    fromServer = []
                }
            }
        }
    }

    private func sendAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }
}
