import Codec
import ExitCode

#if canImport(Glibc)
    import Glibc
#endif

/// What every tool shares around its own work: option parsing with curl's grammar, the config
/// file and its accounts, `--help`, `--version`, the trace, and rendering a failure as `<tool>: (<code>) <message>` with curl's
/// exit code. A tool supplies its option table and a body that does the transfer.
public struct ToolRunner: Sendable {
    public let name: String
    public let summary: String
    public let specs: [OptionSpec]
    public let protocols: [String]
    public let features: [String]
    /// Turns the command line into the tool's own before parsing (sendmail mode's translation).
    public var rewriteArguments: (@Sendable ([String]) throws(ToolError) -> [String])?
    /// The exit status for a failure; curl's code unless a mode says otherwise (sysexits).
    public var exitStatus: @Sendable (Error) -> Int32 = { ExitCodeMapping.code(for: $0).rawValue }

    public static let commonSpecs: [OptionSpec] = [
        OptionSpec("help", short: "h", negatable: false, help: "Show this help and exit"),
        OptionSpec(
            "version", short: "V", negatable: false,
            help: "Show version, TLS library, protocols and features, then exit"),
    ]

    public init(name: String, summary: String, specs: [OptionSpec], protocols: [String], features: [String]) {
        self.name = name
        self.summary = summary
        self.specs = specs + ConfigOptions.specs + ToolRunner.commonSpecs
        self.protocols = protocols
        self.features = features
    }

    /// Parses, handles `--help`/`--version`, then runs `body` with the parsed options; returns
    /// the process exit status.
    public func run(
        _ context: ToolContext,
        body: (OptionParser.Result, inout ErrorDisplay) throws -> Void
    ) -> Int32 {
        // A reader that went away is a write error (23), not a silent death by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var display = ErrorDisplay()
        do {
            let arguments = try rewriteArguments?(context.arguments) ?? context.arguments
            let parsed = try OptionParser(specs: specs).parse(arguments)
            if context.isProcess { SecretArguments.scrub(specs: specs) }
            if parsed.options.contains(where: { $0.name == "help" }) {
                try context.standardOutput.write(helpText)
                return CurlCode.ok.rawValue
            }
            if parsed.options.contains(where: { $0.name == "version" }) {
                let info = VersionInfo(
                    tool: name, tlsLibrary: context.tlsClient.libraryVersion,
                    protocols: protocols, features: features)
                try context.standardOutput.write(info.text)
                return CurlCode.ok.rawValue
            }
            try body(try ConfigOptions.merge(parsed, specs: specs, context: context), &display)
            return CurlCode.ok.rawValue
        } catch {
            let code = ExitCodeMapping.code(for: error)
            let status = exitStatus(error)
            if display.showsErrors {
                let message = ControlCharacterEscaping.escape(ExitCodeMapping.message(for: error))
                try? context.standardError.write("\(name): (\(status)) \(message)\n")
                if code == .failedInit, error is ToolError {
                    try? context.standardError.write("\(name): try '\(name) --help' for more information\n")
                }
            }
            return status
        }
    }

    public var helpText: String {
        var text = "Usage: \(name) [options...] <url>\n\(summary)\n\nOptions:\n"
        for spec in specs {
            let synopsis = " " + spec.synopsis
            let padding = String(repeating: " ", count: max(1, 34 - synopsis.count))
            text += synopsis + padding + spec.help + "\n"
        }
        return text
    }
}

/// Whether the final error line is shown; the tool sets it from `-s`/`-S` once options are read.
public struct ErrorDisplay {
    public var showsErrors = true
    public init() {}
}
