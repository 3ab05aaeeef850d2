#if canImport(Glibc)
    import Glibc
#endif

/// `-K/--config FILE` and `-a/--account NAME`, shared by every tool. Without `--config` the
/// default file `$XDG_CONFIG_HOME/mailtls/config` (else `~/.config/mailtls/config`) is read when
/// it exists. The chosen account's settings (the file's defaults, then the account's) come
/// before the command line's options, so the command line wins. A curl `-K` file is the same
/// format without `account` headers: one reader serves both.
package enum ConfigOptions {
    package static let specs: [OptionSpec] = [
        OptionSpec(
            "config", short: "K", argument: "FILE",
            help: "Read options and accounts from FILE (- for stdin) instead of ~/.config/mailtls/config"),
        OptionSpec("account", short: "a", argument: "NAME", help: "Use account NAME of the config file"),
        OptionSpec("url", argument: "URL", help: "The URL to use (as the positional argument; also a config key)"),
    ]

    /// The command line's options after the config file's, without `config`/`account`/`url`;
    /// the URL (`--url` or the config's `url` when no URL is given) joins the positionals.
    package static func merge(
        _ parsed: OptionParser.Result, specs: [OptionSpec], context: ToolContext
    ) throws(ToolError) -> OptionParser.Result {
        let files = try readFiles(parsed, context: context)
        let chosen = parsed.options.last { $0.name == "account" }?.argument
        if let chosen, files.isEmpty {
            throw ToolError.usage("option --account \(chosen): there is no config file (\(defaultPathText(context)))")
        }
        // A URL on the command line is a server of its own: the default account's user, password
        // command and TLS pins are for the default account's server and must not go to another.
        let namesURL = !parsed.positionals.isEmpty || parsed.options.contains { $0.name == "url" }
        let account = chosen != nil || !namesURL ? try selectAccount(chosen, in: files) : nil
        var fileOptions: [ParsedOption] = []
        for file in files { fileOptions += try file.options(account: account, specs: specs) }
        var result = OptionParser.Result()
        result.nextGroups = parsed.nextGroups
        result.positionals = parsed.positionals + parsed.options.filter { $0.name == "url" }.map(\.argument)
        if result.positionals.isEmpty, let url = fileOptions.last(where: { $0.name == "url" }) {
            result.positionals = [url.argument]
        }
        result.options = (fileOptions + parsed.options).filter { !["config", "account", "url"].contains($0.name) }
        return result
    }

    /// `default NAME` (the last one read), else an account called `default` (msmtp's
    /// `account default : NAME`), else none: the files' defaults alone apply. The default
    /// account is not chosen for a command line that names a URL (see `merge`).
    static func selectAccount(_ chosen: String?, in files: [ConfigFile]) throws(ToolError) -> String? {
        if let chosen {
            guard files.contains(where: { $0.account(chosen) != nil }) else {
                let names = files.map(\.name).joined(separator: ", ")
                throw ToolError.usage("option --account: account \(chosen) is not defined in \(names)")
            }
            return chosen
        }
        if let file = files.last(where: { $0.defaultAccount != nil }), let line = file.defaultAccount {
            let name = line.value ?? ""
            guard files.contains(where: { $0.account(name) != nil }) else {
                throw file.failure(line.line, "default account \(name) is not defined")
            }
            return name
        }
        return files.contains { $0.account("default") != nil } ? "default" : nil
    }

    private static func readFiles(_ parsed: OptionParser.Result, context: ToolContext) throws(ToolError) -> [ConfigFile]
    {
        let paths = parsed.options.filter { $0.name == "config" }.map(\.argument)
        if paths.isEmpty {
            guard let path = defaultPath(context.environment), access(path, F_OK) == 0 else { return [] }
            return [try read(path, context: context)]
        }
        var files: [ConfigFile] = []
        for path in paths { files.append(try read(path, context: context)) }
        return files
    }

    private static func read(_ path: String, context: ToolContext) throws(ToolError) -> ConfigFile {
        if path == "-" {
            let bytes = try SecretFile.read(descriptor: context.standardInput, name: "<stdin>", what: "config")
            return try ConfigFile(parsing: bytes, name: "<stdin>")
        }
        let (bytes, mode) = try SecretFile.read(path, what: "config file")
        let file = try ConfigFile(parsing: bytes, name: path)
        if file.holdsSecrets { try SecretFile.requirePrivate(path, mode: mode, what: "config file") }
        return file
    }

    /// `$XDG_CONFIG_HOME/mailtls/config` (an absolute XDG_CONFIG_HOME only, as the XDG base
    /// directory rules say), else `$HOME/.config/mailtls/config`; nil without either.
    package static func defaultPath(_ environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/mailtls/config" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/mailtls/config" }
        return nil
    }

    private static func defaultPathText(_ context: ToolContext) -> String {
        defaultPath(context.environment).map { "\($0) does not exist; give --config FILE" } ?? "give --config FILE"
    }
}
