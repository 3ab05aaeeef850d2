import CLI
import CurlURL
import HTTP
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// `http-get URL`: one HTTP/1.1 transfer over the shared TLS layer, with curl's options.
public enum HTTPGetCommand {
    static let runner = ToolRunner(
        name: "http-get",
        summary: "Fetch a URL over HTTP or HTTPS (TLS by GnuTLS), with curl's options and exit codes.",
        specs: HTTPOptions.specs + TLSOptions.specs + ConnectionOptions.specs + OutputOptions.specs,
        protocols: ["http", "https"],
        features: ["IPv6", "SSL", "TLS-versions", "CRL", "OCSP", "TLS-SRP"])

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        runner.run(context) { parsed, display in
            var http = HTTPOptions(), tls = TLSOptions(), connection = ConnectionOptions(), output = OutputOptions()
            for option in parsed.options where option.name != "help" && option.name != "version" {
                if try output.apply(option) || tls.apply(option) || connection.apply(option) || http.apply(option) {
                    continue
                }
            }
            display.showsErrors = output.showsErrors
            guard parsed.positionals.count == 1 else {
                throw ToolError.usage(parsed.positionals.isEmpty ? "no URL specified" : "only one URL per run")
            }
            try run(
                url: parsed.positionals[0], http: http, tls: tls, connection: connection, output: output,
                context: context)
        }
    }

    static func run(
        url text: String, http: HTTPOptions, tls: TLSOptions, connection: ConnectionOptions,
        output: OutputOptions, context: ToolContext
    ) throws {
        var url = try CurlURL(parsing: text, defaultScheme: "http", supportedSchemes: HTTPTransfer.redirectSchemes)
        let deadline = connection.operationDeadline()
        let client = context.tlsClient
        let trace = try output.trace(standardError: context.standardError, report: context.report)
        context.report.use(HTTPReportDialect())
        // Checked before connecting, so a bad TLS option fails the same way for http:// URLs.
        let tlsConfiguration = try tls.configuration(
            environment: context.environment, libraryVersion: client.libraryVersion,
            prompt: context.passwordPrompt)

        var options = HTTPTransferOptions(userAgent: http.userAgent ?? "http-get/\(VersionInfo.suiteVersion)")
        if http.userAgent == "" { options.userAgent = nil }
        options.customMethod = http.request
        options.headOnly = http.head
        options.headers = try http.headers.compactMap { try HTTPCustomHeader.parse($0) }
        options.followRedirects = http.location
        options.maxRedirects = http.maxRedirects
        options.failOnError = http.fail
        options.credentials = try http.user.map {
            try credentials($0, command: http.passwordCommand, prompt: context.passwordPrompt)
        }
        if let upload = http.uploadFile {
            options.body = upload == "-" ? .fileDescriptor(context.standardInput) : .file(path: upload)
            // curl: a URL ending in "/" gets the file's name appended.
            if url.path.isEmpty || url.path.hasSuffix("/"), upload != "-" {
                let name = upload.split(separator: "/").last.map(String.init) ?? upload
                url.path = (url.path.isEmpty ? "/" : url.path) + PercentEncoding.encode(name.utf8)
            }
        } else if !http.data.isEmpty {
            options.body = .bytes(
                try RequestData.join(http.data, standardInput: context.standardInput),
                contentType: "application/x-www-form-urlencoded")
        }

        let sink = OutputFile(path: http.output, standardOutput: context.standardOutput)
        let server = ServerConnection(
            connection: connection, tlsConfiguration: tlsConfiguration, tlsClient: client,
            connector: context.connector,
            trace: trace, deadline: deadline, report: context.report)
        _ = try HTTPTransfer.run(
            url: url, options: options, trace: trace,
            connect: { target in
                try server.open(
                    host: target.host, port: UInt16(target.effectivePort ?? 80), implicitTLS: target.scheme == "https")
            },
            onHead: { head in
                if http.include || http.head { try sink.write(head.rawBytes) }
            },
            onBody: { bytes in try sink.write(bytes) })
        try sink.finish()
    }

    /// `-u user:password`; a missing password comes from `--passwordeval`, else is asked for on
    /// the terminal, as curl does.
    private static func credentials(
        _ argument: String, command: String?, prompt: PasswordPrompt
    ) throws -> HTTPCredentials {
        if let colon = argument.firstIndex(of: ":") {
            return HTTPCredentials(
                user: String(argument[..<colon]), password: String(argument[argument.index(after: colon)...]))
        }
        let password = try PasswordCommand.hostPassword(user: argument, command: command, prompt: prompt)
        return HTTPCredentials(user: argument, password: password)
    }
}
