import TLS

/// curl's `--ssl` and `--ssl-reqd` for protocols that upgrade a plaintext connection.
/// Unlike curl, trying STARTTLS is the default: `--no-ssl` is the explicit way to stay in
/// plaintext (and the only way to let credentials cross in plaintext).
public struct StartTLSOptions: OptionGroup {
    public var policy: StartTLSPolicy = .ifOffered
    /// True only after `--no-ssl`: the user asked for a plaintext session.
    public var plaintextRequested: Bool { policy == .never }

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec(
            "ssl",
            help: "Use STARTTLS when the server offers it (the default; --no-ssl: plaintext, credentials allowed)"),
        OptionSpec("ssl-reqd", help: "Require TLS: fail with 64 when STARTTLS is not offered or refused"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "ssl":
            policy = option.negated ? .never : .ifOffered
        case "ssl-reqd":
            policy = option.negated ? .ifOffered : .required
        default:
            return false
        }
        return true
    }
}
