/// Host-name rules that do not depend on the backend.
public enum HostName {
    /// True for an IPv4 or IPv6 literal: such a host is never sent as SNI (RFC 6066 section 3)
    /// and is matched against the certificate's IP address entries.
    public static func isIPAddressLiteral(_ host: String) -> Bool {
        if host.contains(":") { return true }  // IPv6 (brackets already removed)
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                    && Int(part).map { $0 <= 255 } == true
            }
    }
}
