extension ConfigFile {
    /// The settings that apply for `account` (nil: the defaults only) as the options of the tool
    /// whose table is `specs`, the same values its command line gives. Settings that only other
    /// tools know are left out; a short option or a value that does not fit is an error with
    /// the line number (never with the value, which may be a password).
    public func options(account: String?, specs: [OptionSpec]) throws(ToolError) -> [ParsedOption] {
        var settings = defaults
        if let account, let chosen = self.account(account) { settings += chosen.settings }
        var options: [ParsedOption] = []
        for setting in settings {
            if let option = try option(for: setting, specs: specs) { options.append(option) }
        }
        return options
    }

    private func option(for setting: Setting, specs: [OptionSpec]) throws(ToolError) -> ParsedOption? {
        let key = setting.key
        if key == "tls-min" { return try tlsMinimum(setting, specs: specs) }
        if key.hasPrefix("-") {
            guard let spec = specs.first(where: { $0.short == key.last }) else {
                throw failure(setting.line, "option \(key): is unknown (a file shared by the tools needs long names)")
            }
            return try option(spec, setting, negated: false)
        }
        if let spec = specs.first(where: { $0.long == key }) { return try option(spec, setting, negated: false) }
        if key.hasPrefix("no-"), let spec = specs.first(where: { $0.long == key.dropFirst(3) }) {
            guard spec.negatable else { throw failure(setting.line, "option --\(key): is unknown") }
            return try option(spec, setting, negated: true)
        }
        return nil
    }

    private func option(_ spec: OptionSpec, _ setting: Setting, negated: Bool) throws(ToolError) -> ParsedOption {
        let name = (negated ? "--no-" : "--") + spec.long
        if spec.takesArgument {
            guard let value = setting.value else { throw failure(setting.line, "option \(name): requires parameter") }
            return ParsedOption(spec: spec, value: value, negated: false)
        }
        guard setting.value == nil else { throw failure(setting.line, "option \(name): takes no value") }
        return ParsedOption(spec: spec, value: nil, negated: negated)
    }

    /// `tls-min 1.2`: curl's `--tlsv1.2` (the lowest TLS version to accept), spelled as a key.
    private func tlsMinimum(_ setting: Setting, specs: [OptionSpec]) throws(ToolError) -> ParsedOption? {
        let versions = ["1.0", "1.1", "1.2", "1.3"]
        guard let value = setting.value, versions.contains(value) else {
            throw failure(setting.line, "tls-min: expected 1.0, 1.1, 1.2 or 1.3")
        }
        return specs.first { $0.long == "tlsv" + value }.map { ParsedOption(spec: $0, value: nil, negated: false) }
    }
}
