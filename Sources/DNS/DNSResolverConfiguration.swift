/// How the resolver is set up: where it asks, which trust anchor it validates from, how long a
/// lookup may take. The defaults are the system's: resolv.conf forwarders and the root anchor of
/// Debian's dns-root-data.
public struct DNSResolverConfiguration: Sendable, Equatable {
    /// dns-root-data's root key (DNSKEY in zone-file syntax).
    public static let rootTrustAnchorFile = "/usr/share/dns/root.key"
    public static let resolvConf = "/etc/resolv.conf"

    /// The resolver to forward to (`--resolver`); nil: the nameservers of `resolvConf`.
    public var forwarder: DNSForwarder?
    /// DS or DNSKEY records in zone-file syntax (`--trust-anchor`); nil: `rootTrustAnchorFile`.
    public var trustAnchorFile: String?
    /// The most one lookup may take, in seconds, retries included.
    public var timeout: Double
    /// RFC 6761 special-use zones that libunbound would answer NXDOMAIN itself ("test.",
    /// "invalid.", "localhost."...): these are passed to the forwarder instead. Needed for test
    /// domains under `test.`; by default `test.` whenever a forwarder is given.
    public var specialUseZonesToForward: [String]

    public init(
        forwarder: DNSForwarder? = nil, trustAnchorFile: String? = nil, timeout: Double = 10,
        specialUseZonesToForward: [String]? = nil
    ) {
        self.forwarder = forwarder
        self.trustAnchorFile = trustAnchorFile
        self.timeout = timeout
        self.specialUseZonesToForward = specialUseZonesToForward ?? (forwarder == nil ? [] : ["test."])
    }
}
