/// curl's command-line grammar: `-v`, grouped flags `-sS`, `-o FILE` or `-oFILE`, `--long VALUE`,
/// `--no-FLAG`, options before or after the URL, later options overriding earlier ones.
public struct OptionParser {
    public let specs: [OptionSpec]

    public init(specs: [OptionSpec]) {
        self.specs = specs
    }

    public struct Result: Equatable {
        public var options: [ParsedOption] = []
        public var positionals: [String] = []
        /// The option sets after each `-:`/`--next` (curl's separator), in order; see `TransferList`.
        public var nextGroups: [Result] = []
    }

    public func parse(_ arguments: [String]) throws(ToolError) -> Result {
        // `-:`/`--next` separate option sets for the tools that list it (see `TransferList`).
        if specs.contains(where: { $0.long == "next" }),
            let separator = arguments.firstIndex(where: { $0 == "-:" || $0 == "--next" })
        {
            var result = try parse(Array(arguments[..<separator]))
            let rest = try parse(Array(arguments[(separator + 1)...]))
            result.nextGroups = [Result(options: rest.options, positionals: rest.positionals)] + rest.nextGroups
            return result
        }
        var result = Result()
        var index = 0
        func nextValue(for name: String) throws(ToolError) -> String {
            index += 1
            guard index < arguments.count else { throw ToolError.usage("option \(name): requires parameter") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--") && argument.count > 2 {
                let name = String(argument.dropFirst(2))
                if let spec = specs.first(where: { $0.long == name }) {
                    let value = spec.takesArgument ? try nextValue(for: argument) : nil
                    result.options.append(ParsedOption(spec: spec, value: value, negated: false))
                } else if name.hasPrefix("no-"),
                    let spec = specs.first(where: { $0.long == name.dropFirst(3) && $0.negatable })
                {
                    result.options.append(ParsedOption(spec: spec, value: nil, negated: true))
                } else {
                    throw ToolError.usage("option \(argument): is unknown")
                }
            } else if argument.hasPrefix("-") && argument.count > 1 {
                var letters = Substring(argument.dropFirst())
                while let letter = letters.first {
                    letters = letters.dropFirst()
                    guard let spec = specs.first(where: { $0.short == letter }) else {
                        throw ToolError.usage("option -\(letter): is unknown")
                    }
                    if spec.takesArgument {
                        let value = letters.isEmpty ? try nextValue(for: "-\(letter)") : String(letters)
                        result.options.append(ParsedOption(spec: spec, value: value, negated: false))
                        break
                    }
                    result.options.append(ParsedOption(spec: spec, value: nil, negated: false))
                }
            } else {
                result.positionals.append(argument)
            }
            index += 1
        }
        return result
    }
}

/// Argument conversions shared by the option groups, with curl's messages.
package enum OptionValue {
    /// Seconds as a decimal number ("2", "0.5"), as `--connect-timeout` and `--max-time` take it.
    package static func seconds(_ option: ParsedOption) throws(ToolError) -> Double {
        guard let value = Double(option.argument), value >= 0, value.isFinite else {
            throw ToolError.usage("option --\(option.name): expected a proper numerical parameter")
        }
        return value
    }

    package static func integer(_ option: ParsedOption) throws(ToolError) -> Int {
        guard let value = Int(option.argument) else {
            throw ToolError.usage("option --\(option.name): expected a proper numerical parameter")
        }
        return value
    }
}
