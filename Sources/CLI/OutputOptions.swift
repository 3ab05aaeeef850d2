/// What the user sees: verbosity, error display, traces and where the result goes.
public struct OutputOptions: OptionGroup {
    public var verbose = false
    public var silent = false
    public var showError = false
    public var traceASCII: String?
    public var output: String?

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec("verbose", short: "v", help: "Show the dialog and TLS details on stderr"),
        OptionSpec("silent", short: "s", help: "Silent mode: no progress, no error messages"),
        OptionSpec("show-error", short: "S", help: "Show error messages even with -s"),
        OptionSpec("trace-ascii", argument: "FILE", help: "Write a trace of all exchanged data to FILE (- for stderr)"),
        OptionSpec("output", short: "o", argument: "FILE", help: "Write the result to FILE instead of stdout"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "verbose": verbose = !option.negated
        case "silent": silent = !option.negated
        case "show-error": showError = !option.negated
        case "trace-ascii": traceASCII = option.argument
        case "output": output = option.argument
        default: return false
        }
        return true
    }

    /// Whether an error line is printed: always, unless `-s` without `-S`.
    public var showsErrors: Bool { !silent || showError }
}
