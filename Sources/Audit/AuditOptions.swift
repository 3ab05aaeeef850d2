import CLI
import TLS

/// `mail-tls-audit`'s own options: what to audit, where connections really go, the trust for
/// certificates, the report file and the connection budget.
public struct AuditOptions: OptionGroup {
    public var hosts: [String] = []
    public var connectTo: [ConnectTo] = []
    public var cacert: String?
    public var capath: String?
    /// `--json FILE`; `-` is standard output.
    public var jsonPath: String?
    /// At most this many connections to one address and port in a run: the dialog, the
    /// injection test and the TLS scan (about 50 to 120 connections for a whole enumeration).
    public var maxConnections = 150
    /// Seconds between the starts of two connections to the same address and port; nil: the
    /// default, which depends on the address (`ConnectionBudget.defaultInterval`).
    public var connectionInterval: Double?
    /// `--resolver ADDR[:PORT]` and `--trust-anchor FILE`, for DOMAIN.
    public var resolver: String?
    public var trustAnchor: String?

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec(
            "host", argument: "HOST",
            help: "Audit HOST on ports 25, 587, 465, 143, 993, 110 and 995 (repeatable)"),
        OptionSpec(
            "connect-to", argument: "HOST1:PORT1:HOST2:PORT2",
            help: "Connect to HOST2:PORT2 instead of HOST1:PORT1; names and certificates keep HOST1"),
        OptionSpec("cacert", argument: "FILE", help: "CA certificates (PEM bundle) to judge server certificates by"),
        OptionSpec("capath", argument: "DIR", help: "Directory of PEM CA certificates to judge server certificates by"),
        OptionSpec("json", argument: "FILE", help: "Write the report as JSON to FILE (- for stdout)"),
        OptionSpec(
            "max-connections", argument: "N",
            help: "At most N connections to one address and port, TLS scan included (default 150)"),
        OptionSpec(
            "connection-interval", argument: "SECONDS",
            help: "Start connections to one address and port at least SECONDS apart (default 0.05; loopback 0.005)"),
        OptionSpec(
            "resolver", argument: "ADDR[:PORT]", help: "DNS resolver to ask for DOMAIN's records (default: resolv.conf)"
        ),
        OptionSpec(
            "trust-anchor", argument: "FILE",
            help: "DNSSEC trust anchors (DS or DNSKEY lines) instead of the root's"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "host": hosts.append(option.argument)
        case "connect-to": connectTo.append(try ConnectTo(parsing: option.argument))
        case "cacert": cacert = option.argument
        case "capath": capath = option.argument
        case "json": jsonPath = option.argument
        case "max-connections":
            let value = try OptionValue.integer(option)
            guard (1...1000).contains(value) else {
                throw ToolError.usage("option --max-connections: expected a number from 1 to 1000")
            }
            maxConnections = value
        case "connection-interval": connectionInterval = try OptionValue.seconds(option)
        case "resolver": resolver = option.argument
        case "trust-anchor": trustAnchor = option.argument
        default: return false
        }
        return true
    }

    /// The TLS configuration of every audit connection: TLS 1.0 and up (a weak server is still
    /// audited), trust from `--cacert`/`--capath` or as curl finds it, and nothing enforced.
    public func tlsConfiguration(environment: [String: String]) -> TLSConfiguration {
        var configuration = TLSConfiguration()
        configuration.verifyPeer = true
        configuration.enforcesPolicy = false
        configuration.trust = TrustStore.resolve(cacert: cacert, capath: capath, environment: environment)
        configuration.minimumVersion = .tls1_0
        return configuration
    }
}
