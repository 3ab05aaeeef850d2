#if canImport(Glibc)
    import Glibc
#endif

/// Which address families a connection may use (`-4`, `-6`).
public enum AddressFamilyPreference: Sendable {
    case any, ipv4Only, ipv6Only
}

/// Name resolution through getaddrinfo: IPv4 and IPv6, in the order the system prefers (RFC 6724).
public enum Resolver {
    public static func resolve(
        host: String, port: UInt16,
        family: AddressFamilyPreference = .any
    ) throws -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        switch family {
        case .any: hints.ai_family = AF_UNSPEC
        case .ipv4Only: hints.ai_family = AF_INET
        case .ipv6Only: hints.ai_family = AF_INET6
        }
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let first = result else {
            throw TransportError(.resolve, "Could not resolve host: \(host)", isTemporary: status == EAI_AGAIN)
        }
        defer { freeaddrinfo(first) }
        var addresses: [SocketAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let sa = info.pointee.ai_addr, let address = SocketAddress(sa, length: info.pointee.ai_addrlen),
                !addresses.contains(address)
            {
                addresses.append(address)
            }
            cursor = info.pointee.ai_next
        }
        guard !addresses.isEmpty else {
            throw TransportError(.resolve, "Could not resolve host: \(host)")
        }
        return addresses
    }
}
