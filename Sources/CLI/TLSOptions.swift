import TLS

/// curl's TLS options, turned into a backend-neutral `TLSConfiguration`.
public struct TLSOptions: OptionGroup {
    public var insecure = false
    public var cacert: String?
    public var capath: String?
    public var crlfile: String?
    public var minimumVersion: TLSVersion?
    public var maximumVersion: TLSVersion?
    public var ciphers: String?
    /// `--sslv2`/`--sslv3`: recorded so the failure is reported (exit 4) when TLS is configured.
    public var requestedSSLVersion: String?

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec("insecure", short: "k", help: "Allow insecure server connections (no certificate verification)"),
        OptionSpec("cacert", argument: "FILE", help: "CA certificates (PEM bundle) to verify the peer against"),
        OptionSpec("capath", argument: "DIR", help: "Directory of PEM CA certificates to verify the peer against"),
        OptionSpec("crlfile", argument: "FILE", help: "Certificate revocation list (PEM) to check the peer against"),
        OptionSpec("tlsv1", short: "1", negatable: false, help: "Use TLS 1.0 or later"),
        OptionSpec("tlsv1.0", negatable: false, help: "Use TLS 1.0 or later"),
        OptionSpec("tlsv1.1", negatable: false, help: "Use TLS 1.1 or later"),
        OptionSpec("tlsv1.2", negatable: false, help: "Use TLS 1.2 or later (the default)"),
        OptionSpec("tlsv1.3", negatable: false, help: "Use TLS 1.3 or later"),
        OptionSpec("tls-max", argument: "VERSION", help: "Highest TLS version to use: 1.0, 1.1, 1.2, 1.3 or default"),
        OptionSpec("sslv2", short: "2", negatable: false, help: "SSLv2 (not available: exits 4)"),
        OptionSpec("sslv3", short: "3", negatable: false, help: "SSLv3 (not available: exits 4)"),
        OptionSpec("ciphers", argument: "LIST", help: "GnuTLS priority string to negotiate with, e.g. NORMAL:-CIPHER-ALL:+AES-256-GCM"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "insecure": insecure = !option.negated
        case "cacert": cacert = option.argument
        case "capath": capath = option.argument
        case "crlfile": crlfile = option.argument
        case "tlsv1", "tlsv1.0": minimumVersion = .tls1_0
        case "tlsv1.1": minimumVersion = .tls1_1
        case "tlsv1.2": minimumVersion = .tls1_2
        case "tlsv1.3": minimumVersion = .tls1_3
        case "tls-max":
            if option.argument == "default" {
                maximumVersion = nil
            } else if let version = TLSVersion(curlName: option.argument) {
                maximumVersion = version
            } else {
                throw ToolError.usage("option --tls-max: unsupported TLS version '\(option.argument)' (use 1.0, 1.1, 1.2, 1.3 or default)")
            }
        case "sslv2": requestedSSLVersion = "SSLv2"
        case "sslv3": requestedSSLVersion = "SSLv3"
        case "ciphers": ciphers = option.argument
        default: return false
        }
        return true
    }

    /// The configuration, with curl's trust-store rules applied to `environment`.
    public func configuration(environment: [String: String], libraryVersion: String) throws(TLSError) -> TLSConfiguration {
        if let ssl = requestedSSLVersion {
            throw TLSError(.notBuiltIn, "\(ssl) is not supported by \(libraryVersion): it is insecure and not compiled in")
        }
        var configuration = TLSConfiguration()
        configuration.verifyPeer = !insecure
        configuration.trust = TrustStore.resolve(cacert: cacert, capath: capath, environment: environment)
        configuration.crlFile = crlfile
        if let minimumVersion { configuration.minimumVersion = minimumVersion }
        configuration.maximumVersion = maximumVersion
        // curl: --tls-max below the default floor lowers the floor when no minimum was asked for.
        if minimumVersion == nil, let maximumVersion, maximumVersion < configuration.minimumVersion {
            configuration.minimumVersion = maximumVersion
        }
        configuration.ciphers = ciphers
        return configuration
    }
}
