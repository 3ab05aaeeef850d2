import Transport

/// What the user sees on stderr: verbosity, error display, traces.
public struct OutputOptions: OptionGroup {
    public var verbose = false
    public var silent = false
    public var showError = false
    public var traceASCII: String?

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec("verbose", short: "v", help: "Show the dialog and TLS details on stderr"),
        OptionSpec("silent", short: "s", help: "Silent mode: no progress, no error messages"),
        OptionSpec("show-error", short: "S", help: "Show error messages even with -s"),
        OptionSpec("trace-ascii", argument: "FILE", help: "Write a trace of all exchanged data to FILE (- for stderr)"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "verbose": verbose = !option.negated
        case "silent": silent = !option.negated
        case "show-error": showError = !option.negated
        case "trace-ascii": traceASCII = option.argument
        default: return false
        }
        return true
    }

    /// Whether an error line is printed: always, unless `-s` without `-S`.
    public var showsErrors: Bool { !silent || showError }

    /// The trace these options ask for: `-v` to stderr, `--trace-ascii` to a file or stderr;
    /// `headers`: where the server's lines go besides (`-D FILE`); its lines also go into the
    /// run's report when one is written (`--json`).
    public func trace(
        standardError: ByteSink, headers: ByteSink? = nil, report: RunRecorder? = nil
    ) throws -> Trace {
        let ascii = try traceASCII.map { path throws(ToolError) -> ByteSink in
            path == "-" ? standardError : try FileDescriptorSink.create(path: path)
        }
        let terminal = TerminalTrace(verbose: verbose ? standardError : nil, ascii: ascii, headers: headers)
        guard let report, report.isEnabled else { return terminal }
        return RecordingTrace(forwardingTo: terminal, recorder: report)
    }
}
