import CurlURL

/// `--resolve HOST:PORT:ADDRESS`, as curl's: connections to HOST on PORT go to ADDRESS (an IPv4
/// address, or an IPv6 one in brackets) without asking DNS; HOST keeps its part everywhere else
/// (TLS SNI, the certificate name check, the trace). HOST `*` matches every name. An
/// internationalised HOST is compared in its A-label form, as the URL's host is.
public struct ResolveEntry: Equatable, Sendable {
    public let host: String
    public let port: Int
    public let address: String

    public init(parsing text: String) throws(ToolError) {
        let failure = ToolError.usage("option --resolve: expected HOST:PORT:ADDRESS, got '\(text)'")
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else {
            throw failure
        }
        var address = String(parts[2])
        if address.hasPrefix("[") && address.hasSuffix("]") { address = String(address.dropFirst().dropLast()) }
        guard !address.isEmpty, address.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: ",") }) else {
            throw failure
        }
        var host = String(parts[0])
        if host != "*" {
            // The same conversion as a URL's host (IDNA), through the URL parser.
            guard let url = try? CurlURL(parsing: "x://" + host + "/", supportedSchemes: ["x"]) else { throw failure }
            host = url.host
        }
        self.host = host.lowercased()
        self.port = port
        self.address = address
    }

    /// The address to connect to for `host` and `port`, nil when no entry names them.
    public static func address(for host: String, port: Int, in entries: [ResolveEntry]) -> String? {
        let name = host.lowercased()
        return entries.last { ($0.host == name || $0.host == "*") && $0.port == port }?.address
    }
}
