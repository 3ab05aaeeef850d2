#if canImport(Glibc)
    import Glibc
#endif

/// The resolver to ask (`--resolver ADDR[:PORT]`): an IPv4 or IPv6 address, the IPv6 one in
/// brackets when a port follows (`[::1]:5353`). Names are refused: the resolver is how names are
/// found. libunbound spells it `ADDR@PORT` (`ub_ctx_set_fwd`).
public struct DNSForwarder: Sendable, Equatable, CustomStringConvertible {
    public let address: String
    public let port: UInt16

    public init(address: String, port: UInt16 = 53) {
        self.address = address
        self.port = port
    }

    /// Parses `ADDR`, `ADDR:PORT`, `IPV6`, `[IPV6]` or `[IPV6]:PORT`.
    public static func parse(_ text: String) throws(DNSError) -> DNSForwarder {
        let fail = { (why: String) in DNSError(.setup, "--resolver '\(text)': \(why)") }
        var host = Substring(text)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw fail("no ']' after the IPv6 address") }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw fail("only ':PORT' may follow ']'") }
                portText = rest.dropFirst()
            }
            guard isIPv6(host) else { throw fail("'\(host)' is not an IPv6 address") }
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard isIPv4(host) || isIPv6(host) else { throw fail("not an IP address (a resolver is given by address)") }
        var port: UInt16 = 53
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit),
                let value = UInt16(portText), value > 0
            else { throw fail("the port must be a number from 1 to 65535") }
            port = value
        }
        return DNSForwarder(address: String(host), port: port)
    }

    /// libunbound's form: `ADDR@PORT` (no brackets for IPv6).
    public var unboundForm: String { "\(address)@\(port)" }

    public var description: String { address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)" }

    static func isIPv4(_ text: Substring) -> Bool {
        var buffer = in_addr()
        return text.count <= 15 && inet_pton(AF_INET, String(text), &buffer) == 1
    }

    static func isIPv6(_ text: Substring) -> Bool {
        var buffer = in6_addr()
        return text.count <= 45 && inet_pton(AF_INET6, String(text), &buffer) == 1
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
