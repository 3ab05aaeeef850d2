import TLS

#if canImport(Glibc)
    import Glibc
#endif

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
    public var pinnedPublicKey: String?
    public var certStatus = false
    public var cert: String?
    public var key: String?
    public var certType = ClientCertificate.FileType.pem
    public var keyType = ClientCertificate.FileType.pem
    public var pass: String?
    public var tlsUser: String?
    public var tlsPassword: String?

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
        OptionSpec(
            "ciphers", argument: "LIST",
            help: "GnuTLS priority string to negotiate with, e.g. NORMAL:-CIPHER-ALL:+AES-256-GCM"),
        OptionSpec(
            "pinnedpubkey", argument: "HASHES|FILE",
            help: "Require the server key: sha256//BASE64[;sha256//...] or a PEM/DER public key file"),
        OptionSpec("cert-status", help: "Require a stapled OCSP response saying the certificate is good"),
        OptionSpec(
            "cert", short: "E", argument: "FILE[:PASSWORD]",
            help: "Client certificate (PEM, DER or P12), optionally with its key's password"),
        OptionSpec("key", argument: "FILE", help: "Client private key, when not in the --cert file"),
        OptionSpec("cert-type", argument: "TYPE", help: "Client certificate file type: PEM (default), DER or P12"),
        OptionSpec("key-type", argument: "TYPE", help: "Client private key file type: PEM (default) or DER"),
        OptionSpec("pass", argument: "PHRASE", help: "Password of the client private key or PKCS#12 file"),
        OptionSpec("tlsuser", argument: "NAME", help: "TLS-SRP user name (legacy; TLS 1.2 at most)"),
        OptionSpec("tlspassword", argument: "SECRET", help: "TLS-SRP password"),
        OptionSpec("tlsauthtype", argument: "TYPE", help: "TLS authentication type: SRP (the only one)"),
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
                throw ToolError.usage(
                    "option --tls-max: unsupported TLS version '\(option.argument)' (use 1.0, 1.1, 1.2, 1.3 or default)"
                )
            }
        case "sslv2": requestedSSLVersion = "SSLv2"
        case "sslv3": requestedSSLVersion = "SSLv3"
        case "ciphers": ciphers = option.argument
        case "pinnedpubkey": pinnedPublicKey = option.argument
        case "cert-status": certStatus = !option.negated
        case "cert": cert = option.argument
        case "key": key = option.argument
        case "cert-type": certType = try fileType(option, allowed: [.pem, .der, .p12])
        case "key-type": keyType = try fileType(option, allowed: [.pem, .der])
        case "pass": pass = option.argument
        case "tlsuser": tlsUser = option.argument
        case "tlspassword": tlsPassword = option.argument
        case "tlsauthtype":
            guard option.argument.uppercased() == "SRP" else {
                throw ToolError.usage("option --tlsauthtype: unsupported type '\(option.argument)' (only SRP)")
            }
        default: return false
        }
        return true
    }

    /// The configuration, with curl's trust-store rules applied to `environment`.
    public func configuration(
        environment: [String: String], libraryVersion: String,
        prompt: PasswordPrompt = TerminalPasswordPrompt()
    ) throws -> TLSConfiguration {
        if let ssl = requestedSSLVersion {
            throw TLSError(
                .notBuiltIn, "\(ssl) is not supported by \(libraryVersion): it is insecure and not compiled in")
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
        configuration.requireCertificateStatus = certStatus
        if let pinnedPublicKey {
            configuration.pinnedPublicKey = try PinnedPublicKey.parse(pinnedPublicKey, readFile: Self.readFile)
        }
        configuration.clientCertificate = clientCertificate(prompt: prompt)
        if let user = tlsUser {
            guard let password = tlsPassword else {
                throw ToolError.usage("option --tlsuser: needs --tlspassword")
            }
            configuration.srp = SRPCredentials(user: user, password: password)
        }
        return configuration
    }

    /// `--cert`, `--key` and friends; asks for the key's password on the terminal when the key
    /// is encrypted and none was given (with no terminal, the backend then fails with 58).
    package func clientCertificate(prompt: PasswordPrompt) -> ClientCertificate? {
        guard let cert else { return nil }
        let (file, inlinePassword) = CertificateArgument.split(cert)
        var client = ClientCertificate(
            certificateFile: file, certificateType: certType, keyFile: key,
            keyType: keyType, password: pass ?? inlinePassword)
        if client.password == nil && client.keyNeedsPassword {
            client.password = prompt.read(prompt: "Enter PEM pass phrase for \(client.effectiveKeyFile):")
        }
        return client
    }

    private func fileType(
        _ option: ParsedOption, allowed: [ClientCertificate.FileType]
    ) throws(ToolError) -> ClientCertificate.FileType {
        guard let type = ClientCertificate.FileType(rawValue: option.argument.uppercased()), allowed.contains(type)
        else {
            throw ToolError.usage(
                "option --\(option.name): unsupported type '\(option.argument)' (use \(allowed.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        return type
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw ToolError(.sslPinnedPubKeyNotMatch, String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n == 0 { break }
            bytes += buffer[0..<n]
            guard bytes.count <= 1 << 20 else { throw ToolError(.sslPinnedPubKeyNotMatch, "file larger than 1 MiB") }
        }
        return bytes
    }
}
