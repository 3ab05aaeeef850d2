import Foundation
import Glibc

/// A hostile or malformed peer for cases a real server will not produce: listens on 127.0.0.1
/// (ephemeral port), accepts connections, and answers each with a scripted behaviour.
final class ScriptedServer: @unchecked Sendable {
    enum Step {
        /// Reads until the client's request head ends (blank line) or the peer closes.
        case readRequestHead
        /// Reads one line.
        case readLine
        /// Reads an SMTP DATA body up to its terminating `.` line.
        case readUntilDot
        case send([UInt8])
        /// Sends `count` bytes of `byte` in 64 KiB pieces (endless-input cases), ignoring errors.
        case flood(byte: UInt8, count: Int)
        case sleep(TimeInterval)
        case close
        /// Closes this connection and waits for the client's next one (the steps after it
        /// answer that one): a run with several URLs that cannot share a connection.
        case acceptNext
    }

    let port: Int
    private let listener: Int32
    private let script: [Step]
    /// Everything the client sent, across connections.
    private(set) var received = Data()
    private let lock = NSLock()
    private var thread: Thread?

    /// - Parameter port: 0 for an ephemeral port.
    init(_ script: [Step], port fixedPort: UInt16 = 0) throws {
        self.script = script
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = fixedPort.bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve() }
        self.thread = thread
        thread.start()
    }

    convenience init(response: String) throws {
        try self.init([.readRequestHead, .send(Array(response.utf8)), .close])
    }

    deinit { Glibc.close(listener) }

    var receivedText: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: received, as: UTF8.self)
    }

    private func serve() {
        var client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        defer { Glibc.close(client) }
        for step in script {
            if case .acceptNext = step {
                Glibc.close(client)
                client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                continue
            }
            switch step {
            case .readRequestHead: readUntil(client, marker: Array("\r\n\r\n".utf8))
            case .readLine: readUntil(client, marker: [0x0A])
            case .readUntilDot: readUntil(client, marker: Array("\r\n.\r\n".utf8))
            case .send(let bytes):
                _ = bytes.withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            case .flood(let byte, let count):
                let chunk = [UInt8](repeating: byte, count: 65536)
                var sent = 0
                while sent < count {
                    let n = chunk.withUnsafeBytes {
                        Glibc.send(client, $0.baseAddress, min($0.count, count - sent), Int32(MSG_NOSIGNAL))
                    }
                    if n <= 0 { return }
                    sent += n
                }
            case .sleep(let seconds): Thread.sleep(forTimeInterval: seconds)
            case .close: return
            case .acceptNext: break
            }
        }
    }

    private func readUntil(_ fd: Int32, marker: [UInt8]) {
        var window: [UInt8] = []
        var byte: UInt8 = 0
        while recv(fd, &byte, 1, 0) == 1 {
            lock.lock()
            received.append(byte)
            lock.unlock()
            window.append(byte)
            if window.count > marker.count { window.removeFirst() }
            if window == marker { return }
        }
    }
}
