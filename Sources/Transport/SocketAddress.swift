#if canImport(Glibc)
    import Glibc
#endif

/// One resolved address of a host, owned as a copy of the `sockaddr` getaddrinfo returned.
public struct SocketAddress: Sendable, Equatable {
    public enum Family: Sendable { case ipv4, ipv6 }

    public let family: Family
    /// Raw `sockaddr_in` / `sockaddr_in6` bytes.
    let storage: [UInt8]
    /// Numeric form without brackets ("127.0.0.1", "::1").
    public let numericHost: String
    public let port: UInt16

    init?(_ sa: UnsafePointer<sockaddr>, length: socklen_t) {
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let family: Family
        switch Int32(sa.pointee.sa_family) {
        case AF_INET: family = .ipv4
        case AF_INET6: family = .ipv6
        default: return nil
        }
        guard getnameinfo(sa, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return nil
        }
        let port: UInt16 = sa.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { bytes in
            // sin_port and sin6_port both sit at offset 2, in network byte order.
            UInt16(bytes[2]) << 8 | UInt16(bytes[3])
        }
        self.family = family
        self.storage = Array(UnsafeRawBufferPointer(start: sa, count: Int(length)))
        self.numericHost = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.port = port
    }

    /// "127.0.0.1:443" or "[::1]:443", as curl prints it in `Trying` lines.
    public var displayWithPort: String {
        family == .ipv6 ? "[\(numericHost)]:\(port)" : "\(numericHost):\(port)"
    }

    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        storage.withUnsafeBytes { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
    }
}
