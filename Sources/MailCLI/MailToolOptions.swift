import CLI
import Codec
import CurlURL
import SASL
import TLS
import Transport

/// The option groups every mail tool shares (login, STARTTLS policy, TLS, connection, output),
/// applied together, and what they resolve to for one URL: the connection, the trace, the
/// credentials. A mail tool adds only its own group and its protocol session.
package struct MailToolOptions {
    package var auth = MailAuthOptions()
    package var startTLS = StartTLSOptions()
    package var tls = TLSOptions()
    package var connection = ConnectionOptions()
    package var output = OutputOptions()
    /// `--probe`: connect, start TLS, print the capabilities, quit; no login, no transfer.
    package var probe = false
    /// `-D FILE`: the server's response lines, as curl writes them for IMAP, POP3 and SMTP.
    package var dumpHeader: String?
    /// An earlier transfer of the run opened the same `-D` file: append to it.
    package var dumpHeaderContinues = false

    package static let specs =
        MailAuthOptions.specs + StartTLSOptions.specs + TLSOptions.specs
        + ConnectionOptions.specs + OutputOptions.specs

    /// Several URLs in a run (`-:`) and `-D`, for the tools with curl's pingpong protocols.
    package static let transferSpecs = [
        OptionSpec(
            "dump-header", short: "D", argument: "FILE",
            help: "Write every line the server sends to FILE (- for stdout), as curl does"),
        // Never parsed as an option: OptionParser splits the command line there.
        OptionSpec(
            "next", short: ":", negatable: false,
            help: "Start a new set of options for the URLs that follow (curl's -:)"),
    ]

    /// `--probe`, for the tools that have a capability list to show (SMTP, IMAP, POP3).
    package static let probeSpecs = [
        OptionSpec(
            "probe", help: "Connect, start TLS, print the server's capabilities and quit (no login, nothing sent)")
    ]

    package mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        if option.name == "probe" {
            probe = !option.negated
            return true
        }
        if option.name == "dump-header" {
            dumpHeader = option.argument
            return true
        }
        if try output.apply(option) { return true }
        if try auth.apply(option) { return true }
        if try startTLS.apply(option) { return true }
        if try tls.apply(option) { return true }
        return try connection.apply(option)
    }

    /// Applies every parsed option to `own` or to these groups; an option neither takes is a
    /// bug in the tool's table (the parser only accepts listed options). `requiresURL`: false
    /// for a run that takes its URLs from elsewhere (smtp-send's queue flush).
    package static func parse<Own: OptionGroup>(
        _ parsed: OptionParser.Result, own: inout Own, requiresURL: Bool = true
    ) throws -> MailToolOptions {
        var shared = MailToolOptions()
        for option in parsed.options where option.name != "help" && option.name != "version" {
            if try own.apply(option) || shared.apply(option) { continue }
        }
        guard requiresURL else { return shared }
        guard parsed.positionals.count == 1 else {
            throw ToolError.usage(parsed.positionals.isEmpty ? "no URL specified" : "only one URL per run")
        }
        return shared
    }

    /// Everything a mail session needs for `url`, checked before connecting: nothing is sent
    /// when an option, a credential file or the TLS configuration is unusable. A probe needs no
    /// credentials (and asks for no password).
    package func prepare(
        url: CurlURL, implicitTLS: Bool, defaultPort: Int, context: ToolContext
    ) throws -> MailSessionSetup {
        let credentials =
            probe
            ? nil : try auth.credentials(url: url, environment: context.environment, prompt: context.passwordPrompt)
        let preference = try auth.preference(url: url)
        let headers = try dumpHeader.map { path throws(ToolError) -> ByteSink in
            path == "-"
                ? context.standardOutput
                : try FileDescriptorSink.appending(path: path, truncating: !dumpHeaderContinues)
        }
        let trace = try output.trace(standardError: context.standardError, headers: headers, report: context.report)
        let tlsConfiguration = try tls.configuration(
            environment: context.environment,
            libraryVersion: context.tlsClient.libraryVersion,
            prompt: context.passwordPrompt)
        let server = ServerConnection(
            connection: connection, tlsConfiguration: tlsConfiguration, tlsClient: context.tlsClient,
            connector: context.connector,
            trace: trace, deadline: connection.operationDeadline(), report: context.report)
        let upgrade = TLSUpgrade(policy: implicitTLS ? .never : startTLS.policy) {
            try server.startTLS($0, host: url.host)
        }
        let tool = context.programName.split(separator: "/").last.map(String.init) ?? ""
        let standardError = context.standardError, shown = output.showsErrors
        return MailSessionSetup(
            url: url, implicitTLS: implicitTLS, port: url.effectivePort ?? defaultPort, server: server,
            trace: trace, credentials: credentials, preference: preference, upgrade: upgrade,
            allowPlaintextCredentials: startTLS.plaintextRequested, initialResponse: auth.initialResponse,
            warn: { text in
                guard shown else { return }
                try? standardError.write((tool.isEmpty ? "" : tool + ": ") + "warning: \(text)\n")
            },
            report: context.report)
    }
}

/// What `MailToolOptions.prepare` resolved for one URL.
package struct MailSessionSetup {
    package let url: CurlURL
    package let implicitTLS: Bool
    package let port: Int
    package let server: ServerConnection
    package let trace: Trace
    package let credentials: SASLCredentials?
    package let preference: SASLMechanismPreference
    package let upgrade: TLSUpgrade
    package let allowPlaintextCredentials: Bool
    package let initialResponse: Bool
    /// One line on stderr that shows without `-v` (`-s` hides it, as it hides errors).
    package let warn: (String) -> Void

    /// Says so when the session goes on without TLS because the server offers no STARTTLS:
    /// trying STARTTLS is the default, and going on in plaintext must not pass unnoticed.
    package func noteContinuingWithoutTLS(isSecure: Bool) {
        guard !isSecure, upgrade.policy == .ifOffered else { return }
        warn(
            "\(ControlCharacterEscaping.escape(url.host)) does not offer STARTTLS; continuing WITHOUT TLS "
                + "(--ssl-reqd refuses this, --no-ssl asks for it)")
    }
    /// The run's report (`--json`), for the command's own parts.
    package let report: RunRecorder

    /// Connects (TLS from the first byte for the implicit-TLS schemes); the server's greeting
    /// is awaited within the connect timeout.
    package func open() throws -> ByteStream {
        try server.open(
            host: url.host, port: UInt16(port), implicitTLS: implicitTLS, scheme: url.scheme, greeting: true)
    }
}
