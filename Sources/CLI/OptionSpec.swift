/// One command-line option as curl spells it. Tools list their options as tables of these, which
/// is also what `--help` prints and what the man-page test compares against.
public struct OptionSpec: Sendable, Equatable {
    /// The long name without dashes ("connect-timeout").
    public let long: String
    /// The single-letter alias, if any ("m").
    public let short: Character?
    /// The argument's placeholder ("SECONDS"); nil for a flag.
    public let argument: String?
    public let help: String
    /// Whether `--no-NAME` switches the flag off (curl's booleans); false for flags that select
    /// something (`--tlsv1.3`, `--sslv3`, `--help`), where a negation would mean nothing.
    public let negatable: Bool

    public init(_ long: String, short: Character? = nil, argument: String? = nil, negatable: Bool = true, help: String)
    {
        self.long = long
        self.short = short
        self.argument = argument
        self.negatable = argument == nil && negatable
        self.help = help
    }

    public var takesArgument: Bool { argument != nil }

    /// "-m, --max-time SECONDS", as `--help` shows it.
    public var synopsis: String {
        let names = (short.map { "-\($0), " } ?? "    ") + "--" + long
        return argument.map { names + " " + $0 } ?? names
    }
}

/// One occurrence of an option on the command line, in order.
public struct ParsedOption: Sendable, Equatable {
    public let spec: OptionSpec
    /// The argument, for options that take one.
    public let value: String?
    /// True for `--no-NAME` on a flag (curl's way to switch a boolean off).
    public let negated: Bool

    public var name: String { spec.long }

    /// The argument of an option that requires one (the parser guarantees it is there).
    public var argument: String { value ?? "" }
}
