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
    /// `--json FILE` writes this run's `RunReport` (false when the tool's own options have a `--json`).
    public let writesRunReport: Bool

    public static let commonSpecs: [OptionSpec] = [
        OptionSpec("help", short: "h", negatable: false, help: "Show this help and exit"),
        OptionSpec(
            "version", short: "V", negatable: false,
            help: "Show version, TLS library, protocols and features, then exit"),
    ]

    public init(name: String, summary: String, specs: [OptionSpec], protocols: [String], features: [String]) {
        self.name = name
        self.summary = summary
        // A tool with a `--json` of its own (a report of another shape) keeps it; every other
        // tool gets the run report.
        let own = specs.filter { $0.long == "json" }
        writesRunReport = own.allSatisfy(RunReportOutput.isRunReportSpec)
        let report = writesRunReport && own.isEmpty ? RunReportOutput.specs : []
        self.specs = specs + report + ConfigOptions.specs + ToolRunner.commonSpecs
        self.protocols = protocols
        self.features = features
    }

    /// Parses, handles `--help`/`--version`, then runs `body` with the parsed options; returns
    /// the process exit status. With `--json FILE` the run's report is written at the end,
    /// whatever the outcome (unless the command line itself could not be parsed).
    public func run(
        _ context: ToolContext,
        body: (OptionParser.Result, inout ErrorDisplay) throws -> Void
    ) -> Int32 {
        // A reader that went away is a write error (23), not a silent death by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var display = ErrorDisplay()
        context.report.reset()
        // The command line's --json, for a failure before the config file is merged.
        var reportPath: String?
        var report: RunReportDestination?
        let status: Int32
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
            reportPath = startReport(parsed, context: context)
            var merged = try ConfigOptions.merge(parsed, specs: specs, context: context)
            if writesRunReport {
                reportPath = nil
                if let path = startReport(merged, context: context) { report = try RunReportDestination(path: path) }
                merged = RunReportOutput.removing(merged)
            }
            try body(merged, &display)
            status = CurlCode.ok.rawValue
        } catch {
            let failed = fail(error, display: display, context: context)
            let destination = report ?? reportPath.flatMap { try? RunReportDestination(path: $0) }
            guard let destination else { return failed }
            writeReport(to: destination, status: failed, error: error, display: display, context: context)
            return failed
        }
        guard let report else { return status }
        return writeReport(to: report, status: status, error: nil, display: display, context: context)
    }

    /// The error line on stderr (unless `-s`), and the exit status for `error`.
    private func fail(_ error: Error, display: ErrorDisplay, context: ToolContext) -> Int32 {
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

    /// The report's path when these options ask for one, recording started.
    private func startReport(_ parsed: OptionParser.Result, context: ToolContext) -> String? {
        guard writesRunReport, let path = RunReportOutput.path(in: parsed.options) else { return nil }
        if !context.report.isEnabled { context.report.enable(tool: name) }
        return path
    }

    /// Writes the report of a run that ended with `status`; a report that cannot be written
    /// fails a run that had succeeded (curl 23) and is said on stderr either way.
    @discardableResult
    private func writeReport(
        to destination: RunReportDestination, status: Int32, error: Error?, display: ErrorDisplay,
        context: ToolContext
    ) -> Int32 {
        let failure = error.map {
            RunReport.Failure(
                curlCode: ExitCodeMapping.code(for: $0).rawValue,
                message: ControlCharacterEscaping.escape(ExitCodeMapping.message(for: $0)))
        }
        do {
            try destination.write(
                context.report.finish(exitCode: status, error: failure), to: context.standardOutput)
            return status
        } catch {
            let writeStatus = fail(error, display: display, context: context)
            return status == CurlCode.ok.rawValue ? writeStatus : status
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
