import Transport

/// How to reach the server: address family and time limits.
public struct ConnectionOptions: OptionGroup {
    public var connectTimeout: Double?
    public var maxTime: Double?
    /// How long the server may stay silent when an answer is due (curl's
    /// CURLOPT_SERVER_RESPONSE_TIMEOUT); 0 turns the limit off.
    public var responseTimeout: Double = ConnectionOptions.defaultResponseTimeout
    public var family: AddressFamilyPreference = .any
    /// `--resolve HOST:PORT:ADDRESS` entries, in the order given.
    public var resolve: [ResolveEntry] = []

    /// As curl's FTP response timeout: long enough for a slow server, short enough that a dead
    /// one does not hold a cron job for ever.
    public static let defaultResponseTimeout = 120.0
    /// For the greeting when `--connect-timeout` is not given: servers greet at once, but some
    /// delay it on purpose (Postfix's postscreen waits 6 s on port 25).
    public static let defaultGreetingTimeout = 60.0
    /// For the greeting on a port that usually speaks TLS from the first byte, reached with a
    /// plaintext URL: there the silence is almost always the wrong URL scheme.
    public static let implicitTLSPortGreetingTimeout = 8.0

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec("connect-timeout", argument: "SECONDS", help: "Maximum time allowed for connecting"),
        OptionSpec("max-time", short: "m", argument: "SECONDS", help: "Maximum time allowed for the whole operation"),
        OptionSpec(
            "response-timeout", argument: "SECONDS",
            help: "Maximum time the server may stay silent when an answer is due (default 120)"),
        OptionSpec("ipv4", short: "4", help: "Resolve names to IPv4 addresses only"),
        OptionSpec("ipv6", short: "6", help: "Resolve names to IPv6 addresses only"),
        OptionSpec(
            "resolve", argument: "HOST:PORT:ADDR",
            help: "Connect to ADDR for HOST on PORT without asking DNS (TLS still checks HOST)"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "connect-timeout": connectTimeout = try OptionValue.seconds(option)
        case "max-time": maxTime = try OptionValue.seconds(option)
        case "response-timeout": responseTimeout = try OptionValue.seconds(option)
        case "ipv4": family = option.negated ? .any : .ipv4Only
        case "ipv6": family = option.negated ? .any : .ipv6Only
        case "resolve": resolve.append(try ResolveEntry(parsing: option.argument))
        default: return false
        }
        return true
    }

    /// The deadline for the whole operation, fixed when the tool starts.
    public func operationDeadline() -> Deadline { .after(seconds: maxTime) }

    /// When the connect phase (TCP connect and TLS handshake) must be over for a connection
    /// started now: `--connect-timeout`, never later than the operation's deadline.
    public func connectDeadline(within operation: Deadline) -> Deadline {
        Deadline.after(seconds: connectTimeout).earliest(operation)
    }

    /// The idle limit for a stream: nil when turned off.
    public var idleTimeout: Double? { responseTimeout > 0 ? responseTimeout : nil }
}
