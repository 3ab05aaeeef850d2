import Transport

/// How to reach the server: address family and time limits.
public struct ConnectionOptions: OptionGroup {
    public var connectTimeout: Double?
    public var maxTime: Double?
    public var family: AddressFamilyPreference = .any

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec("connect-timeout", argument: "SECONDS", help: "Maximum time allowed for connecting"),
        OptionSpec("max-time", short: "m", argument: "SECONDS", help: "Maximum time allowed for the whole operation"),
        OptionSpec("ipv4", short: "4", help: "Resolve names to IPv4 addresses only"),
        OptionSpec("ipv6", short: "6", help: "Resolve names to IPv6 addresses only"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "connect-timeout": connectTimeout = try OptionValue.seconds(option)
        case "max-time": maxTime = try OptionValue.seconds(option)
        case "ipv4": family = option.negated ? .any : .ipv4Only
        case "ipv6": family = option.negated ? .any : .ipv6Only
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
}
