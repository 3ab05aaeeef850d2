import CLI
import CurlURL
import FTP
import LineProtocol
import TLS
import Transport

/// `ftp-transfer URL`: download, list or upload over FTP, FTP with AUTH TLS (`--ssl`,
/// `--ssl-reqd`, tried by default as the other tools try STARTTLS) or implicit FTPS (`ftps://`).
public enum FTPTransferCommand {
    static let runner = ToolRunner(
        name: "ftp-transfer",
        summary: "Download, list or upload files over FTP, FTP with AUTH TLS, or FTPS, with curl's URLs and options.",
        specs: FTPOptions.specs + StartTLSOptions.specs + TLSOptions.specs + ConnectionOptions.specs
            + OutputOptions.specs,
        protocols: ["ftp", "ftps"],
        features: ["IPv6", "SSL", "TLS-versions", "CRL", "OCSP", "TLS-SRP", "TLS-session-resumption"])

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        runner.run(context) { parsed, display in
            var options = FTPToolOptions()
            try options.parse(parsed)
            display.showsErrors = options.output.showsErrors
            try run(url: parsed.positionals[0], options: options, context: context)
        }
    }

    static func run(url text: String, options: FTPToolOptions, context: ToolContext) throws {
        let url = try CurlURL(parsing: text, defaultScheme: "ftp", supportedSchemes: ["ftp", "ftps"])
        let implicitTLS = url.scheme == "ftps"
        var path = try FTPPath(urlPath: url.path)
        if let upload = options.ftp.uploadFile, path.isDirectory {
            path = path.withFileName(String(upload.split(separator: "/").last ?? Substring(upload)))
        }
        let server = try options.server(context: context)
        context.report.use(FTPReportDialect())
        let policy = implicitTLS ? StartTLSPolicy.never : options.startTLS.policy
        let upgrade = TLSUpgrade(policy: policy) { try server.startTLS($0, host: url.host) }
        let login = try options.ftp.login(urlUser: url.user, urlPassword: url.password, prompt: context.passwordPrompt)
        let stream = try server.open(
            host: url.host, port: UInt16(url.effectivePort ?? (implicitTLS ? 990 : 21)), implicitTLS: implicitTLS,
            scheme: url.scheme, greeting: true)
        let session = FTPSession(stream: stream, trace: server.trace, implicitTLS: implicitTLS)
        try session.open(tls: upgrade)
        if !login.anonymous {
            try LoginPreamble.requirePrivacy(
                isSecure: session.isSecure, allowPlaintext: options.startTLS.plaintextRequested,
                upgradeCommand: "AUTH TLS", secureScheme: "ftps")
        }
        try session.login(user: login.user, password: login.password)
        try session.protectData(required: implicitTLS || policy == .required)
        if options.ftp.clearCommandChannel { try session.clearCommandChannel() }
        for command in options.ftp.quote { try session.quote(command) }
        let transfer = FTPTransferJob(
            session: session, path: path, options: options.ftp,
            connector: NetworkDataConnector(
                server: server, host: url.host, controlAddress: stream.transport.peerAddress,
                usePassiveHost: !options.ftp.skipPassiveAddress),
            standardOutput: context.standardOutput, standardInput: context.standardInput)
        try transfer.run()
        session.quit()
    }
}

/// The option groups of `ftp-transfer`, applied together.
struct FTPToolOptions {
    var ftp = FTPOptions()
    var startTLS = StartTLSOptions()
    var tls = TLSOptions()
    var connection = ConnectionOptions()
    var output = OutputOptions()

    mutating func parse(_ parsed: OptionParser.Result) throws {
        for option in parsed.options where option.name != "help" && option.name != "version" {
            if try ftp.apply(option) { continue }
            if try output.apply(option) { continue }
            if try startTLS.apply(option) { continue }
            if try tls.apply(option) { continue }
            _ = try connection.apply(option)
        }
        guard parsed.positionals.count == 1 else {
            throw ToolError.usage(parsed.positionals.isEmpty ? "no URL specified" : "only one URL per run")
        }
        if ftp.uploadFile != nil && (ftp.range != nil || ftp.listOnly) {
            throw ToolError.usage("-T cannot be combined with --range or --list-only")
        }
    }

    /// The connection every channel shares: trace, TLS configuration, deadlines.
    func server(context: ToolContext) throws -> ServerConnection {
        let trace = try output.trace(standardError: context.standardError, report: context.report)
        let tlsConfiguration = try tls.configuration(
            environment: context.environment, libraryVersion: context.tlsClient.libraryVersion,
            prompt: context.passwordPrompt)
        return ServerConnection(
            connection: connection, tlsConfiguration: tlsConfiguration, tlsClient: context.tlsClient,
            connector: context.connector, trace: trace, deadline: connection.operationDeadline(),
            report: context.report)
    }
}
